"""Who may see and change the steering group's work; the one place the governance access rules live.

- Steering-group meetings and partner consultations (agendas, documents, minutes, decisions,
  actions, the meeting pack): the steering group's members, the programme office and, read-only,
  the partners' signatories. Never anonymous; the centre's other roles get a 403.
- Working-group meetings: the programme office and the meeting's participants.
- The programme office drafts and publishes agendas, records minutes, decisions and actions,
  publishes and corrects minutes, and keeps the steering group's composition.
- An action is marked done by its owner or the office.
- The current composition of the steering group is public.
"""

from django.core.exceptions import PermissionDenied

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.governance.models import Meeting

# The steering group's readers: members, the office, and the partners' signatories (read-only).
READER_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER, Role.PARTNER_SIGNATORY})

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role (accounts.permissions).
reader_required = access.centre_role_required(*sorted(READER_ROLES))
office_required = access.office_required
member_required = access.centre_role_required()  # any role: the view checks the meeting itself


def may_edit(user, centre) -> bool:
    """The programme office keeps the agendas, minutes, decisions, actions and the composition."""
    return access.acts_as_office(user, centre)


def may_read_steering(user, centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *READER_ROLES))


def may_see_meeting(user, meeting: Meeting, participant_ids=None) -> bool:
    """Whether the user may open the meeting: the office, its participants, and for a meeting that is not a
    working group, the steering group's readers. Pass the participants' ids when already loaded."""
    centre = meeting.centre
    if may_edit(user, centre):
        return True
    if participant_ids is None:
        participant_ids = set(meeting.participants.values_list("pk", flat=True))
    if user.pk in participant_ids:
        return True
    return meeting.kind != Meeting.Kind.WORKING_GROUP and may_read_steering(user, centre)


def ensure_may_see(user, meeting: Meeting) -> None:
    if not may_see_meeting(user, meeting):
        raise PermissionDenied


def visible_meetings(user, centre):
    """The centre's meetings the user may open (drafts only for the office)."""
    meetings = Meeting.objects.filter(centre=centre)
    if may_edit(user, centre):
        return meetings
    meetings = meetings.exclude(status=Meeting.Status.DRAFT)
    if may_read_steering(user, centre):
        return meetings.exclude(kind=Meeting.Kind.WORKING_GROUP) | meetings.filter(participants=user)
    return meetings.filter(participants=user)


def may_mark_done(user, action) -> bool:
    """The action's owner or the office marks an action done."""
    return action.owner_id == user.pk or may_edit(user, action.centre)
