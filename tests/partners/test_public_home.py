"""The home page of a site with many centres: a page at a time, in a fixed number of queries."""

import pytest
from django.urls import reverse

from civhub.partners.views.public import HOME_PAGE_SIZE
from tests.factories import CentreFactory
from tests.partners.factories import count_queries

pytestmark = pytest.mark.django_db


def centres(count: int) -> None:
    for _ in range(count):
        CentreFactory()


def test_the_home_page_lists_the_centres_a_page_at_a_time(client):
    centres(HOME_PAGE_SIZE + 6)
    first = client.get(reverse("public:home")).content.decode()
    second = client.get(reverse("public:home") + "?page=2").content.decode()
    assert first.count('class="card"') == HOME_PAGE_SIZE and second.count('class="card"') == 6
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_the_home_page_takes_the_same_queries_for_many_more_centres(client):
    centres(HOME_PAGE_SIZE + 1)
    few = count_queries(client, reverse("public:home"))
    centres(3 * HOME_PAGE_SIZE)
    assert count_queries(client, reverse("public:home")) == few


def test_a_site_with_one_centre_goes_straight_to_it(client, centre):
    response = client.get(reverse("public:home"))
    assert response.status_code == 302 and response["Location"] == reverse("public:centre", args=[centre.slug])
