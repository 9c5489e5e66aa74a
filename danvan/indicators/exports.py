"""XLSX export of indicator values (openpyxl), limited to what the user may see."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Indicator, IndicatorValue


def _yes_no(value) -> str:
    return "" if value is None else (_("Met") if value else _("Not met"))


def indicators_workbook(user, year: int) -> bytes:
    """Sheet 1: every indicator over its term; sheet 2: the year's values by district and commune."""
    wb = Workbook()
    overview = wb.active
    overview.title = _("Indicators")[:31]
    header = [
        _("Indicator"),
        _("Year"),
        _("Value (%)"),
        _("Target"),
        _("Result"),
        _("Numerator"),
        _("Denominator"),
        _("Units without an approved evaluation or figures"),
        _("Source"),
        _("Computed at"),
    ]
    overview.append(header)
    indicators = list(Indicator.objects.visible_to(user))
    values = (
        IndicatorValue.objects.visible_to(user)
        .current()
        .filter(indicator__in=indicators)
        .select_related("indicator", "criteria_set", "survey", "area")
        .order_by("indicator__order", "year", "area__path")
    )
    by_area = wb.create_sheet(_("By area")[:31])
    by_area.append(
        [
            _("Indicator"),
            _("Year"),
            _("District / commune"),
            _("Value (%)"),
            _("Result"),
            _("Numerator"),
            _("Denominator"),
        ]
    )
    for v in values:
        if v.area_id is None:
            overview.append(
                [
                    v.indicator.name,
                    v.year,
                    float(v.value) if v.value is not None else None,
                    v.target_label,
                    _yes_no(v.met),
                    v.numerator,
                    v.denominator,
                    v.not_evaluated,
                    str(v.survey or v.criteria_set or ""),
                    timezone.localtime(v.computed_at).strftime("%d/%m/%Y %H:%M"),
                ]
            )
        elif v.year == year:
            by_area.append(
                [
                    v.indicator.name,
                    v.year,
                    v.area.name,
                    float(v.value) if v.value is not None else None,
                    _yes_no(v.met),
                    v.numerator,
                    v.denominator,
                ]
            )
    for sheet in (overview, by_area):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 60
        sheet.freeze_panes = "A2"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
