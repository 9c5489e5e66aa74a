"""`danvan worker`: the background job worker (django-tasks-db), started by `make run`.

The tasks API has no scheduler, so the worker queues the daily reminder run itself: at start it
queues one unless a run is already waiting (restarts never double-enqueue), and each run queues
the next day's. Sending twice is impossible anyway: every reminder has a unique record.

Beside the job loop a thread watches the online submissions (citizens' intake table is their queue)
and registers them as petitions every few seconds.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the database-backed job worker (reminders, imports, report generation, online submissions)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process waiting jobs, then exit.")
        parser.add_argument("--no-schedule", action="store_true", help="Do not queue the daily reminder run.")

    def handle(self, *args, **options) -> None:
        from danvan.citizens.tasks import start_intake_watcher

        if not options["no_schedule"]:
            from danvan.tracking.tasks import ensure_daily_run

            if ensure_daily_run(now_if_missing=True):
                self.stdout.write("Queued the daily reminder run.")
        # Online submissions received while no worker ran are registered now.
        call_command("process_petitions", stdout=self.stdout)
        if options["batch"]:
            call_command("db_worker", batch=True)
            return
        stop_watching = start_intake_watcher()
        try:
            call_command("db_worker", batch=False)
        finally:
            stop_watching.set()
