"""URLs of the governance app: steering group, meetings, decisions and actions (mounted at /c/<slug>/bestuur/)."""

from django.urls import path, re_path

from civhub.governance.views import meetings, outcomes, registers, steering

app_name = "governance"
urlpatterns = [
    path("", meetings.meetings, name="meetings"),
    path("vergadering/nieuw/", meetings.meeting_new, name="meeting_new"),
    path("vergadering/<int:pk>/", meetings.meeting, name="meeting"),
    path("vergadering/<int:pk>/bewerken/", meetings.meeting_edit, name="meeting_edit"),
    path("vergadering/<int:pk>/punt/nieuw/", meetings.item_new, name="item_new"),
    path("vergadering/<int:pk>/publiceren/", meetings.publish_agenda, name="publish_agenda"),
    path("vergadering/<int:pk>/notulen/", outcomes.minutes, name="minutes"),
    path("vergadering/<int:pk>/notulen/publiceren/", outcomes.minutes_publish, name="minutes_publish"),
    path("vergadering/<int:pk>/notulen/correctie/", outcomes.minutes_correct, name="minutes_correct"),
    path("vergadering/<int:pk>/besluit/nieuw/", outcomes.decision_new, name="decision_new"),
    path("vergadering/<int:pk>/actie/nieuw/", outcomes.action_new, name="action_new"),
    path("vergadering/<int:pk>/vergaderstukken.pdf", meetings.meeting_pack, name="meeting_pack"),
    path("punt/<int:item_pk>/bewerken/", meetings.item_edit, name="item_edit"),
    re_path(r"^punt/(?P<item_pk>[0-9]+)/(?P<direction>op|neer)/$", meetings.item_move, name="item_move"),
    path("punt/<int:item_pk>/document/nieuw/", meetings.document_new, name="document_new"),
    path("document/<int:document_pk>/", meetings.document_file, name="document_file"),
    path("document/<int:document_pk>/verwijderen/", meetings.document_delete, name="document_delete"),
    path("besluiten/", registers.decisions, name="decisions"),
    path("besluiten/export.xlsx", registers.decisions_export, name="decisions_export"),
    path("acties/", registers.actions, name="actions"),
    path("acties/export.xlsx", registers.actions_export, name="actions_export"),
    path("acties/<int:action_pk>/gedaan/", outcomes.action_done, name="action_done"),
    path("stuurgroep/", steering.steering_group, name="steering_group"),
    path("stuurgroep/nieuw/", steering.seat_new, name="seat_new"),
    path("stuurgroep/<int:seat_pk>/beeindigen/", steering.seat_end, name="seat_end"),
    path("openbaar/stuurgroep/", steering.public_steering_group, name="public_steering_group"),
]
