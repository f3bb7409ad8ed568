"""Interest and enrolment from the public course page, confirmation and cancellation by personal link, the
waiting list.

Every enrolment and cancellation locks its offering's row first (select_for_update), so two people
taking the last place, or two cancellations freeing two places, are handled one after the other:
the number enrolled never exceeds the places, and each freed place moves exactly one person up.

Like an event's registration, an enrolment is pending until the e-mail link confirms the address (double
opt-in); a signed-in person enrolling their own address is known and enrolled at once. A pending enrolment
holds its place for HOLD; after that the place counts as free again and confirming gives a place only when
one is free (else the waiting list). The participant accepts the course's terms (or the centre's general
ones) and sees the price; an employer gives an invoice address or a purchase-order number.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.formatting import format_date
from civhub.core.mail import send_after_commit
from civhub.core.translated import localized
from civhub.learning.errors import LearningError
from civhub.learning.models import Course, Enrolment, Interest, Offering
from civhub.partners.services.applications import RATE_WINDOW, client_fingerprint

Status = Enrolment.Status
HOLD = timedelta(hours=48)


def held_places(offering: Offering) -> Q:
    """The enrolments that take a place: enrolled, or pending with an unexpired hold."""
    return Q(status=Status.ENROLLED) | Q(status=Status.PENDING, hold_until__gt=timezone.now())


def taken_places(offering: Offering) -> int:
    return offering.enrolments.filter(held_places(offering)).count()


def terms_text(course: Course) -> str:
    """The terms a participant accepts: the course's own, else the centre's general course terms, else ours."""
    return (course.terms.strip() or localized(course.centre.course_terms)
            or _("Enrolment is binding once confirmed. Cancelling is free of charge until two weeks before the "
                 "start; after that the full price is due, unless someone else takes the place. The provider "
                 "invoices the employer, or the participant when no employer is given."))


def normalised_email(email: str) -> str:
    """E-mail addresses compared as people read them: without surrounding spaces, in lower case."""
    return email.strip().lower()


def _check_rate(model, *, actor, ip_address: str) -> str:
    """The sender's fingerprint; refuses an anonymous sender who already sent many forms in the last hour.

    Signed-in people (a partner's contact registering a team) are known and not limited.
    """
    fingerprint = client_fingerprint(ip_address)
    if getattr(actor, "is_authenticated", False):
        return ""
    since = timezone.now() - RATE_WINDOW
    if model.objects.filter(submitted_from=fingerprint, created_at__gte=since).count() >= \
            settings.APPLICATION_RATE_LIMIT:
        raise LearningError(_("We received several registrations from your address in the last hour. "
                              "Please try again later, or ask the provider to register you."))
    return fingerprint


def register_interest(*, course: Course, data: dict, actor, ip_address: str) -> Interest:
    """Note that someone would like to follow `course` (no date yet); the same e-mail twice is refused."""
    email = normalised_email(data["email"])
    with transaction.atomic():
        if course.status != Course.Status.PUBLISHED:
            raise LearningError(_("This course is not open for registration."))
        fingerprint = _check_rate(Interest, actor=actor, ip_address=ip_address)
        if Interest.objects.filter(course=course, email=email).exists():
            raise LearningError(_("%(email)s has already registered interest in this course; "
                                  "the provider will get in touch.") % {"email": email})
        interest = Interest.objects.create(
            course=course, name=data["name"].strip(), email=email, employer=data.get("employer"),
            registered_by=_user_or_none(actor), submitted_from=fingerprint,
        )
        record_event(interest, actor=actor, action="interest_registered", centre=course.centre,
                     summary=course.title)
    return interest


def enrol(*, offering: Offering, data: dict, actor, ip_address: str, language: str) -> Enrolment:
    """Enrol someone in `offering`: pending (a place held for HOLD) until the e-mail link confirms the address.

    A signed-in person enrolling their own address is enrolled at once (or put on the waiting list).
    `data` holds name, email, employer, terms_accepted and, for an employer, invoice_address or purchase_order.
    """
    email = normalised_email(data["email"])
    with transaction.atomic():
        offering = Offering.objects.select_for_update().select_related("course__centre").get(pk=offering.pk)
        ensure_open_for_enrolment(offering)
        fingerprint = _check_rate(Enrolment, actor=actor, ip_address=ip_address)
        _check_terms_and_invoice(offering.course, data)
        if offering.enrolments.filter(email=email).exclude(status=Status.CANCELLED).exists():
            raise LearningError(_("%(email)s is already registered for this offering. "
                                  "The e-mail we sent has a link to see or cancel it.") % {"email": email})
        fill_free_places(offering, actor=actor)  # places freed by expired holds go to those waiting first
        full = taken_places(offering) >= offering.capacity
        known = getattr(actor, "is_authenticated", False) and normalised_email(actor.email) == email
        status = (Status.WAITING if full else Status.ENROLLED) if known else Status.PENDING
        now = timezone.now()
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    offering=offering, name=data["name"].strip(), email=email, employer=data.get("employer"),
                    registered_by=_user_or_none(actor), status=status, language=language,
                    submitted_from=fingerprint, confirmed_at=now if known else None,
                    hold_until=now + HOLD if status == Status.PENDING and not full else None,
                    price=offering.course.price, terms_accepted_at=now,
                    invoice_address=(data.get("invoice_address") or "").strip(),
                    purchase_order=(data.get("purchase_order") or "").strip(),
                )
        except IntegrityError as error:  # the unique constraint: the same person enrolling in two tabs at once
            raise LearningError(_("%(email)s is already registered for this offering.") % {"email": email}) from error
        record_event(enrolment, actor=actor, action={Status.PENDING: "enrolment_pending", Status.WAITING: "waitlisted"}
                     .get(status, "enrolled"), centre=offering.course.centre, summary=str(offering))
        _mail(enrolment, "learning/email/enrolment_confirm" if status == Status.PENDING
              else "learning/email/enrolment_confirmed")
    return enrolment


def _check_terms_and_invoice(course: Course, data: dict) -> None:
    if not data.get("terms_accepted"):
        raise LearningError(_("Accept the terms to enrol."), field="terms_accepted")
    if data.get("employer") and course.price > 0 and not (
            (data.get("invoice_address") or "").strip() or (data.get("purchase_order") or "").strip()):
        raise LearningError(_("Your employer pays: give the invoice address or a purchase-order number."),
                            field="invoice_address")


def confirm_enrolment(*, enrolment: Enrolment, actor=None) -> Enrolment:
    """Confirm a pending enrolment by its e-mail link: its held place, a free place, or the waiting list."""
    with transaction.atomic():
        offering = Offering.objects.select_for_update().select_related("course__centre").get(
            pk=enrolment.offering_id)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)  # read again now that the offering is ours
        if enrolment.status != Status.PENDING:
            return enrolment  # a second click on the link changes nothing
        if offering.start_date < timezone.localdate():
            raise LearningError(_("This offering has already started; the enrolment can no longer be confirmed."))
        now = timezone.now()
        held = enrolment.hold_until is not None and enrolment.hold_until > now
        free = taken_places(offering) < offering.capacity
        waiting_ahead = offering.enrolments.filter(status=Status.WAITING).exists()
        enrolment.status = Status.ENROLLED if held or (free and not waiting_ahead) else Status.WAITING
        enrolment.confirmed_at, enrolment.hold_until = now, None
        enrolment.save(update_fields=["status", "confirmed_at", "hold_until"])
        record_event(enrolment, actor=actor, action="waitlisted" if enrolment.status == Status.WAITING else "enrolled",
                     centre=offering.course.centre, summary=str(offering))
        _mail(enrolment, "learning/email/enrolment_confirmed")
    return enrolment


def ensure_open_for_enrolment(offering: Offering) -> None:
    """Refuse an offering of an unpublished course, or one that has already started."""
    if offering.course.status != Course.Status.PUBLISHED:
        raise LearningError(_("This course is not open for registration."))
    if offering.start_date < timezone.localdate():
        raise LearningError(_("This offering started on %(date)s; enrolment is closed.")
                            % {"date": format_date(offering.start_date)})


def cancel_enrolment(*, enrolment: Enrolment, actor=None) -> Enrolment:
    """Cancel a place or a place on the waiting list; a freed place goes to the first person waiting."""
    with transaction.atomic():
        offering = Offering.objects.select_for_update().select_related("course__centre").get(
            pk=enrolment.offering_id)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)  # read again now that the offering is ours
        if enrolment.status == Status.CANCELLED:
            raise LearningError(_("This registration was already cancelled."))
        if offering.start_date < timezone.localdate():
            raise LearningError(_("This offering has already started; please contact the provider to cancel."))
        had_place = enrolment.status in (Status.ENROLLED, Status.PENDING)
        enrolment.status, enrolment.cancelled_at = Status.CANCELLED, timezone.now()
        enrolment.save(update_fields=["status", "cancelled_at"])
        record_event(enrolment, actor=actor, action="enrolment_cancelled", centre=offering.course.centre,
                     summary=str(offering))
        _mail(enrolment, "learning/email/enrolment_cancelled")
        if had_place:
            fill_free_places(offering, actor=actor)
    return enrolment


def fill_free_places(offering: Offering, *, actor) -> list[Enrolment]:
    """Move the first people on the waiting list up into the free places (the caller holds the offering's lock)."""
    free = offering.capacity - taken_places(offering)
    if free <= 0:
        return []
    waiting = list(offering.enrolments.filter(status=Status.WAITING).order_by("created_at", "pk")[:free])
    now = timezone.now()
    for enrolment in waiting:
        enrolment.status, enrolment.promoted_at = Status.ENROLLED, now
        enrolment.save(update_fields=["status", "promoted_at"])
        record_event(enrolment, actor=actor, action="moved_up", centre=offering.course.centre, summary=str(offering))
        _mail(enrolment, "learning/email/enrolment_promoted")
    return waiting


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first on the waiting list, and so on; None when the person is not waiting."""
    if enrolment.status != Status.WAITING:
        return None
    ahead = Q(created_at__lt=enrolment.created_at) | Q(created_at=enrolment.created_at, pk__lte=enrolment.pk)
    return Enrolment.objects.filter(ahead, offering_id=enrolment.offering_id, status=Status.WAITING).count()


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _mail(enrolment: Enrolment, template: str) -> None:
    offering = enrolment.offering
    context = {"enrolment": enrolment, "offering": offering, "course": offering.course,
               "centre": offering.course.centre, "position": waiting_position(enrolment)}
    send_after_commit(to=[enrolment.email], template=template, context=context, language=enrolment.language)
