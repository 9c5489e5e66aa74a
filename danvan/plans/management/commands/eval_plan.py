"""`danvan plan eval FILE GOLD.json [--citations GOLD.json]`: per-field precision, recall and F1."""

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.plans.extract import ReadError, assignment_rows, citation_rows, read_path, read_plan
from danvan.plans.extract.evaluate import evaluate, evaluate_citations
from danvan.plans.services import read_error_message


def _load(path: str) -> list:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise CommandError(
            _("The gold file “%(name)s” cannot be read: %(error)s") % {"name": path, "error": error}
        ) from error
    if isinstance(data, dict):
        data = data.get("assignments") or data.get("documents") or data.get("citations") or []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise CommandError(_("The gold file “%(name)s” must be a JSON list of objects.") % {"name": path})
    return data


class Command(BaseCommand):
    help = "Compare the reading of a plan document with a hand-annotated gold file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Plan document.")
        parser.add_argument("gold", help="Gold assignments: a JSON list in the gold schema.")
        parser.add_argument(
            "--citations", help="Gold cited documents: a JSON list (doc_type, symbol, date, issuer)."
        )
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, file: str, gold: str, **options) -> None:
        try:
            text = read_path(file)
        except ReadError as error:
            raise CommandError(read_error_message(error)) from error
        plan = read_plan(text, os.path.basename(file))
        result = {"assignments": evaluate(_load(gold), assignment_rows(plan))}
        if options.get("citations"):
            result["citations"] = evaluate_citations(_load(options["citations"]), citation_rows(plan))
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        figures = result["assignments"]
        self.stdout.write(f"{'field':<26}{'precision':>10}{'recall':>10}{'F1':>8}")
        for field in (
            "assignments",
            "lead",
            "co_leads_coordinators",
            "co_leads",
            "coordinators",
            "executors",
        ):
            row = figures[field]
            self.stdout.write(f"{field:<26}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>8.3f}")
        self.stdout.write(f"{'recurrence (accuracy)':<26}{figures['recurrence_accuracy']:>28.3f}")
        self.stdout.write(f"{'due date (accuracy)':<26}{figures['due_accuracy']:>28.3f}")
        if "citations" in result:
            cit = result["citations"]
            row = cit["documents"]
            self.stdout.write(
                f"{'cited documents':<26}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>8.3f}"
            )
            self.stdout.write(f"{'citation date (accuracy)':<26}{cit['date_accuracy']:>28.3f}")
            self.stdout.write(f"{'citation issuer (accuracy)':<26}{cit['issuer_accuracy']:>28.3f}")
        for text in figures["unmatched_gold"]:
            self.stdout.write(_("missed: %(task)s") % {"task": text})
        for text in figures["unmatched_predicted"]:
            self.stdout.write(_("extra: %(task)s") % {"task": text})
        self.stdout.write(
            _("%(matched)d of %(gold)d gold assignments matched (%(predicted)d read).")
            % {"matched": figures["matched"], "gold": figures["gold"], "predicted": figures["predicted"]}
        )
