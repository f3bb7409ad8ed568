"""Shared builders for the grant's tests: a grant with programme lines and a budget, budget versions, expenditure,
and expenditure files in the format of docs/formats.md §4 (plain functions, no fixtures)."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl

from civhub.grants.models import BudgetLine, BudgetVersion, Expenditure
from tests.factories import GrantFactory, ProgrammeLineFactory, UserFactory

GRANT_START = date(2025, 1, 1)
GRANT_END = date(2028, 12, 31)
EXPENDITURE_HEADER = ["extern_id", "datum", "categorie", "programmalijn", "bedrag", "omschrijving"]

# The application's budget of `grant_with_budget`: (year, line number, category, source, amount).
APPLICATION_CELLS = [
    (2025, 1, "personnel", "subsidy", "80000.00"),
    (2025, 1, "lab", "in_kind", "50000.00"),
    (2025, None, "overhead", "subsidy", "5000.00"),
    (2026, 2, "material", "cash", "20000.00"),
]


def grant_with_lines(centre, *, lines: int = 2, **fields):
    """The centre's grant (2025-2028 unless told otherwise) with programme lines 1..lines; reused when it exists."""
    existing = centre.grants.first()
    if existing is not None:
        return existing
    for number in range(1, lines + 1):
        ProgrammeLineFactory(centre=centre, number=number)
    fields.setdefault("start", GRANT_START)
    fields.setdefault("end", GRANT_END)
    return GrantFactory(centre=centre, **fields)


def add_version(grant, number: int, cells, *, current: bool = False, name: str = "", reason: str = "",
                created_by=None) -> BudgetVersion:
    """A budget version with `cells` as (year, line number or None, category, source, amount) straight in the table."""
    version = BudgetVersion.objects.create(grant=grant, number=number, name=name or f"Versie {number}",
                                           reason=reason, is_current=current, created_by=created_by)
    lines = dict(grant.centre.programme_lines.values_list("number", "pk"))
    BudgetLine.objects.bulk_create([
        BudgetLine(version=version, year=year, programme_line_id=lines.get(line), category=category, source=source,
                   amount=Decimal(amount))
        for year, line, category, source, amount in cells
    ])
    return version


def grant_with_budget(centre, cells=None, **fields):
    """A grant with lines 1 and 2 and its application budget as version 1 (current)."""
    grant = grant_with_lines(centre, **fields)
    if not grant.budget_versions.exists():
        add_version(grant, 1, APPLICATION_CELLS if cells is None else cells, current=True,
                    name="Begroting aanvraag")
    return grant


def many_cells(count: int, *, years=(2025, 2026, 2027, 2028), amount: str = "100.00"):
    """`count` distinct cells (up to 4 years × 2 lines × 5 categories × 3 sources = 120)."""
    keys = [(year, line, category, source) for year in years for line in (1, 2)
            for category in ("personnel", "material", "lab", "overhead", "other")
            for source in ("subsidy", "cash", "in_kind")]
    return [(*key, amount) for key in keys[:count]]


def spend(grant, *, amount="100.00", day=date(2025, 3, 15), category="personnel", line=None, extern_id="",
          description="Salaris programmamanager", entered_by=None) -> Expenditure:
    """One expenditure entry straight in the table."""
    programme_line = grant.centre.programme_lines.get(number=line) if line else None
    return Expenditure.objects.create(grant=grant, amount=Decimal(amount), date=day, category=category,
                                      programme_line=programme_line, extern_id=extern_id, description=description,
                                      entered_by=entered_by or UserFactory())


def expenditure_row(extern_id="b-1", datum="15-03-2025", categorie="personnel", programmalijn="1",
                    bedrag="1.234,56", omschrijving="Salaris programmamanager maart") -> list[str]:
    """One row in EXPENDITURE_HEADER's order; override what a test is about."""
    return [extern_id, datum, categorie, programmalijn, bedrag, omschrijving]


def expenditure_csv(rows, *, header=EXPENDITURE_HEADER, delimiter: str = ";") -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode("utf-8"))


def expenditure_xlsx(rows, *, header=EXPENDITURE_HEADER) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer
