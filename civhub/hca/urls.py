"""URLs of the Human Capital Agenda under /c/<slug>/arbeidsmarkt/."""

from django.urls import path

from civhub.hca.views import outputs
from civhub.hca.views import setup as views

app_name = "hca"
urlpatterns = [
    path("beroepen-en-opleidingen/", views.setup, name="setup"),
    path("beroep/nieuw/", views.occupation_new, name="occupation_new"),
    path("beroep/<int:pk>/", views.occupation_edit, name="occupation_edit"),
    path("opleiding/nieuw/", views.programme_new, name="programme_new"),
    path("opleiding/<int:pk>/", views.programme_edit, name="programme_edit"),
    # Beyond the HCA page: the public page (open to all) and the report (office, steering group).
    path("openbaar/", outputs.public, name="public"),
    path("rapport/xlsx/", outputs.report_xlsx, name="report_xlsx"),
    path("rapport/pdf/", outputs.report_pdf, name="report_pdf"),
]
