"""Events and registrations in the partners' API: what the agenda and the registration form show, as JSON.

Events are those the person may open on the agenda (`events_visible_to`); registrations those they may see
(`registrations_visible_to`: the office every one, anyone else their own). A registration is made by the same
service as the event's page, after the page's own form has checked the answers: a signed-in person registering
their own address has a place (or a place on the waiting list) at once; anyone else they name gets the
confirmation e-mail (double opt-in), exactly as on the page.
"""

import django_filters as filters
from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from civhub.api.rest.binding import IDEMPOTENCY_KEY, IdFilter, client_address, form_errors
from civhub.api.rest.centres import CentreDetailView, CentreListCreateView, CentreListView
from civhub.api.rest.filters import date_filterset
from civhub.api.rest.schema import problems
from civhub.events.forms import RegistrationForm
from civhub.events.models import Event, EventQuestion, Registration
from civhub.events.permissions import events_visible_to, registrations_visible_to
from civhub.events.selectors.agenda import places_left, with_counts
from civhub.events.services.registration import register


def events(user, centre):
    """The events the user may open, with their counts and questions (two queries a page)."""
    questions = Prefetch("questions", queryset=EventQuestion.objects.order_by("pk"))
    return with_counts(events_visible_to(user, centre)).prefetch_related(questions).order_by("starts_at", "pk")


def registrations(user, centre):
    """The registrations the user may see, oldest first (one query a page)."""
    return registrations_visible_to(user, centre).order_by("created_at", "pk")


class QuestionSerializer(serializers.ModelSerializer):
    """A question of the registration form; `choices` lists the options of a choice question."""

    choices = serializers.ListField(child=serializers.CharField(), source="options", read_only=True)

    class Meta:
        model = EventQuestion
        fields = ["id", "label", "kind", "choices", "required"]


class EventSerializer(serializers.ModelSerializer):
    """An event as the agenda shows it, with the places left (null: no limit) and when registration closes."""

    places_left = serializers.SerializerMethodField()
    closes_at = serializers.DateTimeField(read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["id", "kind", "title", "description", "audience", "starts_at", "ends_at", "location", "capacity",
                  "registration_deadline", "closes_at", "places_left", "questions"]

    def get_places_left(self, event) -> int | None:
        return places_left(event)


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration: who, for which event and partner, its status and answers (keyed by question label)."""

    answers = serializers.DictField(child=serializers.CharField(), read_only=True)
    # Empty once the registration is anonymised: a plain string, which the e-mail format would refuse.
    email = serializers.CharField(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "name", "email", "partnership", "status", "answers", "created_at", "confirmed_at",
                  "checked_in_at"]


class NewRegistrationSerializer(serializers.Serializer):
    """Registering for an event: by default the person the token belongs to, with their name and address."""

    event = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    name = serializers.CharField(required=False, max_length=200)
    email = serializers.EmailField(required=False)
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False,
                                    help_text="The answers to the event's questions, keyed by question id.")
    waiting_list = serializers.BooleanField(default=False,
                                            help_text="When the event is full: go on the waiting list.")


def registration_form(event: Event, data: dict, user) -> RegistrationForm:
    """The event page's form bound to the API's fields, so the same checks (required answers, choices) apply."""
    answers = data.get("answers") or {}
    bound = {"name": data.get("name") or user.get_full_name() or user.email, "email": data.get("email") or user.email,
             **{f"q{question_id}": value for question_id, value in answers.items()}}
    return RegistrationForm(bound, questions=event.questions.order_by("pk"))


# `?from=`/`?to=` on the event's start, `?kind=`, `?audience=`; registrations: on their date, `?status=`, `?event=`.
EventFilter = date_filterset(Event, date_field="starts_at", kind=filters.ChoiceFilter(choices=Event.Kind.choices),
                             audience=filters.ChoiceFilter(choices=Event.Audience.choices))
RegistrationFilter = date_filterset(Registration, date_field="created_at", status_field="status",
                                    event=IdFilter("event_id"))


@extend_schema_view(get=extend_schema(
    operation_id="listEvents", summary="Events",
    description="The centre's events the person may open: public events, and partner events for a partner's people "
                "and the office. Filter by the start date (`from`, `to`), `kind` and `audience`.",
    responses={200: EventSerializer(many=True), **problems(400, 404)}))
class EventList(CentreListView):
    """The centre's events the person may open, soonest first."""

    model = Event
    serializer_class = EventSerializer
    filterset_class = EventFilter

    def scoped_queryset(self, centre):
        return events(self.request.user, centre)


@extend_schema_view(get=extend_schema(
    operation_id="getEvent", summary="One event", description="An event the person may open; else 404.",
    responses={200: EventSerializer, **problems(404)}))
class EventDetail(CentreDetailView):
    """One event; one the person may not open (a partner event, for someone without a partner) is a 404."""

    model = Event
    serializer_class = EventSerializer

    def scoped_queryset(self, centre):
        return events(self.request.user, centre)


@extend_schema_view(
    get=extend_schema(
        operation_id="listRegistrations", summary="Registrations",
        description="Registrations for the centre's events: every one for the programme office, else the person's "
                    "own. Filter by the day registered (`from`, `to`), `status` and `event`.",
        responses={200: RegistrationSerializer(many=True), **problems(400, 404)}),
    post=extend_schema(
        operation_id="createRegistration", summary="Register for an event",
        description="Registers the person (or, with `name` and `email`, someone else) as the event's page does: "
                    "one's own address has a place (or the waiting list) at once; another address gets the "
                    "confirmation e-mail and stays pending until it is confirmed. A full event refuses (422) unless "
                    "`waiting_list` is true.",
        parameters=[IDEMPOTENCY_KEY], request=NewRegistrationSerializer,
        responses={201: RegistrationSerializer, **problems(400, 404, 422)}))
class RegistrationList(CentreListCreateView):
    """GET: the registrations the person may see. POST: register for an event, as on the event's page."""

    model = Registration
    serializer_class = RegistrationSerializer
    create_serializer_class = NewRegistrationSerializer
    filterset_class = RegistrationFilter

    def scoped_queryset(self, centre):
        return registrations(self.request.user, centre)

    def created_queryset(self):
        # A registration made for someone else (pending their e-mail) is not in the maker's list; the answer shows
        # the maker what they just sent all the same.
        return Registration.objects.filter(event__centre=self.centre)

    def create_object(self, incoming) -> Registration:
        data, user = incoming.validated_data, self.request.user
        event = events_visible_to(user, self.centre).filter(pk=data["event"]).first()
        if event is None:
            raise ValidationError({"event": [_("There is no event with this number that you may open.")]})
        form = registration_form(event, data, user)
        if not form.is_valid():
            questions = {f"q{question.pk}": f"answers.{question.pk}" for question in form.questions}
            raise form_errors(form, renamed=questions)
        return register(event=event, data=form.registration(), actor=user, ip_address=client_address(self.request),
                        language=get_language(), waiting_list=data["waiting_list"])

