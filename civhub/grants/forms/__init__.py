"""Forms of the grant's pages: budget revisions and comparisons (budget.py), expenditure (expenditure.py)."""
