"""The menus (issue 14): grouped by what people do for the office, the same public menu on every public page, and
a link only where the viewer may follow it (`allowed_url`, `may_open`)."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from civhub.accounts import permissions
from tests.grants.monitor_support import small_centre
from tests.learning.factories import CourseFactory

pytestmark = pytest.mark.django_db

OFFICE_GROUPS = ["menu-partners", "menu-money", "menu-programme", "menu-governance", "menu-communication"]


def _menu(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="main-nav"'):html.index("</nav>", html.index('<nav class="main-nav"'))]


def _hrefs(menu: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', menu)


def _groups(menu: str) -> list[str]:
    return re.findall(r'aria-controls="(menu-[a-z]+)"', menu)


def _inbox(slug: str) -> str | None:
    try:
        return reverse("core:inbox", args=[slug])
    except NoReverseMatch:
        return None


def _landing(persona_client, persona):
    client = persona_client(persona)
    response = client.get("/account/", follow=True)
    assert response.status_code == 200
    return client, _menu(response)


@pytest.mark.parametrize("persona", ["programme_manager", "finance_controller", "centre_admin"])
def test_the_office_menu_is_grouped_by_what_the_office_does(persona, persona_client, centre):
    _client, menu = _landing(persona_client, persona)
    assert _groups(menu) == OFFICE_GROUPS
    links = _hrefs(menu)
    slug = centre.slug
    for url in (reverse("office:applications", args=[slug]), reverse("office:partners", args=[slug]),
                reverse("ledger:contributions", args=[slug]), reverse("ledger:pledges", args=[slug]),
                reverse("grants:monitor", args=[slug]), reverse("programme:overview", args=[slug]),
                reverse("hca:overview", args=[slug]), reverse("governance:decisions", args=[slug]),
                reverse("news:manage", args=[slug]), reverse("public:centre", args=[slug])):
        assert url in links
    # Each group's list follows its button; the groups keep their order: Partners, Money, Programme, ...
    assert links.index(reverse("office:partners", args=[slug])) < links.index(reverse("ledger:contributions",
                                                                                      args=[slug]))
    inbox = _inbox(slug)
    if inbox:  # "To do" comes first once the inbox exists
        assert links[0] == inbox


@pytest.mark.parametrize("persona, shown, hidden", [
    ("steering_member", ["grants:monitor", "governance:meetings", "hca:overview"],
     ["ledger:contributions", "office:partners", "research:questions", "news:manage"]),
    ("practor", ["research:questions", "hca:overview"], ["grants:monitor", "ledger:contributions", "news:manage"]),
    ("communications", ["news:manage"], ["grants:monitor", "ledger:contributions", "research:questions"]),
    ("partner_a_contact", ["portal:home", "ledger:contributions", "grants:monitor", "research:questions"],
     ["office:partners", "news:manage", "governance:meetings"]),
])
def test_other_roles_see_a_short_menu_of_what_they_may_open(persona, shown, hidden, persona_client, centre):
    _client, menu = _landing(persona_client, persona)
    assert _groups(menu) == []
    links = _hrefs(menu)
    for name in shown:
        assert reverse(name, args=[centre.slug]) in links, name
    for name in hidden:
        assert reverse(name, args=[centre.slug]) not in links, name
    inbox = _inbox(centre.slug)
    if inbox:
        assert links[0] == inbox


@pytest.mark.parametrize("persona", ["programme_manager", "finance_controller", "centre_admin", "practor",
                                     "communications", "steering_member", "partner_a_contact",
                                     "partner_a_signatory"])
def test_every_link_of_the_menu_opens_for_its_reader(persona, persona_client, centre):
    client, menu = _landing(persona_client, persona)
    for url in _hrefs(menu):
        assert client.get(url).status_code in (200, 302), url


def test_the_public_menu_is_the_same_on_every_public_page(client, centre, partner_a):
    course = CourseFactory(provider=partner_a)
    slug = centre.slug
    pages = [reverse("public:centre", args=[slug]), reverse("events:agenda", args=[slug]),
             reverse("news:list", args=[slug]), reverse("learning:catalogue", args=[slug]),
             reverse("learning:course", args=[slug, course.pk]), reverse("learning:paths", args=[slug]),
             reverse("public:apply", args=[slug])]
    menus = {page: _hrefs(_menu(client.get(page))) for page in pages}
    expected = [reverse("public:centre", args=[slug]), reverse("events:agenda", args=[slug]),
                reverse("news:list", args=[slug]), reverse("learning:catalogue", args=[slug]),
                reverse("public:apply", args=[slug])]
    for page, links in menus.items():
        assert links == expected, page


def test_the_steering_members_monitor_links_to_no_page_they_may_not_open(persona_client, centre, partner_a,
                                                                         partner_b):
    small_centre(centre, partner_a, partner_b)
    html = persona_client("steering_member").get(reverse("grants:monitor", args=[centre.slug])).content.decode()
    assert partner_a.organisation.name in html
    assert reverse("ledger:summary", args=[centre.slug, partner_a.short_code]) not in html
    assert reverse("reports:statements", args=[centre.slug]) not in html
    office = persona_client("programme_manager").get(reverse("grants:monitor", args=[centre.slug])).content.decode()
    assert reverse("ledger:summary", args=[centre.slug, partner_a.short_code]) in office
    assert reverse("reports:statements", args=[centre.slug]) in office


def test_may_open_reads_the_role_rule_of_the_view(centre, steering_member, programme_manager, partner_a_contact,
                                                   other_centre_manager):
    statements = reverse("reports:statements", args=[centre.slug])
    assert not permissions.may_open(steering_member, centre, statements)
    assert permissions.may_open(programme_manager, centre, statements)
    assert permissions.may_open(partner_a_contact, centre, statements)
    assert not permissions.may_open(other_centre_manager, centre, statements)
    assert permissions.may_open(steering_member, centre, reverse("public:centre", args=[centre.slug]))
    assert not permissions.may_open(steering_member, centre, "/no/such/page/")
