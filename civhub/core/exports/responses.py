"""Exports as downloads: the right content type, a safe file name, and large files streamed.

`download(tables, fmt, filename=...)` answers a CSV or XLSX of one or more tables;
`file_download(spool, name=...)` streams a finished temporary file (a funder pack, a ZIP)
and deletes it once sent; `attachment(response, name)` names any other response's file.
"""

import weakref
from collections.abc import Sequence

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from civhub.core.exports.csv import iter_csv
from civhub.core.exports.tables import Table
from civhub.core.exports.xlsx import write_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE, "pdf": "application/pdf",
                 "zip": "application/zip"}
TABLE_FORMATS = ("csv", "xlsx")


def attachment(response: HttpResponse, name: str) -> HttpResponse:
    """Make the response a download named `name` (quoted; a name with other characters is RFC 6266-encoded)."""
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def download(tables: Sequence[Table], fmt: str, *, filename: str, formats: dict | None = None,
             excel: bool = True, stream: bool = False) -> HttpResponse:
    """The tables as `<filename>.<fmt>`: XLSX one sheet each, CSV the first table; an unknown format is a 404.

    `formats` and `excel` go to the writers (xlsx.write_xlsx, csv.iter_csv); `stream` sends a CSV as
    it is written (a long ledger) instead of in one piece.
    """
    if fmt not in TABLE_FORMATS:
        raise Http404
    if fmt == "csv":
        chunks = iter_csv(tables[0], excel=excel)
        response = (StreamingHttpResponse(chunks, content_type=CONTENT_TYPES["csv"]) if stream
                    else HttpResponse(b"".join(chunks), content_type=CONTENT_TYPES["csv"]))
    else:
        response = HttpResponse(content_type=XLSX_TYPE)
        write_xlsx(tables, response, formats=formats)
    return attachment(response, f"{filename}.{fmt}")


class Spool:
    """A finished temporary file, streamed in chunks and closed (so deleted) once sent or dropped.

    The file is closed when streaming ends, when the response is closed, or when the response
    is dropped unsent (weakref.finalize): a download never leaves a file open or on disk.
    """

    CHUNK = 256 * 1024

    def __init__(self, spool):
        self.size = spool.tell()
        spool.seek(0)
        self._spool = spool
        self.close = weakref.finalize(self, spool.close)

    def __iter__(self):
        while chunk := self._spool.read(self.CHUNK):
            yield chunk
        self.close()


def file_download(spool, *, name: str, content_type: str | None = None) -> StreamingHttpResponse:
    """Stream an open file positioned at its end (just written), with its size; the type follows the name."""
    content = Spool(spool)
    response = StreamingHttpResponse(content, content_type=content_type or CONTENT_TYPES[name.rsplit(".", 1)[-1]])
    response["Content-Length"] = str(content.size)
    return attachment(response, name)
