"""Server-rendered SVG charts for the dashboard (no JavaScript, no CDN)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .choices import Outcome
from .querysets import OUTCOMES
from .status import OUTCOME_HEX


def colour(outcome: str) -> str:
    return OUTCOME_HEX[Outcome(outcome)]


def _svg_open(width: int, height: int, description: str) -> str:
    """The chart's opening tag; `description` is its text alternative: the figures, in words."""
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(description)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    )


def stacked_bars(rows: list[tuple[str, dict]], *, width: int = 640, height: int = 260) -> str:
    """One stacked column per label (e.g. year), segments by outcome, with a title per segment."""
    if not rows:
        return ""
    top = max(sum(c.values()) for _label, c in rows) or 1
    pad, base = 30, height - 30
    head = 20  # room above the tallest column for its total (11px text)
    step = (width - 2 * pad) / len(rows)
    bar = min(60, step * 0.6)
    description = "; ".join(
        f"{label}: " + ", ".join(f"{Outcome(o).label} {counts[o]}" for o in OUTCOMES if counts.get(o))
        for label, counts in rows
    )
    parts = [_svg_open(width, height, description)]
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
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour(outcome)}"><title>{title}</title></rect>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 10}" text-anchor="middle" font-size="12">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11">'
            f"{sum(counts.values())}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))


def _rate_figures(rate: int | None, on_time: int | None) -> str:
    named = ((_("completion rate"), rate), (_("on-time rate"), on_time))
    given = [f"{name} {value}%" for name, value in named if value is not None]
    return ", ".join(given) or _("no figures yet")


def rate_bars(rows: list[tuple[str, int | None, int | None]], *, width: int = 640) -> str:
    """Horizontal bars: completion rate (dark) and on-time rate (light) per label."""
    if not rows:
        return ""
    line, label_w = 34, 260
    height = line * len(rows) + 10
    scale = (width - label_w - 50) / 100
    description = "; ".join(f"{label}: {_rate_figures(rate, on_time)}" for label, rate, on_time in rows)
    parts = [_svg_open(width, height, description)]
    for i, (label, rate, on_time) in enumerate(rows):
        y = 5 + i * line
        short = label if len(label) <= 40 else label[:38] + "…"
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        for j, (value, fill) in enumerate(((rate, "#17692b"), (on_time, "#7fb88d"))):
            if value is None:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{label_w}" y="{y + j * 13}" width="{w:.1f}" height="12" fill="{fill}"></rect>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + j * 13 + 10}" font-size="11">{int(value)}%</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))
