"""`danvan petitions process`: register the online submissions still waiting for their job."""

from django.core.management.base import BaseCommand

from danvan.citizens import services
from danvan.core.audit import acting_as


class Command(BaseCommand):
    help = (
        "Register every online submission that is still waiting (after a worker restart, or when its "
        "job failed). Safe to run at any time: a submission is never registered twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="At most this many submissions.")

    def handle(self, *args, **options) -> None:
        with acting_as("cli"):
            result = services.process_pending_intakes(limit=options["limit"])
        self.stdout.write(f"Online submissions: {result['processed']} registered, {result['failed']} failed.")
