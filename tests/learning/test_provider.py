"""Providers and the office: courses and offerings with their refusals, a partner's own scope, the people in
an offering and their exports (same rows), the demand signal, employers' view, and learning paths."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from civhub.learning.errors import LearningError
from civhub.learning.models import Course, Enrolment, LearningPathStep, Offering
from civhub.learning.services.courses import save_course, save_offering
from civhub.learning.services.paths import add_step, move_step, remove_step
from tests.learning.factories import (
    CourseFactory,
    EnrolmentFactory,
    InterestFactory,
    LearningPathFactory,
    OfferingFactory,
    SkillFactory,
    in_days,
    step,
)
from tests.partners.factories import client_for, count_queries

Status = Enrolment.Status


def url(centre, name, *args):
    return reverse(f"learning:{name}", args=[centre.slug, *args])


def course_post(partner, **changes):
    data = {"provider": partner.pk, "title": "HPLC voor gevorderden", "description": "", "level": "non_formal",
            "nlqf_level": "", "eqf_level": "5", "study_load": "24", "study_load_unit": "hour", "language": "nld",
            "price": "895.00", "stap_eligible": "on", "mode": "on_site", "status": "published",
            "new_skills": "HPLC, Methodevalidatie"}
    return {**data, **changes}


def test_a_partner_contact_adds_a_course_with_new_skills(centre, partner_a, partner_a_contact):
    response = client_for(partner_a_contact).post(url(centre, "course_new"), course_post(partner_a))
    assert response.status_code == 302
    course = Course.objects.get()
    assert (course.provider, course.price, course.eqf_level, course.nlqf_level) == (
        partner_a, Decimal("895.00"), 5, None)
    assert sorted(course.skills.values_list("name", flat=True)) == ["HPLC", "Methodevalidatie"]


def test_a_new_skill_with_the_name_of_an_existing_one_reuses_it(centre, partner_a, partner_a_contact):
    skill = SkillFactory(centre=centre, name="HPLC")
    client_for(partner_a_contact).post(url(centre, "course_new"), course_post(partner_a, new_skills="hplc"))
    assert list(Course.objects.get().skills.all()) == [skill]


@pytest.mark.parametrize(("changes", "message"), [
    ({"price": "-1"}, "The price cannot be negative."),
    ({"nlqf_level": "9"}, "The NLQF level is a number from 1 to 8."),
    ({"eqf_level": "0"}, "The EQF level is a number from 1 to 8."),
])
def test_course_refusals_are_clear_and_write_nothing(centre, partner_a, partner_a_contact, changes, message):
    response = client_for(partner_a_contact).post(url(centre, "course_new"), course_post(partner_a, **changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Course.objects.exists()


def test_a_partner_cannot_offer_a_course_in_another_partners_name(centre, partner_a, partner_b, partner_a_contact):
    response = client_for(partner_a_contact).post(url(centre, "course_new"), course_post(partner_b))
    assert response.status_code == 400 and not Course.objects.exists()
    with pytest.raises(LearningError, match="your own organisation"):
        save_course(centre=centre, actor=partner_a_contact, data={**_data(partner_b)})


def _data(partner):
    return {"provider": partner, "title": "X", "description": "", "level": "non_formal", "nlqf_level": None,
            "eqf_level": None, "study_load_unit": "hour", "study_load": Decimal("8"), "language": "nld",
            "price": Decimal("10"), "stap_eligible": False, "mode": "online", "status": "draft"}


def test_partner_b_gets_404_on_partner_as_course_and_offering(centre, partner_a, partner_b_contact):
    course = CourseFactory(provider=partner_a)
    offering = OfferingFactory(course=course)
    client = client_for(partner_b_contact)
    assert client.get(url(centre, "course_edit", course.pk)).status_code == 404
    assert client.post(url(centre, "offering_new", course.pk), {}).status_code == 404
    assert client.get(url(centre, "offering_enrolments", offering.pk)).status_code == 404
    assert client.get(url(centre, "offering_export", offering.pk, "csv")).status_code == 404


def offering_post(**changes):
    return {"start_date": in_days(20).isoformat(), "end_date": in_days(21).isoformat(),
            "location": "Biotech Training Facility, Leiden", "capacity": "12", **changes}


def test_a_provider_adds_an_offering(centre, partner_a, partner_a_contact):
    course = CourseFactory(provider=partner_a)
    response = client_for(partner_a_contact).post(url(centre, "offering_new", course.pk), offering_post())
    assert response.status_code == 302
    assert Offering.objects.get().capacity == 12


@pytest.mark.parametrize(("changes", "message"), [
    ({"end_date": in_days(19).isoformat()}, "is before the start date"),
    ({"start_date": in_days(-1).isoformat()}, "A new offering cannot start in the past"),
    ({"capacity": "0"}, ""),
])
def test_offering_refusals_write_nothing(centre, partner_a, partner_a_contact, changes, message):
    course = CourseFactory(provider=partner_a)
    response = client_for(partner_a_contact).post(url(centre, "offering_new", course.pk), offering_post(**changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Offering.objects.exists()


def test_capacity_below_the_number_enrolled_is_refused_naming_both_numbers(centre, partner_a, partner_a_contact):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a), capacity=5)
    for _ in range(4):
        EnrolmentFactory(offering=offering)
    edit = url(centre, "offering_edit", offering.pk)
    response = client_for(partner_a_contact).post(edit, offering_post(capacity="3"))
    assert response.status_code == 400
    assert ("4 people are enrolled in this offering, so it needs at least 4 places; you entered 3."
            in response.content.decode())
    offering.refresh_from_db()
    assert offering.capacity == 5


def test_more_places_move_people_up_from_the_waiting_list(partner_a, partner_a_contact):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a), capacity=1)
    EnrolmentFactory(offering=offering)
    first, second = (EnrolmentFactory(offering=offering, status=Status.WAITING) for _ in range(2))
    data = {"start_date": offering.start_date, "end_date": offering.end_date, "location": "Leiden", "capacity": 2}
    save_offering(course=offering.course, actor=partner_a_contact, data=data, offering=offering)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.ENROLLED, Status.WAITING)


def test_the_enrolment_page_and_both_exports_show_the_same_rows(centre, partner_a, partner_b, partner_a_contact):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a), capacity=1)
    EnrolmentFactory(offering=offering, name="Anna de Vries", email="anna@example.org", employer=partner_b)
    EnrolmentFactory(offering=offering, name="=Bram", email="bram@example.org", status=Status.WAITING)
    EnrolmentFactory(offering=offering, name="Weg", status=Status.CANCELLED)
    client = client_for(partner_a_contact)
    page = client.get(url(centre, "offering_enrolments", offering.pk)).content.decode()
    assert "Anna de Vries" in page and "Gemeente Partner B" in page and "Weg" not in page
    text = client.get(url(centre, "offering_export", offering.pk, "csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Name", "E-mail address", "Employer", "Status", "Registered at", "Invoice address",
                       "Purchase-order number"]
    assert [row[:4] for row in rows[1:]] == [["Anna de Vries", "anna@example.org", "Gemeente Partner B", "enrolled"],
                                             ["'=Bram", "bram@example.org", "", "on the waiting list"]]
    sheet = load_workbook(io.BytesIO(client.get(url(centre, "offering_export", offering.pk, "xlsx")).content)).active
    cells = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [row[:4] for row in cells[1:]] == [["Anna de Vries", "anna@example.org", "Gemeente Partner B", "enrolled"],
                                              ["=Bram", "bram@example.org", "", "on the waiting list"]]


def test_the_demand_page_counts_interest_per_course_and_per_skill(centre, partner_a, partner_b, partner_a_contact):
    pipetting, gmp = SkillFactory(centre=centre, name="Pipetteren"), SkillFactory(centre=centre, name="GMP")
    own = CourseFactory(provider=partner_a, title="Eigen cursus")
    own.skills.add(pipetting, gmp)
    other = CourseFactory(provider=partner_b, title="Cursus van B")
    other.skills.add(gmp)
    for _ in range(3):
        InterestFactory(course=own)
    InterestFactory(course=other)
    page = client_for(partner_a_contact).get(url(centre, "demand")).content.decode()
    assert f'data-course="{own.pk}">3<' in page and "Cursus van B" not in page  # only its own courses
    assert 'data-skill="GMP">4<' in page and 'data-skill="Pipetteren">3<' in page  # the whole centre, counts only


def test_the_demand_page_takes_the_same_queries_for_more_courses(centre, partner_a, programme_manager):
    client = client_for(programme_manager)

    def grow(n):
        for _ in range(n):
            course = CourseFactory(provider=partner_a)
            course.skills.add(SkillFactory(centre=centre))
            InterestFactory(course=course)
            EnrolmentFactory(offering=OfferingFactory(course=course))

    grow(2)
    few = count_queries(client, url(centre, "demand"))
    grow(4)
    assert count_queries(client, url(centre, "demand")) == few


def test_the_courses_sort_by_title_or_interest_and_the_chosen_order_is_marked(centre, partner_a, partner_b,
                                                                              programme_manager):
    popular = CourseFactory(provider=partner_a, title="Zuiveren van eiwitten")
    InterestFactory.create_batch(2, course=popular)
    CourseFactory(provider=partner_b, title="Analyse met HPLC", status=Course.Status.DRAFT)
    CourseFactory(provider=partner_a, title="Microscopie")
    client = client_for(programme_manager)

    def titles(**query):
        response = client.get(url(centre, "manage"), query)
        return [course.title for course in response.context["courses"]], response.content.decode()

    order, page = titles()
    assert order == ["Analyse met HPLC", "Microscopie", "Zuiveren van eiwitten"]  # by provider, then title
    assert '<a class="sort-link" href="?sort=-provider" aria-current="true">Provider' in page
    assert "(sorted ascending), sort descending" in page
    assert titles(sort="-title")[0] == ["Zuiveren van eiwitten", "Microscopie", "Analyse met HPLC"]
    assert titles(sort="-interest")[0][0] == "Zuiveren van eiwitten"
    assert titles(sort="status")[0][0] == "Analyse met HPLC"  # the draft first
    assert titles(sort="price")[0] == order  # not a column: the default


@pytest.mark.parametrize(("name", "order"), [("manage", ""), ("manage", "?sort=-interest"), ("employees", "")])
def test_provider_lists_take_the_same_queries_for_more_rows(centre, partner_a, programme_manager, name, order):
    client = client_for(programme_manager)

    def grow(n):
        for _ in range(n):
            course = CourseFactory(provider=partner_a)
            offering = OfferingFactory(course=course)
            EnrolmentFactory(offering=offering, employer=partner_a)
            InterestFactory(course=course, employer=partner_a)
            LearningPathFactory(centre=centre)

    grow(2)
    few = count_queries(client, url(centre, name) + order)
    grow(4)
    assert count_queries(client, url(centre, name) + order) == few


def test_an_employer_sees_its_own_employees_only(centre, partner_a, partner_b, partner_b_contact):
    offering = OfferingFactory(course=CourseFactory(provider=partner_a))
    EnrolmentFactory(offering=offering, name="Werknemer van B", employer=partner_b)
    EnrolmentFactory(offering=offering, name="Werknemer van A", employer=partner_a)
    page = client_for(partner_b_contact).get(url(centre, "employees")).content.decode()
    assert "Werknemer van B" in page and "Werknemer van A" not in page


# Learning paths ------------------------------------------------------------------------------------------------


def test_a_course_is_at_most_once_in_a_path(centre, partner_a, programme_manager):
    path, course = LearningPathFactory(centre=centre), CourseFactory(provider=partner_a)
    add_step(path=path, course=course, actor=programme_manager)
    with pytest.raises(LearningError, match="already a step"):
        add_step(path=path, course=course, actor=programme_manager)
    response = client_for(programme_manager).post(url(centre, "step_add", path.pk), {"course": course.pk})
    assert response.status_code == 400 and path.steps.count() == 1


def test_steps_are_added_at_the_end_moved_and_removed_keeping_their_order(centre, partner_a, programme_manager):
    path = LearningPathFactory(centre=centre)
    courses = [CourseFactory(provider=partner_a, title=title) for title in ("mbo", "hbo", "specialisatie")]
    for course in courses:
        client_for(programme_manager).post(url(centre, "step_add", path.pk), {"course": course.pk})

    def order():
        return list(path.steps.order_by("position").values_list("course__title", "position"))

    assert order() == [("mbo", 1), ("hbo", 2), ("specialisatie", 3)]
    move_step(step=path.steps.get(position=3), up=True, actor=programme_manager)
    assert order() == [("mbo", 1), ("specialisatie", 2), ("hbo", 3)]
    move_step(step=path.steps.get(position=1), up=True, actor=programme_manager)  # already first: nothing
    remove_step(step=path.steps.get(position=1), actor=programme_manager)
    assert order() == [("specialisatie", 1), ("hbo", 2)]


def test_a_step_can_be_moved_through_the_page(centre, partner_a, programme_manager):
    path = LearningPathFactory(centre=centre)
    first = step(path, CourseFactory(provider=partner_a, title="A"), 1)
    step(path, CourseFactory(provider=partner_a, title="B"), 2)
    client_for(programme_manager).post(url(centre, "step_move", path.pk, first.pk), {"direction": "down"})
    assert LearningPathStep.objects.get(pk=first.pk).position == 2


def test_the_office_creates_a_path(centre, programme_manager):
    response = client_for(programme_manager).post(url(centre, "path_new"),
                                                  {"title": "Bijscholing kwaliteitsborging", "published": "on"})
    assert response.status_code == 302
    assert centre.learning_paths.get().published
