"""Permission rows for the reports: funder pack and partner statements (shape: tests/test_permissions.py).

The funder pack follows the monitor: the programme office and the steering group. A
partner's statement is for that partner's own people and the office (partner B does not
learn A's exists: 404); the ZIP of every statement is the office's. Builders give the
centre a grant (2025–2028), since a pack or statement needs one. The funder pack (small here: sent at once) and the
statements' ZIP (made by the worker: GET offers the button, POST asks and opens the status page) take a POST too;
a refused POST gets the GET's answer.
"""

from tests.conftest import PERSONAS
from tests.factories import GrantFactory

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

MONITOR_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys([*OFFICE, "steering_member"], 200),
    **dict.fromkeys(["practor", "communications", *PARTNERS], 403),
    "other_centre_manager": 404,
}
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
PARTNER_A_STATEMENT = {
    "anonymous": LOGIN,
    **dict.fromkeys([*OFFICE, "partner_a_contact", "partner_a_signatory"], 200),
    "partner_b_contact": 404,
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
OFFICE_AND_PARTNERS = {**OFFICE_ACCESS, **dict.fromkeys(PARTNERS, 200)}
# A PDF takes a good half second to render: the PDF pack is fetched by one office role and the steering
# group (the XLSX rows cover every role through the same decorator); every refusal is checked.
PDF_PACK_ACCESS = {persona: status for persona, status in MONITOR_ACCESS.items()
                   if status != 200 or persona in ("programme_manager", "steering_member")}
for who in (MONITOR_ACCESS, OFFICE_ACCESS, PARTNER_A_STATEMENT, OFFICE_AND_PARTNERS):
    assert sorted(who) == sorted(PERSONAS)


def _granted(get):
    centre = get("centre")
    if not centre.grants.exists():
        GrantFactory(centre=centre)
    return centre


def pack_xlsx(get):
    return {"slug": _granted(get).slug, "fmt": "xlsx"}


def pack_pdf(get):
    return {"slug": _granted(get).slug, "fmt": "pdf"}


def pack_csv(get):
    return {"slug": _granted(get).slug, "fmt": "csv"}


def pack_without_grant(get):
    return {"slug": get("centre").slug, "fmt": "xlsx"}


def statements_page(get):
    return {"slug": _granted(get).slug}


def statements_2025(get):
    return {"slug": _granted(get).slug, "year": 2025}


def statements_outside_grant(get):
    return {"slug": _granted(get).slug, "year": 2031}


def statement_of_a(get):
    return {"slug": _granted(get).slug, "code": get("partner_a").short_code, "year": 2025}


def statement_of_a_outside_grant(get):
    return {"slug": _granted(get).slug, "code": get("partner_a").short_code, "year": 2024}


def statement_of_unknown_partner(get):
    return {"slug": _granted(get).slug, "code": "no-such-partner", "year": 2025}


def other_centres_partner_statement_here(get):
    return {"slug": _granted(get).slug, "code": get("other_partner").short_code, "year": 2025}


def _submission(centre, grant=None):
    """A submitted report that kept its pack (files written straight to storage: no PDF is rendered here)."""
    from django.core.files.base import ContentFile

    from civhub.grants.models import ReportSubmission
    from tests.factories import UserFactory

    grant = grant or centre.grants.first()
    submission = ReportSubmission(grant=grant, kind="progress", due_date=grant.start.replace(year=grant.start.year + 1),
                                  submitted_on=grant.start, as_of=grant.start, submitted_by=UserFactory(),
                                  summary={"subsidie_besteed": "0.00"}, xlsx_sha256="0" * 64, pdf_sha256="1" * 64)
    submission.xlsx.save("pack.xlsx", ContentFile(b"PK test"), save=False)
    submission.pdf.save("pack.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    submission.save()
    return submission


def submitted_xlsx(get):
    centre = _granted(get)
    return {"slug": centre.slug, "pk": _submission(centre).pk, "fmt": "xlsx"}


def submitted_docx(get):
    centre = _granted(get)
    return {"slug": centre.slug, "pk": _submission(centre).pk, "fmt": "docx"}


def other_centres_submission_here(get):
    other = get("other_centre")
    GrantFactory(centre=other)
    return {"slug": _granted(get).slug, "pk": _submission(other).pk, "fmt": "xlsx"}


def changes_of_submission(get):
    centre = _granted(get)
    return {"slug": centre.slug, "pk": _submission(centre).pk}


def other_centres_submission_changes_here(get):
    other = get("other_centre")
    GrantFactory(centre=other)
    return {"slug": _granted(get).slug, "pk": _submission(other).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


def refused(who):
    return {persona: status for persona, status in who.items() if status != 200}


REPORT_ROWS = [
    *rows("reports:funder_pack", pack_xlsx, MONITOR_ACCESS),
    *rows("reports:funder_pack", pack_pdf, PDF_PACK_ACCESS),
    ("reports:funder_pack", pack_csv, "GET", "programme_manager", 404),
    ("reports:funder_pack", pack_without_grant, "GET", "programme_manager", 404),
    *rows("reports:statements", statements_page, OFFICE_AND_PARTNERS),
    *rows("reports:funder_pack", pack_xlsx, refused(MONITOR_ACCESS), "POST"),
    ("reports:funder_pack", pack_xlsx, "POST", "steering_member", 200),
    *rows("reports:partner_statements_zip", statements_2025, OFFICE_ACCESS),
    *rows("reports:partner_statements_zip", statements_2025, {**OFFICE_ACCESS, **dict.fromkeys(OFFICE, 302)}, "POST"),
    ("reports:partner_statements_zip", statements_outside_grant, "GET", "programme_manager", 404),
    *rows("reports:partner_statement", statement_of_a, PARTNER_A_STATEMENT),
    ("reports:partner_statement", statement_of_a_outside_grant, "GET", "programme_manager", 404),
    ("reports:partner_statement", statement_of_a_outside_grant, "GET", "partner_a_contact", 404),
    ("reports:partner_statement", statement_of_unknown_partner, "GET", "programme_manager", 404),
    ("reports:partner_statement", other_centres_partner_statement_here, "GET", "programme_manager", 404),
    *rows("reports:submitted_pack", submitted_xlsx, MONITOR_ACCESS),
    ("reports:submitted_pack", submitted_docx, "GET", "finance_controller", 404),
    ("reports:submitted_pack", other_centres_submission_here, "GET", "finance_controller", 404),
    *rows("reports:changes_since", changes_of_submission, MONITOR_ACCESS),
    ("reports:changes_since", other_centres_submission_changes_here, "GET", "finance_controller", 404),
]
