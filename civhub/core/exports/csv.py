"""A table as `;`-separated UTF-8 CSV with CRLF line ends, in chunks (for a StreamingHttpResponse or a file).

Two readers, two flavours. For people (`excel=True`, the default) the file starts with a
byte-order mark, so that Excel opens it with the accents intact; for tools (`excel=False`: the
ledger export of docs/formats.md §5) there is no mark. Either way text that a spreadsheet would
run as a formula (it starts with = + - @, a tab or a carriage return) is written behind an
apostrophe (formulas.py; civhub's imports read it away again), dates are YYYY-MM-DD, moments
YYYY-MM-DD HH:MM on the Dutch clock, decimals with a point, a Coded value as its code.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.utils import timezone

from civhub.core.exports.formulas import neutralised
from civhub.core.exports.tables import Coded, Table

BOM = "\ufeff"
CHUNK_ROWS = 500


def cell_text(value) -> str:
    """One cell as CSV text (see the module)."""
    if isinstance(value, Coded):
        value = value.code
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        moment = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        return moment.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return neutralised(str(value))


def iter_csv(table: Table, *, excel: bool = True) -> Iterator[bytes]:
    """The header row and then the rows, as UTF-8 bytes, a chunk every few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if excel:
        buffer.write(BOM)
    writer.writerow([cell_text(name) for name in table.header])
    for number, row in enumerate(table.rows):
        writer.writerow([cell_text(value) for value in row])
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def write_csv(table: Table, binary_file: BinaryIO, *, excel: bool = True) -> None:
    """Write the table as CSV (see iter_csv) to an open binary file or HttpResponse."""
    for chunk in iter_csv(table, excel=excel):
        binary_file.write(chunk)


def csv_bytes(tables: Iterable[Table], *, excel: bool = True) -> bytes:
    """The first table as one CSV file in memory (a CSV holds one table)."""
    return b"".join(iter_csv(next(iter(tables)), excel=excel))
