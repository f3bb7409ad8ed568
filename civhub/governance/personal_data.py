"""Governance's personal data (see core/personal_data.py): seats in the steering group, meetings taken part in,
minutes published, decisions recorded and actions owned."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source, entered_by
from civhub.governance.models import Meeting, SteeringMember


def _seats_q(identity: Identity) -> Q:
    return Q(user=identity.user) | (Q(user__isnull=True) & identity.name_q("name"))


def _governance(identity: Identity) -> list[dict]:
    seats = personal_data.values(SteeringMember.objects.filter(_seats_q(identity)).order_by("pk"), "pk",
                                 "centre__slug", "name", "user_id", "partnership__organisation__name", "role", "start",
                                 "end")
    meetings = personal_data.values(Meeting.objects.filter(participants=identity.user).order_by("starts_at"), "pk",
                                    "centre__slug", "title", "starts_at")
    return ([{"steering_seat": seat} for seat in seats] + [{"meeting_participant": meeting} for meeting in meetings]
            + entered_by("governance.MinutesVersion", ("published_by",), "meeting_id", "number",
                         "published_at")(identity)
            + entered_by("governance.Decision", ("recorded_by",), "number", "text", "decided_on")(identity)
            + entered_by("governance.Action", ("owner",), "what", "due_date", "status", "done_on")(identity))


def _erase_seats(identity: Identity) -> int:
    """A seat stays in the composition of the steering group (its dates and role); the name goes."""
    return SteeringMember.objects.filter(_seats_q(identity)).update(name=personal_data.erased_name(identity.user))


personal_data.register(Source(
    name="governance.records",
    fields={"governance.SteeringMember": ("user", "name"), "governance.Meeting": ("participants",),
            "governance.MinutesVersion": ("published_by",), "governance.Decision": ("recorded_by",),
            "governance.Action": ("owner",)},
    export=_governance, erase=_erase_seats,
    description=_("Your seats in the steering group, the meetings you take part in, minutes you published, "
                  "decisions you recorded and actions you own.")))
