"""Limits on what an uploaded spreadsheet may unpack to, checked before any parser reads it.

An XLSX workbook is a zip archive of XML parts. A small upload can unpack to hundreds of megabytes (a zip
bomb), and openpyxl holds the whole shared-strings part in memory, so the 50 MB upload limit alone is no
memory limit. `check_xlsx(file)` reads the archive's directory and streams the parts openpyxl will parse,
and refuses the file (`UnsafeFile`) when:

- the central directory is large (many members), or there are more than `MAX_MEMBERS` members;
- a worksheet unpacks to more than `MAX_SHEET_BYTES`, the shared strings to more than
  `MAX_SHARED_STRINGS_BYTES`, another XML part to more than `MAX_PART_BYTES`, all parts together to
  more than `MAX_TOTAL_BYTES`;
- there are more than `MAX_SHARED_STRINGS` shared strings;
- a worksheet or the shared strings hold a run of text longer than a spreadsheet cell can hold.

Zip's declared sizes can be trusted here: Python's zipfile (and so openpyxl) never unpacks more than a
member's declared size. `bounded_records` caps the rows and columns of any import file, CSV or XLSX, as
they are read: a sheet can name row 1,000,000,000 in a few bytes, and a CSV row can hold a million cells.
Every import reads its file through `civhub.ledger.imports.parsing.open_table`, which calls both.
"""

import re
import struct
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _

from civhub.core.errors import CivhubError

MAX_MEMBERS = 1_000
MAX_DIRECTORY_BYTES = 1 << 20  # a thousand members with long names
MAX_SHEET_BYTES = 160 << 20  # 200,000 rows of ten columns unpack to about 90 MB
MAX_SHARED_STRINGS_BYTES = 64 << 20
MAX_PART_BYTES = 16 << 20  # styles, workbook, relations: small in any real workbook
MAX_TOTAL_BYTES = 320 << 20
MAX_SHARED_STRINGS = 1_000_000
# Text between two tags (a cell's text, an attribute): a cell holds at most 32,767 characters, written in
# UTF-8 with XML escapes ("&amp;") at most about six bytes each.
MAX_TEXT_RUN = 256 << 10
# Rows and columns of any import file; Excel's own sheet has 1,048,576 rows, no import has 100 columns.
MAX_RECORDS = 1_048_576
MAX_COLUMNS = 1_000

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_CHUNK = 1 << 18  # a quarter megabyte: splitting it at each tag stays small
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


class UnsafeFile(CivhubError):
    """An upload would unpack to more than civhub reads; `row` is where reading stopped, if it got that far."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


def check_xlsx(file) -> None:
    """Refuse an XLSX workbook (a seekable binary file) that unpacks to more than the limits above.

    Reads the zip directory and streams the worksheets and shared strings once, in chunks of a quarter megabyte,
    so a refusal costs little memory. Leaves the file at the position it had.
    """
    position = file.tell()
    try:
        _check_directory_size(file)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_sizes(members)
            for member in members:
                if _is_sheet(member.filename) or _is_shared_strings(member.filename):
                    _scan(archive, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
        return  # a damaged archive: openpyxl says what is wrong with it
    finally:
        file.seek(position)


def bounded_records(records: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """The records of an import file, refusing a row number past MAX_RECORDS or a row wider than MAX_COLUMNS."""
    for number, cells in records:
        if number > MAX_RECORDS:
            raise UnsafeFile(_("The file goes on past row %(max)s; remove the rows below your data.")
                             % {"max": _thousands(MAX_RECORDS)}, row=number)
        if len(cells) > MAX_COLUMNS:
            raise UnsafeFile(_("Row %(row)s has more than %(max)s columns; remove the cells to the right of "
                               "your data.") % {"row": number, "max": _thousands(MAX_COLUMNS)}, row=number)
        yield number, cells


def _check_directory_size(file) -> None:
    """Refuse a zip whose central directory is larger than a real workbook's, before zipfile reads it all."""
    file.seek(0, 2)
    size = file.tell()
    file.seek(max(size - (1 << 16) - _EOCD_SIZE, 0))
    tail = file.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return  # not a zip: zipfile refuses it
    entries, directory_size = struct.unpack("<2xHL", tail[at + 8: at + 16])
    if entries > MAX_MEMBERS or directory_size > MAX_DIRECTORY_BYTES:
        raise UnsafeFile(_too_large())


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_TOTAL_BYTES:
        raise UnsafeFile(_too_large())
    for member in members:
        if member.file_size > _limit(member.filename):
            raise UnsafeFile(_too_large())


def _limit(name: str) -> int:
    if _is_sheet(name):
        return MAX_SHEET_BYTES
    if _is_shared_strings(name):
        return MAX_SHARED_STRINGS_BYTES
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return MAX_PART_BYTES
    return MAX_SHEET_BYTES  # pictures and other binary parts: openpyxl does not read them in read-only mode


def _is_sheet(name: str) -> bool:
    return name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")


def _is_shared_strings(name: str) -> bool:
    return name.lower().endswith("sharedstrings.xml")


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Stream one part: refuse too long a run of text, or (shared strings) too many strings."""
    counting = _is_shared_strings(member.filename)
    strings, carry = 0, b""
    with archive.open(member) as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            data = carry + chunk
            if max(map(len, data.split(b"<"))) > MAX_TEXT_RUN:  # (a regex would try each start: quadratic)
                raise UnsafeFile(_("A cell of this Excel workbook holds more text than a spreadsheet cell can."))
            # Everything before the last "<" is whole tags and text; the rest waits for the next chunk.
            cut = data.rfind(b"<")
            cut = len(data) if cut < 0 else cut
            strings += len(_SHARED_STRING.findall(data, 0, cut)) if counting else 0
            if strings > MAX_SHARED_STRINGS:
                raise UnsafeFile(_too_large())
            carry = data[cut:]
    if counting and strings + len(_SHARED_STRING.findall(carry)) > MAX_SHARED_STRINGS:
        raise UnsafeFile(_too_large())


def _too_large() -> str:
    return _("This Excel workbook unpacks to far more data than an import can hold. Save only the sheet to "
             "import, without other sheets, pictures or empty formatted rows, or import it as CSV UTF-8.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")
