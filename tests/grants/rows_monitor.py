"""Permission rows for the grant's monitor pages (same shape as tests/test_permissions.py).

The monitor and its charts: the office, the steering group and every partner (each partner
sees only its own line); the practor and communications officer are refused. The deadlines:
the office and the steering group read them; the finance controller and the programme
manager record a report as submitted.
"""

from datetime import date

from tests.conftest import PERSONAS
from tests.factories import GrantFactory

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

MONITOR = {
    "anonymous": LOGIN,
    **dict.fromkeys([*OFFICE, "steering_member", *PARTNERS], 200),
    "practor": 403,
    "communications": 403,
    "other_centre_manager": 404,
}
DEADLINES = {**MONITOR, **dict.fromkeys(PARTNERS, 403)}
RECORDERS = {**DEADLINES, "centre_admin": 403, "steering_member": 403}
NOT_RECORDERS = {persona: status for persona, status in RECORDERS.items() if status != 200}
for who in (MONITOR, DEADLINES, RECORDERS):
    assert sorted(who) == sorted(PERSONAS)


def _grant(get):
    centre = get("centre")
    return centre.grants.first() or GrantFactory(centre=centre, start=date(2024, 1, 1), end=date(2027, 12, 31),
                                                 report_due_months=[13, 25, 37])


def monitor_of_centre(get):
    _grant(get)
    return {"slug": get("centre").slug}


def ratio_chart(get):
    _grant(get)
    return {"slug": get("centre").slug, "chart": "ratio"}


def unknown_chart(get):
    _grant(get)
    return {"slug": get("centre").slug, "chart": "pie"}


def first_report(get):
    """The first progress report: 13 months after the start."""
    _grant(get)
    return {"slug": get("centre").slug, "kind": "progress", "due": "2025-02-01"}


def no_such_report(get):
    _grant(get)
    return {"slug": get("centre").slug, "kind": "progress", "due": "2025-02-02"}


def wrong_kind_of_report(get):
    """A progress report's day, asked for as the annual report: no such report."""
    _grant(get)
    return {"slug": get("centre").slug, "kind": "annual", "due": "2025-02-01"}


def other_centres_report_here(get):
    """Another centre's grant has a report on another day; asked for under the test centre's URL it is no report."""
    GrantFactory(centre=get("other_centre"), start=date(2024, 3, 1), end=date(2027, 12, 31), report_due_months=[13])
    _grant(get)
    return {"slug": get("centre").slug, "kind": "progress", "due": "2025-04-01"}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


GRANT_MONITOR_ROWS = [
    *rows("grants:monitor", monitor_of_centre, MONITOR),
    *rows("grants:monitor_chart", ratio_chart, MONITOR),
    ("grants:monitor_chart", unknown_chart, "GET", "finance_controller", 404),
    *rows("grants:deadlines", monitor_of_centre, DEADLINES),
    *rows("grants:deadline_submit", first_report, RECORDERS),
    *rows("grants:deadline_submit", first_report, NOT_RECORDERS, method="POST"),
    ("grants:deadline_submit", no_such_report, "GET", "finance_controller", 404),
    ("grants:deadline_submit", wrong_kind_of_report, "GET", "finance_controller", 404),
    ("grants:deadline_submit", other_centres_report_here, "GET", "finance_controller", 404),
    ("grants:deadline_submit", other_centres_report_here, "POST", "finance_controller", 404),
]
