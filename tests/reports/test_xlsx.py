"""The funder pack's XLSX (formats.md §6): sheets, headers, number formats and the hand-computed figures."""

import io
from datetime import date
from decimal import Decimal

import pytest

from civhub.grants.selectors.monitor import monitor
from civhub.reports.funder import summary
from civhub.reports.xlsx import write_funder_xlsx
from tests.reports.support import AS_OF, SHEETS, money, rows_of, small_centre, summary_of, workbook

pytestmark = pytest.mark.django_db

HEADERS = {
    "Samenvatting": ("onderdeel", "waarde"),
    "Per partner": ("partner", "cluster", "groep", "toegezegd", "gerealiseerd", "percentage", "gerealiseerd_2024",
                    "gerealiseerd_2025"),
    "Per jaar": ("jaar", "begroot_subsidie", "besteed_subsidie", "begroot_cofinanciering",
                 "gerealiseerd_cofinanciering", "ratio"),
    "Per programmalijn": ("programmalijn", "begroot", "gerealiseerd_cofinanciering", "besteed_subsidie"),
    "Per soort": ("soort", "uren", "bedrag"),
    "Bijdragen": ("extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief",
                  "bedrag", "status"),
}
REQUIRED_SUMMARY = ["subsidie_toegekend", "subsidie_besteed", "cofinanciering_vereist", "cofinanciering_gerealiseerd",
                    "cofinancieringsratio", "prognose_cofinanciering_einde", "werkgevers_gerealiseerd",
                    "overig_gerealiseerd", "niet_meegeteld"]


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def pack(grant, *, as_of=AS_OF, year=None):
    buffer = io.BytesIO()
    write_funder_xlsx(monitor(grant, as_of=as_of, year=year), buffer)
    return workbook(buffer.getvalue())


def test_sheets_come_in_the_contract_order_with_the_contract_headers(small):
    book = pack(small.grant)
    assert book.sheetnames == SHEETS
    assert {name: rows_of(book, name)[0] for name in SHEETS} == HEADERS


def test_the_summary_starts_with_the_required_rows_in_order(small):
    rows = [row[0] for row in rows_of(pack(small.grant), "Samenvatting")[1:]]
    assert rows[:len(REQUIRED_SUMMARY)] == REQUIRED_SUMMARY


def test_the_summary_holds_the_hand_computed_figures(small):
    values = summary_of(pack(small.grant))
    assert {key: money(values[key]) for key in REQUIRED_SUMMARY} == {
        "subsidie_toegekend": Decimal("100000.00"),
        "subsidie_besteed": Decimal("38000.00"),  # 30,000 + 8,000; the June 2025 cost is after the date
        "cofinanciering_vereist": Decimal("76000.00"),
        "cofinanciering_gerealiseerd": Decimal("19800.00"),  # A 1,460 + 5,840 + 5,000 − 5,000 + 10,000; B 2,500
        "cofinancieringsratio": Decimal("0.52"),  # 19,800 ÷ 38,000
        "prognose_cofinanciering_einde": Decimal("31740.79"),  # 19,800 × 731 ÷ 456
        "werkgevers_gerealiseerd": Decimal("17300.00"),
        "overig_gerealiseerd": Decimal("2500.00"),
        "niet_meegeteld": Decimal("4000.00"),
    }
    assert money(values["prognose_ratio"]) == Decimal("0.32")  # 31,740.79 ÷ 100,000 budgeted
    assert values["peildatum"].date() == AS_OF


def test_every_summary_value_is_the_monitors(small):
    figures = monitor(small.grant, as_of=AS_OF)
    expected = {row[0].code: row[1] for row in summary(figures).rows}
    values = summary_of(pack(small.grant))
    assert set(values) == set(expected)
    for key, value in expected.items():
        if isinstance(value, Decimal):
            assert Decimal(str(values[key])) == value, key
        elif isinstance(value, date):
            assert values[key].date() == value, key
        else:
            assert values[key] == value, key


def test_money_cells_are_numbers_with_a_eur_format(small):
    book = pack(small.grant)
    for sheet, cell in (("Samenvatting", "B2"), ("Per partner", "D2"), ("Per jaar", "C2"), ("Per programmalijn", "B2"),
                        ("Per soort", "C2"), ("Bijdragen", "I2")):
        assert isinstance(book[sheet][cell].value, int | float), (sheet, cell)
        assert "EUR" in book[sheet][cell].number_format, (sheet, cell)
    assert book["Samenvatting"]["B6"].number_format == "0.00"  # the ratio
    assert book["Per partner"]["F2"].number_format == "0.0"  # the percentage
    assert book["Per soort"]["B2"].number_format == "0.00"  # hours
    assert book["Bijdragen"]["C2"].is_date


def test_per_partner_per_year_line_and_kind(small):
    book = pack(small.grant)
    assert rows_of(book, "Per partner")[1:] == [
        ("partner-b", "government_education", "government", 20000, 2500, 12.5, 2500, 0),
        ("partner-a", "professional_field", "employer", 80000, 17300, 21.6, 7300, 10000),
        ("delta", "government_education", "not_counted", 0, 4000, None, 4000, 0),
    ]
    assert rows_of(book, "Per jaar")[1:] == [
        (2024, 50000, 30000, 100000, 9800, 0.33),
        (2025, 50000, 8000, 100000, 10000, 1.25),
    ]
    assert rows_of(book, "Per programmalijn")[1:] == [
        (1, 100000, 0, 38000),
        (2, 200000, 9800, 0),
        (None, 0, 10000, 0),  # the cash on no line
    ]
    assert rows_of(book, "Per soort")[1:] == [
        ("organisation", 0, 2500), ("research", 0, 0), ("lab", 20, 7300), ("education", 0, 0),
        ("lifelong_learning", 0, 0), ("cash", 0, 10000),
    ]


def test_bijdragen_holds_exactly_the_accepted_and_reversed_entries_on_or_before_the_date(small):
    rows = rows_of(pack(small.grant), "Bijdragen")[1:]
    assert [(row[0], row[1], row[2].date(), row[8], row[9]) for row in rows] == [
        ("a-1", "partner-a", date(2024, 3, 1), 1460, "accepted"),
        ("a-1b", "partner-a", date(2024, 3, 2), 5840, "accepted"),
        ("a-2", "partner-a", date(2024, 6, 1), 5000, "reversed"),
        (None, "partner-a", date(2024, 6, 1), -5000, "accepted"),
        ("b-1", "partner-b", date(2024, 9, 1), 2500, "accepted"),
        ("d-1", "delta", date(2024, 10, 1), 4000, "accepted"),
        ("a-3", "partner-a", date(2025, 2, 1), 10000, "accepted"),
    ]
    assert rows[0][6:8] == (20, 73)  # hours and rate


def test_a_year_restricts_every_sheet(small):
    book = pack(small.grant, year=2024)
    values = summary_of(book)
    assert money(values["subsidie_toegekend"]) == Decimal("50000.00")  # the year's budgeted subsidy
    assert money(values["subsidie_besteed"]) == Decimal("30000.00")
    assert money(values["cofinanciering_gerealiseerd"]) == Decimal("9800.00")
    assert values["jaar"] == 2024
    assert rows_of(book, "Per partner")[0][6:] == ("gerealiseerd_2024",)
    assert [row[0] for row in rows_of(book, "Per jaar")[1:]] == [2024]
    assert {row[2].year for row in rows_of(book, "Bijdragen")[1:]} == {2024}
    assert len(rows_of(book, "Bijdragen")) == 1 + 6


def test_a_centre_without_entries_still_gets_every_sheet(centre):
    from tests.factories import GrantFactory

    book = pack(GrantFactory(centre=centre), as_of=date(2025, 6, 30))
    assert book.sheetnames == SHEETS
    assert rows_of(book, "Bijdragen") == [HEADERS["Bijdragen"]]
    assert summary_of(book)["cofinancieringsratio"] is None  # nothing spent: no ratio, an empty cell
