"""The ledger's imports (docs/formats.md §2 and §3): contributions and rate cards from CSV or XLSX, all or nothing.

    check_contributions(...)   the web preview: every error and the first rows, nothing written
    import_contributions(...)  the same check, then every row written in one transaction
    import_rates(...)          rate cards, the same way

Each returns an ImportReport (errors as RowError(row, column, value, message), counts,
totals, preview, and the ImportBatch that records it) and raises LedgerError when the
acting user may not import there. See parsing.py for how numbers and dates are read.
"""

from civhub.ledger.imports.contributions import PreviewRow, check_contributions, import_contributions
from civhub.ledger.imports.parsing import MAX_ROWS, FileError
from civhub.ledger.imports.rates import import_rates
from civhub.ledger.imports.report import ImportReport, RowError

__all__ = [
    "MAX_ROWS",
    "FileError",
    "ImportReport",
    "PreviewRow",
    "RowError",
    "check_contributions",
    "import_contributions",
    "import_rates",
]
