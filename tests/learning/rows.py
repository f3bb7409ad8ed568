"""Permission rows for the learning app (same shape as tests/test_permissions.py).

The catalogue, course pages, enrolment forms, learning paths and the iCalendar feed are public
(200 for everyone, also signed-in people of another centre). A personal enrolment link works with
its token only. Managing courses is for the partners (each its own) and the office; learning
paths are the office's.
"""

from tests.conftest import PERSONAS
from tests.learning.factories import CourseFactory, EnrolmentFactory, LearningPathFactory, OfferingFactory, step

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
# Providers' pages: every partner (for its own courses) and the office.
PROVIDERS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE + PARTNERS, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
# Partner A's course, offering and its people: A's contacts and the office; B does not learn it exists.
PARTNER_A_COURSE = {**PROVIDERS, "partner_b_contact": 404}
# A draft of partner A on the public course page: only A and the office see it.
DRAFT_OF_A = {
    **dict.fromkeys(PERSONAS, 404),
    "partner_a_contact": 200,
    "partner_a_signatory": 200,
    **dict.fromkeys(OFFICE, 200),
}
# Learning paths are the programme office's to manage.
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# Moving a step takes a POST: a GET from the office is a 405, before anything is looked up.
MOVE_GET = {persona: 405 if status == 200 else status for persona, status in OFFICE_ACCESS.items()}


def refused(who: dict) -> dict:
    return {persona: status for persona, status in who.items() if status != 200}


for who in (EVERYONE_200, PROVIDERS, PARTNER_A_COURSE, DRAFT_OF_A, OFFICE_ACCESS, MOVE_GET):
    assert sorted(who) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def _course(get, **fields):
    return CourseFactory(provider=get("partner_a"), **fields)


def course_of_a(get):
    return {"slug": get("centre").slug, "pk": _course(get).pk}


def draft_of_a(get):
    return {"slug": get("centre").slug, "pk": _course(get, status="draft").pk}


def other_centres_course_here(get):
    return {"slug": get("centre").slug, "pk": CourseFactory(provider=get("other_partner")).pk}


def _offering(get):
    return OfferingFactory(course=_course(get))


def offering_of_a(get):
    return {"slug": get("centre").slug, "pk": _offering(get).pk}


def other_centres_offering_here(get):
    return {"slug": get("centre").slug, "pk": OfferingFactory(course=CourseFactory(provider=get("other_partner"))).pk}


def export_csv(get):
    return {**offering_of_a(get), "fmt": "csv"}


def export_xlsx(get):
    return {**offering_of_a(get), "fmt": "xlsx"}


def export_unknown(get):
    return {**offering_of_a(get), "fmt": "pdf"}


def enrolment_token(get):
    return {"slug": get("centre").slug, "token": EnrolmentFactory(offering=_offering(get)).token}


def wrong_token(get):
    EnrolmentFactory(offering=_offering(get))
    return {"slug": get("centre").slug, "token": "not-the-secret"}


def other_centres_token_here(get):
    offering = OfferingFactory(course=CourseFactory(provider=get("other_partner")))
    return {"slug": get("centre").slug, "token": EnrolmentFactory(offering=offering).token}


def path(get):
    return {"slug": get("centre").slug, "pk": LearningPathFactory(centre=get("centre")).pk}


def other_centres_path_here(get):
    return {"slug": get("centre").slug, "pk": LearningPathFactory(centre=get("other_centre")).pk}


def path_step(get):
    learning_path = LearningPathFactory(centre=get("centre"))
    return {"slug": get("centre").slug, "pk": learning_path.pk, "step_pk": step(learning_path, _course(get), 1).pk}


def other_centres_export_here(get):
    return {**other_centres_offering_here(get), "fmt": "csv"}


def other_centres_step_here(get):
    learning_path = LearningPathFactory(centre=get("other_centre"))
    course = CourseFactory(provider=get("other_partner"))
    return {"slug": get("centre").slug, "pk": learning_path.pk, "step_pk": step(learning_path, course, 1).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


LEARNING_ROWS = [
    # Public: the catalogue, a course, enrolling, the paths and the feed.
    *rows("learning:catalogue", centre_slug, EVERYONE_200),
    *rows("learning:course", course_of_a, EVERYONE_200),
    *rows("learning:course", draft_of_a, DRAFT_OF_A),  # a draft never leaks
    *rows("learning:enrol", offering_of_a, EVERYONE_200),
    *rows("learning:paths", centre_slug, EVERYONE_200),
    *rows("learning:path", path, EVERYONE_200),
    *rows("learning:offerings_ics", centre_slug, EVERYONE_200),
    ("learning:catalogue", unknown_slug, "GET", "anonymous", 404),
    ("learning:course", other_centres_course_here, "GET", "anonymous", 404),
    ("learning:course", other_centres_course_here, "GET", "other_centre_manager", 404),
    ("learning:enrol", other_centres_offering_here, "GET", "anonymous", 404),
    ("learning:path", other_centres_path_here, "GET", "anonymous", 404),
    ("learning:offerings_ics", unknown_slug, "GET", "anonymous", 404),
    # The personal link: the token is the key, for anyone who has it; a wrong one is a 404.
    *rows("learning:enrolment", enrolment_token, EVERYONE_200),
    *rows("learning:cancel", enrolment_token, EVERYONE_200),
    *rows("learning:confirm", enrolment_token, EVERYONE_200),
    ("learning:confirm", enrolment_token, "POST", "anonymous", 302),
    ("learning:confirm", wrong_token, "GET", "anonymous", 404),
    ("learning:confirm", wrong_token, "POST", "anonymous", 404),
    ("learning:confirm", other_centres_token_here, "GET", "anonymous", 404),
    ("learning:confirm", other_centres_token_here, "POST", "anonymous", 404),
    ("learning:cancel", enrolment_token, "POST", "anonymous", 302),
    ("learning:enrolment", wrong_token, "GET", "anonymous", 404),
    ("learning:enrolment", wrong_token, "GET", "programme_manager", 404),
    ("learning:cancel", wrong_token, "GET", "anonymous", 404),
    ("learning:cancel", wrong_token, "POST", "anonymous", 404),
    ("learning:cancel", other_centres_token_here, "GET", "anonymous", 404),
    # Providers: their own courses and offerings; another partner's are a 404.
    *rows("learning:manage", centre_slug, PROVIDERS),
    *rows("learning:course_new", centre_slug, PROVIDERS),
    *rows("learning:demand", centre_slug, PROVIDERS),
    *rows("learning:employees", centre_slug, PROVIDERS),
    *rows("learning:course_edit", course_of_a, PARTNER_A_COURSE),
    *rows("learning:offering_new", course_of_a, PARTNER_A_COURSE),
    *rows("learning:offering_edit", offering_of_a, PARTNER_A_COURSE),
    *rows("learning:offering_enrolments", offering_of_a, PARTNER_A_COURSE),
    *rows("learning:offering_export", export_csv, PARTNER_A_COURSE),
    *rows("learning:offering_export", export_xlsx, PARTNER_A_COURSE),
    ("learning:offering_export", export_unknown, "GET", "programme_manager", 404),
    ("learning:course_edit", other_centres_course_here, "GET", "programme_manager", 404),
    ("learning:offering_edit", other_centres_offering_here, "GET", "programme_manager", 404),
    ("learning:offering_enrolments", other_centres_offering_here, "GET", "programme_manager", 404),
    *rows("learning:course_new", centre_slug, refused(PROVIDERS), method="POST"),
    *rows("learning:course_edit", course_of_a, refused(PARTNER_A_COURSE), method="POST"),
    *rows("learning:offering_new", course_of_a, refused(PARTNER_A_COURSE), method="POST"),
    *rows("learning:offering_edit", offering_of_a, refused(PARTNER_A_COURSE), method="POST"),
    # The office's learning paths.
    *rows("learning:path_new", centre_slug, OFFICE_ACCESS),
    *rows("learning:path_edit", path, OFFICE_ACCESS),
    *rows("learning:step_add", path, OFFICE_ACCESS),
    *rows("learning:step_remove", path_step, OFFICE_ACCESS),
    *rows("learning:step_move", path_step, MOVE_GET),
    ("learning:path_edit", other_centres_path_here, "GET", "programme_manager", 404),
    ("learning:step_add", other_centres_path_here, "POST", "programme_manager", 404),
    ("learning:step_move", path_step, "POST", "programme_manager", 302),
    *rows("learning:path_new", centre_slug, refused(OFFICE_ACCESS), method="POST"),
    *rows("learning:path_edit", path, refused(OFFICE_ACCESS), method="POST"),
    *rows("learning:step_add", path, refused(OFFICE_ACCESS), method="POST"),
    *rows("learning:step_remove", path_step, refused(OFFICE_ACCESS), method="POST"),
    *rows("learning:step_move", path_step, refused(OFFICE_ACCESS), method="POST"),
    # Another centre's course, offering, path or personal link under this centre's address: a 404, GET or POST.
    ("learning:offering_export", other_centres_export_here, "GET", "programme_manager", 404),
    ("learning:offering_new", other_centres_course_here, "GET", "programme_manager", 404),
    ("learning:offering_new", other_centres_course_here, "POST", "programme_manager", 404),
    ("learning:course_edit", other_centres_course_here, "POST", "programme_manager", 404),
    ("learning:offering_edit", other_centres_offering_here, "POST", "programme_manager", 404),
    ("learning:path_edit", other_centres_path_here, "POST", "programme_manager", 404),
    ("learning:step_remove", other_centres_step_here, "GET", "programme_manager", 404),
    ("learning:step_remove", other_centres_step_here, "POST", "programme_manager", 404),
    ("learning:step_move", other_centres_step_here, "POST", "programme_manager", 404),
    *rows("learning:enrolment", other_centres_token_here, dict.fromkeys(PERSONAS, 404)),
    ("learning:enrolment", other_centres_token_here, "POST", "anonymous", 404),
    ("learning:enrolment", wrong_token, "POST", "anonymous", 404),
    ("learning:cancel", other_centres_token_here, "POST", "anonymous", 404),
    ("learning:course", other_centres_course_here, "POST", "anonymous", 404),
    ("learning:enrol", other_centres_offering_here, "POST", "anonymous", 404),
    ("learning:enrol", other_centres_offering_here, "GET", "programme_manager", 404),
]
