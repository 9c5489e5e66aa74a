"""`danvan worker`: the background job worker (django-tasks-db), started by `make run`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the database-backed job worker (reminders, imports, report generation)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process waiting jobs, then exit.")

    def handle(self, *args, **options) -> None:
        call_command("db_worker", batch=options["batch"])
