"""Ledger URLs for the office: pledges, rate cards, partner summaries, exports and imports."""

from django.urls import path

from civhub.ledger.views import imports, office

urlpatterns = [
    path("toezeggingen/", office.pledges, name="pledges"),
    path("toezeggingen/nieuw/", office.pledge_new, name="pledge_new"),
    path("toezeggingen/<int:pk>/bewerken/", office.pledge_edit, name="pledge_edit"),
    path("toezeggingen/<int:pk>/verwijderen/", office.pledge_delete, name="pledge_delete"),
    path("tarieven/", office.rates, name="rates"),
    path("tarieven/nieuw/", office.rate_new, name="rate_new"),
    path("tarieven/<int:pk>/bewerken/", office.rate_edit, name="rate_edit"),
    path("tarieven/<int:pk>/verwijderen/", office.rate_delete, name="rate_delete"),
    path("tarieven/importeren/", imports.rates_upload, name="rates_import"),
    path("partner/<slug:code>/", office.summary, name="summary"),
    path("partner/<slug:code>/grafiek.svg", office.summary_chart, name="summary_chart"),
    path("export/<str:fmt>/", office.export, name="export"),
    path("importeren/", imports.upload, name="import"),
    path("importeren/<int:pk>/", imports.batch, name="import_batch"),
    path("importeren/<int:pk>/bevestigen/", imports.confirm, name="import_confirm"),
    path("importeren/<int:pk>/voortgang/", imports.progress, name="import_progress"),
]
