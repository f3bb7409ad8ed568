"""Input validation for people using the ledger's pages."""
