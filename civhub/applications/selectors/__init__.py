"""Every read of a funding application for its pages: the list and the workspace with its readiness
(`applications`), the budget's tables and checks (`budget`), the continuation forecast (`continuation`)."""
