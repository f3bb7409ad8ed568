"""Permission rows for the programme app and its progress report (same shape as tests/test_permissions.py).

Every role in the centre reads the lines, KPIs and charts; the office plans (activities,
milestones, KPIs, targets); the office and the partners record KPI actuals, and a partner
changes only its own (partner B gets a 404 on partner A's). The progress report is the
office's and the steering group's. Another centre's manager gets a 404 throughout.
"""

from datetime import date

from tests.conftest import PERSONAS
from tests.factories import ProgrammeLineFactory
from tests.programme.support import activity, actual, kpi, milestone, programme

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

READERS = {"anonymous": LOGIN, **dict.fromkeys(OFFICE + CENTRE_NOT_OFFICE + PARTNERS, 200),
           "other_centre_manager": 404}
EDITORS = {"anonymous": LOGIN, **dict.fromkeys(OFFICE, 200), **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
           "other_centre_manager": 404}
RECORDERS = {**EDITORS, **dict.fromkeys(PARTNERS, 200)}
PARTNER_A_ACTUAL = {**RECORDERS, "partner_b_contact": 404}
REPORT = {"anonymous": LOGIN, **dict.fromkeys([*OFFICE, "steering_member"], 200),
          **dict.fromkeys(["practor", "communications", *PARTNERS], 403), "other_centre_manager": 404}
# A PDF takes a good half second: fetched by one office role and the steering group; every refusal is checked.
REPORT_PDF = {persona: status for persona, status in REPORT.items()
              if status != 200 or persona in ("programme_manager", "steering_member")}
for who in (READERS, EDITORS, RECORDERS, PARTNER_A_ACTUAL, REPORT):
    assert sorted(who) == sorted(PERSONAS)


def _denied(who):
    return {persona: status for persona, status in who.items() if status != 200}


def _lines(get):
    centre = get("centre")
    if not centre.programme_lines.exists():
        programme(centre)
    return centre.programme_lines.order_by("number").first()


def centre_slug(get):
    _lines(get)
    return {"slug": get("centre").slug}


def line_1(get):
    _lines(get)
    return {"slug": get("centre").slug, "number": 1}


def unknown_line(get):
    _lines(get)
    return {"slug": get("centre").slug, "number": 9}


def an_activity(get):
    return {"slug": get("centre").slug, "pk": activity(_lines(get)).pk}


def a_milestone(get):
    return {"slug": get("centre").slug, "pk": milestone(_lines(get)).pk}


def a_kpi(get):
    return {"slug": get("centre").slug, "pk": kpi(_lines(get), targets={2025: 10}).pk}


def other_centres_kpi_here(get):
    other = get("other_centre")
    return {"slug": get("centre").slug, "pk": kpi(programme(other)[1]).pk}


def partner_a_actual(get):
    row = kpi(_lines(get))
    return {"slug": get("centre").slug, "pk": actual(row, date(2025, 3, 1), 4, partnership=get("partner_a")).pk}


def office_actual(get):
    """An actual the office recorded for no partner: no partner may change it."""
    return {"slug": get("centre").slug, "pk": actual(kpi(_lines(get)), date(2025, 3, 1), 4).pk}


def other_centres_line_here(get):
    """Line 7 is only the other centre's; this centre has lines 1 to 3."""
    _lines(get)
    ProgrammeLineFactory(centre=get("other_centre"), number=7)
    return {"slug": get("centre").slug, "number": 7}


def _other_line(get):
    return programme(get("other_centre"))[1]


def other_centres_activity_here(get):
    _lines(get)
    return {"slug": get("centre").slug, "pk": activity(_other_line(get)).pk}


def other_centres_milestone_here(get):
    _lines(get)
    return {"slug": get("centre").slug, "pk": milestone(_other_line(get)).pk}


def other_centres_actual_here(get):
    _lines(get)
    row = kpi(_other_line(get))
    return {"slug": get("centre").slug, "pk": actual(row, date(2025, 3, 1), 4, partnership=get("other_partner")).pk}


def report_xlsx(get):
    _lines(get)
    return {"slug": get("centre").slug, "fmt": "xlsx"}


def report_pdf(get):
    _lines(get)
    return {"slug": get("centre").slug, "fmt": "pdf"}


def report_csv(get):
    _lines(get)
    return {"slug": get("centre").slug, "fmt": "csv"}


def report_without_grant(get):
    return {"slug": get("centre").slug, "fmt": "xlsx"}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


PROGRAMME_ROWS = [
    *rows("programme:overview", centre_slug, READERS),
    *rows("programme:line", line_1, READERS),
    ("programme:line", unknown_line, "GET", "programme_manager", 404),
    *rows("programme:kpi", a_kpi, READERS),
    *rows("programme:kpi_chart", a_kpi, READERS),
    ("programme:kpi", other_centres_kpi_here, "GET", "programme_manager", 404),
    ("programme:kpi_chart", other_centres_kpi_here, "GET", "partner_a_contact", 404),
    *rows("programme:activity_new", line_1, EDITORS),
    *rows("programme:milestone_new", line_1, EDITORS),
    *rows("programme:kpi_new", line_1, EDITORS),
    ("programme:activity_new", unknown_line, "GET", "programme_manager", 404),
    *rows("programme:activity_edit", an_activity, EDITORS),
    *rows("programme:milestone_edit", a_milestone, EDITORS),
    *rows("programme:kpi_edit", a_kpi, EDITORS),
    *rows("programme:kpi_targets", a_kpi, EDITORS),
    ("programme:kpi_edit", other_centres_kpi_here, "GET", "programme_manager", 404),
    *rows("programme:activity_new", line_1, _denied(EDITORS), method="POST"),
    *rows("programme:activity_edit", an_activity, _denied(EDITORS), method="POST"),
    *rows("programme:milestone_new", line_1, _denied(EDITORS), method="POST"),
    *rows("programme:milestone_edit", a_milestone, _denied(EDITORS), method="POST"),
    *rows("programme:kpi_new", line_1, _denied(EDITORS), method="POST"),
    *rows("programme:kpi_edit", a_kpi, _denied(EDITORS), method="POST"),
    *rows("programme:kpi_targets", a_kpi, _denied(EDITORS), method="POST"),
    *rows("programme:activity_delete", an_activity, EDITORS),
    *rows("programme:milestone_delete", a_milestone, EDITORS),
    *rows("programme:kpi_delete", a_kpi, EDITORS),
    *rows("programme:activity_delete", an_activity, _denied(EDITORS), method="POST"),
    *rows("programme:milestone_delete", a_milestone, _denied(EDITORS), method="POST"),
    *rows("programme:kpi_delete", a_kpi, _denied(EDITORS), method="POST"),
    ("programme:activity_delete", an_activity, "POST", "programme_manager", 302),
    ("programme:kpi_delete", other_centres_kpi_here, "POST", "programme_manager", 404),
    *rows("programme:actual_new", a_kpi, RECORDERS),
    *rows("programme:actual_new", a_kpi, _denied(RECORDERS), method="POST"),
    ("programme:actual_new", other_centres_kpi_here, "GET", "partner_a_contact", 404),
    *rows("programme:actual_edit", partner_a_actual, PARTNER_A_ACTUAL),
    *rows("programme:actual_delete", partner_a_actual, PARTNER_A_ACTUAL),
    *rows("programme:actual_edit", partner_a_actual, _denied(PARTNER_A_ACTUAL), method="POST"),
    *rows("programme:actual_delete", partner_a_actual, _denied(PARTNER_A_ACTUAL), method="POST"),
    ("programme:actual_edit", office_actual, "GET", "partner_a_contact", 404),
    ("programme:actual_delete", office_actual, "POST", "partner_a_signatory", 404),
    ("programme:actual_edit", office_actual, "GET", "finance_controller", 200),
    # Another centre's line, activity, milestone, KPI or actual under this centre's address: a 404, GET or POST.
    *[(name, args, method, "programme_manager", 404)
      for name, args in (("programme:line", other_centres_line_here),
                         ("programme:activity_new", other_centres_line_here),
                         ("programme:milestone_new", other_centres_line_here),
                         ("programme:kpi_new", other_centres_line_here),
                         ("programme:activity_edit", other_centres_activity_here),
                         ("programme:activity_delete", other_centres_activity_here),
                         ("programme:milestone_edit", other_centres_milestone_here),
                         ("programme:milestone_delete", other_centres_milestone_here),
                         ("programme:kpi_targets", other_centres_kpi_here),
                         ("programme:actual_edit", other_centres_actual_here),
                         ("programme:actual_delete", other_centres_actual_here))
      for method in ("GET", "POST") if not (method == "POST" and name == "programme:line")],
    # The progress report (reports app, built on the programme's rules).
    *rows("reports:progress", centre_slug, REPORT),
    *rows("reports:progress_report", report_xlsx, REPORT),
    *rows("reports:progress_report", report_pdf, REPORT_PDF),
    ("reports:progress_report", report_csv, "GET", "programme_manager", 404),
    ("reports:progress_report", report_without_grant, "GET", "programme_manager", 404),
]
