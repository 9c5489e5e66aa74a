"""Server-rendered SVG charts (no JavaScript, no CDN): the trend of an indicator with its target line."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 560, 240, 44, 16, 16, 34


def _y(value: Decimal | float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(value) / 100)


def trend_svg(
    series: list[tuple[int, Decimal | None]], target: Decimal, *, title: str, target_label: str
) -> SafeString:
    """A line of yearly values (0-100%) over the term and a dashed line at the target."""
    n = max(len(series), 1)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)
    x = {year: LEFT + i * step if n > 1 else (WIDTH / 2) for i, (year, _v) in enumerate(series)}
    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{tick}%</text>')
    ty = _y(target)
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" class="target"/>')
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{ty - 5:.1f}" class="target-label" text-anchor="end">'
        f"{escape(target_label)}</text>"
    )
    points = [(x[year], _y(v), year, v) for year, v in series if v is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _yr, _v in points)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for px, py, _year, v in points:
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" class="dot"/>')
        parts.append(f'<text x="{px:.1f}" y="{py - 8:.1f}" class="value" text-anchor="middle">{v:.1f}</text>')
    for year, _v in series:
        parts.append(
            f'<text x="{x[year]:.1f}" y="{HEIGHT - 10}" class="axis" text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
