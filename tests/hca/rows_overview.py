"""Permission rows for the HCA page, its charts and the office's ITA-KPI button (same shape as tests/hca/rows.py).

The office, the steering group and the practor read the page (outside the office only published cells);
communications and the partners get a 403; another centre's manager, and another centre's round under this
centre's address, a 404. Only the office records the ITAs as KPIs.
"""

from datetime import timedelta

from django.utils import timezone

from civhub.hca.models import SurveyRound
from tests.conftest import PERSONAS
from tests.hca.rows import EDITORS, LOGIN, OFFICE, REFUSED, centre_slug, rows

READERS = {"anonymous": LOGIN, **dict.fromkeys([*OFFICE, "practor", "steering_member"], 200),
           **dict.fromkeys(["communications", "partner_a_contact", "partner_a_signatory", "partner_b_contact"], 403),
           "other_centre_manager": 404}
assert sorted(READERS) == sorted(PERSONAS)


def _round(centre, get):
    reference = timezone.localdate() - timedelta(days=30)
    return SurveyRound.objects.get_or_create(centre=centre, reference_date=reference, defaults={
        "closes_on": reference + timedelta(days=30), "opened_by": get("programme_manager")})[0]


def a_round(get):
    return {"slug": get("centre").slug, "pk": _round(get("centre"), get).pk}


def other_centres_round_here(get):
    return {"slug": get("centre").slug, "pk": _round(get("other_centre"), get).pk}


def openings_chart(get):
    _round(get("centre"), get)
    return {"slug": get("centre").slug, "chart": "openings"}


def trend_chart(get):
    return {"slug": get("centre").slug, "chart": "trend"}


def unknown_chart(get):
    return {"slug": get("centre").slug, "chart": "no-such-chart"}


HCA_OVERVIEW_ROWS = [
    *rows("hca:overview", centre_slug, READERS),
    *rows("hca:overview_chart", openings_chart, READERS),
    *rows("hca:overview_chart", trend_chart, READERS),
    ("hca:overview_chart", unknown_chart, "GET", "steering_member", 404),
    *rows("hca:record_kpis", a_round, EDITORS),
    *rows("hca:record_kpis", a_round, REFUSED, method="POST"),
    # The office's POST acts: a round without published ITAs is refused with a message, back to the page.
    ("hca:record_kpis", a_round, "POST", "programme_manager", 302),
    *[("hca:record_kpis", other_centres_round_here, method, "programme_manager", 404) for method in ("GET", "POST")],
]
