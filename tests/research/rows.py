"""Permission rows for the research app (same shape as tests/test_permissions.py).

(URL name, argument builder, method, persona, status). Builders get `get` (request.getfixturevalue)
and build only what their row needs. Partner A's question and project are A's: partner B gets a
404 (it does not learn they exist); communications and the steering group have no place in the
practorate (403); triage and project management are the practor's and the office's (403 for partners).
"""

from civhub.accounts.models import Role
from tests.conftest import PERSONAS
from tests.partners.factories import person
from tests.research.builders import output_with_file, project, question

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
TEAM = [*OFFICE, "practor"]
NO_PLACE = ["communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]
OUTSIDE = {"anonymous": LOGIN, "other_centre_manager": 404}

# The lists: the team sees all, each partner its own.
LISTS = {**OUTSIDE, **dict.fromkeys(TEAM + PARTNERS, 200), **dict.fromkeys(NO_PLACE, 403)}
# Submitting a question: partners only.
PARTNERS_ONLY = {**OUTSIDE, **dict.fromkeys(PARTNERS, 200), **dict.fromkeys(TEAM + NO_PLACE, 403)}
# Partner A's question or project: A's people and the team.
A_OBJECT = {**LISTS, "partner_b_contact": 404}
# Triage and project management: the team only.
TEAM_ONLY = {**OUTSIDE, **dict.fromkeys(TEAM, 200), **dict.fromkeys(NO_PLACE + PARTNERS, 403)}
# The message endpoint takes a POST: a GET from anyone with a place here is a 405 (before any lookup).
MESSAGE_GET = {**OUTSIDE, **dict.fromkeys(TEAM + PARTNERS, 405), **dict.fromkeys(NO_PLACE, 403)}
# Approving a summary: A's people for A's project; B does not learn it exists; the team does not approve.
A_APPROVERS = {**OUTSIDE, "partner_a_contact": 200, "partner_a_signatory": 200, "partner_b_contact": 404,
               **dict.fromkeys(TEAM + NO_PLACE, 403)}
EVERYONE = dict.fromkeys(PERSONAS, 200)
for who in (LISTS, PARTNERS_ONLY, A_OBJECT, TEAM_ONLY, MESSAGE_GET, A_APPROVERS):
    assert sorted(who) == sorted(PERSONAS)


def refused(who: dict) -> dict:
    return {persona: status for persona, status in who.items() if status not in (200, 405)}


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def _a_question(get):
    return question(get("partner_a"), get("partner_a_contact"))


def question_of_a(get):
    return {"slug": get("centre").slug, "pk": _a_question(get).pk}


def other_centres_question_here(get):
    """Another centre's question, asked for under the test centre's URL."""
    other = get("other_partner")
    return {"slug": get("centre").slug, "pk": question(other, get("other_centre_manager")).pk}


def _a_project(get, **fields):
    return project(get("centre"), get("practor"), [get("partner_a")], **fields)


def project_of_a(get):
    return {"slug": get("centre").slug, "pk": _a_project(get).pk}


def summarised_project_of_a(get):
    return {"slug": get("centre").slug, "pk": _a_project(get, summary="Wat we vonden.").pk}


def output_file_of_a(get):
    get("settings").MEDIA_ROOT = get("tmp_path")
    made = _a_project(get)
    return {"slug": get("centre").slug, "pk": made.pk, "output_pk": output_with_file(made, get("practor")).pk}


def _other_centres_project(get, **fields):
    other_practor = person(get("other_centre"), Role.PRACTOR)
    return project(get("other_centre"), other_practor, [get("other_partner")], **fields), other_practor


def other_centres_project_here(get):
    return {"slug": get("centre").slug, "pk": _other_centres_project(get, summary="Wat zij vonden.")[0].pk}


def other_centres_output_here(get):
    get("settings").MEDIA_ROOT = get("tmp_path")
    made, other_practor = _other_centres_project(get)
    return {"slug": get("centre").slug, "pk": made.pk, "output_pk": output_with_file(made, other_practor).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


TRIAGE = ["research:question_intake", "research:question_accept", "research:question_decline",
          "research:question_park"]
PROJECT_TEAM_PAGES = ["research:project_edit", "research:output_new", "research:summary_edit"]

RESEARCH_ROWS = [
    *rows("research:questions", centre_slug, LISTS),
    *rows("research:question_new", centre_slug, PARTNERS_ONLY),
    *rows("research:question_new", centre_slug, refused(PARTNERS_ONLY), method="POST"),
    *rows("research:question", question_of_a, A_OBJECT),
    ("research:question", other_centres_question_here, "GET", "programme_manager", 404),
    ("research:questions", unknown_slug, "GET", "programme_manager", 404),
    *[row for name in TRIAGE for row in rows(name, question_of_a, TEAM_ONLY)],
    *[row for name in TRIAGE for row in rows(name, question_of_a, refused(TEAM_ONLY), method="POST")],
    *[(name, other_centres_question_here, "GET", "practor", 404) for name in TRIAGE],
    *rows("research:question_message", question_of_a, MESSAGE_GET),
    *rows("research:question_message", question_of_a, {**refused(A_OBJECT), "partner_a_contact": 302},
          method="POST"),
    ("research:question_message", other_centres_question_here, "POST", "practor", 404),
    *rows("research:projects", centre_slug, LISTS),
    *rows("research:project_new", centre_slug, TEAM_ONLY),
    *rows("research:project_new", centre_slug, refused(TEAM_ONLY), method="POST"),
    *rows("research:project", project_of_a, A_OBJECT),
    *[row for name in PROJECT_TEAM_PAGES for row in rows(name, project_of_a, TEAM_ONLY)],
    *[row for name in PROJECT_TEAM_PAGES for row in rows(name, project_of_a, refused(TEAM_ONLY), method="POST")],
    *rows("research:output_file", output_file_of_a, A_OBJECT),
    *rows("research:output_delete", output_file_of_a, TEAM_ONLY),
    *rows("research:output_delete", output_file_of_a, refused(TEAM_ONLY), method="POST"),
    *rows("research:summary_approve", summarised_project_of_a, A_APPROVERS),
    *rows("research:summary_approve", summarised_project_of_a, refused(A_APPROVERS), method="POST"),
    *rows("research:public", centre_slug, EVERYONE),
    ("research:public", unknown_slug, "GET", "anonymous", 404),
    # Another centre's project or output under this centre's address: a 404 for the practor, GET or POST.
    ("research:project", other_centres_project_here, "GET", "practor", 404),
    ("research:output_file", other_centres_output_here, "GET", "practor", 404),
    *[(name, args, method, "practor", 404)
      for name, args in (("research:project_edit", other_centres_project_here),
                         ("research:output_new", other_centres_project_here),
                         ("research:summary_edit", other_centres_project_here),
                         ("research:output_delete", other_centres_output_here))
      for method in ("GET", "POST")],
    ("research:summary_approve", other_centres_project_here, "GET", "partner_a_contact", 404),
    ("research:summary_approve", other_centres_project_here, "POST", "partner_a_contact", 404),
]
