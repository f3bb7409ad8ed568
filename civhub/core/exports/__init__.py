"""One export module: a table defined once, written as XLSX, CSV or a PDF table, and sent as a download.

    from civhub.core.exports import Column, Kind, Table, download

    table = Table(sheet="Bijdragen", title=_("Contributions"),
                  columns=[Column("datum", _("Date"), Kind.DATE), Column("bedrag", _("Amount"), Kind.MONEY)],
                  rows=queryset.values_list("date", "amount").iterator())   # any iterable: it streams
    return download([table], "xlsx", filename="bijdragen-2025")             # or "csv"

- `tables`: `Kind`, `Coded`, `Column`, `Table` (and `Table.from_rows` for a header-first list).
- `xlsx.write_xlsx(tables, file)`: one sheet per table, XlsxWriter in constant-memory mode (rows
  stream, a sheet is written top to bottom), a bold frozen header with an autofilter, column widths,
  numbers as numbers with the kind's number format, dates as real dates.
- `csv.iter_csv(table)` / `csv.write_csv(table, file)`: `;`-separated UTF-8 in chunks; for people
  (the default) with a byte-order mark, for tools without; formula-like text quoted in both (`formulas`).
- `formulas`: text a spreadsheet would run as a formula, and how the writers keep it text.
- `pdf.shown(table)`: the table as the PDF include `core/_export_table.html` renders it.
- `responses.download(...)` / `responses.attachment(...)`: the HTTP side, with the right content type
  and a safe file name.
"""

from civhub.core.exports.responses import CONTENT_TYPES, TABLE_FORMATS, XLSX_TYPE, attachment, download, file_download
from civhub.core.exports.tables import Coded, Column, Kind, Table
from civhub.core.exports.xlsx import ISO_DATES

__all__ = ["CONTENT_TYPES", "ISO_DATES", "TABLE_FORMATS", "XLSX_TYPE", "Coded", "Column", "Kind", "Table",
           "attachment", "download", "file_download"]
