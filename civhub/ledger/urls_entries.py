"""Ledger URLs for recording, approving, accepting and reversing contributions, and closing periods."""

urlpatterns = []
