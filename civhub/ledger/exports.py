"""The ledger export (docs/formats.md §5): one table of contributions, written as CSV or XLSX by civhub.core.exports.

The caller decides what may be exported and scopes the queryset first, e.g.

    entries = contributions_visible_to(request.user, centre)
    write_xlsx([ledger_table(entries)], response, formats=LEDGER_FORMATS)   # or write_csv(..., excel=False)

`export_rows` streams from the database with `.iterator()`, and both writers write as they
go (XlsxWriter in constant-memory mode), so an export of 100,000 entries never holds them
all in memory. Columns, in this order: extern_id, partner (short code), datum (YYYY-MM-DD),
soort (kind code), programmalijn (number), categorie, uren, uurtarief, bedrag (valued EUR),
status (draft|submitted|approved|accepted|rejected|reversed). The CSV is for tools as much as
for people: plain UTF-8 without a byte-order mark (`excel=False`), every value as stored, but text that a
spreadsheet would run as a formula behind an apostrophe (core/exports/formulas.py), which civhub's imports read away.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

from civhub.core.exports import Column, Kind, Table
from civhub.core.exports.xlsx import ISO_DATES
from civhub.ledger.models import Contribution

HEADER = ("extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief", "bedrag",
          "status")
# The database fields behind HEADER, in the same order.
FIELDS = ("extern_id", "partnership__short_code", "date", "kind", "programme_line__number", "category", "hours",
          "hourly_rate", "amount", "status")
KINDS = {"datum": Kind.DATE, "uren": Kind.HOURS, "uurtarief": Kind.MONEY, "bedrag": Kind.MONEY}
# The ledger's own money format: the euro sign, as it has always been written.
LEDGER_FORMATS = {**ISO_DATES, Kind.MONEY: '[$€-nl-NL] #,##0.00;[$€-nl-NL] -#,##0.00'}
CHUNK = 2000


def export_rows(contributions: QuerySet[Contribution]) -> Iterator[tuple]:
    """One tuple per contribution in HEADER's order: str, date, int, Decimal or None.

    Keeps the queryset's own ordering when it has one; otherwise oldest first (date, id),
    so an export reads like a ledger and two exports of the same data are identical.
    """
    if not contributions.query.order_by:
        contributions = contributions.order_by("date", "pk")
    return contributions.values_list(*FIELDS).iterator(chunk_size=CHUNK)


def ledger_table(contributions: QuerySet[Contribution]) -> Table:
    """The export of these contributions as one table (sheet `Bijdragen`), its rows streamed."""
    columns = [Column(name, name, KINDS.get(name, Kind.TEXT), width=14 if name in KINDS else 18) for name in HEADER]
    return Table(sheet="Bijdragen", title="Bijdragen", columns=columns, rows=export_rows(contributions))
