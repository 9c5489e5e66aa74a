"""`danvan load_time_limits`: (re)load the statutory time limits as dated rules."""

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.citizens import time_limits
from danvan.citizens.models import TimeLimitRule
from danvan.citizens.services import recompute_open_deadlines
from danvan.core.audit import acting_as


class Command(BaseCommand):
    help = "Create or update the time-limit rules (legal basis, day unit, validity) from the shipped data."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List the rules without saving them.")
        parser.add_argument(
            "--overwrite-changes",
            action="store_true",
            help="Set the rules the Board changed in the application back to the shipped figures.",
        )

    def handle(self, *args, **options) -> None:
        rows = time_limits.rule_rows()
        if options["dry_run"]:
            for row in rows:
                self.stdout.write(f"{row['key']}: {row['days']} {row['unit']} — {row['legal_basis']}")
            self.stdout.write(f"{len(rows)} rule(s) would be loaded.")
            return
        with acting_as("cli"), transaction.atomic():
            created, updated, kept = time_limits.load(
                TimeLimitRule, keep_changes=not options["overwrite_changes"]
            )
            recomputed = recompute_open_deadlines()
        self.stdout.write(
            f"Time-limit rules: {created} created, {updated} updated, {kept} kept as the Board changed them; "
            f"due dates changed on {recomputed} open petition(s)."
        )
