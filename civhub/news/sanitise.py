"""Cleaning a news item's body: only basic formatting can ever be stored.

Whatever is typed or pasted (a script, an event handler, a style, an iframe, a javascript: link)
is removed by nh3 before the service saves; the templates then print the stored HTML as is.
Text without any tags is turned into paragraphs, so writers need not know HTML.
"""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Their content goes too, not only the tags: the text inside a script or style is no news.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def has_markup(text: str) -> bool:
    """Whether the text contains anything that looks like an HTML tag."""
    return bool(_TAG.search(text))


def paragraphs(text: str) -> str:
    """Plain text as HTML: blank lines separate paragraphs, a single line break stays a line break."""
    blocks = [block.strip() for block in _BLANK_LINES.split(text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>" + escape(block).replace("\n", "<br>") + "</p>" for block in blocks)


def clean_body(text: str) -> str:
    """The body as safe HTML with basic formatting only (see ALLOWED_TAGS); links get rel=noopener noreferrer."""
    html = text if has_markup(text) else paragraphs(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",  # a relative link would point into civhub itself; only full addresses
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
