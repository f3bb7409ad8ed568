"""v1 courses and enrolments: the catalogue a person may open, the enrolments they may see, enrolling by API."""

import pytest
from django.core import mail

from civhub.learning.models import Course, Enrolment
from tests.api.rest_more_support import count_queries, ids, post, results, url
from tests.api.support import token_client
from tests.learning.factories import CourseFactory, EnrolmentFactory, OfferingFactory, SkillFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_a(partner_a):
    return CourseFactory(provider=partner_a, title="Pipetteren")


@pytest.fixture
def draft_a(partner_a):
    return CourseFactory(provider=partner_a, title="Concept", status=Course.Status.DRAFT)


@pytest.fixture
def offering_a(course_a):
    return OfferingFactory(course=course_a, capacity=2)


def test_everyone_sees_published_courses_and_a_provider_also_its_drafts(
        centre, course_a, draft_a, partner_a_contact, partner_b_contact, practor, programme_manager):
    assert ids(token_client(partner_a_contact), url("courses", centre)) == {course_a.pk, draft_a.pk}
    assert ids(token_client(programme_manager), url("courses", centre)) == {course_a.pk, draft_a.pk}
    assert ids(token_client(partner_b_contact), url("courses", centre)) == {course_a.pk}
    assert ids(token_client(practor), url("courses", centre), status="draft") == set()


def test_another_providers_draft_and_another_centres_course_are_404s(centre, draft_a, other_partner,
                                                                     partner_b_contact, programme_manager):
    assert token_client(partner_b_contact).get(url("courses", centre, draft_a.pk)).status_code == 404
    elsewhere = CourseFactory(provider=other_partner)
    assert token_client(programme_manager).get(url("courses", centre, elsewhere.pk)).status_code == 404


def test_a_course_shows_its_upcoming_offerings_with_places_and_its_skills(centre, course_a, offering_a, practor):
    OfferingFactory(course=course_a, start_date=in_days(-10))  # started: not upcoming
    course_a.skills.add(SkillFactory(centre=centre, name="Pipetteren"))
    EnrolmentFactory(offering=offering_a)
    body = token_client(practor).get(url("courses", centre, course_a.pk)).json()
    assert [(row["id"], row["places_left"]) for row in body["offerings"]] == [(offering_a.pk, 1)]
    assert body["skills"] == ["Pipetteren"]
    assert body["price"] == "450.00"


def test_enrolments_are_seen_by_the_provider_the_employer_and_the_office(
        centre, offering_a, partner_b, partner_a_contact, partner_b_contact, practor, programme_manager):
    of_b = EnrolmentFactory(offering=offering_a, employer=partner_b)
    no_employer = EnrolmentFactory(offering=offering_a)
    assert ids(token_client(programme_manager), url("enrolments", centre)) == {of_b.pk, no_employer.pk}
    assert ids(token_client(partner_a_contact), url("enrolments", centre)) == {of_b.pk, no_employer.pk}  # provider
    assert ids(token_client(partner_b_contact), url("enrolments", centre)) == {of_b.pk}  # employer
    assert ids(token_client(practor), url("enrolments", centre)) == set()
    assert ids(token_client(programme_manager), url("enrolments", centre), status="waiting") == set()


def test_enrolling_oneself_is_immediate_and_idempotent(centre, offering_a, partner_b_contact, partner_b,
                                                       django_capture_on_commit_callbacks):
    client = token_client(partner_b_contact)
    body = {"offering": offering_a.pk, "employer": partner_b.pk, "purchase_order": "PO-1", "terms_accepted": True}
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, url("enrolments", centre), body, key="enrol-1")
        again = post(client, url("enrolments", centre), body, key="enrol-1")
    assert first.status_code == 201, first.content
    assert again.json() == first.json()
    enrolment = Enrolment.objects.get()
    assert (enrolment.status, enrolment.email, enrolment.employer) == (
        Enrolment.Status.ENROLLED, partner_b_contact.email, partner_b)
    assert len(mail.outbox) == 1


def test_enrolling_someone_else_shows_the_new_enrolment_even_outside_ones_list(
        centre, offering_a, practor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(token_client(practor), url("enrolments", centre),
                        {"offering": offering_a.pk, "name": "Student", "email": "student@example.org",
                         "terms_accepted": True})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == Enrolment.Status.PENDING
    assert mail.outbox[0].to == ["student@example.org"]


def test_the_forms_rules_apply(centre, offering_a, partner_a, partner_a_contact):
    client = token_client(partner_a_contact)
    no_terms = post(client, url("enrolments", centre), {"offering": offering_a.pk, "terms_accepted": False})
    assert no_terms.status_code == 400
    assert list(no_terms.json()["errors"]) == ["terms_accepted"]
    no_invoice = post(client, url("enrolments", centre),
                      {"offering": offering_a.pk, "employer": partner_a.pk, "terms_accepted": True})
    assert no_invoice.status_code == 400
    assert list(no_invoice.json()["errors"]) == ["invoice_address"]
    assert not Enrolment.objects.exists()


def test_a_draft_or_another_centres_offering_cannot_be_enrolled_in(centre, draft_a, other_partner,
                                                                    programme_manager):
    for offering in (OfferingFactory(course=draft_a), OfferingFactory(course=CourseFactory(provider=other_partner))):
        response = post(token_client(programme_manager), url("enrolments", centre),
                        {"offering": offering.pk, "terms_accepted": True})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["offering"]


def test_the_lists_take_the_same_queries_for_more_rows(centre, partner_a, programme_manager):
    client = token_client(programme_manager)
    client.get(url("courses", centre))

    def grow(n):
        for _ in range(n):
            course = CourseFactory(provider=partner_a)
            course.skills.add(SkillFactory(centre=centre))
            EnrolmentFactory(offering=OfferingFactory(course=course), employer=partner_a)

    grow(2)
    before = count_queries(client, url("courses", centre)), count_queries(client, url("enrolments", centre))
    grow(6)
    after = count_queries(client, url("courses", centre)), count_queries(client, url("enrolments", centre))
    assert after == before
    assert len(results(client, url("courses", centre))) == 8
