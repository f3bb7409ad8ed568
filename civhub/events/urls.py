"""URLs of the events app, under /c/<slug>/agenda/ (see civhub/urls.py): public pages first, then the office's."""

from django.urls import path

from civhub.events.views import feeds, office, public

app_name = "events"
urlpatterns = [
    path("", public.agenda, name="agenda"),
    path("agenda.ics", public.agenda_ics, name="agenda_ics"),
    path("evenement/<int:pk>/", public.event, name="event"),
    path("aanmelding/<str:token>/", public.registration, name="registration"),
    path("aanmelding/<str:token>/bevestigen/", public.confirm, name="confirm"),
    path("aanmelding/<str:token>/annuleren/", public.cancel, name="cancel"),
    path("mijn-agenda/", feeds.feed, name="feed"),
    path("mijn-agenda/<str:token>.ics", feeds.personal_ics, name="personal_ics"),
    path("beheer/", office.manage, name="manage"),
    path("beheer/nieuw/", office.event_new, name="event_new"),
    path("beheer/<int:pk>/", office.event_edit, name="event_edit"),
    path("beheer/<int:pk>/vraag/", office.question_add, name="question_add"),
    path("beheer/<int:pk>/vraag/<int:question_pk>/verwijderen/", office.question_remove, name="question_remove"),
    path("beheer/<int:pk>/aanmeldingen/", office.registrations, name="registrations"),
    path("beheer/<int:pk>/deelnemers.<str:fmt>", office.export, name="export"),
    path("beheer/<int:pk>/inchecken/", office.check_in, name="check_in"),
    path("beheer/<int:pk>/aanmelding/<int:registration_pk>/anonimiseren/", office.anonymise, name="anonymise"),
]
