"""The grant's writes: budget revisions (budget.py) and the subsidy expenditure (expenditure.py)."""
