"""`danvan send_recommendation_reminders`: remind bodies of recommendations after supervision (daily)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from danvan.core.audit import acting_as
from danvan.movement.services import supervision


class Command(BaseCommand):
    help = (
        "Remind the addressed bodies of recommendations awaiting an answer (before the due date, the day "
        "after, then weekly); never sends one twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send nothing.")
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD); default today.")

    def handle(self, *args, **options) -> None:
        day = None
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be written YYYY-MM-DD, got {options['date']!r}.") from error
        with acting_as("cli"):
            run = supervision.send_recommendation_reminders(today=day, dry_run=options["dry_run"])
        if options["verbosity"] > 1:
            for rec_id, rule, key, n in run.sent:
                self.stdout.write(f"  recommendation {rec_id}: {rule} ({key}) → {n} recipient(s)")
        self.stdout.write(run.summary())
