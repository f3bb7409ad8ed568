"""URLs of the learning app, under /c/<slug>/leren/ (see civhub/urls.py): public pages first, then management."""

from django.urls import path

from civhub.learning.views import paths, provider, public

app_name = "learning"
urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("cursus/<int:pk>/", public.course, name="course"),
    path("uitvoering/<int:pk>/inschrijven/", public.enrol_page, name="enrol"),
    path("inschrijving/<str:token>/", public.enrolment, name="enrolment"),
    path("inschrijving/<str:token>/annuleren/", public.cancel, name="cancel"),
    path("inschrijving/<str:token>/bevestigen/", public.confirm, name="confirm"),
    path("leerroutes/", public.paths, name="paths"),
    path("leerroutes/<int:pk>/", public.path, name="path"),
    path("aanbod.ics", public.offerings_ics, name="offerings_ics"),
    path("beheer/", provider.manage, name="manage"),
    path("beheer/cursus/nieuw/", provider.course_new, name="course_new"),
    path("beheer/cursus/<int:pk>/", provider.course_edit, name="course_edit"),
    path("beheer/cursus/<int:pk>/uitvoering/nieuw/", provider.offering_new, name="offering_new"),
    path("beheer/uitvoering/<int:pk>/", provider.offering_edit, name="offering_edit"),
    path("beheer/uitvoering/<int:pk>/inschrijvingen/", provider.offering_enrolments, name="offering_enrolments"),
    path("beheer/uitvoering/<int:pk>/inschrijvingen.<str:fmt>", provider.offering_export, name="offering_export"),
    path("vraag/", provider.demand, name="demand"),
    path("medewerkers/", provider.employees, name="employees"),
    path("beheer/leerroutes/nieuw/", paths.path_new, name="path_new"),
    path("beheer/leerroutes/<int:pk>/", paths.path_edit, name="path_edit"),
    path("beheer/leerroutes/<int:pk>/stap/", paths.step_add, name="step_add"),
    path("beheer/leerroutes/<int:pk>/stap/<int:step_pk>/verwijderen/", paths.step_remove, name="step_remove"),
    path("beheer/leerroutes/<int:pk>/stap/<int:step_pk>/verplaatsen/", paths.step_move, name="step_move"),
]
