"""Blank import files to download (docs/formats.md §2–§4), as the HCA survey has one (§8).

The first sheet holds only the contract's header row (the Dutch names), ready to fill in; a second sheet
explains each column, and further sheets list the values the file may use (partners, kinds by the short
names the site shows, categories), so nobody has to guess a code.
"""

from collections.abc import Iterable, Sequence

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from civhub.core.choices import KIND_SHORT, ContributionKind
from civhub.core.exports import Column as ExportColumn
from civhub.core.exports import Table
from civhub.ledger.imports.contributions import COLUMNS as CONTRIBUTION_COLUMNS
from civhub.ledger.imports.parsing import Column
from civhub.ledger.imports.rates import COLUMNS as RATE_COLUMNS


def _width(text: str) -> int:
    return max(12, min(len(text) + 2, 60))


def value_list(sheet: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> Table:
    """A sheet of allowed values: one column per heading."""
    columns = [ExportColumn(name, name, width=_width(name) + 8) for name in header]
    return Table(sheet=sheet, title=title, columns=columns, rows=[list(row) for row in rows])


def template_tables(columns: Sequence[Column], *, sheet: str, title: str, notes: dict[str, str],
                    lists: Sequence[Table] = ()) -> list[Table]:
    """The blank file: the header row, a sheet explaining every column, then the sheets of allowed values."""
    blank = Table(sheet=sheet, title=title, rows=[],
                  columns=[ExportColumn(column.names[0], column.names[0], kind=None, width=_width(column.names[0]))
                           for column in columns])
    explained = value_list(
        _("Explanation"), _("The columns of the file"),
        [_("Column"), _("Also accepted"), _("Required"), _("Content")],
        ([column.names[0], " / ".join(column.names[1:]), _("yes") if column.required else _("no"),
          notes.get(column.key, "")] for column in columns))
    return [blank, explained, *lists]


def _kinds_sheet() -> Table:
    return value_list(_("Kinds"), _("The kinds of contribution"), [_("Kind (short name)"), _("Code"), _("Full name")],
                      ([str(KIND_SHORT[kind]), kind.value, capfirst(str(kind.label))] for kind in ContributionKind))


def _partners_sheet(partnerships) -> Table:
    return value_list(_("Partners"), _("The partners"), [_("Code"), _("Name")],
                      ([partnership.short_code, partnership.organisation.name] for partnership in partnerships))


def contribution_template(partnerships) -> list[Table]:
    """docs/formats.md §2: the contributions' blank file, with the kinds and the partners the user may import for."""
    notes = {
        "extern_id": _("Your own number for the row, unique per partner; importing the file again adds nothing."),
        "partner": _("The partner's code or exact name (sheet Partners)."),
        "date": _("YYYY-MM-DD or DD-MM-YYYY; inside the grant period, not in the future."),
        "kind": _("A kind from sheet Kinds: the short name (e.g. Onderzoek), the code or the full name."),
        "programme_line": _("The number of a programme line."),
        "category": _("A staff category with a rate card (with hours), or materiaal for a material cost."),
        "hours": _("Hours (more than 0, at most 24), or fill in an amount instead."),
        "amount": _("Amount in euros, or fill in hours instead."),
        "description": _("What was done, 1 to 500 characters."),
        "accepted_on": _("Only for migrating entries accepted before civhub (finance controller)."),
    }
    return template_tables(CONTRIBUTION_COLUMNS, sheet="bijdragen", title=_("Contributions"), notes=notes,
                           lists=[_kinds_sheet(), _partners_sheet(partnerships)])


def rates_template(partnerships) -> list[Table]:
    """docs/formats.md §3: the rate cards' blank file, with the partners."""
    notes = {
        "partner": _("The partner's code or exact name (sheet Partners)."),
        "category": _("The staff category, e.g. analyst."),
        "hourly_rate": _("Euros per hour, more than 0 and at most 500."),
        "valid_from": _("YYYY-MM-DD or DD-MM-YYYY: the rate applies from this date until the next one."),
    }
    return template_tables(RATE_COLUMNS, sheet="tarieven", title=_("Rate cards"), notes=notes,
                           lists=[_partners_sheet(partnerships)])
