"""Permission rows for the ledger's entry, approval, acceptance and period pages (see tests/test_permissions.py)."""

LEDGER_ENTRY_ROWS = []
