"""XLSX export of the completeness table (openpyxl), limited to what the user may see."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import ReportingPeriod


def completeness_workbook(period: ReportingPeriod, user) -> bytes:
    """Sheet 1: expected / received / on time and the rates by district, with the total; sheet 2:
    every body with its report's state. Counted from `services.completeness(period, user=user)`,
    i.e. only over the obligations and reports the user's `visible_to` lets through."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    result = services.completeness(period, user=user)
    bold = Font(bold=True)
    book = Workbook()
    title = f"{_('Completeness and timeliness')} · {period.label} · {period.plan.symbol or period.plan.title}"

    districts = book.active
    districts.title = _("By area")[:31]
    districts.append([title])
    districts.append(
        [
            _("Area"),
            _("Expected"),
            _("Received"),
            _("On time"),
            _("Not reported"),
            _("Reporting rate (%)"),
            _("On-time rate (%)"),
        ]
    )
    for tally in [*result.by_district, result.total]:
        districts.append(
            [
                tally.label,
                tally.expected,
                tally.received,
                tally.on_time,
                tally.missing,
                tally.received_rate,
                tally.on_time_rate,
            ]
        )
    for cell in (*districts[1], *districts[2], *districts[districts.max_row]):
        cell.font = bold

    bodies = book.create_sheet(_("Each body")[:31])
    bodies.append([title])
    bodies.append([_("Body"), _("Area"), _("Report"), _("Timeliness"), _("First submitted"), _("Exemption")])
    for line in result.lines:
        report = line.report
        if line.exempt:
            state = _("exempt")
        elif report is not None:
            state = report.get_status_display()
        else:
            state = _("No report yet")
        timeliness = _("late") if line.late else (_("on time") if line.on_time else None)
        submitted = report.first_submitted_at if report is not None else None
        bodies.append(
            [
                line.unit.name,
                line.obligation.district.name if line.obligation.district_id else None,
                state,
                timeliness,
                timezone.localdate(submitted) if submitted else None,
                line.obligation.reason if line.exempt else None,
            ]
        )
        if submitted:
            bodies.cell(row=bodies.max_row, column=5).number_format = "dd/mm/yyyy"
    for cell in (*bodies[1], *bodies[2]):
        cell.font = bold
    for sheet, widths in ((districts, [40, 14, 14, 14, 14, 18, 18]), (bodies, [50, 30, 22, 14, 16, 40])):
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
