"""`danvan orgs load`: load the org registry's reference data (bodies, administrative units, history).

Idempotent and in one transaction: a second run changes nothing. Sources and choices are in
docs/reference-data.md and danvan/orgs/reference/.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.orgs.reference import build
from danvan.orgs.reference.loader import Loader, ReferenceDataError


class Command(BaseCommand):
    help = (
        "Load the reference org units (bodies of the seed plan, Đồng Nai's administrative units) "
        "and their history."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute what would change, then roll everything back."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        warn = (lambda message: self.stderr.write(message)) if options["verbosity"] >= 1 else None
        try:
            result = Loader(build(), warn=warn).run(dry_run=dry_run)
        except (ReferenceDataError, ValueError) as error:
            raise CommandError(str(error)) from error
        summary = _(
            "Org units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged; "
            "events: %(events)d recorded, %(events_unchanged)d already present (%(seconds).1f s)."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "events": result.events_created,
            "events_unchanged": result.events_unchanged,
            "seconds": result.seconds,
        }
        if dry_run:
            summary = _("Dry run, nothing saved. ") + summary
        self.stdout.write(summary)
