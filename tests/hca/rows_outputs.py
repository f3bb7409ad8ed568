"""Permission rows for the HCA beyond its own page (same shape as tests/test_permissions.py).

The public page "De arbeidsmarkt voor analisten" is open to everyone, signed in or not. The HCA report
(XLSX, PDF) is for the HCA page's readers: the programme office, the steering group and the practor; the
centre's other roles and the partners get a 403, another centre's manager a 404. A centre without a survey
round has no report (404), so the rows give the centre a round first.
"""

from datetime import date

from civhub.hca.models import SurveyRound
from tests.conftest import PERSONAS
from tests.hca.rows import LOGIN, rows

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
REPORT = {"anonymous": LOGIN, **dict.fromkeys([*OFFICE, "steering_member", "practor"], 200),
          **dict.fromkeys(["communications", "partner_a_contact", "partner_a_signatory",
                           "partner_b_contact"], 403),
          "other_centre_manager": 404}
EVERYONE = dict.fromkeys(PERSONAS, 200)
assert sorted(REPORT) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def centre_with_a_round(get):
    centre = get("centre")
    SurveyRound.objects.get_or_create(centre=centre, reference_date=date(2026, 1, 1),
                                      defaults={"closes_on": date(2026, 3, 1), "opened_by": get("programme_manager")})
    return {"slug": centre.slug}


def unknown_centre(get):
    return {"slug": "no-such-centre"}


HCA_OUTPUT_ROWS = [
    *rows("hca:public", centre_slug, EVERYONE),
    ("hca:public", unknown_centre, "GET", "anonymous", 404),
    *rows("hca:report_xlsx", centre_with_a_round, REPORT),
    *rows("hca:report_pdf", centre_with_a_round, REPORT),
    ("hca:report_pdf", centre_slug, "GET", "programme_manager", 404),  # no survey round: nothing to report
]
