"""URLs of the Human Capital Agenda under /c/<slug>/arbeidsmarkt/."""

from django.urls import path

from civhub.hca.views import overview, survey
from civhub.hca.views import setup as views

app_name = "hca"
urlpatterns = [
    # The HCA page (office, steering group, practor): the chosen round (?ronde=<pk>), its charts, the ITA KPIs.
    path("", overview.overview, name="overview"),
    path("grafiek/<slug:chart>.svg", overview.overview_chart, name="overview_chart"),
    path("ronde/<int:pk>/kpis/", overview.record_kpis, name="record_kpis"),
    path("beroepen-en-opleidingen/", views.setup, name="setup"),
    path("beroep/nieuw/", views.occupation_new, name="occupation_new"),
    path("beroep/<int:pk>/", views.occupation_edit, name="occupation_edit"),
    path("opleiding/nieuw/", views.programme_new, name="programme_new"),
    path("opleiding/<int:pk>/", views.programme_edit, name="programme_edit"),
    # the workforce survey
    path("enquete/", survey.survey, name="survey"),
    path("enquete/sjabloon/", survey.survey_template, name="survey_template"),
    path("enquete/<slug:code>/<int:round_pk>/beroep/<int:occupation_pk>/", survey.answer, name="answer"),
    path("enquete/<slug:code>/<int:round_pk>/importeren/", survey.survey_import, name="survey_import"),
    path("rondes/", survey.rounds, name="rounds"),
    path("rondes/<int:pk>/", survey.survey_round, name="round"),
    path("rondes/<int:pk>/importeren/", survey.round_import, name="round_import"),
    path("rondes/<int:pk>/<slug:code>/beroep/<int:occupation_pk>/", survey.round_answer, name="round_answer"),
]
