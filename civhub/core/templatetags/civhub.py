"""Template filters: money, shares, translated database texts."""

from django import template

from civhub.core.formatting import format_eur
from civhub.core.shares import share_label
from civhub.core.translated import localized as localized_text

register = template.Library()


@register.filter
def eur(value, places=2):
    """{{ amount|eur }} → EUR 1.234,56; {{ amount|eur:0 }} → EUR 1.235."""
    return format_eur(value, places=int(places))


@register.filter
def localized(value):
    """{{ centre.aim|localized }}: a stored {"nl": ..., "en": ...} text in the active language."""
    return localized_text(value)


@register.filter
def share(value):
    """{{ grant.employer_share_min|share }} → 1/3 (a third), 25% (a whole percentage)."""
    return "" if value is None else share_label(value)
