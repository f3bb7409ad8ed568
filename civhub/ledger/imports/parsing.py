"""Reading an import file (docs/formats.md, "Numbers, dates, text in every import"): CSV or XLSX, row by row.

`open_table(file, file_name, columns)` checks what kind of file it is and reads its header;
`Table.rows()` then streams the data rows one at a time, so a large file is never in memory
as a whole. Whatever makes the file as a whole unreadable (not CSV/XLSX, another encoding,
empty, no header, a missing column, too many rows) raises `FileError`; a cell that is not
a number or a date raises `CellError` from `values.py`'s `parse_*` functions, which the
importers turn into one line of their error report.
"""

import csv
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from civhub.core.exports.formulas import restored
from civhub.core.uploads import UnsafeFile, bounded_records, check_xlsx
from civhub.ledger.errors import LedgerError

# A file with more data rows than this is refused before it is processed (split it up).
MAX_ROWS = 200_000

CSV_SUFFIXES = {"", ".csv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)
_EMPTY_VALUES = (None, "")


class FileError(LedgerError):
    """The file as a whole cannot be imported; `row` is where reading stopped, if it got that far."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class Column:
    """An import column: our key, its accepted header names (Dutch first, then the English alias)."""

    key: str
    names: tuple[str, ...]
    required: bool = True

    @property
    def label(self) -> str:
        return " / ".join(self.names)


def header_key(text: str) -> str:
    """A header cell as we compare it: case, surrounding spaces and space-or-underscore do not matter."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


@dataclass
class Table:
    """An opened import file: where each column is, and its data rows as a stream."""

    file_type: str  # "csv" or "xlsx"
    headers: dict[str, str]  # column key -> the header as written in the file (for error reports)
    positions: dict[str, int]  # column key -> index in a row
    records: Iterator[tuple[int, list]]  # (row number, cells) after the header, empty rows included
    estimated_rows: int | None = None  # a cheap guess at the number of data rows, for progress
    max_rows: int = MAX_ROWS
    ignored: tuple[str, ...] = ()  # header cells that name no column of the import (ignored, as the rules say)

    def rows(self) -> Iterator[tuple[int, dict]]:
        """(row number as in the file, {key: cell}) per non-empty data row; FileError past `max_rows`."""
        count = 0
        for number, cells in self.records:
            values = {key: _clean(cells[index]) if index < len(cells) else "" for key, index in
                      self.positions.items()}
            self._refuse_nul(number, values)
            if all(value in _EMPTY_VALUES for value in values.values()):
                continue
            count += 1
            if count > self.max_rows:
                raise FileError(
                    _("The file has more than %(max)s rows; split it into files of at most %(max)s rows.")
                    % {"max": f"{self.max_rows:,}".replace(",", ".")},
                    row=number,
                )
            yield number, values

    def _refuse_nul(self, number: int, values: dict) -> None:
        """A NUL character is no text: PostgreSQL cannot store it, and no spreadsheet writes one on purpose."""
        for key, value in values.items():
            if isinstance(value, str) and "\x00" in value:
                raise FileError(_("Row %(row)s, column %(column)s holds a NUL character (a zero byte), which is no "
                                  "text. Save the file again from your spreadsheet program.")
                                % {"row": number, "column": self.headers[key]}, row=number)


def _clean(value):
    """Strip text cells, and read away the apostrophe an export put before formula-like text (formulas.py);
    other XLSX cell types (numbers, dates) stay as they are."""
    if isinstance(value, str):
        return restored(value.strip())
    return "" if value is None else value


# Opening -------------------------------------------------------------------------------------


def open_table(file, file_name: str, columns: Iterable[Column], *, one_of: Iterable[tuple[str, ...]] = (),
               max_rows: int = MAX_ROWS) -> Table:
    """Open a CSV or XLSX file (binary file object) and read its header row.

    `columns` are the columns the import knows; `one_of` lists groups of which at least
    one column must be present (e.g. hours or amount). Unknown columns are ignored.
    """
    columns = list(columns)
    head = file.read(8)
    file_type = _file_type(head, file_name)
    records = _bounded(_xlsx_records(file, head) if file_type == "xlsx" else _csv_records(file, head))
    estimated = _estimate_rows(file, file_type, head)
    number, header = _first_record(records)
    if any(isinstance(cell, str) and "\x00" in cell for cell in header):
        raise FileError(_("The header holds a NUL character (a zero byte), which is no text. Save the file again "
                          "from your spreadsheet program."), row=number)
    positions, headers = _match_header(header, columns, one_of)
    known = {header_key(name) for column in columns for name in column.names}
    ignored = tuple(str(cell).strip() for cell in header
                    if _clean(cell) not in _EMPTY_VALUES and header_key(cell) not in known)
    return Table(file_type, headers, positions, records, estimated_rows=estimated, max_rows=max_rows,
                 ignored=ignored)


def _file_type(head: bytes, file_name: str) -> str:
    suffix = PurePath(file_name or "").suffix.lower()
    if head.startswith(_ZIP_MAGIC):  # the content decides: an XLSX workbook is a zip archive
        return "xlsx"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError(_("The file is in UTF-16 (“Unicode text”). In Excel choose “Save as” → “CSV UTF-8”."))
    if head.startswith(_OLE_MAGIC):
        raise FileError(_("This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as "
                          "CSV UTF-8 and import that."))
    if suffix in XLSX_SUFFIXES:
        raise FileError(_("This file is called .xlsx but is not an Excel workbook."))
    if suffix not in CSV_SUFFIXES or head.startswith(b"%PDF") or b"\x00" in head:
        raise FileError(_("This is not a CSV or XLSX file. Import a spreadsheet saved as .xlsx or as CSV UTF-8."))
    return "csv"


def _bounded(records: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """The records within core.uploads' limits on rows and columns; past them, a FileError."""
    try:
        yield from bounded_records(records)
    except UnsafeFile as error:
        raise FileError(str(error), row=error.row) from None


def _first_record(records: Iterator[tuple[int, list]]) -> tuple[int, list]:
    """The header: the first row with anything in it."""
    for number, cells in records:
        if any(_clean(cell) not in _EMPTY_VALUES for cell in cells):
            return number, cells
    raise FileError(_("The file is empty."))


def _match_header(header: list, columns: list[Column], one_of) -> tuple[dict[str, int], dict[str, str]]:
    names = {header_key(name): column for column in columns for name in column.names}
    positions, headers = {}, {}
    for index, cell in enumerate(header):
        column = names.get(header_key(cell)) if cell is not None else None
        if column is None:
            continue
        if column.key in positions:
            raise FileError(_("The column %(column)s appears twice in the header.") % {"column": column.label})
        positions[column.key], headers[column.key] = index, str(cell).strip()
    if not positions:
        raise FileError(_("The first row is not a header: it names none of the columns %(columns)s.")
                        % {"columns": ", ".join(column.names[0] for column in columns)})
    missing = [column.label for column in columns if column.required and column.key not in positions]
    missing += [" / ".join(_labels(group, columns)) for group in one_of if not set(group) & set(positions)]
    if missing:
        raise FileError(_("The file misses the column(s): %(columns)s.") % {"columns": "; ".join(missing)})
    return positions, headers


def _labels(keys: tuple[str, ...], columns: list[Column]) -> list[str]:
    return [column.label for key in keys for column in columns if column.key == key]


def _estimate_rows(file, file_type: str, head: bytes) -> int | None:
    """Line count of a seekable CSV (a cheap upper bound); XLSX and streams give no estimate."""
    if file_type != "csv" or not getattr(file, "seekable", lambda: False)():
        return None
    position = file.tell()
    lines = head.count(b"\n") + sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))
    file.seek(position)
    return max(lines - 1, 0)


# CSV -----------------------------------------------------------------------------------------


class _Prepended(io.RawIOBase):
    """A binary stream of `head` followed by the rest of `file` (we read `head` to sniff the type)."""

    def __init__(self, file, head: bytes):
        self._file, self._head = file, head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._head[: len(buffer)] or self._file.read(len(buffer))
        self._head = self._head[len(data):] if self._head else b""
        buffer[: len(data)] = data
        return len(data)


def _csv_records(file, head: bytes) -> Iterator[tuple[int, list]]:
    """Records of a UTF-8 CSV (BOM or not), delimiter `;` or `,` as the header line uses."""
    text = io.TextIOWrapper(io.BufferedReader(_Prepended(file, head)), encoding="utf-8-sig", newline="")
    number = 0
    try:
        first = text.readline()
        while first and not first.strip():
            number += 1
            first = text.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(_chain_first(first, text), delimiter=delimiter)
        for number, cells in enumerate(reader, start=number + 1):  # noqa: B007,B020 - kept for the error below
            yield number, cells
    except UnicodeDecodeError:
        # The decoder reads ahead in blocks, so the row it fails in is not worth naming.
        raise FileError(_("The file is not in UTF-8. In Excel choose “Save as” → “CSV UTF-8”.")) from None
    except csv.Error as error:
        raise FileError(_("Row %(row)s cannot be read as CSV (%(error)s).") % {"row": number + 1, "error": error},
                        row=number + 1) from None


def _chain_first(first: str, rest) -> Iterator[str]:
    if first:
        yield first
    yield from rest


# XLSX ----------------------------------------------------------------------------------------


def _xlsx_records(file, head: bytes) -> Iterator[tuple[int, list]]:
    """Rows of the workbook's first sheet; openpyxl in read-only mode keeps memory flat."""
    import openpyxl  # only XLSX imports pay for loading it

    if not getattr(file, "seekable", lambda: False)():
        raise FileError(_("This Excel workbook cannot be read."))
    file.seek(file.tell() - len(head))
    try:
        check_xlsx(file)  # before openpyxl unpacks anything
    except UnsafeFile as error:
        raise FileError(str(error)) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions we do not use
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # whatever openpyxl trips over, the file is unreadable
        raise FileError(_("This Excel workbook cannot be read (%(error)s).") % {"error": error}) from None
    return _sheet_rows(workbook)


def _sheet_rows(workbook) -> Iterator[tuple[int, list]]:
    number = 0
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):  # noqa: B007
            yield number, list(cells)
    except Exception as error:  # a damaged sheet, found half-way through
        raise FileError(_("Row %(row)s of the Excel workbook cannot be read (%(error)s).")
                        % {"row": number + 1, "error": error}, row=number + 1) from None
    finally:
        workbook.close()
