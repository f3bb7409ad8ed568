"""URLs of the ledger under /c/<slug>/bijdragen/: partners' entries and reviews, and the office's tools."""

from django.urls import path

from civhub.ledger.views import entries, imports, office, periods, review

app_name = "ledger"
urlpatterns = [
    # Recording, approving, accepting and reversing contributions, and closing periods.
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
    # The office: pledges, rate cards, partner summaries, exports and imports.
    path("toezeggingen/", office.pledges, name="pledges"),
    path("toezeggingen/nieuw/", office.pledge_new, name="pledge_new"),
    path("toezeggingen/<int:pk>/bewerken/", office.pledge_edit, name="pledge_edit"),
    path("toezeggingen/<int:pk>/verwijderen/", office.pledge_delete, name="pledge_delete"),
    path("tarieven/", office.rates, name="rates"),
    path("tarieven/nieuw/", office.rate_new, name="rate_new"),
    path("tarieven/<int:pk>/bewerken/", office.rate_edit, name="rate_edit"),
    path("tarieven/<int:pk>/verwijderen/", office.rate_delete, name="rate_delete"),
    path("tarieven/importeren/", imports.rates_upload, name="rates_import"),
    path("tarieven/importeren/sjabloon/", imports.rates_template_file, name="rates_template"),
    path("partner/<slug:code>/", office.summary, name="summary"),
    path("partner/<slug:code>/grafiek.svg", office.summary_chart, name="summary_chart"),
    path("export/<str:fmt>/", office.export, name="export"),
    path("importeren/", imports.upload, name="import"),
    path("importeren/sjabloon/", imports.template, name="import_template"),
    path("importeren/<int:pk>/", imports.batch, name="import_batch"),
    path("importeren/<int:pk>/bevestigen/", imports.confirm, name="import_confirm"),
    path("importeren/<int:pk>/voortgang/", imports.progress, name="import_progress"),
]
