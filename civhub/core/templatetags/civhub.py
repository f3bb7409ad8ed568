"""Template filters: money, dates, shares, translated database texts (docs/style.md §16)."""

from django import template

from civhub.core.formatting import format_date, format_eur
from civhub.core.shares import share_label
from civhub.core.translated import localized as localized_text

register = template.Library()


@register.filter
def eur(value, places=2):
    """{{ amount|eur }} → EUR 1.234,56, a negative amount EUR −1.234,56 (English EUR 1,234.56).

    Always with cents: the template test (tests/core/test_formats_in_templates.py) refuses |eur:0.
    """
    return format_eur(value, places=int(places))


@register.filter
def when(value, style="text"):
    """The one way to show a date or date-time (core/formatting.py format_date).

    {{ day|when }} → 26 mei 2021 · {{ day|when:"table" }} → 26-05-2021 (English 26 May 2021) ·
    {{ day|when:"weekday" }} → woensdag 26 mei 2021 · {{ day|when:"month" }} → mei 2021 ·
    add "time" for a date-time: {{ moment|when:"time" }} → 26 mei 2021, 20:43,
    {{ moment|when:"table time" }} → 26-05-2021 20:43.
    """
    return format_date(value, style)


@register.filter
def localized(value):
    """{{ centre.aim|localized }}: a stored {"nl": ..., "en": ...} text in the active language."""
    return localized_text(value)


@register.filter
def share(value):
    """{{ grant.employer_share_min|share }} → 1/3 (a third), 25% (a whole percentage)."""
    return "" if value is None else share_label(value)
