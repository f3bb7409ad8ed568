"""Admin for news messages, scoped to the centre admin's centres: read-only.

A message's body is HTML that the writing page cleans (news/sanitise.py) and its image is
re-encoded there (news/images.py); an edit in the admin would skip both, so corrections are
made on the news pages and the admin only shows the messages and their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdminMixin, ReadOnlyAdminMixin
from civhub.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(ReadOnlyAdminMixin, CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "audience", "publish_at", "author", "updated_at"]
    list_filter = ["centre", "audience"]
    list_select_related = ["author"]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
