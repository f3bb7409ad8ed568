"""URLs of the research app (see civhub/urls.py for where they are mounted: /c/<slug>/onderzoek/)."""

from django.urls import path

from civhub.research.views import projects, questions

app_name = "research"
urlpatterns = [
    path("vragen/", questions.questions, name="questions"),
    path("vragen/nieuw/", questions.question_new, name="question_new"),
    path("vragen/<int:pk>/", questions.question, name="question"),
    path("vragen/<int:pk>/intake/", questions.question_intake, name="question_intake"),
    path("vragen/<int:pk>/accepteren/", questions.question_accept, name="question_accept"),
    path("vragen/<int:pk>/afwijzen/", questions.question_decline, name="question_decline"),
    path("vragen/<int:pk>/parkeren/", questions.question_park, name="question_park"),
    path("vragen/<int:pk>/bericht/", questions.question_message, name="question_message"),
    path("projecten/", projects.projects, name="projects"),
    path("projecten/nieuw/", projects.project_new, name="project_new"),
    path("projecten/<int:pk>/", projects.project, name="project"),
    path("projecten/<int:pk>/bewerken/", projects.project_edit, name="project_edit"),
    path("projecten/<int:pk>/resultaten/nieuw/", projects.output_new, name="output_new"),
    path("projecten/<int:pk>/resultaten/<int:output_pk>/bestand/", projects.output_file, name="output_file"),
    path("projecten/<int:pk>/resultaten/<int:output_pk>/verwijderen/", projects.output_delete, name="output_delete"),
    path("projecten/<int:pk>/samenvatting/", projects.summary_edit, name="summary_edit"),
    path("projecten/<int:pk>/samenvatting/beoordelen/", projects.summary_approve, name="summary_approve"),
    path("resultaten/", projects.public, name="public"),
]
