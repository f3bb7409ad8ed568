"""Permission rows for the funding application (same shape as tests/test_permissions.py).

The programme office writes the application; the steering group reads it (as it reads the grant's budget);
the centre's other roles and the partners' people get a 403, another centre's manager a 404 and anonymous
visitors the login page. Another centre's application, part or line under this centre's address is a 404,
GET and POST alike. A forbidden POST gets the same answer as the GET, before anything is changed.
"""

from civhub.applications.models import Application
from tests.applications.support import application, forecast, subsidy
from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
OTHERS = ["practor", "communications", "partner_a_contact", "partner_a_signatory", "partner_b_contact"]

READERS = {"anonymous": LOGIN, **dict.fromkeys([*OFFICE, "steering_member"], 200), **dict.fromkeys(OTHERS, 403),
           "other_centre_manager": 404}
EDITORS = {**READERS, "steering_member": 403}
for who in (READERS, EDITORS):
    assert sorted(who) == sorted(PERSONAS)
REFUSED = {persona: status for persona, status in EDITORS.items() if status != 200}


def centre_slug(get):
    return {"slug": get("centre").slug}


def an_application(get):
    return {"slug": get("centre").slug, "pk": application(get("centre")).pk}


def a_submitted_application(get):
    return {"slug": get("centre").slug, "pk": application(get("centre"), status=Application.Status.SUBMITTED).pk}


def a_part(get):
    return {"slug": get("centre").slug, "part_pk": application(get("centre")).parts.first().pk}


def a_line(get):
    return {"slug": get("centre").slug, "line_pk": subsidy(application(get("centre")), 2022, "300000.00").pk}


def a_forecast(get):
    return {"slug": get("centre").slug, "line_pk": forecast(application(get("centre")), 2026, "1000.00").pk}


def other_centres_application_here(get):
    return {"slug": get("centre").slug, "pk": application(get("other_centre")).pk}


def other_centres_part_here(get):
    return {"slug": get("centre").slug, "part_pk": application(get("other_centre")).parts.first().pk}


def other_centres_line_here(get):
    return {"slug": get("centre").slug, "line_pk": subsidy(application(get("other_centre")), 2022, "300000.00").pk}


def other_centres_forecast_here(get):
    return {"slug": get("centre").slug, "line_pk": forecast(application(get("other_centre")), 2026, "1000.00").pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


def crossing(url_name, args, *, post=True):
    """Another centre's object under this centre's address: a 404 for the programme manager, GET and POST."""
    return [(url_name, args, method, "programme_manager", 404) for method in (("GET", "POST") if post else ("GET",))]


# URL name → (argument builder, who may open it, whether it takes a POST, another centre's object).
PAGES = {
    "applications:workspace": (an_application, READERS, False, other_centres_application_here),
    "applications:application_edit": (an_application, EDITORS, True, other_centres_application_here),
    "applications:part": (a_part, READERS, True, other_centres_part_here),
    "applications:part_edit": (a_part, EDITORS, True, other_centres_part_here),
    "applications:budget": (an_application, READERS, False, other_centres_application_here),
    "applications:income_new": (an_application, EDITORS, True, other_centres_application_here),
    "applications:cost_new": (an_application, EDITORS, True, other_centres_application_here),
    "applications:budget_import": (an_application, EDITORS, True, other_centres_application_here),
    "applications:budget_template": (an_application, EDITORS, False, other_centres_application_here),
    "applications:line_edit": (a_line, EDITORS, True, other_centres_line_here),
    "applications:line_delete": (a_line, EDITORS, True, other_centres_line_here),
    "applications:continuation": (an_application, READERS, True, other_centres_application_here),
    "applications:continuation_edit": (a_forecast, EDITORS, True, other_centres_forecast_here),
    "applications:continuation_delete": (a_forecast, EDITORS, True, other_centres_forecast_here),
}

APPLICATION_ROWS = [
    *rows("applications:applications", centre_slug, READERS),
    *rows("applications:application_new", centre_slug, EDITORS),
    *rows("applications:application_new", centre_slug, REFUSED, "POST"),
    *[row for name, (args, who, takes_post, other) in PAGES.items() for row in [
        *rows(name, args, who),
        *(rows(name, args, REFUSED, "POST") if takes_post else []),
        *crossing(name, other, post=takes_post),
    ]],
    # A submitted application no longer changes: its edit pages lead back to the workspace.
    ("applications:application_edit", a_submitted_application, "GET", "programme_manager", 302),
    ("applications:income_new", a_submitted_application, "GET", "finance_controller", 302),
    ("applications:budget_import", a_submitted_application, "POST", "centre_admin", 302),
    ("applications:budget", a_submitted_application, "GET", "steering_member", 200),
]
