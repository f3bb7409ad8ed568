"""The HCA report (XLSX, PDF, `manage.py hca_report`) and the meeting pack's labour-market section: what leaves
the office shows only published cells, and the workbook's figures are the selectors' (the screen's)."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from civhub.governance.pack import pack_context
from civhub.hca.report import build_report, pdf_context
from civhub.hca.selectors.summary import public_picture
from tests.governance.support import at, meeting
from tests.hca.outputs_data import (
    SUPPRESSED_FIGURES,
    SUPPRESSED_TEXT,
    assert_hides_the_suppressed_cell,
    build_labour_market,
    grow,
)
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content), read_only=True, data_only=True)


def sheet_rows(workbook, name) -> list[dict]:
    rows = list(workbook[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def all_cells(workbook) -> list:
    return [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row
            if value is not None]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_the_workbook_shows_what_the_selectors_show_and_never_the_suppressed_cell(centre, programme_manager):
    build_labour_market(centre)
    response = client_for(programme_manager).get(reverse("hca:report_xlsx", args=[centre.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="arbeidsmarkt-')
    workbook = workbook_of(response.content)
    assert workbook.sheetnames == ["Methode", "Prognose", "Trend", "Vaardigheden", "Gepubliceerd"]

    newest = {cell.occupation: cell for cell in public_picture(centre).newest.cells}
    forecast = {row["beroep"]: row for row in sheet_rows(workbook, "Prognose")}
    assert list(forecast) == list(newest)
    for name, cell in newest.items():
        row = forecast[name]
        if cell.published:
            assert [Decimal(str(row[key])) for key in ("werkgelegenheid", "baanopeningen", "instroom", "ita")] == [
                cell.employment, cell.openings, cell.supply, cell.ita]
            assert row["typering"] == "zeer goed" and row["opmerking"] is None
        else:
            assert all(row[key] is None for key in ("werkgelegenheid", "baanopeningen", "instroom", "ita"))
            assert row["opmerking"] == SUPPRESSED_TEXT
    assert forecast["laborant mbo-3"]["baanopeningen"] == 26

    trend = sheet_rows(workbook, "Trend")
    assert len(trend) == 2 * 3  # every occupation in both rounds
    assert [row["vaardigheid"] for row in sheet_rows(workbook, "Vaardigheden")] == ["Pipetteren"]
    published = {row["naam"]: row for row in sheet_rows(workbook, "Gepubliceerd")}
    assert published["Laboranten"]["ita"] == 0.93 and published["Laboranten"]["ita_partners"] == 0.23
    assert published["Analisten"]["ita_partners"] is None and published["Analisten"]["opmerking"] == SUPPRESSED_TEXT

    values = all_cells(workbook)
    assert not {int(figure) for figure in SUPPRESSED_FIGURES} & {v for v in values if isinstance(v, int | float)}
    assert_hides_the_suppressed_cell(" ".join(str(v) for v in values))


def test_the_pdf_shows_published_cells_only(centre, steering_member):
    build_labour_market(centre)
    response = client_for(steering_member).get(reverse("hca:report_pdf", args=[centre.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "De arbeidsmarkt voor analisten" in text and "Methode en bronnen" in text
    assert "laborant mbo-3" in text and "0,23" in text and "zeer goed" in text
    assert SUPPRESSED_TEXT in text and "Illustratief (democijfers)" in text
    assert "Laboranten" in text  # the published forecast beside ours
    assert_hides_the_suppressed_cell(text)


def test_the_reports_html_before_the_pdf_hides_the_suppressed_cell(centre):
    build_labour_market(centre)
    with translation.override("nl"):
        html = render_to_string("hca/report.html", pdf_context(build_report(centre)))
    assert SUPPRESSED_TEXT in html and "data:image/svg+xml;base64," in html
    assert_hides_the_suppressed_cell(html)


def test_the_report_keeps_its_queries_as_partners_occupations_and_rounds_grow(centre, django_assert_num_queries):
    market = build_labour_market(centre)
    with django_assert_num_queries(12):
        build_report(centre)
    grow(market)
    with django_assert_num_queries(12):
        build_report(centre)


def test_without_a_round_there_is_no_report(centre, programme_manager):
    client = client_for(programme_manager)
    assert client.get(reverse("hca:report_pdf", args=[centre.slug])).status_code == 404
    assert client.get(reverse("hca:report_xlsx", args=[centre.slug])).status_code == 404


def test_the_command_writes_the_workbook_and_the_pdf_of_a_chosen_round(centre, tmp_path):
    market = build_labour_market(centre)
    out = io.StringIO()
    call_command("hca_report", "--centre", centre.slug, "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"),
                 "--round", market.older.reference_date.isoformat(), stdout=out)
    assert market.older.reference_date.isoformat() in out.getvalue()
    workbook = workbook_of((tmp_path / "r.xlsx").read_bytes())
    assert {row["beroep"] for row in sheet_rows(workbook, "Trend")} == {"laborant mbo-3", "analist mbo-4",
                                                                         "procesoperator"}
    assert {row["ronde"] for row in sheet_rows(workbook, "Trend")} == {market.older.reference_date.year}

    call_command("hca_report", "--centre", centre.slug, "--format", "pdf", "--output", str(tmp_path / "r.pdf"),
                 stdout=io.StringIO())
    assert_hides_the_suppressed_cell(pdf_text((tmp_path / "r.pdf").read_bytes()))


@pytest.mark.parametrize(("arguments", "message"), [
    (["--round", "2001-01-01"], "no survey round with reference date 2001-01-01"),
    (["--round", "1 januari"], "is not a date"),
])
def test_the_command_refuses_a_round_that_is_not_there(centre, tmp_path, arguments, message):
    build_labour_market(centre)
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("hca_report", "--centre", centre.slug, "--format", "pdf", "--output",
                     str(tmp_path / "r.pdf"), *arguments)
    assert not list(tmp_path.iterdir())


def test_the_meeting_pack_has_the_newest_forecast_with_published_cells_only(centre):
    market = build_labour_market(centre)
    year = market.newest.reference_date.year
    held = meeting(centre, title="Stuurgroep", starts=at(year, 6, 1))
    with translation.override("nl"):
        html = render_to_string("governance/pack.html", {**pack_context(held), "page_footer": ""})
    assert "Arbeidsmarkt (HCA)" in html
    assert f"Enquête {year}: 3 van de 3 werkgeverspartners hebben geantwoord" in html
    assert '<th scope="row">laborant mbo-3</th><td class="num">30</td><td class="num">26</td>' in html
    assert SUPPRESSED_TEXT in html and "zeer goed" in html
    assert_hides_the_suppressed_cell(html)


def test_the_meeting_pack_takes_the_round_of_its_date(centre):
    market = build_labour_market(centre)
    held = meeting(centre, title="Stuurgroep", starts=at(market.older.reference_date.year, 6, 1))
    context = pack_context(held)
    assert context["labour_market"].round.survey_round == market.older
    before = meeting(centre, title="Vroeger", starts=at(market.older.reference_date.year - 1, 6, 1))
    assert pack_context(before)["labour_market"] is None
