"""What reading the HCA's files shares (forecasts §7, survey answers §8, published forecasts §9 of docs/formats.md),
on the import rules of every import (civhub.ledger.imports: CSV or XLSX, numbers with a point or a comma).

All or nothing: `read_rows` reads every row and names every bad cell (row, column, value, what is wrong); with any
error, or a header without rows, it returns no rows. `CellReader` reads one row's cells for a file's own row rule.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from civhub.ledger.imports.parsing import MAX_ROWS, Column, FileError, Table, open_table
from civhub.ledger.imports.report import RowError, shown
from civhub.ledger.imports.values import CellError


class CellReader:
    """Reads the cells of row `number`: each a parsed value, or None after adding its error to `errors`."""

    def __init__(self, number: int, values: dict, headers: dict, errors: list[RowError]):
        self.number, self.values, self.headers, self.errors = number, values, headers, errors
        self.found = len(errors)

    def __call__(self, key: str, parse, check=None, *, optional: bool = False):
        """`parse` the cell (CellError: a problem), then `check` its value (a message, or None when right); an
        `optional` cell that is absent or empty is None."""
        if optional and self.values.get(key) in (None, ""):
            return None
        try:
            value = parse(self.values[key])
            problem = check(value) if check else None
        except CellError as error:
            problem = str(error)
        if problem:
            self.error(key, problem)
            return None
        return value

    def error(self, key: str, message: str) -> None:
        """Add a problem of the cell `key` that no single parse finds (cells that do not agree)."""
        self.errors.append(RowError(self.number, self.headers[key], shown(self.values[key]), message))

    @property
    def failed(self) -> bool:
        """Whether any cell of the row was bad (so far)."""
        return len(self.errors) > self.found


def read_rows(file, file_name: str, columns: Iterable[Column], row: Callable, errors: list[RowError], *,
              max_rows: int = MAX_ROWS, opened: Callable[[Table], None] | None = None) -> list:
    """Every row of the file as `row(number, values, headers)` makes it (None for a bad row, its errors added to
    `errors`); no rows at all when there is any error. `opened(table)` checks the header first (FileError)."""
    rows = []
    try:
        table = open_table(file, file_name, columns, max_rows=max_rows)
        if opened is not None:
            opened(table)
        for number, values in table.rows():
            item = row(number, values, table.headers)
            if item is not None:
                rows.append(item)
    except FileError as error:
        errors.append(RowError(error.row or 0, "", "", str(error)))
    if not errors and not rows:
        errors.append(RowError(0, "", "", _("The file has a header but no rows.")))
    return [] if errors else rows
