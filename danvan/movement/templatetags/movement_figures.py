"""How the movement panels print their figures."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def figure(value):
    """A number grouped by thousands in the active language, as the portal prints it (260.183);
    text (a survey's title, "75,8%", "40/60") as it is."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return floatformat(value, "g")
    return value
