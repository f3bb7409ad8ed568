"""The ledger's views, one module per group of pages."""
