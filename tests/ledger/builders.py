"""Small builders for the ledger's import, export, chain and service tests (plain functions, no fixtures).

The persona fixtures of tests/conftest.py give the centre, partners A and B and the people;
these add what the ledger needs on top: a grant, programme lines, rate cards, entries and
files in the formats of docs/formats.md.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
from django.utils import timezone

from civhub.ledger.models import Contribution, RateCard
from tests.factories import GrantFactory, ProgrammeLineFactory, accepted_on

GRANT_START = date(2024, 1, 1)
# The grant runs until after today, whenever the tests run, so that "in the future" is inside it.
GRANT_END = date(max(timezone.localdate().year + 2, 2027), 12, 31)
HEADER = ["extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "bedrag", "omschrijving"]


def grant(centre, *, fixed_rate: Decimal | None = None, lines: int = 3):
    """A grant from 2024 to after today (so the future lies inside it) and programme lines 1..lines."""
    for number in range(1, lines + 1):
        ProgrammeLineFactory(centre=centre, number=number)
    return GrantFactory(centre=centre, start=GRANT_START, end=GRANT_END, fixed_hourly_rate=fixed_rate)


def rate(partnership, category: str, hourly_rate: str, valid_from: date) -> RateCard:
    return RateCard.objects.create(partnership=partnership, category=category, hourly_rate=Decimal(hourly_rate),
                                   valid_from=valid_from)


def row(extern_id="e-1", partner="partner-a", datum="15-03-2025", soort="lab", programmalijn="1",
        categorie="analyst", uren="7,5", bedrag="", omschrijving="Practicum begeleid") -> list[str]:
    """One row in HEADER's order; override what a test is about."""
    return [extern_id, partner, datum, soort, programmalijn, categorie, uren, bedrag, omschrijving]


def csv_file(rows, *, header=HEADER, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode(encoding)
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def xlsx_file(rows, *, header=HEADER) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def entry(partnership, actor, *, status=Contribution.Status.SUBMITTED, day=date(2025, 3, 15), hours=None,
          amount=Decimal("100.00"), rate=None, extern_id="", kind="lab", **fields) -> Contribution:
    """A contribution written directly (no service), in any status."""
    value = amount if hours is None else (hours * rate).quantize(Decimal("0.01"))
    return Contribution.objects.create(
        centre=partnership.centre, partnership=partnership, extern_id=extern_id, date=day, kind=kind, hours=hours,
        hourly_rate=rate, amount=value, description=fields.pop("description", "Labgebruik"), status=status,
        entered_by=actor, **accepted_on(status, day, fields),
    )
