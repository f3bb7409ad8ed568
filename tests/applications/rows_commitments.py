"""Permission rows for the partners' commitments (same shape as tests/test_permissions.py).

The overview is the application's readers' (office and steering group). A partner's pledge table
is read by its own people and the office; the centre's other roles get a 403, partner B a 404 (it
does not learn what A pledges), another centre's manager a 404. Confirming and asking for a change
are the signatory's only: partner A's contact and the office get a 403 (the office does not answer
for a partner), partner B a 404, GET and POST alike.
"""

from tests.applications.rows import LOGIN, READERS, crossing, other_centres_application_here, rows
from tests.applications.support import application, partner_cash
from tests.conftest import PERSONAS

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_OTHERS = ["practor", "communications", "steering_member"]

TABLE_READERS = {"anonymous": LOGIN, **dict.fromkeys([*OFFICE, "partner_a_contact", "partner_a_signatory"], 200),
                 **dict.fromkeys(CENTRE_OTHERS, 403), "partner_b_contact": 404, "other_centre_manager": 404}
SIGNATORY = {**TABLE_READERS, **dict.fromkeys([*OFFICE, "partner_a_contact"], 403)}
for who in (TABLE_READERS, SIGNATORY):
    assert sorted(who) == sorted(PERSONAS)
SIGNATORY_REFUSED = {persona: status for persona, status in SIGNATORY.items() if status != 200}


def an_application(get):
    return {"slug": get("centre").slug, "pk": application(get("centre")).pk}


def partner_as_pledge(get):
    made = application(get("centre"))
    partner_cash(made, get("partner_a"), 2022, "5000.00")
    return {"slug": get("centre").slug, "pk": made.pk, "code": get("partner_a").short_code}


def other_centres_pledge_here(get):
    made = application(get("other_centre"))
    return {"slug": get("centre").slug, "pk": made.pk, "code": get("partner_a").short_code}


COMMITMENT_ROWS = [
    *rows("applications:commitments", an_application, READERS),
    *crossing("applications:commitments", other_centres_application_here, post=False),
    *rows("applications:pledge", partner_as_pledge, TABLE_READERS),
    *crossing("applications:pledge", other_centres_pledge_here, post=False),
    *[row for name in ("applications:pledge_confirm", "applications:pledge_change") for row in [
        *rows(name, partner_as_pledge, SIGNATORY),
        *rows(name, partner_as_pledge, SIGNATORY_REFUSED, "POST"),
        *crossing(name, other_centres_pledge_here),
    ]],
]
