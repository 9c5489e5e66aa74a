"""`danvan report consolidated --period 2024 --out FILE.docx`: write the consolidated report to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.audit import acting_as
from danvan.reporting import consolidated
from danvan.reporting.choices import PeriodKind
from danvan.reporting.models import ConsolidatedReport, ReportingPeriod


class Command(BaseCommand):
    help = (
        "Write the consolidated report of a reporting period as DOCX, PDF or XLSX (by the file's extension)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--period",
            required=True,
            help="Year of an annual period (2024), or the id of any period (id:12).",
        )
        parser.add_argument(
            "--plan", help="Plan number and symbol (31-KH/TU) when several plans have that year."
        )
        parser.add_argument(
            "--out", required=True, help="Output file: .docx, .pdf or .xlsx (the task annex)."
        )
        parser.add_argument(
            "--report-version", type=int, help="Write an issued version instead of the current draft."
        )

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in consolidated.FORMATS:
            raise CommandError(f"Unknown output type '{out.suffix}': use .docx, .pdf or .xlsx.")
        period = self._period(options["period"], options.get("plan"))
        if options.get("report_version"):
            report = ConsolidatedReport.objects.filter(
                period=period, version=options["report_version"]
            ).first()
            if report is None:
                number = options["report_version"]
                raise CommandError(f"{period} has no version {number} of the consolidated report.")
            if not report.is_draft and getattr(report, fmt):
                out.write_bytes(getattr(report, fmt).read())
                self.stdout.write(f"Wrote issued version {report.version} of {period} to {out}.")
                return
        else:
            with acting_as("cli"):
                report = consolidated.start_consolidated(period, actor=None)
        content = consolidated.render(report, formats=(fmt,))[fmt]
        out.write_bytes(content)
        self.stdout.write(
            f"Wrote {fmt.upper()} of the consolidated report for {period} "
            f"(version {report.version}, {len(content)} bytes) to {out}."
        )

    def _period(self, value: str, plan: str | None) -> ReportingPeriod:
        periods = ReportingPeriod.objects.select_related("plan")
        if value.startswith("id:"):
            found = periods.filter(pk=value[3:]).first() if value[3:].isdigit() else None
            if found is None:
                raise CommandError(f"No reporting period has the id {value[3:]}.")
            return found
        if not value.isdigit():
            raise CommandError(f"'{value}' is not a year: give --period 2024 or --period id:12.")
        matches = periods.filter(kind=PeriodKind.ANNUAL, year=int(value))
        if plan:
            matches = matches.filter(plan__symbol=plan)
        found = list(matches[:2])
        if not found:
            raise CommandError(
                f"No annual reporting period for {value}. Create it first on the Reports page."
            )
        if len(found) > 1:
            raise CommandError(f"Several plans have an annual period for {value}: add --plan SYMBOL.")
        return found[0]
