"""The public catalogue, course page, learning paths and iCalendar feed: drafts never leak, filters narrow,
places left are counted, and the pages take the same number of queries for N and 3N courses."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse

from civhub.learning.models import Course, Enrolment
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
from tests.partners.factories import count_queries


def catalogue_url(centre, query=""):
    return reverse("learning:catalogue", args=[centre.slug]) + query


def page_text(client, url) -> str:
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_catalogue_lists_published_courses_only(client, centre, partner_a):
    CourseFactory(provider=partner_a, title="HPLC voor gevorderden")
    draft = CourseFactory(provider=partner_a, title="Geheime conceptcursus", status=Course.Status.DRAFT)
    page = page_text(client, catalogue_url(centre))
    assert "HPLC voor gevorderden" in page and "Geheime conceptcursus" not in page
    assert client.get(reverse("learning:course", args=[centre.slug, draft.pk])).status_code == 404
    assert "Geheime" not in client.get(reverse("learning:offerings_ics", args=[centre.slug])).content.decode()


def test_each_course_shows_its_facts_and_upcoming_offerings_with_places_left(client, centre, partner_a):
    course = CourseFactory(provider=partner_a, title="GMP in de praktijk", price=Decimal("450.00"), stap_eligible=True,
                           nlqf_level=4, eqf_level=4, study_load=Decimal("16"))
    course.skills.add(SkillFactory(centre=centre, name="Kwaliteitsborging"))
    open_one = OfferingFactory(course=course, capacity=3, location="Pesthuislaan 7, Leiden")
    EnrolmentFactory(offering=open_one)
    full = OfferingFactory(course=course, capacity=1, start_date=in_days(60), end_date=in_days(61))
    EnrolmentFactory(offering=full)
    OfferingFactory(course=course, start_date=in_days(-10), end_date=in_days(-9), location="Al voorbij")
    page = page_text(client, catalogue_url(centre))
    for text in ("GMP in de praktijk", "EUR 450.00", "STAP-eligible", "NLQF 4", "EQF 4", "16 hours", "Dutch",
                 "Kwaliteitsborging", "Partner A BV", "Pesthuislaan 7, Leiden", "2 places left", "full — waiting list"):
        assert text in page, text
    assert "Al voorbij" not in page


@pytest.mark.parametrize(("query", "expected"), [
    ("?level=mbo4", {"Analist mbo-4"}),
    ("?mode=online", {"Python online"}),
    ("?stap=on", {"Analist mbo-4"}),
    ("?q=python", {"Python online"}),
    ("?q=partner+b", {"Python online"}),
    ("?q=chromatografie", {"Analist mbo-4"}),  # a skill's name
    ("?level=nonsense", {"Analist mbo-4", "Python online"}),  # an edited URL filters nothing
])
def test_filters_narrow_the_catalogue(client, centre, partner_a, partner_b, query, expected):
    mbo = CourseFactory(provider=partner_a, title="Analist mbo-4", level="mbo4", mode="on_site", stap_eligible=True)
    mbo.skills.add(SkillFactory(centre=centre, name="Chromatografie"))
    CourseFactory(provider=partner_b, title="Python online", level="hbo_bachelor", mode="online", stap_eligible=False)
    page = page_text(client, catalogue_url(centre, query))
    assert {title for title in ("Analist mbo-4", "Python online") if title in page} == expected


def test_the_stap_filter_is_offered_only_while_a_course_is_stap_eligible(client, centre, partner_a):
    course = CourseFactory(provider=partner_a, title="Analist mbo-4", stap_eligible=False)
    assert 'name="stap"' not in page_text(client, catalogue_url(centre, ""))  # it would find nothing
    course.stap_eligible = True
    course.save()
    assert 'name="stap"' in page_text(client, catalogue_url(centre, ""))


def test_filter_by_skill_and_provider(client, centre, partner_a, partner_b):
    skill = SkillFactory(centre=centre, name="Celkweek")
    CourseFactory(provider=partner_a, title="Celkweek basis").skills.add(skill)
    CourseFactory(provider=partner_b, title="Statistiek")
    assert "Statistiek" not in page_text(client, catalogue_url(centre, f"?skill={skill.pk}"))
    page = page_text(client, catalogue_url(centre, f"?provider={partner_b.pk}"))
    assert "Statistiek" in page and "Celkweek basis" not in page


def test_the_course_page_shows_offerings_paths_and_the_waiting_list_button(client, centre, partner_a):
    course = CourseFactory(provider=partner_a, title="HPLC voor gevorderden")
    full = OfferingFactory(course=course, capacity=1)
    EnrolmentFactory(offering=full)
    path = LearningPathFactory(centre=centre, title="Van mbo-4 analist naar hbo-specialist")
    step(path, course, 1)
    LearningPathFactory(centre=centre, title="Verborgen route", published=False).steps.create(course=course, position=1)
    page = page_text(client, reverse("learning:course", args=[centre.slug, course.pk]))
    assert "Join the waiting list" in page and "Van mbo-4 analist naar hbo-specialist" in page
    assert "Verborgen route" not in page
    assert 'name="nickname"' in page  # the honeypot


def test_a_path_shows_its_published_steps_in_order(client, centre, partner_a):
    path = LearningPathFactory(centre=centre, title="Bijscholing kwaliteitsborging")
    second = CourseFactory(provider=partner_a, title="Tweede stap hbo")
    first = CourseFactory(provider=partner_a, title="Eerste stap mbo")
    step(path, second, 2)
    step(path, first, 1)
    step(path, CourseFactory(provider=partner_a, title="Concept", status="draft"), 3)
    page = page_text(client, reverse("learning:path", args=[centre.slug, path.pk]))
    assert page.index("Eerste stap mbo") < page.index("Tweede stap hbo") and "Concept" not in page
    assert "Bijscholing kwaliteitsborging" in page_text(client, reverse("learning:paths", args=[centre.slug]))


def test_the_ics_feed_has_one_all_day_event_per_upcoming_offering(client, centre, partner_a):
    course = CourseFactory(provider=partner_a, title="GMP in de praktijk")
    offering = OfferingFactory(course=course, start_date=in_days(10), end_date=in_days(12), location="BTF, Leiden")
    OfferingFactory(course=course, start_date=in_days(-5), end_date=in_days(-4))
    response = client.get(reverse("learning:offerings_ics", args=[centre.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "GMP in de praktijk" and str(event["location"]) == "BTF, Leiden"
    assert event.decoded("dtstart") == offering.start_date
    assert event.decoded("dtend") == offering.end_date + datetime.timedelta(days=1)  # DTEND is exclusive
    assert "Partner A BV" in str(event["description"])
    assert f"/cursus/{course.pk}/" in str(event["description"])
    assert "dtstamp" in event
    again = icalendar.Calendar.from_ical(client.get(reverse("learning:offerings_ics", args=[centre.slug])).content)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])  # stable per offering


def build_courses(centre, partners, n):
    skills = [SkillFactory(centre=centre) for _ in range(2)]
    for number in range(n):
        course = CourseFactory(provider=partners[number % 2])
        course.skills.add(*skills)
        offering = OfferingFactory(course=course, capacity=2)
        OfferingFactory(course=course)
        EnrolmentFactory(offering=offering)
        EnrolmentFactory(offering=offering, status=Enrolment.Status.WAITING)
        InterestFactory(course=course)
        path = LearningPathFactory(centre=centre)
        step(path, course, 1)


@pytest.mark.parametrize("url_name", ["catalogue", "paths"])
def test_public_lists_take_the_same_queries_for_n_and_3n_courses(client, centre, partner_a, partner_b, url_name):
    url = reverse(f"learning:{url_name}", args=[centre.slug])
    build_courses(centre, [partner_a, partner_b], 3)
    few = count_queries(client, url)
    build_courses(centre, [partner_a, partner_b], 6)
    assert count_queries(client, url) == few


def test_the_course_page_takes_the_same_queries_with_more_offerings_and_skills(client, centre, partner_a):
    course = CourseFactory(provider=partner_a)
    url = reverse("learning:course", args=[centre.slug, course.pk])

    def grow(n):
        for _ in range(n):
            course.skills.add(SkillFactory(centre=centre))
            EnrolmentFactory(offering=OfferingFactory(course=course))
            step(LearningPathFactory(centre=centre), course, 1)

    grow(2)
    few = count_queries(client, url)
    grow(4)
    assert count_queries(client, url) == few


def test_the_ics_feed_survives_line_breaks_and_separators_in_names_titles_and_places(client, centre, partner_a):
    centre.name = "Centrum\r\nNoord; Oost, West"
    centre.save(update_fields=["name"])
    course = CourseFactory(provider=partner_a, title="GMP\nin de; praktijk, deel 1")
    OfferingFactory(course=course, start_date=in_days(10), end_date=in_days(12), location="BTF\rLeiden; hal, B")
    response = client.get(reverse("learning:offerings_ics", args=[centre.slug]))
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert "X-WR-CALNAME:Cursussen van Centrum Noord\\; Oost\\, West" in response.content.decode()
    assert str(event["summary"]) == "GMP in de; praktijk, deel 1" and str(event["location"]) == "BTF Leiden; hal, B"
