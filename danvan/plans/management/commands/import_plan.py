"""`danvan plan import FILE [--dry-run] [--json]`: read a plan document and save it (or only show it)."""

import json
import os
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.plans import services
from danvan.plans.extract import plan_json


class Command(BaseCommand):
    help = (
        "Read a plan document (.txt, .md, .docx, .pdf) into a plan with its tasks, assignments and citations."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Path of the plan document.")
        parser.add_argument("--dry-run", action="store_true", help="Read and match, save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the extracted plan as JSON (gold schema)."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="When the document was imported before, rewrite that plan instead of stopping.",
        )

    def handle(self, *args, file: str, dry_run: bool, update: bool, **options) -> None:
        started = time.perf_counter()
        if not os.path.exists(file):
            raise CommandError(_("The file “%(name)s” does not exist.") % {"name": file})
        with open(file, "rb") as handle:
            data = handle.read()
        name = os.path.basename(file)
        try:
            with acting_as("cli"):
                extracted = services.read_document(data, name)
                services.match_bodies(extracted)
                plan = None
                if not dry_run:
                    existing = services.find_existing(extracted, services.fingerprint(extracted.source_text))
                    if existing is not None and not update:
                        raise CommandError(
                            _("“%(name)s” was already imported as plan #%(id)d; use --update to rewrite it.")
                            % {"name": name, "id": existing.pk}
                        )
                    plan = services.save_extracted_plan(extracted, actor=None, update_plan=existing)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if options["json"]:
            self.stdout.write(json.dumps(plan_json(extracted), ensure_ascii=False, indent=1, default=str))
        names = [n for t in extracted.tasks for n in t.names]
        unmatched = sum(1 for n in names if n.unit_id is None and not n.is_group)
        summary = _(
            "%(name)s: %(sections)d sections, %(tasks)d tasks, %(names)d assigned bodies "
            "(%(unmatched)d unmatched), "
            "%(targets)d targets, %(citations)d citations in %(seconds).2f s"
        ) % {
            "name": name,
            "sections": len(extracted.sections),
            "tasks": len(extracted.tasks),
            "names": len(names),
            "unmatched": unmatched,
            "targets": len(extracted.targets),
            "citations": len(extracted.citations),
            "seconds": time.perf_counter() - started,
        }
        if plan is not None:
            summary += " — " + _("saved as plan #%(id)d.") % {"id": plan.pk}
        elif dry_run:
            summary += " — " + _("dry run, nothing saved.")
        (self.stderr if options["json"] else self.stdout).write(summary)
