"""Interest and enrolment: places, the waiting list and its order, cancellation by personal link, promotion
with its e-mail after commit, refusals (twice, past, draft), the honeypot, the rate limit, and concurrency."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from civhub.learning.errors import LearningError
from civhub.learning.models import Enrolment, Interest
from civhub.learning.services.enrolment import (
    cancel_enrolment,
    confirm_enrolment,
    enrol,
    register_interest,
    waiting_position,
)
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.learning.factories import CourseFactory, EnrolmentFactory, OfferingFactory, in_days
from tests.partners.factories import client_for

Status = Enrolment.Status


@pytest.fixture
def course(partner_a):
    return CourseFactory(provider=partner_a, title="GMP in de praktijk")


@pytest.fixture
def offering(course):
    return OfferingFactory(course=course, capacity=2)


def person(n, employer=None, **extra):
    return {"name": f"Medewerker {n}", "email": f"medewerker{n}@example.org", "employer": employer,
            "terms_accepted": True, **extra}


def sign_up(offering, n, **kwargs):
    """Enrol and confirm by the e-mail link at once (most tests are about places, not about the confirmation)."""
    pending = enrol(offering=offering, data=person(n), actor=None, ip_address=f"10.0.0.{n}", language="nl", **kwargs)
    return confirm_enrolment(enrolment=pending)


def test_places_are_taken_in_order_then_the_waiting_list_fills_with_positions(
        offering, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third, fourth = (sign_up(offering, n) for n in range(1, 5))
    assert [e.status for e in (first, second, third, fourth)] == [Status.ENROLLED] * 2 + [Status.WAITING] * 2
    assert [waiting_position(e) for e in (first, third, fourth)] == [None, 1, 2]
    confirmations = mail.outbox[1::2]  # each person first gets the link to confirm, then the confirmation
    assert [m.to for m in confirmations] == [[f"medewerker{n}@example.org"] for n in range(1, 5)]
    assert "(place 1)" in confirmations[2].body or "(plaats 1)" in confirmations[2].body
    assert f"/inschrijving/{third.token}/annuleren/" in confirmations[2].body


def test_enrolling_twice_with_the_same_email_is_refused_and_nothing_is_written(offering):
    sign_up(offering, 1)
    data = {**person(1), "email": " MEDEWERKER1@example.org "}
    with translation.override("nl"), pytest.raises(LearningError, match="is al ingeschreven"):
        enrol(offering=offering, data=data, actor=None, ip_address="10.0.1.1", language="nl")
    assert offering.enrolments.count() == 1


def test_an_enrolment_holds_its_place_until_the_email_link_confirms_it(offering, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pending = enrol(offering=offering, data=person(1), actor=None, ip_address="10.0.0.1", language="nl")
    assert pending.status == Status.PENDING and pending.confirmed_at is None
    assert timezone.now() + timedelta(hours=47) < pending.hold_until <= timezone.now() + timedelta(hours=48)
    assert pending.price == offering.course.price and pending.terms_accepted_at is not None
    (message,) = mail.outbox
    assert f"/inschrijving/{pending.token}/bevestigen/" in message.body and "/annuleren/" not in message.body
    sign_up(offering, 2)  # the second place
    third = enrol(offering=offering, data=person(3), actor=None, ip_address="10.0.0.3", language="nl")
    assert third.hold_until is None  # full: the first one's place is held for them
    assert confirm_enrolment(enrolment=pending).status == Status.ENROLLED
    assert confirm_enrolment(enrolment=third).status == Status.WAITING


def test_an_expired_hold_frees_the_place_and_a_late_confirmation_joins_the_waiting_list(course):
    offering = OfferingFactory(course=course, capacity=1)
    late = enrol(offering=offering, data=person(1), actor=None, ip_address="10.0.0.1", language="nl")
    Enrolment.objects.filter(pk=late.pk).update(hold_until=timezone.now() - timedelta(minutes=1))
    assert sign_up(offering, 2).status == Status.ENROLLED
    assert confirm_enrolment(enrolment=late).status == Status.WAITING


def test_a_signed_in_person_enrolling_their_own_address_is_enrolled_at_once(offering, partner_a_contact):
    data = {**person(1), "email": partner_a_contact.email}
    made = enrol(offering=offering, data=data, actor=partner_a_contact, ip_address="10.0.0.1", language="nl")
    assert made.status == Status.ENROLLED and made.confirmed_at is not None


def test_the_terms_must_be_accepted_and_an_employer_gives_an_invoice_address_or_order_number(
        offering, partner_b):
    with translation.override("en"), pytest.raises(LearningError, match="Accept the terms") as refused:
        enrol(offering=offering, data=person(1, terms_accepted=False), actor=None, ip_address="10.0.0.1",
              language="nl")
    assert refused.value.field == "terms_accepted"
    with translation.override("en"), pytest.raises(LearningError, match="invoice address or a purchase-order"):
        enrol(offering=offering, data=person(1, employer=partner_b), actor=None, ip_address="10.0.0.1",
              language="nl")
    assert not offering.enrolments.exists()
    made = enrol(offering=offering, data=person(1, employer=partner_b, purchase_order=" PO-2026-118 "),
                 actor=None, ip_address="10.0.0.1", language="nl")
    assert made.purchase_order == "PO-2026-118"
    free = OfferingFactory(course=CourseFactory(provider=offering.course.provider, price=Decimal("0")))
    enrol(offering=free, data=person(2, employer=partner_b), actor=None, ip_address="10.0.0.2", language="nl")


def test_the_enrol_page_shows_the_price_and_the_course_terms_or_the_centres_or_a_default(offering, client, centre):
    client.cookies["django_language"] = "en"
    url = reverse("learning:enrol", args=[centre.slug, offering.pk])
    page = client.get(url).content.decode()
    assert f'data-price="{offering.course.price}"' in page and "Enrolment is binding once confirmed." in page
    centre.course_terms = {"nl": "Algemene voorwaarden van het centrum.", "en": "The centre's general terms."}
    centre.save()
    assert "The centre&#x27;s general terms." in client.get(url).content.decode()
    offering.course.terms = "Annuleren kan tot een week voor de start."
    offering.course.save()
    assert "Annuleren kan tot een week voor de start." in client.get(url).content.decode()
    refused = post_enrol(client, offering, 1, terms_accepted="", employer=offering.course.provider.pk)
    assert refused.status_code == 400 and not offering.enrolments.exists()
    errors = refused.context["form"].errors
    assert set(errors) == {"terms_accepted", "invoice_address"}


def test_after_enrolling_the_page_asks_to_confirm_by_email_and_the_link_enrols(offering, client):
    client.cookies["django_language"] = "en"
    response = post_enrol(client, offering, 1, employer=offering.course.provider.pk,
                          invoice_address="Postbus 1\n2300 AA Leiden")
    assert response["Location"] == reverse("learning:course", args=[offering.course.centre.slug,
                                                                      offering.course.pk])
    assert "Almost done" in client.get(response["Location"]).content.decode()
    enrolment = offering.enrolments.get()
    assert enrolment.status == Status.PENDING and enrolment.invoice_address == "Postbus 1\n2300 AA Leiden"
    confirm_by_link(client, enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ENROLLED and enrolment.confirmed_at is not None


def test_after_cancelling_one_may_enrol_again(offering):
    cancel_enrolment(enrolment=sign_up(offering, 1))
    assert sign_up(offering, 1).status == Status.ENROLLED


def test_an_offering_that_started_yesterday_is_closed_and_one_starting_today_is_open(course):
    past = OfferingFactory(course=course, start_date=in_days(-1), end_date=in_days(1))
    with translation.override("nl"), pytest.raises(LearningError, match="inschrijven is niet meer mogelijk"):
        sign_up(past, 1)
    assert sign_up(OfferingFactory(course=course, start_date=in_days(0), end_date=in_days(0)), 2).status == "enrolled"
    assert not past.enrolments.exists()


def test_a_draft_course_takes_no_enrolment_and_no_interest(partner_a):
    draft = CourseFactory(provider=partner_a, status="draft")
    with pytest.raises(LearningError):
        sign_up(OfferingFactory(course=draft), 1)
    with pytest.raises(LearningError):
        register_interest(course=draft, data=person(1), actor=None, ip_address="10.0.0.1")


def test_cancelling_a_place_moves_the_first_waiting_person_up_and_mails_them_after_commit(
        offering, django_capture_on_commit_callbacks):
    first, _second, third, fourth = (sign_up(offering, n) for n in range(1, 5))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cancel_enrolment(enrolment=first)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == (Status.ENROLLED, Status.WAITING)
    assert third.promoted_at is not None and waiting_position(fourth) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["medewerker1@example.org", "medewerker3@example.org"]
    assert offering.enrolments.filter(status=Status.ENROLLED).count() == 2


def test_leaving_the_waiting_list_moves_nobody_up(offering):
    _first, _second, third, fourth = (sign_up(offering, n) for n in range(1, 5))
    cancel_enrolment(enrolment=third)
    fourth.refresh_from_db()
    assert fourth.status == Status.WAITING and fourth.promoted_at is None and waiting_position(fourth) == 1


def test_cancelling_twice_is_refused(offering):
    first = sign_up(offering, 1)
    cancel_enrolment(enrolment=first)
    with translation.override("nl"), pytest.raises(LearningError, match="al geannuleerd"):
        cancel_enrolment(enrolment=first)


def test_interest_twice_for_a_course_is_refused_and_nothing_is_written(course):
    register_interest(course=course, data=person(1), actor=None, ip_address="10.0.0.1")
    with translation.override("nl"), pytest.raises(LearningError, match="heeft al interesse in deze cursus"):
        register_interest(course=course, data={**person(1), "name": "Ander"}, actor=None, ip_address="10.0.0.2")
    assert Interest.objects.filter(course=course).count() == 1


@override_settings(APPLICATION_RATE_LIMIT=2)
def test_an_anonymous_sender_is_limited_per_address_but_a_signed_in_contact_is_not(offering, partner_a_contact):
    for n in (1, 2):
        enrol(offering=offering, data=person(n), actor=None, ip_address="10.9.9.9", language="nl")
    with translation.override("nl"), pytest.raises(LearningError, match="meerdere aanmeldingen"):
        enrol(offering=offering, data=person(3), actor=None, ip_address="10.9.9.9", language="nl")
    enrol(offering=offering, data=person(4), actor=None, ip_address="10.9.9.8", language="nl")
    enrol(offering=offering, data=person(5), actor=partner_a_contact, ip_address="10.9.9.9", language="nl")
    assert offering.enrolments.count() == 4


# Through the pages -----------------------------------------------------------------------------------------------


def post_enrol(client, offering, n, **extra):
    url = reverse("learning:enrol", args=[offering.course.centre.slug, offering.pk])
    return client.post(url, {"name": f"Medewerker {n}", "email": f"medewerker{n}@example.org",
                             "terms_accepted": "on", **extra})


def confirm_by_link(client, enrolment):
    url = reverse("learning:confirm", args=[enrolment.offering.course.centre.slug, enrolment.token])
    assert client.get(url).status_code == 200  # a mail scanner opening the link confirms nothing
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PENDING
    return client.post(url)


def test_the_enrol_page_says_before_and_after_that_a_full_offering_means_the_waiting_list(offering, client):
    client.cookies["django_language"] = "en"
    for n in (1, 2):
        assert post_enrol(client, offering, n).status_code == 302
    page = client.get(reverse("learning:enrol", args=[offering.course.centre.slug, offering.pk])).content.decode()
    assert "This offering is full; you will be put on the waiting list (place 1)." in page  # held places count
    post_enrol(client, offering, 3)
    response = confirm_by_link(client, offering.enrolments.get(email="medewerker3@example.org"))
    result = client.get(response["Location"]).content.decode()
    assert "This offering is full; you are on the waiting list (place 1)." in result
    assert 'data-waiting-position="1"' in result


def test_enrolling_twice_on_the_page_shows_the_error_and_writes_nothing(offering, client):
    client.cookies["django_language"] = "en"
    post_enrol(client, offering, 1)
    response = post_enrol(client, offering, 1)
    assert response.status_code == 400
    assert "medewerker1@example.org is already registered for this offering." in response.content.decode()
    assert offering.enrolments.count() == 1


def test_a_filled_honeypot_looks_like_success_but_writes_nothing(offering, client):
    response = post_enrol(client, offering, 1, nickname="bot")
    assert response.status_code == 302 and not offering.enrolments.exists()


def test_the_cancel_link_shows_first_and_cancels_on_post(offering, client):
    enrolment = EnrolmentFactory(offering=offering)
    url = reverse("learning:cancel", args=[offering.course.centre.slug, enrolment.token])
    assert client.get(url).status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ENROLLED
    assert client.post(url).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED and enrolment.cancelled_at is not None


def test_a_partner_contact_registers_an_employee_with_their_own_organisation_preset(
        course, offering, partner_a, partner_a_contact):
    client = client_for(partner_a_contact)
    page = client.get(reverse("learning:course", args=[course.centre.slug, course.pk])).content.decode()
    assert f'<option value="{partner_a.pk}" selected>' in page
    response = client.post(reverse("learning:course", args=[course.centre.slug, course.pk]),
                           {"name": "Collega", "email": "collega@example.org", "employer": partner_a.pk})
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.employer, interest.registered_by) == (partner_a, partner_a_contact)


def test_interest_twice_on_the_course_page_shows_a_clear_message(course, client):
    client.cookies["django_language"] = "en"
    url = reverse("learning:course", args=[course.centre.slug, course.pk])
    client.post(url, {"name": "Anna", "email": "anna@example.org"})
    response = client.post(url, {"name": "Anna", "email": "anna@example.org"})
    assert response.status_code == 400
    assert "anna@example.org has already registered interest in this course" in response.content.decode()
    assert Interest.objects.count() == 1


# Concurrency (PostgreSQL) ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_concurrent_cancellations_promote_exactly_one_waiting_person_per_freed_place(partner_a):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a), capacity=4)
    enrolled = [EnrolmentFactory(offering=offering) for _ in range(4)]
    for _ in range(6):
        EnrolmentFactory(offering=offering, status=Status.WAITING)

    assert at_once(lambda enrolment: cancel_enrolment(enrolment=enrolment), enrolled[:3]) == []

    statuses = list(offering.enrolments.values_list("status", flat=True))
    assert statuses.count(Status.ENROLLED) == 4  # never more than the places
    assert offering.enrolments.filter(promoted_at__isnull=False).count() == 3  # one per freed place
    assert statuses.count(Status.WAITING) == 3


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_concurrent_enrolments_never_exceed_the_places(partner_a):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a), capacity=3)

    assert at_once(lambda n: sign_up(offering, n), list(range(8))) == []

    assert offering.enrolments.filter(status=Status.ENROLLED).count() == 3
    assert offering.enrolments.filter(status=Status.WAITING).count() == 5
