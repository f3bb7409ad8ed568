"""URLs of the programme app under /c/<slug>/programma/: the lines, their work, KPIs and actuals."""

from django.urls import path

from civhub.programme.views import actuals, edit, pages

app_name = "programme"
urlpatterns = [
    path("", pages.programme_overview, name="overview"),
    path("lijn/<int:number>/", pages.line, name="line"),
    path("lijn/<int:number>/activiteit/nieuw/", edit.activity_new, name="activity_new"),
    path("lijn/<int:number>/mijlpaal/nieuw/", edit.milestone_new, name="milestone_new"),
    path("lijn/<int:number>/kpi/nieuw/", edit.kpi_new, name="kpi_new"),
    path("activiteit/<int:pk>/bewerken/", edit.activity_edit, name="activity_edit"),
    path("activiteit/<int:pk>/verwijderen/", edit.activity_delete, name="activity_delete"),
    path("mijlpaal/<int:pk>/bewerken/", edit.milestone_edit, name="milestone_edit"),
    path("mijlpaal/<int:pk>/verwijderen/", edit.milestone_delete, name="milestone_delete"),
    path("kpi/<int:pk>/", pages.kpi, name="kpi"),
    path("kpi/<int:pk>/grafiek.svg", pages.kpi_chart, name="kpi_chart"),
    path("kpi/<int:pk>/bewerken/", edit.kpi_edit, name="kpi_edit"),
    path("kpi/<int:pk>/verwijderen/", edit.kpi_delete, name="kpi_delete"),
    path("kpi/<int:pk>/doelen/", edit.kpi_targets, name="kpi_targets"),
    path("kpi/<int:pk>/waarde/nieuw/", actuals.actual_new, name="actual_new"),
    path("waarde/<int:pk>/bewerken/", actuals.actual_edit, name="actual_edit"),
    path("waarde/<int:pk>/verwijderen/", actuals.actual_delete, name="actual_delete"),
]
