"""Importing a published forecast (docs/formats.md §9): rows as published, all or nothing with every bad row
named, the edition's typology, a second import of an edition and region replacing its rows, audited."""

import io
from decimal import Decimal as D

import pytest
import xlsxwriter

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.models import Occupation, PublishedForecast, PublishedForecastRow
from civhub.hca.published_file import DEFAULT_TYPOLOGY, parse_typology, typology_text
from civhub.hca.services.published import PublishedImportError, delete_published_forecast, import_published_forecast

pytestmark = pytest.mark.django_db

HEADER = "soort;naam;ons_beroep;werkgelegenheid;uitbreidingsvraag;vervangingsvraag;instroom;ita;typering\n"
GOOD = (HEADER
        + "opleiding;mbo-4 laboratoriumtechniek;Analist MBO-4;3200;-150;700;560;1,06;matig\n"
        + "beroep;Laboranten;;5100;400;900;1200;;\n")
EDITION = {"publisher": "ROA", "edition": "Arbeidsmarkt naar opleiding en beroep tot 2028", "region": "Zuid-Holland",
           "first_year": 2023, "last_year": 2028}


@pytest.fixture(autouse=True)
def analist(centre):
    return Occupation.objects.create(centre=centre, name="analist mbo-4")


def run(actor, centre, text=GOOD, **fields):
    return import_published_forecast(actor=actor, centre=centre, file_name="roa.csv", content=text.encode(),
                                      **{**EDITION, **fields})


def test_the_rows_are_stored_as_published_and_matched_to_our_occupation(centre, programme_manager, analist,
                                                                       english_messages):
    forecast = run(programme_manager, centre, source_url="https://roa.nl/aob", illustrative=True)

    rows = list(forecast.rows.order_by("pk"))
    assert [(row.subject, row.name, row.occupation, row.employment, row.expansion, row.replacement, row.supply,
             row.ita, row.typology) for row in rows] == [
        ("education", "mbo-4 laboratoriumtechniek", analist, 3200, -150, 700, 560, D("1.06"), "matig"),
        ("occupation", "Laboranten", None, 5100, 400, 900, 1200, None, "")]
    assert (forecast.source_url, forecast.illustrative, forecast.typology) == ("https://roa.nl/aob", True,
                                                                               DEFAULT_TYPOLOGY)
    event = AuditEvent.objects.get(action="published_forecast_imported")
    assert event.changes == {"file": "roa.csv", "rows": 2}


def test_a_file_with_bad_rows_writes_nothing_and_names_every_one(centre, programme_manager, english_messages):
    text = (HEADER
            + "beroep;Laboranten;;5100;400;900;1200;;\n"
            + "vak;Analisten;;0;10;-5;20;;\n"                      # row 3: kind, employment, replacement
            + "beroep;laboranten;;100;1;1;1;;\n"                   # row 4: the same name again
            + "opleiding;Procestechniek;procesoperator;100;2,5;1;1;120;\n")  # row 5: no such occupation, halves, ITA

    with pytest.raises(PublishedImportError) as refused:
        run(programme_manager, centre, text)

    named = [(error.row, error.column) for error in refused.value.report.errors]
    assert named == [(3, "soort"), (3, "werkgelegenheid"), (3, "vervangingsvraag"), (4, "naam"),
                     (5, "ons_beroep"), (5, "uitbreidingsvraag"), (5, "ita")]
    assert "Row 2 has this name already" in refused.value.report.errors[3].message
    assert not PublishedForecast.objects.exists() and not AuditEvent.objects.exists()


def test_a_missing_column_or_an_empty_file_is_refused(centre, programme_manager, english_messages):
    with pytest.raises(PublishedImportError) as missing:
        run(programme_manager, centre, "soort;naam;werkgelegenheid\nberoep;x;1\n")
    with pytest.raises(PublishedImportError, match="header but no rows"):
        run(programme_manager, centre, HEADER)

    assert "uitbreidingsvraag" in missing.value.report.errors[0].message
    assert not PublishedForecast.objects.exists()


def test_an_xlsx_with_the_english_headers_is_read(centre, programme_manager, english_messages):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    for row, values in enumerate([["subject", "name", "employment", "expansion_demand", "replacement_demand",
                                   "supply", "ita", "typology"],
                                  ["occupation", "Laboranten", 5100, -400, 900, 1200.0, 2.4, "slecht"]]):
        sheet.write_row(row, 0, values)
    workbook.close()

    forecast = import_published_forecast(actor=programme_manager, centre=centre, file_name="roa.xlsx",
                                         content=buffer.getvalue(), **EDITION)

    row = forecast.rows.get()
    assert (row.expansion, row.supply, row.ita, row.typology) == (-400, 1200, D("2.40"), "slecht")


def test_importing_the_edition_and_region_again_replaces_its_rows(centre, programme_manager, english_messages):
    first = run(programme_manager, centre)
    other_region = run(programme_manager, centre, region="Leiden")

    again = run(programme_manager, centre, HEADER + "beroep;Procesoperators;;800;50;100;60;;\n", last_year=2029)

    assert again.pk == first.pk and again.last_year == 2029
    assert list(again.rows.values_list("name", flat=True)) == ["Procesoperators"]
    assert other_region.rows.count() == 2 and PublishedForecastRow.objects.count() == 3
    event = AuditEvent.objects.get(action="published_forecast_replaced")
    assert event.changes == {"file": "roa.csv", "rows": 1, "replaced_rows": 2}


def test_a_bad_file_on_reimport_keeps_the_old_rows(centre, programme_manager, english_messages):
    run(programme_manager, centre)

    with pytest.raises(PublishedImportError):
        run(programme_manager, centre, HEADER + "beroep;x;;-1;0;0;0;;\n")

    assert PublishedForecastRow.objects.count() == 2


def test_the_edition_fields_are_checked(centre, programme_manager, english_messages):
    with pytest.raises(HcaError, match="publisher, the edition and the region"):
        run(programme_manager, centre, publisher=" ")
    with pytest.raises(HcaError, match="first year to its last year"):
        run(programme_manager, centre, first_year=2028, last_year=2023)
    with pytest.raises(HcaError, match="https://"):
        run(programme_manager, centre, source_url="roa.nl")


def test_only_the_office_imports_and_removes(centre, practor, partner_a_contact, programme_manager,
                                             english_messages):
    for person in (practor, partner_a_contact):
        with pytest.raises(HcaError, match="programme office"):
            run(person, centre)
    forecast = run(programme_manager, centre)
    with pytest.raises(HcaError):
        delete_published_forecast(actor=practor, forecast=forecast)

    delete_published_forecast(actor=programme_manager, forecast=forecast)

    assert not PublishedForecast.objects.exists() and not PublishedForecastRow.objects.exists()
    assert AuditEvent.objects.get(action="published_forecast_deleted").changes == {"rows": 2}


def test_an_editions_typology_is_stored(centre, programme_manager, english_messages):
    typology = parse_typology("0.80:zeer goed, 0.95:goed,1.10:matig,slecht")

    forecast = run(programme_manager, centre, typology=typology)

    assert forecast.typology == [["0.80", "zeer goed"], ["0.95", "goed"], ["1.10", "matig"], [None, "slecht"]]
    assert typology_text(forecast.typology) == "0.80:zeer goed,0.95:goed,1.10:matig,slecht"


def test_the_default_typology_is_the_2021_editions():
    assert typology_text(DEFAULT_TYPOLOGY) == "0.85:zeer goed,1.00:goed,1.05:redelijk,1.15:matig,slecht"
    assert parse_typology(typology_text(DEFAULT_TYPOLOGY)) == DEFAULT_TYPOLOGY


@pytest.mark.parametrize(("spec", "message"), [
    ("slecht", "bound:label pairs"),
    ("0.85:zeer goed,,slecht", "bound:label pairs"),
    ("hoog:zeer goed,slecht", "is not a bound:label pair"),
    ("0.85:,slecht", "is not a bound:label pair"),
    ("1.00:goed,0.85:zeer goed,slecht", "must rise"),
    ("0.85:zeer goed,1.15:slecht", "without a bound"),
])
def test_a_bad_typology_is_refused_with_a_reason(spec, message, english_messages):
    with pytest.raises(ValueError, match=message):
        parse_typology(spec)


def test_the_typology_may_be_given_as_text_and_a_bad_one_writes_nothing(centre, programme_manager,
                                                                      english_messages):
    forecast = run(programme_manager, centre, typology="0.90:goed,1.10:matig,slecht")
    assert forecast.typology == [["0.90", "goed"], ["1.10", "matig"], [None, "slecht"]]

    with pytest.raises(HcaError, match="must rise"):
        run(programme_manager, centre, region="Leiden", typology="1.10:matig,0.90:goed,slecht")
    assert PublishedForecast.objects.count() == 1
