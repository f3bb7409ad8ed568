"""Template filters of the programme pages: KPI figures as people read them."""

from decimal import Decimal

from django import template

from civhub.core.formatting import group_number

register = template.Library()


@register.filter
def figure(value) -> str:
    """A KPI figure in the active language: whole numbers without decimals (1.250), others with two (4,50)."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    return group_number(value, 0 if value == value.to_integral_value() else 2)
