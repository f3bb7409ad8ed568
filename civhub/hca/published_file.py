"""Reading a published forecast (docs/formats.md §9): rows per occupation or education exactly as the publisher
printed them, with the import rules of every import.

All or nothing: every bad row is named (row, column, value, what is wrong); with any error no row is returned.
The rows are read as every HCA file's (hca/file_rows.py). Matching a row to one
of the centre's occupations (`ons_beroep`) needs the centre's occupations by lower-case name.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.hca.file_rows import CellReader, read_rows
from civhub.hca.indicators import TYPOLOGY, WORST
from civhub.hca.models import PublishedForecastRow
from civhub.ledger.imports.parsing import Column
from civhub.ledger.imports.report import PREVIEW_ROWS, RowError
from civhub.ledger.imports.values import CellError, cell_text, parse_decimal

COLUMNS = (
    Column("subject", ("soort", "subject")),
    Column("name", ("naam", "name")),
    Column("occupation", ("ons_beroep", "our_occupation"), required=False),
    Column("employment", ("werkgelegenheid", "employment")),
    Column("expansion", ("uitbreidingsvraag", "expansion_demand")),
    Column("replacement", ("vervangingsvraag", "replacement_demand")),
    Column("supply", ("instroom", "supply")),
    Column("ita", ("ita",), required=False),
    Column("typology", ("typering", "typology"), required=False),
)
SUBJECTS = {"beroep": PublishedForecastRow.Subject.OCCUPATION, "occupation": PublishedForecastRow.Subject.OCCUPATION,
            "opleiding": PublishedForecastRow.Subject.EDUCATION, "education": PublishedForecastRow.Subject.EDUCATION}
MAX_ITA = Decimal("99.99")
MAX_ROWS = 5_000
NAME_LENGTH = PublishedForecastRow._meta.get_field("name").max_length
TYPOLOGY_LENGTH = PublishedForecastRow._meta.get_field("typology").max_length
# The 2021 edition's typology of §7, stored when the import names none: [[highest ITA, label], ..., [None, label]].
DEFAULT_TYPOLOGY = [[str(bound), label] for bound, label in TYPOLOGY] + [[None, WORST]]


@dataclass(frozen=True)
class PublishedRow:
    """One row as published; `occupation_id` is the centre's occupation it is shown beside, if named."""

    subject: str
    name: str
    occupation_id: int | None
    occupation_name: str
    employment: Decimal
    expansion: Decimal
    replacement: Decimal
    supply: Decimal
    ita: Decimal | None
    typology: str


@dataclass
class PublishedFile:
    """What a published-forecast file held: its rows when every row is right, else every error."""

    file_name: str
    rows: list[PublishedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def preview(self) -> list[PublishedRow]:
        return self.rows[:PREVIEW_ROWS]

    def summary(self) -> str:
        return ngettext("%(file)s: %(count)d row.", "%(file)s: %(count)d rows.", len(self.rows)) % {
            "file": self.file_name, "count": len(self.rows)}


def read_published(file, file_name: str, *, occupations: dict[str, int]) -> PublishedFile:
    """The file's rows, or (with no rows) every problem in it. `occupations`: the centre's, lower-case name → id."""
    result = PublishedFile(file_name)
    seen: dict[tuple[str, str], int] = {}

    def row(number: int, values: dict, headers: dict) -> PublishedRow | None:
        read = CellReader(number, values, headers, result.errors)
        found = _row(read, occupations)
        return found if found is not None and _unique(found, read, seen) else None

    result.rows = read_rows(file, file_name, COLUMNS, row, result.errors, max_rows=MAX_ROWS)
    return result


def _unique(row: PublishedRow, read: CellReader, seen: dict) -> bool:
    key = (row.subject, row.name.lower())
    if key in seen:
        read.error("name", _("Row %(row)s has this name already, for the same kind.") % {"row": seen[key]})
        return False
    seen[key] = read.number
    return True


def _row(read: CellReader, occupations: dict) -> PublishedRow | None:
    """One row, or None after adding its errors (every bad cell of the row)."""
    subject = read("subject", _subject)
    name = read("name", cell_text, _name)
    occupation = read("occupation", cell_text, lambda text: None if text.lower() in occupations else _(
        "The centre has no occupation of this name."), optional=True)
    employment = read("employment", _persons, lambda n: None if n > 0 else _("Employment must be above 0."))
    expansion = read("expansion", _persons)
    replacement = read("replacement", _persons, _not_negative)
    supply = read("supply", _persons, _not_negative)
    ita = read("ita", parse_decimal, lambda n: None if 0 <= n <= MAX_ITA else _("The ITA is 0 to 99.99."),
               optional=True)
    typology = read("typology", cell_text, lambda text: None if len(text) <= TYPOLOGY_LENGTH else _(
        "At most %(count)d characters.") % {"count": TYPOLOGY_LENGTH}, optional=True)
    if read.failed:
        return None
    return PublishedRow(subject, name, occupations[occupation.lower()] if occupation else None, occupation or "",
                        employment, expansion, replacement, supply, ita, typology or "")


def _subject(value) -> str:
    subject = SUBJECTS.get(cell_text(value).lower())
    if subject is None:
        raise CellError(_("Write beroep or opleiding."))
    return subject


def _name(text: str) -> str | None:
    if not text:
        return _("Name the occupation or education.")
    if len(text) > NAME_LENGTH:
        return _("At most %(count)d characters.") % {"count": NAME_LENGTH}
    return None


def _persons(value) -> Decimal:
    """A number of persons: whole (`1.234` with a lone separator is refused by the ledger's rules and says why)."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise CellError(_("A number of persons is whole: no decimals."))
    return number.quantize(Decimal(1))


def _not_negative(number: Decimal) -> str | None:
    return None if number >= 0 else _("This cannot be negative.")


def parse_typology(spec: str) -> list:
    """`0.85:zeer goed,1.00:goed,...,slecht` as stored: [["0.85", "zeer goed"], ..., [None, "slecht"]].

    The bounds are the highest ITA of each label, rising; the last item is the label above the last bound.
    Raises ValueError with a message for people.
    """
    parts = [part.strip() for part in spec.split(",")]
    if len(parts) < 2 or not all(parts):
        raise ValueError(_("Give the typology as bound:label pairs, best first, then the label above the last "
                           "bound, e.g. 0.85:zeer goed,1.00:goed,1.15:matig,slecht."))
    typology, previous = [], None
    for part in parts[:-1]:
        bound, _sep, label = part.partition(":")
        try:
            number = parse_decimal(bound.strip())
        except CellError:
            number = None
        if number is None or not label.strip() or ":" in label:
            raise ValueError(_("“%(part)s” is not a bound:label pair such as 0.85:zeer goed.") % {"part": part})
        if previous is not None and number <= previous:
            raise ValueError(_("The bounds of the typology must rise: %(bound)s follows %(previous)s.")
                             % {"bound": bound.strip(), "previous": format(previous, "f")})
        typology.append([format(number, "f"), label.strip()])
        previous = number
    if ":" in parts[-1]:
        raise ValueError(_("End the typology with the label above the last bound, without a bound (e.g. slecht)."))
    return [*typology, [None, parts[-1]]]


def typology_text(typology: list) -> str:
    """A stored typology as the command line writes it (for the page): `0.85:zeer goed,…,slecht`."""
    return ",".join(f"{bound}:{label}" if bound is not None else label for bound, label in typology)
