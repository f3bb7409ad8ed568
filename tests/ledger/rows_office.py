"""Permission rows for the ledger's office pages: pledges, rates, summaries, exports, imports."""

LEDGER_OFFICE_ROWS = []
