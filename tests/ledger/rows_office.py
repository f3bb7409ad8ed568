"""Permission rows for the ledger's office pages: pledges, rates, summaries, exports, imports.

Same shape as tests/test_permissions.py: (URL name, argument builder, method, persona, status).
Builders get `get` (request.getfixturevalue) and build only what their row needs.
"""

from tests.conftest import PERSONAS
from tests.ledger.office_support import pledge, rate_card

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

# The office's lists of pledges and rates: the programme office only.
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# Changing pledges and rates: the programme manager and the finance controller; the centre admin reads.
EDITORS = {**OFFICE_ACCESS, "centre_admin": 403}
# Partner A's summary and chart: A's people and the office; B does not learn A exists.
PARTNER_A_PAGES = {
    "anonymous": LOGIN,
    "partner_a_contact": 200,
    "partner_a_signatory": 200,
    "partner_b_contact": 404,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
NOT_EDITORS = {persona: status for persona, status in EDITORS.items() if status != 200}
assert sorted(OFFICE_ACCESS) == sorted(EDITORS) == sorted(PARTNER_A_PAGES) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def pledge_of_a(get):
    return {"slug": get("centre").slug, "pk": pledge(get("partner_a")).pk}


def other_centres_pledge_here(get):
    """Another centre's pledge, asked for under the test centre's URL."""
    return {"slug": get("centre").slug, "pk": pledge(get("other_partner")).pk}


def rate_of_a(get):
    return {"slug": get("centre").slug, "pk": rate_card(get("partner_a")).pk}


def other_centres_rate_here(get):
    return {"slug": get("centre").slug, "pk": rate_card(get("other_partner")).pk}


def partner_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def unknown_partner(get):
    return {"slug": get("centre").slug, "code": "no-such-partner"}


def other_centres_partner_here(get):
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


LEDGER_OFFICE_ROWS = [
    # Pledges and rate cards: the office reads, the programme manager and finance controller change.
    *rows("ledger:pledges", centre_slug, OFFICE_ACCESS),
    *rows("ledger:pledge_new", centre_slug, EDITORS),
    *rows("ledger:pledge_edit", pledge_of_a, EDITORS),
    *rows("ledger:pledge_delete", pledge_of_a, EDITORS),
    *rows("ledger:pledge_new", centre_slug, NOT_EDITORS, method="POST"),
    *rows("ledger:pledge_edit", pledge_of_a, NOT_EDITORS, method="POST"),
    *rows("ledger:pledge_delete", pledge_of_a, NOT_EDITORS, method="POST"),
    ("ledger:pledge_edit", other_centres_pledge_here, "GET", "programme_manager", 404),
    ("ledger:pledge_delete", other_centres_pledge_here, "GET", "programme_manager", 404),
    ("ledger:pledge_delete", other_centres_pledge_here, "POST", "finance_controller", 404),
    *rows("ledger:rates", centre_slug, OFFICE_ACCESS),
    *rows("ledger:rate_new", centre_slug, EDITORS),
    *rows("ledger:rate_edit", rate_of_a, EDITORS),
    *rows("ledger:rate_delete", rate_of_a, EDITORS),
    *rows("ledger:rate_new", centre_slug, NOT_EDITORS, method="POST"),
    *rows("ledger:rate_edit", rate_of_a, NOT_EDITORS, method="POST"),
    *rows("ledger:rate_delete", rate_of_a, NOT_EDITORS, method="POST"),
    ("ledger:rate_edit", other_centres_rate_here, "GET", "programme_manager", 404),
    ("ledger:rate_delete", other_centres_rate_here, "GET", "programme_manager", 404),
    ("ledger:rate_delete", other_centres_rate_here, "POST", "finance_controller", 404),
    # A partner's summary and its chart: its own people and the office.
    *rows("ledger:summary", partner_a, PARTNER_A_PAGES),
    *rows("ledger:summary_chart", partner_a, PARTNER_A_PAGES),
    ("ledger:summary", unknown_partner, "GET", "programme_manager", 404),
    ("ledger:summary", other_centres_partner_here, "GET", "programme_manager", 404),
    ("ledger:summary_chart", other_centres_partner_here, "GET", "programme_manager", 404),
]
