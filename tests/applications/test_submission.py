"""Submitting: refused while something is missing; the frozen copy, its hashes, and that it never changes; the
budget annex (XLSX) and the application PDF."""

import hashlib
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from civhub.applications.errors import ApplicationError
from civhub.applications.exports.application_pdf import render_application_pdf
from civhub.applications.exports.budget_annex import render_budget_annex
from civhub.applications.exports.commitments import commitment_rows
from civhub.applications.models import Application, ApplicationPart, FrozenRecordError, SubmittedCopy
from civhub.applications.services.budget import LineData, add_line
from civhub.applications.services.submission import canonical_content, submit_application
from civhub.core.models import AuditEvent
from tests.applications.support import application, ready, subsidy
from tests.hca.outputs_data import build_labour_market

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(field) -> bytes:
    with field.open("rb") as opened:
        return opened.read()


def test_submitting_is_refused_with_the_list_of_what_is_missing(centre, partner_a, partner_b, programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    made.parts.filter(kind="plan_of_approach").update(status=ApplicationPart.Status.DRAFT)
    subsidy(made, 2023, "0.01")  # one cent too much: a third of the budget is broken
    with pytest.raises(ApplicationError) as refused:
        submit_application(application=made, actor=programme_manager)
    message = str(refused.value)
    assert "Plan of approach is not done yet (status: draft)." in message
    assert "The subsidy is EUR 0.01 more than one third of the budget" in message
    made.refresh_from_db()
    assert made.status == Application.Status.DRAFT and not SubmittedCopy.objects.exists()


def test_a_steering_member_cannot_submit(centre, partner_a, partner_b, steering_member):
    made = ready(application(centre), partner_a, partner_b)
    with pytest.raises(ApplicationError):
        submit_application(application=made, actor=steering_member)


def test_submitting_freezes_a_copy_with_the_hash_of_each_file_and_of_the_content(centre, partner_a, partner_b,
                                                                                programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    content = canonical_content(made)
    copy = submit_application(application=made, actor=programme_manager)
    made.refresh_from_db()
    assert made.status == Application.Status.SUBMITTED
    assert (copy.submitted_by, copy.subsidy_asked, copy.budget_total) == (programme_manager, D("300000.00"),
                                                                         D("900000.00"))
    assert copy.content == content
    assert copy.content_sha256 == hashlib.sha256(content.encode()).hexdigest()
    assert copy.pdf_sha256 == hashlib.sha256(stored(copy.pdf)).hexdigest()
    assert copy.xlsx_sha256 == hashlib.sha256(stored(copy.xlsx)).hexdigest()
    assert '"amount":"450000.00"' in content and '"partner":"partner-a"' in content
    [event] = AuditEvent.objects.filter(action="application_submitted")
    assert event.changes["content_sha256"] == copy.content_sha256 and event.actor == programme_manager


def test_the_frozen_copy_never_changes_nor_goes(centre, partner_a, partner_b, programme_manager):
    copy = submit_application(application=ready(application(centre), partner_a, partner_b), actor=programme_manager)
    copy.content_sha256 = "0" * 64
    with pytest.raises(FrozenRecordError):
        copy.save()
    with pytest.raises(FrozenRecordError):
        copy.delete()
    with pytest.raises(FrozenRecordError):
        SubmittedCopy.objects.filter(pk=copy.pk).update(content_sha256="0" * 64)
    with pytest.raises(FrozenRecordError):
        SubmittedCopy.objects.all().delete()
    assert SubmittedCopy.objects.get().content_sha256 != "0" * 64


def test_a_submitted_application_refuses_every_edit(centre, partner_a, partner_b, programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    with pytest.raises(ApplicationError, match="only a draft can be changed"):
        add_line(application=made, actor=programme_manager, data=LineData(
            side="income", year=2022, description="Meer", volume=D("1"), price=D("1.00"), source="subsidy",
            form="cash"))
    with pytest.raises(ApplicationError, match="only a draft can be"):
        submit_application(application=made, actor=programme_manager)


def _sheet_rows(sheet):
    return [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_budget_annex_has_the_overview_the_checks_and_a_sheet_per_year(centre, partner_a, partner_b, lead):
    made = ready(application(centre), partner_a, partner_b, lead=lead)
    book = load_workbook(io.BytesIO(render_budget_annex(made)))
    assert book.sheetnames == ["Overzicht", "Toetsing", "Begroting 2022", "Begroting 2023", "Begroting 2024",
                               "Begroting 2025"]
    overview = _sheet_rows(book["Overzicht"])
    header = next(row for row in overview if row[0] == "Inkomsten (EUR)")
    assert header[2:7] == [2022, 2023, 2024, 2025, "Totaal"]
    by_label = {row[0]: row for row in overview if row[0]}
    assert by_label["Aangevraagde subsidie"][2] == 300000 and by_label["Aangevraagde subsidie"][6] == 300000
    assert by_label["Partner A BV"][1] == "in natura" and by_label["Partner A BV"][6] == 450000
    assert by_label["Gemeente Partner B"][3] == 150000
    assert by_label["Begroting (wat meetelt)"][6] == 900000
    assert by_label["Inkomsten (met de eigen bijdrage van de penvoerder)"][6] == 907300  # + 100 hours at EUR 73
    assert by_label["Kosten"][6] == 907300
    checks = _sheet_rows(book["Toetsing"])
    outcomes = {row[0]: row[1] for row in checks[3:11]}
    assert outcomes == dict.fromkeys(["subsidy_share", "subsidy_range", "employers", "others", "not_counted", "bpv",
                                      "hourly_rate", "balance"], "voldoet")
    year = _sheet_rows(book["Begroting 2022"])
    [hours] = [row for row in year if row[1] == lead.organisation.name]
    assert hours[6:10] == [100, "", 73, 7300]  # volume, unit, price, amount
    totals = {row[0]: row[9] for row in year if row[0]}
    assert totals["Begroting (wat meetelt)"] == 750000 and totals["Kosten"] == 907300


def test_the_application_pdf_has_the_title_the_parts_and_the_totals(centre, partner_a, partner_b,
                                                                    programme_manager):
    made = ready(application(centre, title="RIF-aanvraag Bio Sciences"), partner_a, partner_b)
    copy = submit_application(application=made, actor=programme_manager)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored(copy.pdf))).pages).split())
    assert "RIF-aanvraag Bio Sciences" in text and "CIV Bio Sciences (test)" in text
    assert "Regionale visie" in text and "Onze regionale visie en aanpak." in text
    assert "EUR 300.000,00" in text and "EUR 900.000,00" in text  # the subsidy asked, the budget that counts
    assert "Partner A BV" in text and "EUR 450.000,00" in text


def test_the_commitments_hook_gives_each_partners_budget_totals(centre, partner_a, partner_b, lead):
    made = ready(application(centre), partner_a, partner_b, lead=lead)
    rows = {row.partner: (row.group, row.cash, row.in_kind, row.total) for row in commitment_rows(made)}
    assert rows == {
        "Partner A BV": ("employers", D("0.00"), D("450000.00"), D("450000.00")),
        "Gemeente Partner B": ("others", D("150000.00"), D("0.00"), D("150000.00")),
        lead.organisation.name: ("not_counted", D("0.00"), D("7300.00"), D("7300.00")),
    }


def test_the_application_pdf_shows_the_hcas_labour_market_figures_with_the_regional_vision(centre, partner_a,
                                                                                          partner_b):
    build_labour_market(centre)
    made = ready(application(centre), partner_a, partner_b)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        render_application_pdf(made))).pages).split())
    assert "De arbeidsmarkt, uit de HCA" in text
    assert "laborant mbo-3" in text and "procesoperator" in text
    assert "minder dan 3 partners: niet gepubliceerd" in text


def test_the_budget_annex_keeps_formula_like_text_as_text(centre, partner_a, partner_b, lead):
    made = ready(application(centre), partner_a, partner_b, lead=lead)
    made.budget_lines.filter(year=2022).update(description="=HYPERLINK(\"http://x\";\"klik\")", unit="@uur")
    sheet = load_workbook(io.BytesIO(render_budget_annex(made)))["Begroting 2022"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value in {"@uur", "=HYPERLINK(\"http://x\";\"klik\")"}]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
