"""The table every export is made of: columns that say what they hold, and rows (any iterable, so they stream)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


class Kind:
    """What a column holds, which decides how it is written (XLSX number format) and shown (PDF text)."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # EUR, two decimals
    RATIO = "ratio"  # two decimals
    PERCENT = "percent"  # one decimal
    HOURS = "hours"  # two decimals
    SHARE = "share"  # a share 0..1, shown as a percentage
    DATE = "date"
    DATETIME = "datetime"  # a moment, written as the Dutch clock showed it

    NUMERIC = frozenset({INTEGER, MONEY, RATIO, PERCENT, HOURS, SHARE})


@dataclass(frozen=True)
class Coded:
    """A value with a code for the file and a label for people (XLSX and CSV write the code, the PDF the label)."""

    code: str | int | None
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Column:
    """One column: `name` heads it in XLSX and CSV (often a contract), `label` in the PDF (translated).

    `kind` None means the cell's value decides (a date is a date); `row_kinds` of the table can also
    give it per row. `width` is the XLSX column width in characters (default: by kind).
    """

    name: str | Promise
    label: str | Promise = ""
    kind: str | None = Kind.TEXT
    in_pdf: bool = True  # machine keys stay out of the PDF
    width: int | None = None


@dataclass
class Table:
    """One sheet: its name (at most 31 characters in XLSX), a title for the PDF, the columns and the rows.

    `rows` may be a generator: the XLSX and CSV writers read it once, in order, so a table of a
    million rows is never held in memory. `row_kinds` gives each row's kind where a column's
    kind is None and the kind changes per row (the funder pack's Samenvatting).
    """

    sheet: str | Promise
    title: str | Promise
    columns: list[Column]
    rows: Iterable[tuple | list]
    row_kinds: list[str] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [str(column.name) for column in self.columns]

    def kinds_of(self, index: int) -> list[str | None]:
        """The kind of each cell of row `index`: the column's, else the row's (None when neither says)."""
        row_kind = self.row_kinds[index] if index < len(self.row_kinds) else None
        return [column.kind or row_kind for column in self.columns]

    @classmethod
    def from_rows(cls, rows: Iterable, *, sheet: str | Promise, title: str | Promise = "") -> "Table":
        """A table from rows whose first row is the header (the lists a page and its export share).

        Each cell is written as its value says (text, number, date, moment); widths follow the headings.
        """
        rows = iter(rows)
        header = [str(heading) for heading in next(rows, [])]
        columns = [Column(heading, heading, kind=None, width=min(max(len(heading) + 4, 14), 40)) for heading in header]
        return cls(sheet=sheet, title=title or sheet, columns=columns, rows=rows)
