"""Busy signed-in pages keep their body rendered until the centre's records change (accounts/fragments.py).

A kept body is the same HTML as one rendered afresh and asks the database nothing of its own. It is never shown to
another viewer, for another address or query, day or language; its form tokens are each browser's own, and an
audited change gives the next view a fresh one. The menus are kept per set of roles: a partner never gets the office's.
"""

import datetime
import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.accounts import fragments
from civhub.core import revisions
from civhub.ledger.models import Contribution
from tests.core.test_public_cache import without_token
from tests.factories import ContactFactory, UserFactory
from tests.ledger.entries_helpers import make_entry
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture
def renders(monkeypatch):
    """The templates the fragments rendered afresh, in order."""
    rendered = []
    real = fragments.render_to_string

    def counting(template, context, request):
        rendered.append(template)
        return real(template, context, request)

    monkeypatch.setattr(fragments, "render_to_string", counting)
    return rendered


def contributions(centre, query=""):
    return reverse("ledger:contributions", args=[centre.slug]) + query


def test_a_kept_body_is_the_same_page_without_its_queries(centre, partner_a, partner_a_contact, renders):
    make_entry(partner_a, partner_a_contact, description="Gastles pipetteren")
    client = client_for(partner_a_contact)
    with CaptureQueriesContext(connection) as fresh:
        first = client.get(contributions(centre))
    with CaptureQueriesContext(connection) as kept:
        second = client.get(contributions(centre))
    assert renders == ["ledger/entries/_body.html"]
    page = second.content.decode()
    assert without_token(first.content.decode()) == without_token(page) and "Gastles pipetteren" in page
    assert len(kept) < len(fresh) - 2


def test_another_partner_never_gets_the_kept_body(centre, partner_a, partner_b, partner_a_contact,
                                                 partner_b_contact):
    make_entry(partner_a, partner_a_contact, description="Gastles van A")
    assert "Gastles van A" in client_for(partner_a_contact).get(contributions(centre)).content.decode()
    assert "Gastles van A" not in client_for(partner_b_contact).get(contributions(centre)).content.decode()
    other_portal = reverse("portal:partner", args=[centre.slug, partner_a.short_code])
    client_for(partner_a_contact).get(other_portal)
    assert client_for(partner_b_contact).get(other_portal).status_code == 404


def test_an_audited_change_gives_a_fresh_body(centre, partner_a, partner_a_contact):
    make_entry(partner_a, partner_a_contact, description="Eerste gastles")
    client = client_for(partner_a_contact)
    assert "Tweede gastles" not in client.get(contributions(centre)).content.decode()
    make_entry(partner_a, partner_a_contact, description="Tweede gastles")
    assert "Tweede gastles" in client.get(contributions(centre)).content.decode()


def test_the_address_the_language_and_the_day_each_have_their_own_body(centre, partner_a, partner_a_contact,
                                                                       renders, monkeypatch):
    make_entry(partner_a, partner_a_contact)
    client = client_for(partner_a_contact)
    client.get(contributions(centre))
    client.get(contributions(centre, "?status=draft"))
    client.cookies["django_language"] = "nl"
    client.get(contributions(centre))
    monkeypatch.setattr(fragments.timezone, "localdate", lambda: datetime.date(2030, 1, 2))
    client.get(contributions(centre))
    assert len(renders) == 4
    client.get(contributions(centre))
    assert len(renders) == 4


def test_a_kept_body_carries_each_browsers_own_form_token(centre, partner_a, finance_controller, renders):
    """The office's portal page holds a form (send an invitation again): the body is kept once, its token filled in
    for the browser that asks."""
    ContactFactory(partnership=partner_a, user=UserFactory(password=None))
    revisions.touch(centre.pk)
    portal = reverse("portal:partner", args=[centre.slug, partner_a.short_code])
    for client in (client_for(finance_controller), client_for(finance_controller)):
        page = client.get(portal).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert len(tokens) >= 3  # the header's two forms and the invitation's
        assert {_unmask_cipher_token(token) for token in tokens} == {client.cookies["csrftoken"].value}
    assert renders == ["partners/portal/_body.html"]


def test_a_centre_without_a_token_yet_renders_every_time(centre, partner_a, partner_a_contact, renders):
    assert revisions.token(centre.pk) == ""
    client = client_for(partner_a_contact)
    portal = reverse("portal:partner", args=[centre.slug, partner_a.short_code])
    assert client.get(portal).status_code == client.get(portal).status_code == 200
    assert len(renders) == 2


def test_a_partner_never_gets_the_office_menu(centre, partner_a, partner_a_contact, finance_controller):
    make_entry(partner_a, partner_a_contact)
    dashboard = reverse("office:dashboard", args=[centre.slug])
    assert f'href="{dashboard}"' in client_for(finance_controller).get(contributions(centre)).content.decode()
    page = client_for(partner_a_contact).get(contributions(centre)).content.decode()
    assert f'href="{dashboard}"' not in page
    assert reverse("portal:home", args=[centre.slug]) in page
