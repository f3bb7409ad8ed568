"""The governance items in the inbox (core/inbox.py): the open actions a person owns."""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.formatting import format_date
from civhub.core.inbox import Item
from civhub.governance.models import Action
from civhub.governance.permissions import may_read_steering


def actions_owned(user, centre) -> list[Item]:
    """The user's open actions in the centre, whenever they are due (one query).

    The link goes to the actions list for the steering group's readers, else to the meeting the action was agreed
    at (the owner of a working group's action is one of its participants).
    """
    actions = (Action.objects.filter(centre=centre, owner=user, status=Action.Status.OPEN)
               .select_related("meeting").order_by("pk"))
    readers = may_read_steering(user, centre)
    return [Item(kind="governance.action", group=_("Actions you agreed to do"), title=action.what,
                 since=action.created_at,
                 url=reverse("governance:actions", args=[centre.slug]) if readers
                 else reverse("governance:meeting", args=[centre.slug, action.meeting_id]),
                 action=_("Open the action"), order=50,
                 note=_("Due %(date)s · %(meeting)s") % {"date": format_date(action.due_date),
                                                        "meeting": action.meeting.title})
            for action in actions]
