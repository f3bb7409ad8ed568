"""The funder pack's XLSX (docs/formats.md §6): sheets, Dutch headings, machine keys, formats, hand-computed figures."""

import io
from datetime import date
from decimal import Decimal

import pytest

from civhub.grants.selectors.monitor import monitor
from civhub.reports.funder import summary_items, write_funder_xlsx
from tests.reports.support import AS_OF, SHEETS, money, records, rows_of, small_centre, summary_of, workbook

pytestmark = pytest.mark.django_db

HEADERS = {
    "Samenvatting": ("Onderdeel", "Waarde", "Sleutel"),
    "Per partner": ("Partner", "Code", "Cluster", "Cofinancieringsgroep", "Toegezegd", "Gerealiseerd",
                    "Waarvan geld", "Waarvan in natura", "% van toezegging", "Gerealiseerd 2024", "Gerealiseerd 2025",
                    "Waarvan gemigreerd", "BPV (telt niet mee)"),
    "Per jaar": ("Jaar", "Begroot subsidie", "Besteed subsidie", "Begroot cofinanciering",
                 "Gerealiseerde cofinanciering", "Ratio", "Meegetelde cofinanciering", "Cumulatieve ratio"),
    "Per programmalijn": ("Programmalijn", "Begroot", "Gerealiseerde cofinanciering", "Besteed subsidie", "Code"),
    "Per soort": ("Soort", "Uren", "Bedrag", "Code"),
    "Bijdragen": ("extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief",
                  "bedrag", "status", "herkomst", "partnernaam", "geaccepteerd_op"),
}
REQUIRED_SUMMARY = [
    "subsidie_toegekend", "subsidie_besteed", "cofinanciering_vereist", "cofinanciering_gerealiseerd",
    "werkgevers_gerealiseerd", "overig_gerealiseerd", "niet_meegeteld", "werkgevers_minimum", "werkgevers_maximum",
    "overig_maximum", "cofinanciering_meegeteld", "tekort_cofinanciering", "cofinancieringsratio",
    "prognose_cofinanciering_einde", "waarvan_gemigreerd",
]


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def pack(grant, *, as_of=AS_OF, year=None):
    buffer = io.BytesIO()
    write_funder_xlsx(monitor(grant, as_of=as_of, year=year), buffer)
    return workbook(buffer.getvalue())


def test_sheets_come_in_the_contract_order_with_dutch_headings(small):
    book = pack(small.grant)
    assert book.sheetnames == SHEETS
    assert {name: rows_of(book, name)[0] for name in SHEETS} == HEADERS


def test_the_summary_starts_with_the_required_rows_in_order_each_with_a_dutch_label(small):
    rows = rows_of(pack(small.grant), "Samenvatting")[1:]
    assert [row[2] for row in rows][:len(REQUIRED_SUMMARY)] == REQUIRED_SUMMARY
    labels = {key: label for label, _value, key in rows}
    assert labels["cofinanciering_gerealiseerd"].startswith("Gerealiseerde cofinanciering")
    assert labels["subsidie_toegekend"] == "Toegekende subsidie"
    assert all(label and label != key for key, label in labels.items())


def test_the_summary_holds_the_hand_computed_figures(small):
    values = summary_of(pack(small.grant))
    assert {key: money(values[key]) for key in REQUIRED_SUMMARY} == {
        "subsidie_toegekend": Decimal("100000.00"),
        "subsidie_besteed": Decimal("38000.00"),  # 30,000 + 8,000; the June 2025 cost is after the date
        "cofinanciering_vereist": Decimal("76000.00"),
        "cofinanciering_gerealiseerd": Decimal("19800.00"),  # A 1,460 + 5,840 + 5,000 − 5,000 + 10,000; B 2,500
        "werkgevers_gerealiseerd": Decimal("17300.00"),
        "overig_gerealiseerd": Decimal("2500.00"),
        "niet_meegeteld": Decimal("4000.00"),
        "werkgevers_minimum": Decimal("100000.00"),  # exactly 1/3 of the 300,000 budget
        "werkgevers_maximum": Decimal("200000.00"),
        "overig_maximum": Decimal("100000.00"),
        "cofinanciering_meegeteld": Decimal("19800.00"),  # no group above its maximum
        "tekort_cofinanciering": Decimal("56200.00"),  # 76,000 − 19,800
        "cofinancieringsratio": Decimal("0.52"),  # 19,800 ÷ 38,000
        # each group ÷ t: 17,300 × 731 ÷ 456 = 27,733.11 and 2,500 × 731 ÷ 456 = 4,007.68
        "prognose_cofinanciering_einde": Decimal("31740.79"),
        "waarvan_gemigreerd": Decimal("2500.00"),  # B's entry came in by migration
    }
    assert money(values["prognose_ratio"]) == Decimal("0.32")  # 31,740.79 ÷ 100,000 budgeted
    assert values["peildatum"].date() == AS_OF
    assert values["werkgevers_aandeel_minimum"] == "1/3"


def test_every_summary_value_is_the_monitors(small):
    expected = {key: value for key, _label, _kind, value in summary_items(monitor(small.grant, as_of=AS_OF))}
    values = summary_of(pack(small.grant))
    assert set(values) == set(expected)
    for key, value in expected.items():
        if isinstance(value, Decimal):
            assert Decimal(str(values[key])) == value, key
        elif isinstance(value, date):
            assert values[key].date() == value, key
        else:
            assert values[key] == value, key


def test_money_cells_are_numbers_with_a_eur_format_and_dates_are_dates(small):
    book = pack(small.grant)
    for sheet, cell in (("Samenvatting", "B2"), ("Per partner", "E2"), ("Per jaar", "C2"), ("Per programmalijn", "B2"),
                        ("Per soort", "C2"), ("Bijdragen", "I2")):
        assert isinstance(book[sheet][cell].value, int | float), (sheet, cell)
        assert "EUR" in book[sheet][cell].number_format, (sheet, cell)
    ratio_row = 2 + REQUIRED_SUMMARY.index("cofinancieringsratio")
    assert book["Samenvatting"][f"B{ratio_row}"].number_format == "0.00"
    assert book["Per partner"]["I2"].number_format == "0.0"  # the percentage
    assert book["Per soort"]["B2"].number_format == "0.00"  # hours
    assert book["Bijdragen"]["C2"].is_date and book["Bijdragen"]["C2"].number_format == "dd-mm-yyyy"


def test_per_partner_by_name_with_dutch_labels_and_the_code_beside(small):
    rows = [tuple(row.values()) for row in records(pack(small.grant), "Per partner")]
    assert rows == [
        ("Gemeente Partner B", "partner-b", "Overheden en onderwijs", "Overheid", 20000, 2500, 0, 2500, 12.5, 2500, 0,
         2500, 0),
        ("Partner A BV", "partner-a", "Beroepenveld", "Werkgevers", 80000, 17300, 10000, 7300, 21.6, 7300, 10000, 0,
         0),
        ("ROC Delta", "delta", "Overheden en onderwijs", "Telt niet mee", 0, 4000, 0, 4000, None, 4000, 0, 0, 0),
    ]


def test_per_year_line_and_kind(small):
    book = pack(small.grant)
    assert rows_of(book, "Per jaar")[1:] == [
        (2024, 50000, 30000, 100000, 9800, 0.33, 9800, 0.33),
        (2025, 50000, 8000, 100000, 10000, 1.25, 10000, 0.52),
    ]
    assert rows_of(book, "Per programmalijn")[1:] == [
        ("1. Programmalijn 1", 100000, 0, 38000, 1),
        ("2. Programmalijn 2", 200000, 9800, 0, 2),
        ("Geen programmalijn", 0, 10000, 0, None),  # the cash on no line
    ]
    kinds = {row["Code"]: (row["Soort"], row["Uren"], row["Bedrag"]) for row in records(book, "Per soort")}
    assert kinds["lab"] == ("Bijdrage aan een actuele labomgeving", 20, 7300)
    assert kinds["cash"][2] == 10000 and kinds["organisation"][2] == 2500
    assert "bpv" not in kinds  # BPV is never co-financing: it is in niet_meegeteld, not here


def test_bijdragen_holds_the_entries_counted_on_the_date_with_their_origin(small):
    rows = records(pack(small.grant), "Bijdragen")
    assert [(row["extern_id"], row["partner"], row["datum"].date(), row["bedrag"], row["status"], row["herkomst"])
            for row in rows] == [
        ("a-1", "partner-a", date(2024, 3, 1), 1460, "accepted", "twee sleutels"),
        ("a-1b", "partner-a", date(2024, 3, 2), 5840, "accepted", "twee sleutels"),
        ("a-2", "partner-a", date(2024, 6, 1), 5000, "reversed", "twee sleutels"),
        (None, "partner-a", date(2024, 6, 1), -5000, "accepted", "twee sleutels"),
        ("b-1", "partner-b", date(2024, 9, 1), 2500, "accepted", "migratie"),
        ("d-1", "delta", date(2024, 10, 1), 4000, "accepted", "twee sleutels"),
        ("a-3", "partner-a", date(2025, 2, 1), 10000, "accepted", "twee sleutels"),
    ]
    assert (rows[0]["uren"], rows[0]["uurtarief"], rows[0]["partnernaam"]) == (20, 73, "Partner A BV")


def test_a_year_restricts_every_sheet(small):
    book = pack(small.grant, year=2024)
    values = summary_of(book)
    assert money(values["subsidie_toegekend"]) == Decimal("50000.00")  # the year's budgeted subsidy
    assert money(values["subsidie_besteed"]) == Decimal("30000.00")
    assert money(values["cofinanciering_gerealiseerd"]) == Decimal("9800.00")
    assert values["jaar"] == 2024
    assert [name for name in rows_of(book, "Per partner")[0] if name.startswith("Gerealiseerd ")] == [
        "Gerealiseerd 2024"]
    assert [row[0] for row in rows_of(book, "Per jaar")[1:]] == [2024]
    assert {row[2].year for row in rows_of(book, "Bijdragen")[1:]} == {2024}
    assert len(rows_of(book, "Bijdragen")) == 1 + 6


def test_a_centre_without_entries_still_gets_every_sheet(centre):
    from tests.factories import GrantFactory

    book = pack(GrantFactory(centre=centre), as_of=date(2025, 6, 30))
    assert book.sheetnames == SHEETS
    assert rows_of(book, "Bijdragen") == [HEADERS["Bijdragen"]]
    assert summary_of(book)["cofinancieringsratio"] is None  # nothing spent: no ratio, an empty cell
