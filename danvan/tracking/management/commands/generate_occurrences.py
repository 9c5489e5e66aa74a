"""`danvan generate_occurrences`: create or regenerate occurrences for every task (after bulk imports)."""

from django.core.management.base import BaseCommand, CommandError

from danvan.core.audit import acting_as
from danvan.plans.models import Plan
from danvan.tracking import services


class Command(BaseCommand):
    help = "Create the occurrences of every task from its schedule; future ones follow schedule changes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--plan", type=int, help="Only this plan (id).")

    def handle(self, *args, **options) -> None:
        plans = Plan.objects.all()
        if options["plan"]:
            plans = plans.filter(pk=options["plan"])
            if not plans.exists():
                raise CommandError(f"No plan with id {options['plan']}.")
        created = removed = 0
        with acting_as("cli"):
            for plan in plans:
                c, r = services.sync_plan(plan)
                created, removed = created + c, removed + r
            moved = services.route_to_successors()
        self.stdout.write(
            f"{created} occurrence(s) created, {removed} removed, {moved} moved to successor bodies."
        )
