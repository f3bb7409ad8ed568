"""Ledger URLs for the office: pledges, rate cards, partner summaries, exports and imports."""

urlpatterns = []
