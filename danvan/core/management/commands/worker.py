"""`danvan worker`: the background job worker (django-tasks-db), started by `make run`.

The tasks API has no scheduler, so the worker queues the daily reminder run itself: at start it
queues one unless a run is already waiting (restarts never double-enqueue), and each run queues
the next day's. Sending twice is impossible anyway: every reminder has a unique record.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the database-backed job worker (reminders, imports, report generation)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process waiting jobs, then exit.")
        parser.add_argument("--no-schedule", action="store_true", help="Do not queue the daily reminder run.")

    def handle(self, *args, **options) -> None:
        if not options["no_schedule"]:
            from danvan.tracking.tasks import ensure_daily_run

            if ensure_daily_run(now_if_missing=True):
                self.stdout.write("Queued the daily reminder run.")
        # Online submissions whose job was lost (e.g. the worker stopped) are registered now.
        call_command("process_petitions", stdout=self.stdout)
        call_command("db_worker", batch=options["batch"])
