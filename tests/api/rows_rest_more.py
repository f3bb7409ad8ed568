"""Permission rows for the v1 events, courses, meetings and monitor endpoints (same shape as tests/test_permissions.py).

As in rows_rest.py, the matrix signs in with the session and an anonymous caller gets a 401. Lists are open to
everyone in the centre and hold only what each may see (tests/api/test_rest_*.py check the rows); an object
the person may not open is a 404, as is anything of another centre. A create posted as an empty form is a 415
(the person may register or enrol; the body is not JSON). The monitor follows its page: the office, the steering
group and the partners' people; the centre's other roles get a 403.
"""

from civhub.events.models import Event
from civhub.governance.models import Meeting
from civhub.learning.models import Course
from tests.api.builders import course
from tests.api.rows_rest import CENTRE_NOT_OFFICE, OFFICE, PARTNER_A, centre, rows
from tests.events.factories import EventFactory
from tests.factories import GrantFactory
from tests.governance.support import decision, meeting

MEMBERS = OFFICE + CENTRE_NOT_OFFICE + PARTNER_A + ["partner_b_contact"]
CENTRE_LIST = {"anonymous": 401, **dict.fromkeys(MEMBERS, 200), "other_centre_manager": 404}
# The matrix POSTs an empty form: once the caller's access is checked, refused for not being JSON (415).
CENTRE_CREATE = {**CENTRE_LIST, **dict.fromkeys(MEMBERS, 415)}


def only(*personas) -> dict:
    """Everyone in the centre gets a 404 but `personas` (200); anonymous a 401, another centre a 404."""
    return {**CENTRE_LIST, **{persona: 200 if persona in personas else 404 for persona in MEMBERS}}


PARTNER_EVENT = only(*OFFICE, *PARTNER_A, "partner_b_contact")
PARTNER_A_DRAFT = only(*OFFICE, *PARTNER_A)
STEERING_MEETING = only(*OFFICE, "steering_member", "partner_a_signatory")
MONITOR = {**CENTRE_LIST, "practor": 403, "communications": 403}


def public_event(get):
    return {"centre_slug": get("centre").slug, "pk": EventFactory(centre=get("centre")).pk}


def partner_event(get):
    event = EventFactory(centre=get("centre"), audience=Event.Audience.PARTNERS)
    return {"centre_slug": get("centre").slug, "pk": event.pk}


def other_centres_event_here(get):
    return {"centre_slug": get("centre").slug, "pk": EventFactory(centre=get("other_centre")).pk}


def published_course(get):
    return {"centre_slug": get("centre").slug, "pk": course(get("partner_a")).pk}


def partner_a_draft(get):
    return {"centre_slug": get("centre").slug, "pk": course(get("partner_a"), status=Course.Status.DRAFT).pk}


def other_centres_course_here(get):
    return {"centre_slug": get("centre").slug, "pk": course(get("other_partner")).pk}


def steering_meeting(get):
    return {"centre_slug": get("centre").slug, "pk": meeting(get("centre")).pk}


def other_centres_meeting_here(get):
    return {"centre_slug": get("centre").slug, "pk": meeting(get("other_centre")).pk}


def steering_decision(get):
    return {"centre_slug": get("centre").slug, "pk": decision(meeting(get("centre"), status=Meeting.Status.HELD)).pk}


def other_centres_decision_here(get):
    return {"centre_slug": get("centre").slug, "pk": decision(meeting(get("other_centre"))).pk}


def centre_with_grant(get):
    GrantFactory(centre=get("centre"))
    return centre(get)


REST_MORE_ROWS = [
    *rows("api:v1-events-list", centre, CENTRE_LIST),
    *rows("api:v1-events-detail", public_event, CENTRE_LIST),
    *rows("api:v1-events-detail", partner_event, PARTNER_EVENT),
    ("api:v1-events-detail", other_centres_event_here, "GET", "programme_manager", 404),
    *rows("api:v1-registrations-list", centre, CENTRE_LIST),
    *rows("api:v1-registrations-list", centre, CENTRE_CREATE, method="POST"),
    *rows("api:v1-courses-list", centre, CENTRE_LIST),
    *rows("api:v1-courses-detail", published_course, CENTRE_LIST),
    *rows("api:v1-courses-detail", partner_a_draft, PARTNER_A_DRAFT),
    ("api:v1-courses-detail", other_centres_course_here, "GET", "programme_manager", 404),
    *rows("api:v1-enrolments-list", centre, CENTRE_LIST),
    *rows("api:v1-enrolments-list", centre, CENTRE_CREATE, method="POST"),
    *rows("api:v1-meetings-list", centre, CENTRE_LIST),
    *rows("api:v1-meetings-detail", steering_meeting, STEERING_MEETING),
    ("api:v1-meetings-detail", other_centres_meeting_here, "GET", "programme_manager", 404),
    *rows("api:v1-decisions-list", centre, CENTRE_LIST),
    *rows("api:v1-decisions-detail", steering_decision, STEERING_MEETING),
    ("api:v1-decisions-detail", other_centres_decision_here, "GET", "programme_manager", 404),
    *rows("api:v1-monitor-detail", centre_with_grant, MONITOR),
    ("api:v1-monitor-detail", centre, "GET", "programme_manager", 404),  # no grant yet
]
