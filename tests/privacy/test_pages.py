"""The administrator's list of people: only this centre's, and a constant number of queries however many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.accounts.models import Role
from tests.factories import MembershipFactory, UserFactory


def _people(centre, count: int) -> None:
    for _ in range(count):
        MembershipFactory(user=UserFactory(), centre=centre, role=Role.PRACTOR)


def test_the_list_takes_the_same_queries_for_three_and_nine_people(centre, persona_client):
    client = persona_client("centre_admin")
    url = reverse("privacy:people", args=[centre.slug])
    _people(centre, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _people(centre, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert response.content.decode().count("/privacy/persoon/") == 10  # nine and the administrator


def test_another_centres_people_are_not_listed(centre, other_centre_manager, persona_client):
    page = persona_client("centre_admin").get(reverse("privacy:people", args=[centre.slug]))
    assert other_centre_manager.email not in page.content.decode()
