"""Server-rendered SVG charts for the dashboard (no JavaScript, no CDN)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .choices import Outcome
from .querysets import OUTCOMES
from .status import OUTCOME_HEX


def colour(outcome: str) -> str:
    return OUTCOME_HEX[Outcome(outcome)]


def _svg_open(height: int, description: str) -> str:
    """The chart's opening tag; `description` is its text alternative: the figures, in words.

    No viewBox: the chart takes the card's width and a fixed height, so its text keeps its size in
    pixels (12px) instead of shrinking with the chart on a narrow card or a phone. Horizontal positions
    are percentages of the width, vertical ones pixels."""
    return (
        f'<svg class="chart" width="100%" height="{height}" role="img" aria-label="{escape(description)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    )


def stacked_bars(rows: list[tuple[str, dict]], *, height: int = 260) -> str:
    """One stacked column per label (e.g. year), segments by outcome, with a title per segment."""
    if not rows:
        return ""
    top = max(sum(c.values()) for _label, c in rows) or 1
    pad, base = 5, height - 30  # pad: % of the width on each side; base: px
    head = 20  # room above the tallest column for its total (12px text)
    step = (100 - 2 * pad) / len(rows)
    bar = min(12, step * 0.6)
    description = "; ".join(
        f"{label}: " + ", ".join(f"{Outcome(o).label} {counts[o]}" for o in OUTCOMES if counts.get(o))
        for label, counts in rows
    )
    parts = [_svg_open(height, description)]
    for i, (label, counts) in enumerate(rows):
        x = pad + i * step + (step - bar) / 2
        y = base
        for outcome in OUTCOMES:
            n = counts.get(outcome, 0)
            if not n:
                continue
            h = (base - head) * n / top
            y -= h
            title = escape(f"{label}: {Outcome(outcome).label} — {n}")
            parts.append(
                f'<rect x="{x:.1f}%" y="{y:.1f}" width="{bar:.1f}%" height="{h:.1f}" '
                f'fill="{colour(outcome)}"><title>{title}</title></rect>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}%" y="{height - 10}" text-anchor="middle" font-size="12">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}%" y="{y - 4:.1f}" text-anchor="middle" font-size="12">'
            f"{sum(counts.values())}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))


def _rate_figures(rate: int | None, on_time: int | None) -> str:
    named = ((_("completion rate"), rate), (_("on-time rate"), on_time))
    given = [f"{name} {value}%" for name, value in named if value is not None]
    return ", ".join(given) or _("no figures yet")


def rate_bars(rows: list[tuple[str, int | None, int | None]]) -> str:
    """Horizontal bars in HTML: completion rate (dark) and on-time rate (light) per label.

    HTML rather than SVG so that the labels wrap whole and keep the page's text size on any width."""
    if not rows:
        return ""
    description = "; ".join(f"{label}: {_rate_figures(rate, on_time)}" for label, rate, on_time in rows)
    parts = [f'<div class="rate-bars" role="img" aria-label="{escape(description)}">']
    for label, rate, on_time in rows:
        parts.append(f'<div class="rate-row"><span class="rate-label">{escape(label)}</span>')
        for value, kind in ((rate, "done"), (on_time, "on-time")):
            if value is None:
                continue
            # The bar takes at most 85% of its line, leaving room for the figure beside it.
            parts.append(
                f'<span class="rate-bar rate-{kind}">'
                f'<span class="rate-fill" style="width: {value * 0.85:.1f}%"></span>'
                f'<span class="rate-value">{int(value)}%</span></span>'
            )
        if rate is None and on_time is None:
            parts.append('<span class="rate-bar"><span class="rate-value">—</span></span>')
        parts.append("</div>")
    parts.append("</div>")
    return mark_safe("".join(parts))
