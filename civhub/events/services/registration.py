"""Registering for an event, confirming by e-mail link, cancelling, the waiting list, check-in and anonymising.

Every change to places locks the event's row first (select_for_update), so two people taking the
last place, or two cancellations freeing two places, are handled one after the other: the number
confirmed never exceeds the places, and each freed place moves exactly one waiting person up.
A visitor's registration for a public event is pending until they confirm by the e-mail link
(double opt-in); a pending registration takes no place.
"""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.permissions import partnership_ids
from civhub.core import hooks
from civhub.core.audit import record_event
from civhub.core.formatting import format_date
from civhub.core.mail import queue_mail, render_mail, site_url
from civhub.events.errors import EventError
from civhub.events.ical import event_attachment
from civhub.events.models import Event, Registration
from civhub.events.permissions import may_register
from civhub.partners.services.applications import RATE_WINDOW, client_fingerprint

Status = Registration.Status


def normalised_email(email: str) -> str:
    """E-mail addresses compared as people read them: without surrounding spaces, in lower case."""
    return email.strip().lower()


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def is_full(event: Event) -> bool:
    return event.capacity is not None and confirmed_count(event) >= event.capacity


def register(*, event: Event, data: dict, actor, ip_address: str, language: str,
             waiting_list: bool = False) -> Registration:
    """Register someone for `event`; a visitor stays pending until they confirm by the e-mail link.

    A signed-in partner's own registration is confirmed at once (their address is known). When the
    event is full, registration only goes ahead onto the waiting list if `waiting_list` says so.
    """
    email = normalised_email(data["email"])
    signed_in = getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("centre").get(pk=event.pk)
        ensure_open(event)
        if not may_register(actor, event):
            raise EventError(_("This event is for the centre's partners; sign in as a partner to register."))
        fingerprint = _check_rate(actor=actor, ip_address=ip_address)
        if event.registrations.filter(email=email).exclude(status=Status.CANCELLED).exists():
            raise EventError(_("%(email)s is already registered for this event. The e-mail we sent has a link "
                               "to see or cancel the registration.") % {"email": email})
        known = signed_in and normalised_email(actor.email) == email
        full = is_full(event)
        if full and not waiting_list:
            raise _full_error()
        status = (Status.WAITING if full else Status.CONFIRMED) if known else Status.PENDING
        own = sorted(partnership_ids(actor, event.centre)) if signed_in else []
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, name=data["name"].strip(), email=email, answers=data.get("answers") or {},
                    partnership_id=own[0] if own else None, user=actor if known else None, status=status,
                    language=language, submitted_from=fingerprint,
                    confirmed_at=timezone.now() if known else None,
                )
        except IntegrityError as error:  # the same person registering in two tabs at once
            raise EventError(_("%(email)s is already registered for this event.") % {"email": email}) from error
        record_event(registration, actor=actor, action=f"registration_{status}", centre=event.centre,
                     summary=event.title)
        tell_if_confirmed(registration, event)
        mail_registrant(registration, "events/email/confirm" if status == Status.PENDING else _status_template(status))
    return registration


def _full_error() -> EventError:
    return EventError(_("This event is full. Tick “put me on the waiting list” to get a place "
                        "on the waiting list; when someone cancels, the first person waiting moves up."))


def ensure_open(event: Event) -> None:
    """Refuse registration after the deadline (or the start)."""
    if timezone.now() >= event.closes_at():
        raise EventError(_("Registration for this event closed on %(date)s.")
                         % {"date": format_date(event.closes_at(), "time")})


def _check_rate(*, actor, ip_address: str) -> str:
    """The sender's fingerprint; refuses an anonymous sender who already sent many forms in the last hour."""
    fingerprint = client_fingerprint(ip_address)
    if getattr(actor, "is_authenticated", False):
        return ""
    since = timezone.now() - RATE_WINDOW
    if Registration.objects.filter(submitted_from=fingerprint, created_at__gte=since).count() >= \
            settings.APPLICATION_RATE_LIMIT:
        raise EventError(_("We received several registrations from your address in the last hour. "
                           "Please try again later."))
    return fingerprint


def confirm(*, registration: Registration, actor=None) -> Registration:
    """Confirm a pending registration by its e-mail link: a place, or the waiting list when the event filled up."""
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("centre").get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)  # read again now that the event is ours
        if registration.status != Status.PENDING:
            return registration  # a second click on the link changes nothing
        if timezone.now() >= event.starts_at:
            raise EventError(_("This event has already started; the registration can no longer be confirmed."))
        registration.status = Status.WAITING if is_full(event) else Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        record_event(registration, actor=actor, action=f"registration_{registration.status}", centre=event.centre,
                     summary=event.title)
        tell_if_confirmed(registration, event)
        mail_registrant(registration, _status_template(registration.status))
    return registration


def cancel(*, registration: Registration, actor=None) -> Registration:
    """Cancel a registration; a freed place goes to the first person waiting (who gets an e-mail)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("centre").get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise EventError(_("This registration was already cancelled."))
        if timezone.now() >= event.starts_at:
            raise EventError(_("This event has already started; please contact the programme office."))
        had_place = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status"])
        record_event(registration, actor=actor, action="registration_cancelled", centre=event.centre,
                     summary=event.title)
        if registration.email:
            mail_registrant(registration, "events/email/cancelled")
        if had_place:
            fill_free_places(event, actor=actor)
    return registration


def fill_free_places(event: Event, *, actor) -> list[Registration]:
    """Move the first people waiting up into free places (the caller holds the event's lock)."""
    if event.capacity is None:
        free = event.registrations.filter(status=Status.WAITING).count()
    else:
        free = event.capacity - confirmed_count(event)
    if free <= 0:
        return []
    waiting = list(event.registrations.filter(status=Status.WAITING).order_by("confirmed_at", "pk")[:free])
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status"])
        record_event(registration, actor=actor, action="registration_moved_up", centre=event.centre,
                     summary=event.title)
        tell_if_confirmed(registration, event)
        mail_registrant(registration, "events/email/moved_up")
    return waiting


def tell_if_confirmed(registration: Registration, event: Event) -> None:
    """Publish "registration confirmed" when the registration now holds a place (at once, by its link, or moved up)."""
    if registration.status == Status.CONFIRMED:
        hooks.publish("registration.confirmed", event.centre, partial(confirmed_payload, registration, event))


def confirmed_payload(registration: Registration, event: Event) -> dict:
    """What a webhook tells of a confirmed registration: the event and the partner, never the person's name or
    e-mail address (docs/webhooks.md)."""
    partner = registration.partnership.short_code if registration.partnership_id else None
    return {"registration": {
        "id": registration.pk, "status": registration.status, "partner": partner,
        "confirmed_at": registration.confirmed_at.isoformat() if registration.confirmed_at else None,
        "event": {"id": event.pk, "title": event.title, "starts_at": event.starts_at.isoformat()},
    }}


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list, and so on; None when the person is not waiting."""
    if registration.status != Status.WAITING:
        return None
    ahead = Q(confirmed_at__lt=registration.confirmed_at) | Q(confirmed_at=registration.confirmed_at,
                                                             pk__lte=registration.pk)
    return Registration.objects.filter(ahead, event_id=registration.event_id, status=Status.WAITING).count()


def set_checked_in(*, registration: Registration, actor, present: bool) -> Registration:
    """Mark a person present at the door (or undo a mistaken tick)."""
    with transaction.atomic():
        if registration.status != Status.CONFIRMED:
            raise EventError(_("Only people with a confirmed place can be checked in."))
        registration.checked_in_at = timezone.now() if present else None
        registration.save(update_fields=["checked_in_at"])
        record_event(registration, actor=actor, action="checked_in" if present else "check_in_undone",
                     centre=registration.event.centre, summary=registration.event.title)
    return registration


def anonymise(*, registration: Registration, actor) -> Registration:
    """Erase a registrant's personal data on request; the row stays, so the event's counts stay right."""
    with transaction.atomic():
        if registration.is_anonymised:
            raise EventError(_("This registration was already anonymised."))
        registration.name, registration.email, registration.answers = "", "", {}
        registration.user, registration.submitted_from = None, ""
        registration.anonymised_at = timezone.now()
        registration.save(update_fields=["name", "email", "answers", "user", "submitted_from", "anonymised_at"])
        record_event(registration, actor=actor, action="registration_anonymised",
                     centre=registration.event.centre, summary=registration.event.title)
    return registration


def _status_template(status: str) -> str:
    return "events/email/confirmed" if status == Status.CONFIRMED else "events/email/waiting"


def mail_registrant(registration: Registration, template: str) -> None:
    """The e-mail in the registrant's language, sent after commit; a confirmed place carries the .ics file."""
    event = registration.event
    context = {"registration": registration, "event": event, "centre": event.centre,
               "position": waiting_position(registration), "site_url": site_url()}
    subject, body = render_mail(template, context, registration.language)
    attachments = [event_attachment(event)] if registration.status == Status.CONFIRMED else []
    queue_mail(to=[registration.email], subject=subject, body=body, attachments=attachments)
