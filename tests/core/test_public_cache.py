"""The cache of what anonymous visitors see (core/public_cache.py): served without queries, never stale after a
change to the data it shows, never for a signed-in person, and with each visitor's own CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from civhub.core import public_cache
from tests.factories import KeyDateFactory, PublicContactFactory
from tests.learning.factories import CourseFactory, EnrolmentFactory, OfferingFactory, in_days

pytestmark = pytest.mark.django_db


def without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_gets_the_cached_page_without_a_query(client, centre, django_assert_num_queries):
    url = reverse("public:centre", args=[centre.slug])
    first = page(client, url)
    with django_assert_num_queries(0):
        assert without_token(page(Client(), url)) == without_token(first)


def test_a_change_to_the_centre_or_its_partners_shows_at_once(client, centre, partner_a):
    url = reverse("public:centre", args=[centre.slug])
    assert "Nieuwe naam" not in page(client, url)
    centre.name = "Nieuwe naam"
    centre.save()
    assert "Nieuwe naam" in page(client, url)
    partner_a.organisation.name = "Hernoemd BV"
    partner_a.organisation.save()
    assert "Hernoemd BV" in page(client, url)
    KeyDateFactory(centre=centre, title={"nl": "Open dag voor iedereen"}, starts_on=in_days(10))
    assert "Open dag voor iedereen" in page(client, url)


def test_a_contact_erased_by_an_update_is_gone_from_the_page(client, centre):
    """personal_records erases public contacts with update(), which sends no signal: it bumps the version itself."""
    from civhub.core.personal_data import Identity
    from civhub.core.personal_records import _erase_public_contacts
    from tests.factories import UserFactory

    user = UserFactory(email="weg@example.org", full_name="Wanda Weggeweest")
    PublicContactFactory(centre=centre, name="Wanda Weggeweest", email="weg@example.org")
    url = reverse("public:centre", args=[centre.slug])
    assert "Wanda Weggeweest" in page(client, url)
    _erase_public_contacts(Identity(user=user, names=frozenset({"Wanda Weggeweest"}),
                                    emails=frozenset({"weg@example.org"})))
    assert "Wanda Weggeweest" not in page(client, url)


def test_the_catalogue_and_the_feed_follow_courses_and_places(client, centre, partner_a):
    catalogue = reverse("learning:catalogue", args=[centre.slug])
    feed = reverse("api:courses")
    course = CourseFactory(provider=partner_a, title="Eerste cursus")
    offering = OfferingFactory(course=course, start_date=in_days(30), capacity=2)
    assert "Eerste cursus" in page(client, catalogue) and "Eerste cursus" in page(client, feed)
    course.title = "Andere titel"
    course.save()
    assert "Andere titel" in page(client, catalogue) and "Andere titel" in page(client, feed)
    before = page(client, catalogue)
    EnrolmentFactory(offering=offering)
    assert page(client, catalogue) != before  # one place fewer


def test_changed_gives_a_new_version():
    """What a service calls after writing in bulk (no signals), e.g. a budget revision's lines."""
    version = public_cache.version()
    public_cache.changed()
    assert public_cache.version() != version


def test_signed_in_people_and_visitors_with_messages_get_a_fresh_page(client, centre, persona_client):
    url = reverse("public:centre", args=[centre.slug])
    page(client, url)
    signed_in = persona_client("programme_manager")
    assert "Sign out" in page(signed_in, url) or "Uitloggen" in page(signed_in, url)
    with_message = Client()
    with_message.cookies["messages"] = "x"
    assert public_cache._cacheable(with_message.get(url).wsgi_request) is False


def test_each_visitor_gets_their_own_csrf_token_for_the_language_switch(centre):
    url = reverse("public:centre", args=[centre.slug])
    page(Client(), url)  # now cached
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "\x00" not in token
    switched = visitor.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    assert 'lang="en"' in page(visitor, url)
