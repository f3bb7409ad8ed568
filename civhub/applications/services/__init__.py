"""Every write of a funding application: the application and its parts (`applications`, `parts`), the budget
(`budget`, `imports`) and the continuation forecast (`continuation`). Keyword-only, the acting user passed in, one
transaction with the application locked, the audit row in it; only a draft changes."""
