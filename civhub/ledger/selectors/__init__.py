"""Read queries of the ledger's pages and reports (annotate and aggregate in SQL)."""
