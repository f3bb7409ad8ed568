"""v1 events and registrations: who sees which event and registration, and registering through the API."""

import pytest
from django.core import mail

from civhub.api.models import PersonalToken
from civhub.events.models import Event, EventQuestion, Registration
from tests.api.rest_more_support import count_queries, ids, post, results, url
from tests.api.support import token_client
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_event(centre):
    return EventFactory(centre=centre, title="Open labdag", audience=Event.Audience.PUBLIC)


@pytest.fixture
def partner_event(centre):
    return EventFactory(centre=centre, title="Partneroverleg", audience=Event.Audience.PARTNERS,
                        starts_at=in_days(60, 13), ends_at=in_days(60, 17))


def test_a_partner_sees_partner_events_and_the_practor_only_public_ones(
        centre, public_event, partner_event, partner_a_contact, practor, programme_manager):
    assert ids(token_client(partner_a_contact), url("events", centre)) == {public_event.pk, partner_event.pk}
    assert ids(token_client(programme_manager), url("events", centre)) == {public_event.pk, partner_event.pk}
    assert ids(token_client(practor), url("events", centre)) == {public_event.pk}


def test_a_partner_event_is_a_404_for_who_may_not_open_it(centre, partner_event, practor, partner_a_contact):
    assert token_client(practor).get(url("events", centre, partner_event.pk)).status_code == 404
    response = token_client(partner_a_contact).get(url("events", centre, partner_event.pk))
    assert response.status_code == 200
    assert response.json()["title"] == "Partneroverleg"


def test_another_centres_event_is_a_404(centre, other_centre, programme_manager):
    elsewhere = EventFactory(centre=other_centre)
    assert token_client(programme_manager).get(url("events", centre, elsewhere.pk)).status_code == 404
    assert token_client(programme_manager).get(url("events", other_centre)).status_code == 404


def test_events_filter_by_start_date_and_show_places_and_questions(centre, public_event, partner_event,
                                                                   programme_manager):
    question = QuestionFactory(event=public_event, kind=EventQuestion.Kind.CHOICE, choices="Vega\nVlees")
    RegistrationFactory(event=public_event)
    client = token_client(programme_manager)
    day = public_event.starts_at.date().isoformat()
    rows = results(client, url("events", centre), **{"from": day, "to": day})
    assert [row["id"] for row in rows] == [public_event.pk]
    assert rows[0]["places_left"] == 2
    assert rows[0]["questions"] == [{"id": question.pk, "label": "Dieetwensen", "kind": "choice",
                                     "choices": ["Vega", "Vlees"], "required": False}]
    assert client.get(url("events", centre), {"from": "morgen"}).status_code == 400


def test_the_office_sees_every_registration_and_a_partner_only_their_own(
        centre, public_event, programme_manager, partner_a_contact, partner_b_contact):
    own = RegistrationFactory(event=public_event, user=partner_a_contact, email=partner_a_contact.email)
    other = RegistrationFactory(event=public_event, user=partner_b_contact, email=partner_b_contact.email)
    visitor = RegistrationFactory(event=public_event)
    assert ids(token_client(programme_manager), url("registrations", centre)) == {own.pk, other.pk, visitor.pk}
    assert ids(token_client(partner_a_contact), url("registrations", centre)) == {own.pk}
    assert ids(token_client(partner_a_contact), url("registrations", centre), status="cancelled") == set()


def test_registering_oneself_gives_a_place_at_once_and_a_retry_with_the_same_key_registers_once(
        centre, partner_event, partner_a_contact, partner_a, django_capture_on_commit_callbacks):
    client = token_client(partner_a_contact)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, url("registrations", centre), {"event": partner_event.pk}, key="reg-1")
        again = post(client, url("registrations", centre), {"event": partner_event.pk}, key="reg-1")
    assert first.status_code == 201, first.content
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.user, registration.partnership, registration.email) == (
        partner_a_contact, partner_a, partner_a_contact.email)
    assert first.json()["status"] == "confirmed"
    assert len(mail.outbox) == 1  # the confirmation with the calendar file, once


def test_registering_a_colleague_waits_for_their_confirmation_by_e_mail(centre, public_event, programme_manager,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(token_client(programme_manager), url("registrations", centre),
                        {"event": public_event.pk, "name": "Collega", "email": "collega@example.org"})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == Registration.Status.PENDING
    assert mail.outbox[0].to == ["collega@example.org"]


def test_the_forms_checks_apply_to_answers(centre, public_event, partner_a_contact):
    question = QuestionFactory(event=public_event, kind=EventQuestion.Kind.CHOICE, choices="Vega\nVlees",
                               required=True)
    client = token_client(partner_a_contact)
    response = post(client, url("registrations", centre), {"event": public_event.pk,
                                                           "answers": {str(question.pk): "Vis"}})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [f"answers.{question.pk}"]
    response = post(client, url("registrations", centre), {"event": public_event.pk,
                                                           "answers": {str(question.pk): "Vega"}})
    assert response.status_code == 201
    assert response.json()["answers"] == {"Dieetwensen": "Vega"}


def test_a_full_event_is_refused_unless_the_waiting_list_is_asked_for(centre, programme_manager, partner_a_contact):
    event = EventFactory(centre=centre, capacity=1)
    RegistrationFactory(event=event)
    client = token_client(partner_a_contact, language="en")
    refused = post(client, url("registrations", centre), {"event": event.pk})
    assert refused.status_code == 422
    assert "full" in refused.json()["detail"]
    waiting = post(client, url("registrations", centre), {"event": event.pk, "waiting_list": True})
    assert waiting.json()["status"] == Registration.Status.WAITING


def test_an_event_one_may_not_open_cannot_be_registered_for(centre, partner_event, other_centre, practor):
    elsewhere = EventFactory(centre=other_centre)
    client = token_client(practor)
    for event in (partner_event, elsewhere):
        response = post(client, url("registrations", centre), {"event": event.pk})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["event"]
    assert not Registration.objects.exists()


def test_a_read_token_may_not_register(centre, public_event, partner_a_contact):
    client = token_client(partner_a_contact, scope=PersonalToken.Scope.READ)
    assert post(client, url("registrations", centre), {"event": public_event.pk}).status_code == 403
    assert not Registration.objects.exists()


def test_the_lists_take_the_same_queries_for_more_rows(centre, programme_manager):
    client = token_client(programme_manager)
    client.get(url("events", centre))  # the token's first use writes its last-used time once

    def grow(n):
        for _ in range(n):
            event = EventFactory(centre=centre)
            QuestionFactory(event=event)
            RegistrationFactory(event=event)

    grow(2)
    before = count_queries(client, url("events", centre)), count_queries(client, url("registrations", centre))
    grow(6)
    after = count_queries(client, url("events", centre)), count_queries(client, url("registrations", centre))
    assert after == before
