"""`{% public_indicators %}`: the plan's indicators on the public portal (final province-wide values)."""

from django import template

from .. import services
from ..charts import indicator_chart

register = template.Library()


@register.inclusion_tag("indicators/_public_summary.html")
def public_indicators() -> dict:
    cards = services.public_indicator_summary()
    for card in cards:
        card.chart = indicator_chart(card.indicator, card.by_year)
    return {"cards": cards}
