"""`{% latest_news centre %}`: the centre's three latest public news items, for the public centre page."""

from django import template

from civhub.news.permissions import public_news

register = template.Library()
LATEST = 3


@register.inclusion_tag("news/_latest.html")
def latest_news(centre):
    """The latest public published items (one query); the section is left out when there are none."""
    return {"centre": centre, "items": list(public_news(centre).order_by("-publish_at", "-pk")[:LATEST])}
