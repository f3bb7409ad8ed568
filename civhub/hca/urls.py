"""URLs of the Human Capital Agenda under /c/<slug>/arbeidsmarkt/."""

from django.urls import path

from civhub.hca.views import published, schools, setup, skills

app_name = "hca"
urlpatterns = [
    path("beroepen-en-opleidingen/", setup.setup, name="setup"),
    path("beroep/nieuw/", setup.occupation_new, name="occupation_new"),
    path("beroep/<int:pk>/", setup.occupation_edit, name="occupation_edit"),
    path("opleiding/nieuw/", setup.programme_new, name="programme_new"),
    path("opleiding/<int:pk>/", setup.programme_edit, name="programme_edit"),
    path("vaardigheden/", skills.skills, name="skills"),
    path("vaardigheden/nieuw/", skills.skill_new, name="skill_new"),
    path("vaardigheden/<int:pk>/", skills.skill_edit, name="skill_edit"),
    path("dekking/", skills.coverage, name="coverage"),
    path("prognoses/", published.published, name="published"),
    path("prognoses/<int:pk>/verwijderen/", published.published_delete, name="published_delete"),
    path("school/<slug:code>/opleidingen/", schools.programmes, name="school_programmes"),
    path("school/<slug:code>/opleidingen/nieuw/", schools.programme_new, name="school_programme_new"),
    path("school/<slug:code>/opleidingen/<int:pk>/", schools.programme_edit, name="school_programme_edit"),
]
