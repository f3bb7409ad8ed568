"""Ledger URLs for recording, approving, accepting and reversing contributions, and closing periods."""

from django.urls import path

from civhub.ledger.views import entries, periods, review

urlpatterns = [
    path("", entries.contributions, name="contributions"),
    path("nieuw/", entries.contribution_new, name="contribution_new"),
    path("<int:pk>/", entries.contribution, name="contribution"),
    path("<int:pk>/bewerken/", entries.contribution_edit, name="contribution_edit"),
    path("<int:pk>/indienen/", entries.contribution_submit, name="contribution_submit"),
    path("<int:pk>/verwijderen/", entries.contribution_delete, name="contribution_delete"),
    path("<int:pk>/bewijsstuk/", entries.evidence, name="evidence"),
    path("<int:pk>/goedkeuren/", review.contribution_approve, name="contribution_approve"),
    path("<int:pk>/afkeuren/", review.contribution_reject, name="contribution_reject"),
    path("<int:pk>/accepteren/", review.contribution_accept, name="contribution_accept"),
    path("<int:pk>/terugboeken/", review.contribution_reverse, name="contribution_reverse"),
    path("goed-te-keuren/", review.approvals, name="approvals"),
    path("te-beoordelen/", review.reviews, name="reviews"),
    path("perioden/", periods.periods, name="periods"),
    path("perioden/afsluiten/", periods.period_close, name="period_close"),
    path("perioden/<int:pk>/heropenen/", periods.period_reopen, name="period_reopen"),
]
