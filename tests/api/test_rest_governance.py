"""v1 meetings and decisions (read only): exactly the meetings a person may open on the steering group's pages."""

import pytest

from civhub.governance.models import Meeting
from tests.api.rest_more_support import count_queries, ids, results, url
from tests.api.support import token_client
from tests.governance.support import at, decision, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering(centre):
    return meeting(centre, title="Stuurgroep", starts=at(2027, 3, 18))


@pytest.fixture
def working_group(centre):
    return meeting(centre, title="Werkgroep", kind=Meeting.Kind.WORKING_GROUP, starts=at(2027, 4, 8))


@pytest.fixture
def draft(centre):
    return meeting(centre, title="Concept", status=Meeting.Status.DRAFT, starts=at(2027, 5, 6))


def test_each_persona_sees_the_meetings_the_pages_open_for_them(
        centre, steering, working_group, draft, programme_manager, steering_member, partner_a_signatory,
        partner_a_contact, practor):
    working_group.participants.add(partner_a_contact)
    assert ids(token_client(programme_manager), url("meetings", centre)) == {steering.pk, working_group.pk, draft.pk}
    assert ids(token_client(steering_member), url("meetings", centre)) == {steering.pk}
    assert ids(token_client(partner_a_signatory), url("meetings", centre)) == {steering.pk}
    assert ids(token_client(partner_a_contact), url("meetings", centre)) == {working_group.pk}
    assert ids(token_client(practor), url("meetings", centre)) == set()


def test_a_meeting_one_may_not_open_is_a_404(centre, other_centre, working_group, draft, steering_member,
                                             programme_manager):
    client = token_client(steering_member)
    assert client.get(url("meetings", centre, working_group.pk)).status_code == 404
    assert client.get(url("meetings", centre, draft.pk)).status_code == 404
    elsewhere = meeting(other_centre)
    assert token_client(programme_manager).get(url("meetings", centre, elsewhere.pk)).status_code == 404


def test_a_meeting_comes_with_its_agenda(centre, steering, steering_member):
    body = token_client(steering_member).get(url("meetings", centre, steering.pk)).json()
    assert [item["title"] for item in body["items"]] == ["Punt 1", "Punt 2"]
    assert body["status"] == "agenda_published"


def test_meetings_filter_by_date_and_status(centre, steering, working_group, draft, programme_manager):
    client = token_client(programme_manager)
    assert ids(client, url("meetings", centre), **{"from": "2027-04-01", "to": "2027-04-30"}) == {working_group.pk}
    assert ids(client, url("meetings", centre), status="draft") == {draft.pk}
    assert client.get(url("meetings", centre), {"status": "gepland"}).status_code == 400


def test_decisions_follow_their_meetings(centre, steering, working_group, steering_member, partner_a_contact,
                                         programme_manager):
    of_steering = decision(steering)
    of_working_group = decision(working_group, sequence=2, text="De werkgroep kiest een leverancier.")
    assert ids(token_client(programme_manager), url("decisions", centre)) == {of_steering.pk, of_working_group.pk}
    assert ids(token_client(steering_member), url("decisions", centre)) == {of_steering.pk}
    assert token_client(steering_member).get(url("decisions", centre, of_working_group.pk)).status_code == 404
    assert ids(token_client(partner_a_contact), url("decisions", centre)) == set()
    rows = results(token_client(steering_member), url("decisions", centre), **{"from": "2027-03-18"})
    assert [(row["number"], row["meeting_title"]) for row in rows] == [("SG-2027-01", "Stuurgroep")]
    assert ids(token_client(programme_manager), url("decisions", centre), to="2027-03-17") == set()


def test_the_lists_take_the_same_queries_for_more_rows(centre, programme_manager):
    client = token_client(programme_manager)
    client.get(url("meetings", centre))

    def grow(start, n):
        for day in range(start, start + n):
            made = meeting(centre, title=f"Vergadering {day}", starts=at(2027, 6, day))
            decision(made, sequence=day)

    grow(1, 2)
    before = count_queries(client, url("meetings", centre)), count_queries(client, url("decisions", centre))
    grow(3, 6)
    after = count_queries(client, url("meetings", centre)), count_queries(client, url("decisions", centre))
    assert after == before
