"""The search ("Zoeken", core:search): the registry and its match on SQLite and PostgreSQL, what each persona finds
(never another partner's contributions or contacts), links that open, the page's messages, its constant number of
queries and the box in the header.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub pytest tests/core/test_search.py
"""

import itertools
import re
from urllib.parse import urldefrag

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from civhub.core import search
from civhub.core.templatetags.search import highlight
from civhub.governance.models import Meeting
from civhub.partners.models import Contact
from tests.conftest import PERSONAS
from tests.core import test_no_dead_ends as dead_ends
from tests.core.search_support import WORD, fermentation_world
from tests.factories import ContactFactory, OrganisationFactory, PartnershipFactory, UserFactory
from tests.governance.support import decision, meeting
from tests.learning.factories import CourseFactory
from tests.ledger.builders import entry
from tests.partners.factories import count_queries

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search only")

@pytest.fixture
def fermentation(centre, partner_a, partner_b):
    fermentation_world(centre, partner_a, partner_b)


def totals(user, centre, text) -> dict[str, int]:
    return {group.name: group.total for group in search.search(user, centre, text)}


def titles(user, centre, text, name) -> list[str]:
    return [hit.title for group in search.search(user, centre, text) if group.name == name for hit in group.hits]


# The query and the registry ----------------------------------------------------------------------------------------


def test_a_query_keeps_the_text_and_finds_its_words_without_the_search_syntax():
    query = search.parse('  "Partner   A"  or -Gemeente arnhem  arnhem ')
    assert query.text == '"Partner A" or -Gemeente arnhem arnhem'
    assert query.words == ("Partner", "A", "arnhem")
    assert not search.parse("   ")
    assert len(search.parse("x" * 500).text) == search.MAX_LENGTH
    assert search.parse("arn\x00hem").words == ("arn", "hem")  # PostgreSQL refuses a NUL in a query


def test_a_registered_source_replaces_one_of_the_same_name_and_a_group_without_hits_is_left_out(centre,
                                                                                              programme_manager):
    source = search.Source(name="test.source", label="Test", order=1, search=lambda user, centre, query: search.Found(
        [search.Hit(title=f"hit for {' '.join(query.words)}", url="/")], 1))
    empty = search.Source(name="test.empty", label="Empty", search=lambda user, centre, query: search.Found([], 0))
    try:
        search.register(source)
        search.register(source)  # ready() may run twice
        search.register(empty)
        assert [s.name for s in search.sources()].count("test.source") == 1
        groups = search.search(programme_manager, centre, "iets")
        assert groups[0].name == "test.source"
        assert groups[0].hits[0].title == "hit for iets"
        assert "test.empty" not in {group.name for group in groups}
    finally:
        search._SOURCES.pop("test.source")
        search._SOURCES.pop("test.empty")


def test_every_app_registers_its_sources_in_order():
    assert [source.name for source in search.sources()] == [
        "partners.partner", "partners.contact", "ledger.contribution", "learning.course", "governance.meeting",
        "governance.decision"]


def test_nothing_is_searched_for_an_anonymous_visitor_or_an_empty_query(centre, anonymous, programme_manager,
                                                                        fermentation):
    assert search.search(anonymous, centre, WORD) == []
    assert search.search(programme_manager, centre, "  ") == []


def test_the_words_found_are_marked_and_the_rest_escaped():
    assert highlight("Fermentatie <b>& meer</b>", ("fermentatie", "meer")) == (
        "<mark>Fermentatie</mark> &lt;b&gt;&amp; <mark>meer</mark>&lt;/b&gt;")
    assert highlight("a < b", ()) == "a &lt; b"


# The match ---------------------------------------------------------------------------------------------------------


def test_a_partner_is_found_by_part_of_its_name_its_city_and_its_kind(centre, partner_a, partner_b,
                                                                      programme_manager, other_partner):
    partner_a.organisation.city = "Wageningen"
    partner_a.organisation.save()
    with translation.override("nl"):
        assert titles(programme_manager, centre, "partner", "partners.partner") == [
            "Gemeente Partner B", "Partner A BV"]
        assert titles(programme_manager, centre, "wageningen", "partners.partner") == ["Partner A BV"]
        assert titles(programme_manager, centre, "bedrijf", "partners.partner") == ["Partner A BV"]  # the kind
        assert titles(programme_manager, centre, "partner wageningen", "partners.partner") == ["Partner A BV"]
        assert titles(programme_manager, centre, "partner utrecht", "partners.partner") == []  # every word
    with translation.override("en"):
        assert titles(programme_manager, centre, "municipality", "partners.partner") == ["Gemeente Partner B"]


def test_a_contact_is_found_by_name_email_address_and_function(centre, partner_a, programme_manager):
    ContactFactory(partnership=partner_a, name="Jan Jansen", email="j.jansen@partner-a.example", function="Labhoofd")
    for text in ("jansen", "JAN", "j.jansen@partner-a.example", "labhoofd"):
        assert titles(programme_manager, centre, text, "partners.contact") == ["Jan Jansen"], text


def test_the_beginning_of_a_word_finds_it(centre, partner_a, partner_b, programme_manager):
    assert titles(programme_manager, centre, "Partn", "partners.partner") == ["Gemeente Partner B", "Partner A BV"]
    assert titles(programme_manager, centre, "arnh", "partners.partner") != []


@pytest.mark.parametrize("text", ["de", "a & b | !c", "(x:*)", "'; drop table --", "100%", "_", "\\", "é ü"])
def test_any_text_is_searched_without_an_error(text, centre, fermentation, programme_manager):
    search.search(programme_manager, centre, text)


@on_postgres
def test_dutch_stemming_finds_another_form_of_the_word_on_postgresql(centre, programme_manager):
    meeting(centre, title="Jaarlijkse vergadering van de partners")
    assert titles(programme_manager, centre, "vergaderingen", "governance.meeting") == [
        "Jaarlijkse vergadering van de partners"]


@on_postgres
def test_the_web_search_syntax_works_on_postgresql(centre, partner_a, partner_b, programme_manager):
    assert titles(programme_manager, centre, "partner -gemeente", "partners.partner") == ["Partner A BV"]
    assert titles(programme_manager, centre, '"partner b"', "partners.partner") == ["Gemeente Partner B"]


def test_the_better_match_comes_first_on_postgresql_and_by_name_elsewhere(centre, programme_manager):
    for name in ("Laboratorium Noord", "Noord Laboratorium Laboratorium Services"):
        PartnershipFactory(centre=centre, organisation=OrganisationFactory(name=name))
    found = titles(programme_manager, centre, "laboratorium", "partners.partner")
    assert sorted(found) == ["Laboratorium Noord", "Noord Laboratorium Laboratorium Services"]
    if connection.vendor != "postgresql":
        assert found == ["Laboratorium Noord", "Noord Laboratorium Laboratorium Services"]


def test_a_group_shows_ten_hits_and_counts_them_all(centre, partner_a, programme_manager):
    for number in range(13):
        ContactFactory(partnership=partner_a, name=f"Vries {number:02d}")
    [group] = [group for group in search.search(programme_manager, centre, "vries")
               if group.name == "partners.contact"]
    assert (len(group.hits), group.total, group.more) == (search.PER_GROUP, 13, 3)


# Who finds what ----------------------------------------------------------------------------------------------------

ALL = {"partners.contact": 2, "ledger.contribution": 2, "learning.course": 2, "governance.meeting": 3,
       "governance.decision": 1}


@pytest.mark.parametrize(("persona", "expected"), [
    ("programme_manager", ALL),  # the office: every partner's, drafts too
    ("finance_controller", ALL),
    ("partner_a_contact", {"partners.contact": 1, "ledger.contribution": 1, "learning.course": 1}),
    ("partner_a_signatory", {"partners.contact": 1, "ledger.contribution": 1, "learning.course": 1,
                             "governance.meeting": 1, "governance.decision": 1}),  # reads the steering group's
    ("partner_b_contact", {"partners.contact": 1, "ledger.contribution": 1, "learning.course": 2}),  # its draft
    ("steering_member", {"learning.course": 1, "governance.meeting": 1, "governance.decision": 1}),
    ("practor", {"learning.course": 1}),
    ("other_centre_manager", {"learning.course": 1}),  # only the public catalogue: the page itself is a 404
])
def test_each_persona_finds_only_what_they_may_open(persona, expected, centre, fermentation, request):
    assert totals(request.getfixturevalue(persona), centre, WORD) == expected


def test_a_partner_never_finds_another_partners_contributions_or_contacts(centre, fermentation, partner_a_contact,
                                                                          programme_manager):
    assert titles(partner_a_contact, centre, "practicum", "ledger.contribution") == ["Fermentatie practicum A"]
    assert titles(partner_a_contact, centre, "Bas", "partners.contact") == []
    assert titles(partner_a_contact, centre, "gemeente", "partners.partner") == []
    assert titles(programme_manager, centre, "practicum", "ledger.contribution") == [
        "Fermentatie practicum B", "Fermentatie practicum A"]  # the newest first
    assert titles(programme_manager, centre, "Bas", "partners.contact") == ["Bas Bakker"]


def test_a_working_group_meeting_is_found_by_its_participants(centre, fermentation, practor):
    Meeting.objects.get(title="Werkgroep fermentatie").participants.add(practor)
    assert titles(practor, centre, WORD, "governance.meeting") == ["Werkgroep fermentatie"]


# The page ----------------------------------------------------------------------------------------------------------


def _url(centre, text=None) -> str:
    url = reverse("core:search", args=[centre.slug])
    return f"{url}?q={text}" if text is not None else url


def _hit_links(html: str) -> list[str]:
    results = html[html.index('class="wrap search-results"'):]
    return re.findall(r'<p class="search-title"><a href="([^"]+)"', results)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("anonymous", "other_centre_manager")])
def test_every_hit_opens_for_the_person_who_found_it(persona, centre, fermentation, persona_client):
    client = persona_client(persona)
    links = _hit_links(client.get(_url(centre, WORD)).content.decode())
    assert links
    for link in links:
        assert client.get(urldefrag(link).url).status_code == 200, link


@pytest.mark.parametrize("persona", ["programme_manager", "partner_b_contact", "steering_member", "communications"])
def test_no_link_on_the_search_page_is_a_dead_end(persona, centre, fermentation, persona_client):
    """The menus and the hits, with and without a query (the crawler of test_no_dead_ends follows links, not forms)."""
    client = persona_client(persona)
    for url in (_url(centre), _url(centre, WORD), _url(centre, "niets-te-vinden")):
        for href in set(dead_ends._links(client.get(url).content.decode())):
            found = dead_ends._internal(href, centre.slug)
            if found:
                assert client.get(found[0], follow=True).status_code not in (403, 404), f"{href} on {url}"


def test_the_page_shows_the_groups_with_their_counts_and_marks_the_words(centre, fermentation, persona_client):
    response = persona_client("programme_manager").get(_url(centre, "Fermentatie"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Fermentatie"' in html  # the query stays in the box
    assert "10 resultaten voor “Fermentatie”" in html
    assert 'Bijdragen <span class="badge">2</span>' in html
    assert "<mark>Fermentatie</mark> practicum A" in html
    assert html.count('role="search"') == 1  # the page's own box, not the header's too


def test_an_empty_query_asks_what_to_look_for(centre, persona_client):
    html = persona_client("partner_a_contact").get(_url(centre)).content.decode()
    assert "Waar zoekt u naar?" in html
    assert "Niets gevonden" not in html


def test_no_results_say_so_with_a_hint(centre, fermentation, persona_client):
    html = persona_client("partner_a_contact").get(_url(centre, "Bas Bakker")).content.decode()
    assert "Niets gevonden voor “Bas Bakker”" in html
    assert "alleen wat u zelf mag openen" in html


def test_the_page_takes_the_same_number_of_queries_for_more_hits(centre, partner_a, partner_b, programme_manager,
                                                                 persona_client, django_assert_max_num_queries):
    client = persona_client("programme_manager")
    sequence = itertools.count(1)

    def add(count):
        someone = UserFactory()
        for number in range(count):
            entry(partner_a, someone, description=f"Fermentatie {number}")
            ContactFactory(partnership=partner_b, name=f"Fermentatie {number}")
            CourseFactory(provider=partner_a, title=f"Fermentatie {number}")
            decision(meeting(centre, title=f"Fermentatie {number}", items=0), text=f"Fermentatie {number}",
                     sequence=next(sequence))
            PartnershipFactory(centre=centre, organisation=OrganisationFactory(name=f"Fermentatie {number}"))

    def queries() -> int:
        return count_queries(client, _url(centre, WORD))

    add(2)
    few = queries()
    add(20)
    assert queries() == few + 6  # each group is full now: its count is asked for
    add(20)
    with django_assert_max_num_queries(few + 6):
        assert client.get(_url(centre, WORD)).status_code == 200


# The box in the header ---------------------------------------------------------------------------------------------


def test_the_header_has_a_search_box_for_the_people_of_the_centre(centre, persona_client):
    html = persona_client("partner_a_contact").get(reverse("ledger:contributions", args=[centre.slug])).content
    assert b'<form class="site-search" role="search" method="get" action="/c/civ-bio-sciences-test/zoeken/"' in html
    assert b'<label class="visually-hidden" for="site-search-q">' in html


def test_a_visitor_and_another_centres_manager_get_no_search_box(centre, persona_client):
    public = reverse("public:centre", args=[centre.slug])
    assert b"site-search" not in persona_client("anonymous").get(public).content
    assert b"site-search" not in persona_client("other_centre_manager").get(public).content


def test_contacts_of_partners_are_searched_in_their_centre_only(centre, other_partner, programme_manager):
    ContactFactory(partnership=other_partner, name="Elders Persoon")
    assert Contact.objects.filter(name="Elders Persoon").exists()
    assert titles(programme_manager, centre, "Elders", "partners.contact") == []
    assert search.search(programme_manager, centre, "Elders") == []
