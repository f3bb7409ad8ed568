"""The OOAPI v5 catalogue feed: its JSON against the schemas, its values, drafts kept out, errors, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.api.ids import COURSE, OFFERING, ORGANIZATION, ooapi_uuid
from civhub.learning.models import Course
from civhub.partners.models import OrganisationKind
from tests.api import builders
from tests.api.validation import validate
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def catalogue(partner_a, partner_b):
    """Partner A's published course with two offerings (one with enrolments); partner B has only a draft."""
    pipetting = builders.course(partner_a, title="Pipetteren en GLP", description="Nauwkeurig werken in het lab.",
                                study_load=Decimal("16.0"), price=Decimal("340.84"), stap_eligible=True)
    pipetting.skills.add(builders.skill(partner_a.centre, "GLP"), builders.skill(partner_a.centre, "Pipetteren"))
    autumn = builders.offering(pipetting, capacity=3)
    builders.enrolments(autumn, enrolled=2, waiting=1, cancelled=4)
    spring = builders.offering(pipetting, start_date=autumn.start_date.replace(year=2027),
                               end_date=autumn.end_date.replace(year=2027))
    draft = builders.course(partner_b, title="Conceptcursus", status=Course.Status.DRAFT)
    draft_offering = builders.offering(draft)
    return {"course": pipetting, "autumn": autumn, "spring": spring, "draft": draft, "draft_offering": draft_offering}


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content)
    return response.json()


def course_url(course_id) -> str:
    return reverse("api:course", kwargs={"course_id": str(course_id)})


def offerings_url(course_id) -> str:
    return reverse("api:course_offerings", kwargs={"course_id": str(course_id)})


# Every endpoint's JSON against its schema -------------------------------------------------------------


@pytest.mark.parametrize(("url_name", "schema"), [
    ("api:courses", "course_page"),
    ("api:offerings", "offering_page"),
    ("api:organizations", "organization_page"),
])
def test_lists_match_their_schemas(client, catalogue, url_name, schema):
    page = get_json(client, reverse(url_name))
    validate(page, schema)
    assert page["items"]


def test_one_course_and_its_offerings_match_their_schemas(client, catalogue):
    validate(get_json(client, course_url(catalogue["course"].pk)), "course")
    validate(get_json(client, offerings_url(catalogue["course"].pk)), "offering_page")


def test_a_course_reads_in_ooapi_terms(client, catalogue, partner_a):
    course = catalogue["course"]
    data = get_json(client, course_url(ooapi_uuid(COURSE, course.pk)))
    assert data["courseId"] == str(ooapi_uuid(COURSE, course.pk))
    assert data["primaryCode"] == {"codeType": "courseCode", "code": f"partner-a-{course.pk}"}
    assert data["name"] == [{"language": "nl-NL", "value": "Pipetteren en GLP"}]
    assert data["description"] == [{"language": "nl-NL", "value": "Nauwkeurig werken in het lab."}]
    assert data["teachingLanguage"] == "nld"
    assert data["level"] == "secondary vocational education 4"
    assert data["studyLoad"] == {"studyLoadUnit": "hour", "value": 16}
    assert data["modeOfDelivery"] == ["situated"]
    assert data["organization"] == str(ooapi_uuid(ORGANIZATION, partner_a.organisation_id))
    assert data["offerings"] == [str(ooapi_uuid(OFFERING, catalogue[name].pk)) for name in ("autumn", "spring")]
    assert data["ext"] == {
        "centre": partner_a.centre.slug,
        "nlqfLevel": 4,
        "eqfLevel": 4,
        "stapEligible": True,
        "skills": ["GLP", "Pipetteren"],
        "priceInformation": [
            {"costType": "total costs", "amount": "340.84", "currency": "EUR", "displayAmount": "€ 340,84"}
        ],
    }


def test_an_offering_reads_in_ooapi_terms(client, catalogue, partner_a):
    autumn, course = catalogue["autumn"], catalogue["course"]
    first = get_json(client, reverse("api:offerings"))["items"][0]
    assert first["offeringId"] == str(ooapi_uuid(OFFERING, autumn.pk))
    assert first["offeringType"] == "course"
    assert first["primaryCode"] == {"codeType": "offeringCode", "code": f"partner-a-{course.pk}-{autumn.pk}"}
    assert (first["startDate"], first["endDate"]) == ("2026-09-07", "2026-10-12")
    assert first["name"] == [{"language": "nl-NL", "value": "Pipetteren en GLP"}]
    assert first["teachingLanguage"] == "nld"
    assert (first["maxNumberStudents"], first["enrolledNumberStudents"], first["pendingNumberStudents"]) == (3, 2, 1)
    assert first["priceInformation"][0]["amount"] == "340.84"
    assert first["course"] == str(ooapi_uuid(COURSE, course.pk))
    assert first["organization"] == str(ooapi_uuid(ORGANIZATION, partner_a.organisation_id))
    assert first["ext"] == {"location": "Leiden Bio Science Park, Zernikedreef 11", "stapEligible": True}


def test_an_offering_without_enrolments_counts_none(client, catalogue):
    spring = get_json(client, offerings_url(catalogue["course"].pk))["items"][1]
    assert (spring["enrolledNumberStudents"], spring["pendingNumberStudents"]) == (0, 0)


def test_organizations_are_the_providers(client, catalogue, partner_a):
    partner_a.organisation.website = "https://partner-a.example.org"
    partner_a.organisation.save()
    page = get_json(client, reverse("api:organizations"))
    assert page["items"] == [{
        "organizationId": str(ooapi_uuid(ORGANIZATION, partner_a.organisation_id)),
        "name": [{"language": "nl-NL", "value": "Partner A BV"}],
        "shortName": "partner-a",
        "organizationType": "academy",
        "link": "https://partner-a.example.org",
        "ext": {"kind": "company", "city": "Arnhem"},
    }]


@pytest.mark.parametrize(("kind", "expected"), [
    (OrganisationKind.SCHOOL, "school"),
    (OrganisationKind.COLLEGE, "institute"),
    (OrganisationKind.HOSPITAL, "academy"),
])
def test_organization_types(client, centre, kind, expected):
    school = PartnershipFactory(centre=centre, short_code="school", organisation=OrganisationFactory(kind=kind))
    builders.course(school)
    assert get_json(client, reverse("api:organizations"))["items"][0]["organizationType"] == expected


@pytest.mark.parametrize(("fields", "level"), [
    ({"level": Course.Level.MBO_2, "nlqf_level": 2}, "secondary vocational education 2"),
    ({"level": Course.Level.HBO_ASSOCIATE, "nlqf_level": 5}, "associate degree"),
    ({"level": Course.Level.HBO_BACHELOR, "nlqf_level": 6}, "bachelor"),
    ({"level": Course.Level.WO, "nlqf_level": 7, "eqf_level": 7}, "master"),
    ({"level": Course.Level.WO, "nlqf_level": None, "eqf_level": 8}, "doctoral"),
    ({"level": Course.Level.WO, "nlqf_level": None, "eqf_level": None}, "undefined"),
    ({"level": Course.Level.NON_FORMAL, "nlqf_level": None, "eqf_level": None}, "undefined"),
])
def test_levels_map_to_ooapi_levels(client, partner_a, fields, level):
    data = get_json(client, course_url(builders.course(partner_a, **fields).pk))
    validate(data, "course")
    assert data["level"] == level


@pytest.mark.parametrize(("mode", "expected"), [
    (Course.Mode.ON_SITE, "situated"), (Course.Mode.ONLINE, "online"), (Course.Mode.BLENDED, "hybrid"),
])
def test_modes_of_delivery(client, partner_a, mode, expected):
    assert get_json(client, course_url(builders.course(partner_a, mode=mode).pk))["modeOfDelivery"] == [expected]


def test_an_english_course_in_ects_without_levels(client, partner_a):
    course = builders.course(partner_a, language="eng", study_load_unit="ects", study_load=Decimal("7.5"),
                             nlqf_level=None, eqf_level=None, price=Decimal("1234.5"))
    data = get_json(client, course_url(course.pk))
    validate(data, "course")
    assert data["name"][0]["language"] == "en-GB"
    assert data["studyLoad"] == {"studyLoadUnit": "ects", "value": 7.5}
    assert "nlqfLevel" not in data["ext"] and "eqfLevel" not in data["ext"]
    assert data["ext"]["priceInformation"][0] == {
        "costType": "total costs", "amount": "1234.50", "currency": "EUR", "displayAmount": "€ 1.234,50"
    }


# Drafts never leak -------------------------------------------------------------------------------------


def test_drafts_appear_in_no_list_count_or_organization(client, catalogue, partner_b):
    draft_offering_id = str(ooapi_uuid(OFFERING, catalogue["draft_offering"].pk))
    courses = get_json(client, reverse("api:courses"))
    offerings = get_json(client, reverse("api:offerings"))
    organizations = get_json(client, reverse("api:organizations"))
    assert [item["courseId"] for item in courses["items"]] == [str(ooapi_uuid(COURSE, catalogue["course"].pk))]
    assert draft_offering_id not in {item["offeringId"] for item in offerings["items"]}
    assert len(offerings["items"]) == 2
    assert (courses["totalPages"], offerings["totalPages"], organizations["totalPages"]) == (1, 1, 1)
    assert str(ooapi_uuid(ORGANIZATION, partner_b.organisation_id)) not in {
        item["organizationId"] for item in organizations["items"]
    }
    assert "Conceptcursus" not in str(courses) + str(offerings)


def test_a_draft_course_is_a_json_404(client, catalogue):
    for url in (course_url(catalogue["draft"].pk), course_url(ooapi_uuid(COURSE, catalogue["draft"].pk)),
                offerings_url(catalogue["draft"].pk)):
        problem = get_json(client, url, status=404)
        validate(problem, "problem")
        assert problem["status"] == 404


def test_a_course_published_then_drafted_leaves_the_feed(client, catalogue):
    course = catalogue["course"]
    course.status = Course.Status.DRAFT
    course.save()
    assert get_json(client, reverse("api:courses"))["items"] == []
    assert get_json(client, reverse("api:offerings"))["items"] == []
    assert get_json(client, reverse("api:organizations"))["items"] == []
    get_json(client, course_url(course.pk), status=404)


def test_a_provider_with_drafts_and_published_courses_is_listed_once(client, partner_a):
    builders.course(partner_a)
    builders.course(partner_a)
    builders.course(partner_a, status=Course.Status.DRAFT)
    assert len(get_json(client, reverse("api:organizations"))["items"]) == 1


# Ids ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("course_id", [
    "999999", "0", "-1", "abc", "4611686018427387904", str(ooapi_uuid(COURSE, 999999)),
    "00000000-0000-0000-0000-000000000000", "1e3",
])
def test_unknown_course_ids_are_json_404s(client, catalogue, course_id):
    problem = get_json(client, course_url(course_id), status=404)
    validate(problem, "problem")
    assert problem["status"] == 404
    assert get_json(client, offerings_url(course_id), status=404)["status"] == 404


def test_an_offerings_id_does_not_name_a_course(client, catalogue):
    course_pk = catalogue["course"].pk
    assert get_json(client, course_url(ooapi_uuid(OFFERING, course_pk)), status=404)["status"] == 404
    assert get_json(client, course_url(course_pk))["courseId"] == str(ooapi_uuid(COURSE, course_pk))


def test_a_course_answers_to_its_uuid_in_capitals(client, catalogue):
    uuid_text = str(ooapi_uuid(COURSE, catalogue["course"].pk)).upper()
    assert get_json(client, course_url(uuid_text))["courseId"] == uuid_text.lower()


# Paging ------------------------------------------------------------------------------------------------


@pytest.fixture
def twenty_five_courses(partner_a):
    return [builders.course(partner_a, title=f"Cursus {n:02}") for n in range(25)]


def test_pages_default_to_ten(client, twenty_five_courses):
    page = get_json(client, reverse("api:courses"))
    assert (page["pageSize"], page["pageNumber"], page["totalPages"]) == (10, 1, 3)
    assert (page["hasPreviousPage"], page["hasNextPage"]) == (False, True)
    assert len(page["items"]) == 10


def test_the_last_page_and_beyond(client, twenty_five_courses):
    last = get_json(client, reverse("api:courses") + "?pageSize=10&pageNumber=3")
    assert len(last["items"]) == 5
    assert (last["hasPreviousPage"], last["hasNextPage"]) == (True, False)
    beyond = get_json(client, reverse("api:courses") + "?pageSize=10&pageNumber=4")
    validate(beyond, "course_page")
    assert beyond["items"] == []
    assert (beyond["pageNumber"], beyond["totalPages"], beyond["hasPreviousPage"], beyond["hasNextPage"]) == (
        4, 3, True, False)
    far = get_json(client, reverse("api:courses") + "?pageNumber=999999999")
    assert far["items"] == []


def test_pages_walk_every_course_once(client, twenty_five_courses):
    seen = []
    for number in (1, 2, 3):
        page = get_json(client, reverse("api:courses") + f"?pageSize=10&pageNumber={number}")
        seen += [item["courseId"] for item in page["items"]]
    assert seen == [str(ooapi_uuid(COURSE, course.pk)) for course in twenty_five_courses]


def test_offering_pages_run_chronologically_without_gaps_or_repeats(client, partner_a):
    course = builders.course(partner_a)
    dates = [datetime.date(2026, 1, 1) + datetime.timedelta(days=(n * 7) % 30) for n in range(23)]
    made = [builders.offering(course, start_date=day, end_date=day) for day in dates]
    seen = []
    for number in (1, 2, 3):
        seen += get_json(client, reverse("api:offerings") + f"?pageSize=10&pageNumber={number}")["items"]
    expected = sorted(made, key=lambda offering: (offering.start_date, offering.pk))
    assert [item["offeringId"] for item in seen] == [str(ooapi_uuid(OFFERING, offering.pk)) for offering in expected]
    assert [item["startDate"] for item in seen] == sorted(day.isoformat() for day in dates)


def test_page_size_one_hundred_is_allowed(client, twenty_five_courses):
    page = get_json(client, reverse("api:courses") + "?pageSize=100")
    assert (len(page["items"]), page["totalPages"], page["hasNextPage"]) == (25, 1, False)


def test_an_empty_catalogue_is_one_empty_list(client, centre):
    page = get_json(client, reverse("api:courses"))
    validate(page, "course_page")
    assert (page["items"], page["totalPages"], page["hasNextPage"], page["hasPreviousPage"]) == ([], 0, False, False)


@pytest.mark.parametrize("query", [
    "pageSize=101", "pageSize=0", "pageSize=-1", "pageSize=abc", "pageSize=", "pageSize=1.5", "pageSize=1e2",
    "pageSize=%D9%A1", "pageNumber=0", "pageNumber=-2", "pageNumber=abc", "pageNumber=", "pageNumber=1234567890",
])
@pytest.mark.parametrize("url_name", ["api:courses", "api:offerings", "api:organizations"])
def test_bad_paging_is_a_json_400(client, catalogue, url_name, query):
    response = client.get(f"{reverse(url_name)}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    validate(problem, "problem")
    assert (problem["status"], problem["title"]) == (400, "Bad Request")


def test_bad_paging_on_a_course_offerings_list(client, catalogue):
    problem = get_json(client, offerings_url(catalogue["course"].pk) + "?pageSize=500", status=400)
    assert "pageSize" in problem["detail"]


def test_the_400_says_what_is_allowed_in_english_and_dutch(client, catalogue):
    # Dutch by default; English when chosen with the language cookie (the site ignores Accept-Language).
    dutch = client.get(reverse("api:courses") + "?pageNumber=x").json()
    assert dutch["detail"] == "pageNumber moet een heel getal zijn van 1 of hoger."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("api:courses") + "?pageSize=500").json()
    assert english["detail"] == "pageSize must be a whole number from 1 to 100."


# Methods and filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_is_allowed(client, catalogue, method):
    for url in (reverse("api:courses"), course_url(catalogue["course"].pk), reverse("api:organizations")):
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD"
        validate(response.json(), "problem")


def test_head_is_answered(client, catalogue):
    assert client.head(reverse("api:courses")).status_code == 200


def test_the_feed_spans_centres_and_filters_by_one(client, catalogue, other_partner):
    elsewhere = builders.course(other_partner, title="Elders")
    builders.offering(elsewhere)
    everything = get_json(client, reverse("api:courses"))
    assert len(everything["items"]) == 2
    here = catalogue["course"].centre.slug
    only_here = get_json(client, reverse("api:courses") + f"?centre={here}")
    assert [item["name"][0]["value"] for item in only_here["items"]] == ["Pipetteren en GLP"]
    assert len(get_json(client, reverse("api:offerings") + f"?centre={other_partner.centre.slug}")["items"]) == 1
    organizations = get_json(client, reverse("api:organizations") + f"?centre={other_partner.centre.slug}")
    assert [item["shortName"] for item in organizations["items"]] == ["other-partner"]
    assert get_json(client, reverse("api:courses") + "?centre=no-such-centre")["items"] == []


def test_signed_in_people_see_the_same_feed(catalogue, programme_manager):
    from tests.partners.factories import client_for

    assert get_json(client_for(programme_manager), reverse("api:courses")) == get_json(Client(), reverse("api:courses"))


# Query counts ------------------------------------------------------------------------------------------


def build_catalogue(partner, other, count: int) -> None:
    for n in range(count):
        course = builders.course(partner if n % 2 else other)
        course.skills.add(builders.skill(partner.centre, f"Vaardigheid {n % 4}"))
        for _ in range(2):
            builders.enrolments(builders.offering(course), enrolled=2, waiting=1)
        builders.course(partner, status=Course.Status.DRAFT)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name", ["api:courses", "api:offerings", "api:organizations"])
def test_query_counts_do_not_grow_with_the_data_or_the_page(client, partner_a, partner_b, url_name):
    build_catalogue(partner_a, partner_b, 4)
    small = queries(client, reverse(url_name) + "?pageSize=100")
    build_catalogue(partner_a, partner_b, 8)
    assert queries(client, reverse(url_name) + "?pageSize=100") == small
    assert queries(client, reverse(url_name) + "?pageSize=2") == small
    assert small <= 5  # count, page keys, page rows and two queries for the page's related rows


def test_one_course_and_its_offerings_take_few_queries(client, partner_a, partner_b):
    build_catalogue(partner_a, partner_b, 2)
    course = Course.objects.filter(status=Course.Status.PUBLISHED).first()
    small = (queries(client, course_url(course.pk)), queries(client, offerings_url(course.pk)))
    for _ in range(3):
        builders.enrolments(builders.offering(course), enrolled=1, waiting=2)
    assert (queries(client, course_url(course.pk)), queries(client, offerings_url(course.pk))) == small


# The OpenAPI schema ------------------------------------------------------------------------------------


def test_the_openapi_schema_describes_the_feed(client):
    schema = get_json(client, reverse("api:schema") + "?format=json")
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/ooapi/v5/courses",
        "/api/ooapi/v5/courses/{course_id}",
        "/api/ooapi/v5/courses/{course_id}/offerings",
        "/api/ooapi/v5/offerings",
        "/api/ooapi/v5/organizations",
    } <= set(schema["paths"])
    courses = schema["paths"]["/api/ooapi/v5/courses"]
    assert set(courses) == {"get"}
    assert {parameter["name"] for parameter in courses["get"]["parameters"]} >= {"pageSize", "pageNumber", "centre"}
    assert {"Course", "Offering", "Organization", "CoursePage", "Problem"} <= set(schema["components"]["schemas"])
    course_fields = schema["components"]["schemas"]["Course"]["properties"]
    assert {"courseId", "name", "studyLoad", "modeOfDelivery", "teachingLanguage", "ext"} <= set(course_fields)
