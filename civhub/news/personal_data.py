"""The news's personal data (see core/personal_data.py): who wrote each item."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by

personal_data.register(Source(
    name="news.items", fields={"news.NewsItem": ("author",)},
    export=entered_by("news.NewsItem", ("author",), "centre__slug", "title", "summary", "publish_at", "created_at"),
    description=_("News items you wrote.")))
