"""The forms of the funding application: the application (`applications`), its parts (`parts`), the budget and
the continuation forecast (`budget`), and the budget import (`imports`)."""
