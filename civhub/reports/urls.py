"""URLs of the reports under /c/<slug>/rapporten/: the funder pack, the partner statements and the progress report."""

from django.urls import path

from civhub.reports import views

app_name = "reports"
urlpatterns = [
    path("financiering/<str:fmt>/", views.funder_pack, name="funder_pack"),
    path("ingediend/<int:pk>/<str:fmt>/", views.submitted_pack, name="submitted_pack"),
    path("ingediend/<int:pk>/", views.changes_since, name="changes_since"),
    path("verklaringen/", views.statements, name="statements"),
    path("verklaringen/<int:year>/", views.partner_statements_zip, name="partner_statements_zip"),
    path("verklaring/<slug:code>/<int:year>/", views.partner_statement, name="partner_statement"),
    path("voortgang/", views.progress, name="progress"),
    path("voortgang/<str:fmt>/", views.progress_report, name="progress_report"),
]
