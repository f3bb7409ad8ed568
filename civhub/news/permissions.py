"""Who may see and write news and the public texts; the one place the news app's access rules live.

- Public news that is published is for everyone (also the feeds and its image).
- Partners-only news is for everyone holding a role in the centre: the partners' contacts and
  signatories, the programme office and the centre's members (communications, practor, steering
  group — they work for all partners). Anonymous visitors and other centres get a 404: we do not
  confirm such an item exists.
- Drafts and scheduled items are seen only by their writers: the communications officer and
  the programme office, who write and edit news and the public texts.
"""

from django.db.models import QuerySet
from django.utils import timezone

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.core.models import Centre
from civhub.news.models import NewsItem

EDITOR_ROLES = sorted(OFFICE_ROLES | {Role.COMMUNICATIONS})
editor_required = access.centre_role_required(*EDITOR_ROLES)
# The partners' news list: anyone with a role in the centre.
member_required = access.centre_role_required()


def is_editor(user, centre: Centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *EDITOR_ROLES))


def is_member(user, centre: Centre) -> bool:
    """Whether the user holds any role in the centre, and so reads its partners-only news."""
    return bool(user.is_superuser or access.roles_in(user, centre))


def published(centre: Centre, now=None) -> QuerySet[NewsItem]:
    """The centre's items published by `now`, any audience."""
    return NewsItem.objects.filter(centre=centre, publish_at__lte=now or timezone.now())


def public_news(centre: Centre, now=None) -> QuerySet[NewsItem]:
    """What anyone may read: public items published by `now`."""
    return published(centre, now).filter(audience=NewsItem.Audience.PUBLIC)


def news_visible_to(user, centre: Centre, now=None) -> QuerySet[NewsItem]:
    """Published items the user may read: partners-only ones too for the centre's members."""
    if is_member(user, centre):
        return published(centre, now)
    return public_news(centre, now)


def readable_items(user, centre: Centre, now=None) -> QuerySet[NewsItem]:
    """Items the user may open: the visible ones, and every item for the editors (so they can preview)."""
    if is_editor(user, centre):
        return NewsItem.objects.filter(centre=centre)
    return news_visible_to(user, centre, now)
