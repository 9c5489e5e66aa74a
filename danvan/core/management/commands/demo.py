"""`danvan demo`: demo data for every app, so each page has something to show.

Each app that has demo data provides `danvan/<app>/demo.py` with
`build(*, scale: str, stdout) -> None`; they run in DEMO_APPS order (later apps use earlier data).
"""

from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.core.audit import acting_as
from danvan.orgs.models import User

DEMO_APPS = [
    "orgs",
    "documents",
    "plans",
    "tracking",
    "reporting",
    "indicators",
    "movement",
    "citizens",
    "portal",
]


class Command(BaseCommand):
    help = "Create demo accounts and records for every app (after `danvan orgs load`)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when accounts already exist.")
        parser.add_argument(
            "--scale",
            choices=["small", "province"],
            default="small",
            help="small: enough to show every page; province: benchmark volumes.",
        )

    def handle(self, *args, **options) -> None:
        if options["if_empty"] and User.objects.filter(is_superuser=False).exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        built = []
        with acting_as("cli"), transaction.atomic():
            for app in DEMO_APPS:
                module_name = f"danvan.{app}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).build(scale=options["scale"], stdout=self.stdout)
                built.append(app)
        self.stdout.write(f"Demo data built for: {', '.join(built)} (scale {options['scale']}).")
