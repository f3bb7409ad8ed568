"""The events' personal data (see core/personal_data.py): registrations and the secret of the calendar feed."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source
from civhub.events.models import CalendarFeedToken, Registration


def _own(identity: Identity):
    return Registration.objects.filter(Q(user=identity.user) | identity.email_q("email"))


def _aliases(user) -> tuple[set[str], set[str]]:
    rows = Registration.objects.filter(user=user).values_list("name", "email")
    return {name for name, _email in rows}, {email for _name, email in rows}


def _registrations(identity: Identity) -> list[dict]:
    rows = personal_data.values(_own(identity).order_by("pk"), "pk", "event__centre__slug", "event__title",
                                "event__starts_at", "name", "email", "partnership__organisation__name", "status",
                                "answers", "language", "created_at", "confirmed_at", "checked_in_at")
    feeds = personal_data.values(CalendarFeedToken.objects.filter(user=identity.user), "created_at")
    return rows + [{"calendar_feed_made_at": feed["created_at"]} for feed in feeds]


def _erase_registrations(identity: Identity) -> int:
    """As the office's "anonymise" does (events/services/registration.py): the row stays for the counts."""
    CalendarFeedToken.objects.filter(user=identity.user).delete()
    return _own(identity).filter(anonymised_at__isnull=True).update(
        name="", email="", answers={}, user=None, submitted_from="", anonymised_at=timezone.now())


personal_data.register(Source(
    name="events.registrations",
    fields={"events.Registration": ("name", "email", "user"), "events.CalendarFeedToken": ("user",)},
    export=_registrations, erase=_erase_registrations, aliases=_aliases,
    description=_("Your registrations for events, with your answers to the event's questions.")))
