"""Server-rendered SVG charts (no JavaScript, no CDN): the trend of an indicator with its target line."""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Indicator, IndicatorValue, format_target

# No viewBox: the chart takes its card's width and a fixed height, so its text stays 12px on a narrow
# card or a phone instead of shrinking with the drawing. Horizontal positions are percentages of the
# width (LEFT: the start of the grid, right of the axis labels; FIRST/LAST: the first and last years,
# far enough in for their values' labels), vertical ones pixels.
HEIGHT, TOP, BOTTOM = 220, 20, 30
LEFT, FIRST, LAST = 14, 21, 92
VALUE_LABEL_HALF_WIDTH = 18  # px: half of "100.0" (12px bold, centred on its point) and a gap

Series = list[tuple[int, Decimal | None]]


def _y(value: Decimal | float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(value) / 100)


def _segments(points: list[tuple[float, float]], css: str) -> list[str]:
    """A line through the points (x in %, y in px), one segment each: a polyline takes no percentages."""
    return [
        f'<line x1="{x1:.1f}%" y1="{y1:.1f}" x2="{x2:.1f}%" y2="{y2:.1f}" class="{css}"/>'
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)
    ]


def _target_line(x: dict[int, float], targets: Series, label: str, last: Decimal | None) -> list[str]:
    """One dashed line across the chart for a target that never changes, else a dashed line through
    each year's target (the membership survey sets one per year). The label ends just left of the last
    target, clear of the last value's label, on the side of the line away from the `last` value."""
    known = [(x[year], _y(t), t) for year, t in targets if t is not None and year in x]
    if not known:
        return []
    if len({t for _x, _ty, t in known}) == 1 and len(known) == len(x):
        ty = known[0][1]
        parts = [f'<line x1="{LEFT}%" x2="100%" y1="{ty:.1f}" y2="{ty:.1f}" class="target"/>']
        lx, ly = max(x.values()), ty
    else:
        ends = [(px, py) for px, py, _t in known]
        if len(ends) == 1:  # one year's target: a short dash around its point
            ((px, py),) = ends
            ends = [(px - 4, py), (px + 4, py)]
        parts = _segments(ends, "target")
        lx, ly = min(ends[-1][0], max(x.values())), ends[-1][1]
    label_y = ly + 16 if last is not None and _y(last) <= ly else ly - 5
    parts.append(
        f'<text x="{lx:.1f}%" dx="-{VALUE_LABEL_HALF_WIDTH}" y="{label_y:.1f}" class="target-label" '
        f'text-anchor="end">{escape(label)}</text>'
    )
    return parts


def trend_svg(series: Series, targets: Series, *, title: str, target_label: str) -> SafeString:
    """A line of yearly values (0-100%) over the term and a dashed line at each year's target."""
    n = max(len(series), 1)
    step = (LAST - FIRST) / max(n - 1, 1)
    x = {year: FIRST + i * step if n > 1 else (FIRST + LAST) / 2 for i, (year, _v) in enumerate(series)}
    parts = [
        f'<svg class="trend" width="100%" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        parts.append(f'<line x1="{LEFT}%" x2="100%" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(
            f'<text x="{LEFT}%" dx="-6" y="{y + 4:.1f}" class="axis" text-anchor="end">{tick}%</text>'
        )
    points = [(x[year], _y(v), year, v) for year, v in series if v is not None]
    parts.extend(_target_line(x, targets, target_label, series[-1][1] if series else None))
    parts.extend(_segments([(px, py) for px, py, _yr, _v in points], "line"))
    for px, py, _year, v in points:
        parts.append(f'<circle cx="{px:.1f}%" cy="{py:.1f}" r="4" class="dot"/>')
        parts.append(
            f'<text x="{px:.1f}%" y="{py - 8:.1f}" class="value" text-anchor="middle">{v:.1f}</text>'
        )
    for year, _v in series:
        parts.append(
            f'<text x="{x[year]:.1f}%" y="{HEIGHT - 10}" class="axis" text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def target_of(indicator: Indicator, value: IndicatorValue | None) -> Decimal | None:
    """The target of one year: the one its value was judged against; without a value, the indicator's
    (none for a membership indicator, whose target comes with each year's survey)."""
    if value is not None:
        return value.target
    return None if indicator.from_membership else indicator.target_value


def indicator_chart(indicator: Indicator, by_year: Mapping[int, IndicatorValue], years=None) -> SafeString:
    """The trend of `indicator` over `years` (its term by default) from its values by year."""
    years = list(years if years is not None else indicator.years())
    targets = [(y, target_of(indicator, by_year.get(y))) for y in years]
    latest = next((t for _y, t in reversed(targets) if t is not None), None)
    label = "" if latest is None else _("Target %(t)s") % {"t": format_target(indicator.comparator, latest)}
    return trend_svg(
        [(y, getattr(by_year.get(y), "value", None)) for y in years],
        targets,
        title=indicator.name,
        target_label=label,
    )
