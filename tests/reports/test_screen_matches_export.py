"""The screen and the exports show the same figures (docs/style.md §10, issue 5).

The monitor page (in Dutch, whole euros) and the funder pack's XLSX (numbers to the cent)
are fetched for the same data and reference date; every total on the page is compared with
the XLSX number formatted the way the page formats it.
"""

from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from civhub.core.formatting import format_eur, group_number
from tests.partners.factories import client_for
from tests.reports.support import records, small_centre, summary_of, workbook

pytestmark = pytest.mark.django_db
QUERY = "as_of=2025-03-31"


class MonitorPage(HTMLParser):
    """The page's headline figures (<dd>s in order) and each section's table rows (cell texts), by section id."""

    def __init__(self):
        super().__init__()
        self.headline, self.tables, self._section, self._row, self._text = [], {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._section = attrs.get("aria-labelledby")
        elif tag == "tr" and self._section:
            self._row = []
        elif tag in ("td", "th", "dd"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._text is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "dd" and self._text is not None:
            self.headline.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables.setdefault(self._section, []).append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def eur0(value) -> str:
    """An XLSX number as the page shows money: with cents, the Dutch way (docs/style.md §16)."""
    return format_eur(Decimal(str(value)), language="nl")


def number(value, places: int) -> str:
    exponent = Decimal(1).scaleb(-places)
    return group_number(Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP), places, "nl")


def body(rows):
    """Table rows without the header row (the first, of <th>s only)."""
    return rows[1:]


@pytest.fixture
def both(centre, partner_a, partner_b, finance_controller):
    small_centre(centre, partner_a, partner_b)
    client = client_for(finance_controller, "nl")
    page = client.get(f"{reverse('grants:monitor', args=[centre.slug])}?{QUERY}")
    assert page.status_code == 200
    parsed = MonitorPage()
    parsed.feed(page.content.decode())
    pack = client.get(f"{reverse('reports:funder_pack', args=[centre.slug, 'xlsx'])}?{QUERY}")
    return parsed, workbook(b"".join(pack.streaming_content))


def test_headline_totals_match(both):
    page, book = both
    values = summary_of(book)
    granted, spent, required, counted, shortfall, ratio, forecast, commitment, carried, migrated = page.headline[:10]
    assert granted == eur0(values["subsidie_toegekend"])
    assert spent == eur0(values["subsidie_besteed"])
    assert required == eur0(values["cofinanciering_vereist"])
    assert counted.startswith(eur0(values["cofinanciering_meegeteld"]))
    assert shortfall.startswith(format_eur(Decimal(str(values["tekort_cofinanciering"])), language="nl"))
    assert ratio.startswith(number(values["cofinancieringsratio"], 2))
    assert forecast.startswith(eur0(values["prognose_cofinanciering_einde"]))
    assert number(values["prognose_ratio"], 2) in forecast
    assert commitment.startswith(eur0(values["prognose_toezeggingen"]))
    assert carried.startswith(eur0(values["subsidie_gedragen"]))
    assert migrated.startswith(eur0(values["waarvan_gemigreerd"]))


def test_per_year_matches(both):
    page, book = both
    shown = {row[0]: row[1:8] for row in body(page.tables["per-year"])}
    for row in records(book, "Per jaar"):
        assert shown[str(row["Jaar"])] == [
            eur0(row["Begroot subsidie"]), eur0(row["Besteed subsidie"]), eur0(row["Begroot cofinanciering"]),
            eur0(row["Gerealiseerde cofinanciering"]), eur0(row["Meegetelde cofinanciering"]),
            number(row["Ratio"], 2), number(row["Cumulatieve ratio"], 2)]


def test_per_partner_matches(both):
    page, book = both
    shown = body(page.tables["per-partner"])
    sheet = records(book, "Per partner")
    assert len(shown) == len(sheet)
    for on_page, row in zip(shown, sheet, strict=True):
        years = [value for name, value in row.items() if name.startswith("Gerealiseerd ")]
        assert on_page[0] == row["Partner"]
        assert on_page[1].lower() == row["Cofinancieringsgroep"].lower()
        assert [on_page[2], on_page[4], on_page[5], on_page[6]] == [
            eur0(row["Toegezegd"]), eur0(row["Gerealiseerd"]), eur0(row["Waarvan geld"]),
            eur0(row["Waarvan gemigreerd"])]
        percent = row["% van toezegging"]
        assert on_page[7] == ("—" if percent is None else f"{number(percent, 1)}%")
        assert on_page[8:8 + len(years)] == [eur0(amount) for amount in years]
        assert on_page[8 + len(years)] == eur0(row["BPV (telt niet mee)"])


def test_per_line_matches(both):
    page, book = both
    shown = body(page.tables["per-line"])
    for on_page, row in zip(shown, records(book, "Per programmalijn"), strict=True):
        assert on_page[0] == row["Programmalijn"]
        assert [on_page[1], on_page[4], on_page[5]] == [
            eur0(row["Begroot"]), eur0(row["Besteed subsidie"]), eur0(row["Gerealiseerde cofinanciering"])]


def test_per_kind_matches(both):
    page, book = both
    shown = {row[0]: row for row in body(page.tables["per-kind"])}
    for row in records(book, "Per soort"):
        on_page = shown[row["Soort"]]
        assert on_page[3] == eur0(row["Bedrag"])
        assert Decimal(on_page[2].replace(".", "").replace(",", ".")) == Decimal(str(row["Uren"]))


def test_composition_matches(both):
    page, book = both
    values = summary_of(book)
    employers, others, not_counted = body(page.tables["composition"])
    assert employers[1] == eur0(values["werkgevers_gerealiseerd"])
    assert others[1] == eur0(values["overig_gerealiseerd"])
    assert not_counted[1] == eur0(values["niet_meegeteld"])
    assert employers[2] == eur0(values["werkgevers_meegeteld"])
    assert others[2] == eur0(values["overig_meegeteld"])
    assert employers[4] == eur0(values["werkgevers_prognose"])
    assert [employers[6], employers[7], others[7]] == [
        eur0(values["werkgevers_minimum"]), eur0(values["werkgevers_maximum"]), eur0(values["overig_maximum"])]
