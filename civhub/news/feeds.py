"""RSS 2.0 and Atom feeds of a centre's public published news (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.news.permissions import public_news

FEED_SIZE = 20


class NewsFeed(Feed):
    """`news:rss`: the latest public news; partners-only, draft and scheduled items never appear."""

    def get_object(self, request, slug):
        return get_object_or_404(Centre, slug=slug)

    def title(self, centre):
        return _("News of %(centre)s") % {"centre": centre.name}

    def link(self, centre):
        return reverse("news:list", args=[centre.slug])

    def description(self, centre):
        return _("The latest news of %(centre)s.") % {"centre": centre.name}

    def items(self, centre):
        return public_news(centre).select_related("centre").order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render an RSS description and an Atom summary (type "html") as HTML; the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return reverse("news:item", args=[item.centre.slug, item.pk])

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at


class AtomNewsFeed(NewsFeed):
    """`news:atom`: the same news as an Atom feed."""

    feed_type = Atom1Feed

    def subtitle(self, centre):
        return self.description(centre)
