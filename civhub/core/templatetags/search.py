"""`{{ text|highlight:query.words }}`: the search page's hits with the words found marked (core/search.py)."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, words) -> str:
    """The text, escaped, with every occurrence of one of `words` (any case) in `<mark>`."""
    text = str(text or "")
    words = sorted({word for word in words or () if word}, key=len, reverse=True)  # the longest first
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)
    pieces = pattern.split(text)  # the text and the matches in turn: matches at the odd places
    return mark_safe("".join(  # noqa: S308 (every piece is escaped)
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece) for index, piece in enumerate(pieces)))
