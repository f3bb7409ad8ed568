"""The inbox ("Te doen"): the registry, each app's source (what shows for whom, never another partner's work),
the page with its constant number of queries, the menu's count and the landing page."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.context_processors import inbox as inbox_context
from civhub.accounts.permissions import landing_url_name
from civhub.core import inbox
from civhub.governance.models import Action
from civhub.ledger.models import Contribution
from civhub.partners.models import PartnerApplication
from civhub.research.models import ResearchQuestion
from tests.factories import GrantFactory, PartnerApplicationFactory
from tests.governance.support import action, meeting
from tests.hca.survey_support import make_occupations, make_round
from tests.ledger.builders import entry
from tests.partners.factories import count_queries
from tests.research.builders import question
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db
Status = Contribution.Status


def kinds(user, centre) -> list[str]:
    return [item.kind for item in inbox.items_for(user, centre)]


def titles(user, centre, kind) -> list[str]:
    return [item.title for item in inbox.items_for(user, centre) if item.kind == kind]


# The registry ----------------------------------------------------------------------------------------------------


def test_a_registered_source_adds_its_items_oldest_first_and_replaces_one_of_the_same_name(centre, practor):
    now = timezone.now()
    first = inbox.Source(name="test.source", order=1, items=lambda user, centre: [
        inbox.Item(kind="test", group="Test", title="new", since=now, url="/", action="Go"),
        inbox.Item(kind="test", group="Test", title="old", since=(now - timedelta(days=3)).date(), url="/",
                   action="Go")])
    try:
        inbox.register(first)
        inbox.register(first)  # ready() may run twice
        assert [source.name for source in inbox.sources()].count("test.source") == 1
        items = [item for item in inbox.items_for(practor, centre) if item.kind == "test"]
        assert [item.title for item in items] == ["old", "new"]
        assert items[0].days_waiting() == 3
        grouped = inbox.groups(items)
        assert [(group.label, len(group.items)) for group in grouped] == [("Test", 2)]
    finally:
        inbox._SOURCES.pop("test.source")


def test_an_anonymous_visitor_has_nothing_waiting(centre, anonymous):
    assert inbox.items_for(anonymous, centre) == []


def test_every_app_registers_its_source():
    assert {source.name for source in inbox.sources()} >= {
        "ledger.approve", "ledger.accept", "ledger.correct", "partners.application", "research.triage",
        "governance.action", "grants.report", "hca.survey"}


# The ledger ------------------------------------------------------------------------------------------------------


def test_the_signatory_sees_the_submitted_entries_of_their_own_partner_only(
        centre, partner_a, partner_b, partner_a_contact, partner_a_signatory, partner_b_contact):
    entry(partner_a, partner_a_contact, description="Practicum A")
    entry(partner_a, partner_a_signatory, description="Eigen invoer")  # they may not approve their own
    entry(partner_a, partner_a_contact, description="Concept A", status=Status.DRAFT)
    entry(partner_b, partner_b_contact, description="Practicum B")
    assert titles(partner_a_signatory, centre, "ledger.approve") == [f"Practicum A · {partner_a.organisation.name}"]
    assert kinds(partner_b_contact, centre) == []  # a contact approves nothing, and never sees partner A's
    assert counted_as_listed(partner_a_signatory, partner_b_contact, centre=centre)


def test_the_finance_controller_sees_approved_entries_of_every_partner_but_not_their_own(
        centre, partner_a, partner_b, partner_a_contact, partner_b_contact, finance_controller, programme_manager):
    entry(partner_a, partner_a_contact, status=Status.APPROVED, description="Goedgekeurd A",
          approved_at=timezone.now())
    entry(partner_b, partner_b_contact, status=Status.APPROVED, description="Goedgekeurd B",
          approved_at=timezone.now())
    entry(partner_b, partner_b_contact, status=Status.APPROVED, description="Zelf goedgekeurd",
          approved_by=finance_controller, approved_at=timezone.now())
    entry(partner_a, partner_a_contact, status=Status.SUBMITTED, description="Nog niet goedgekeurd")
    found = titles(finance_controller, centre, "ledger.accept")
    assert sorted(title.split(" · ")[0] for title in found) == ["Goedgekeurd A", "Goedgekeurd B"]
    assert "ledger.accept" not in kinds(programme_manager, centre)
    assert counted_as_listed(finance_controller, programme_manager, centre=centre)


def test_the_person_who_entered_a_rejected_entry_is_asked_to_correct_it(
        centre, partner_a, partner_a_contact, partner_a_signatory, partner_b_contact):
    entry(partner_a, partner_a_contact, status=Status.REJECTED, description="Afgekeurd", rejection_reason="Datum")
    assert titles(partner_a_contact, centre, "ledger.correct") == [f"Afgekeurd · {partner_a.organisation.name}"]
    assert "ledger.correct" not in kinds(partner_a_signatory, centre)
    assert kinds(partner_b_contact, centre) == []
    assert counted_as_listed(partner_a_contact, partner_a_signatory, partner_b_contact, centre=centre)


def counted_as_listed(*people, centre) -> bool:
    """The menu's count (counted by the database where a source can) is the number of items the page lists."""
    return all(inbox.count_for(person, centre) == len(inbox.items_for(person, centre)) for person in people)


# Partners, research, governance, grants, the HCA -----------------------------------------------------------------


def test_new_applications_wait_for_the_programme_manager_and_the_centre_admin(
        centre, other_centre, programme_manager, centre_admin, finance_controller, other_centre_manager):
    PartnerApplicationFactory(centre=centre, organisation_name="Biolab Delft")
    PartnerApplicationFactory(centre=centre, organisation_name="Al besloten", status=PartnerApplication.Status.DECLINED)
    PartnerApplicationFactory(centre=other_centre, organisation_name="Elders")
    assert titles(programme_manager, centre, "partners.application") == ["Biolab Delft"]
    assert titles(centre_admin, centre, "partners.application") == ["Biolab Delft"]
    assert "partners.application" not in kinds(finance_controller, centre)
    assert titles(other_centre_manager, other_centre, "partners.application") == ["Elders"]


def test_new_questions_wait_for_the_practor(centre, partner_a, partner_a_contact, practor, programme_manager):
    question(partner_a, partner_a_contact, title="Sneller valideren")
    question(partner_a, partner_a_contact, title="In intake", status=ResearchQuestion.Status.INTAKE)
    assert titles(practor, centre, "research.triage") == ["Sneller valideren"]
    assert "research.triage" not in kinds(programme_manager, centre)


def test_open_actions_wait_for_their_owner_only(centre, steering_member, practor, programme_manager):
    agreed = meeting(centre)
    action(agreed, steering_member, what="Offerte laboratorium")
    action(agreed, steering_member, what="Al gedaan", status=Action.Status.DONE)
    action(agreed, practor, what="Van de lector")
    items = [item for item in inbox.items_for(steering_member, centre) if item.kind == "governance.action"]
    assert [item.title for item in items] == ["Offerte laboratorium"]
    assert items[0].url == reverse("governance:actions", args=[centre.slug])
    practors = [item for item in inbox.items_for(practor, centre) if item.kind == "governance.action"]
    assert practors[0].url == reverse("governance:meeting", args=[centre.slug, agreed.pk])  # not a steering reader
    assert "governance.action" not in kinds(programme_manager, centre)


def test_a_report_due_within_two_months_waits_for_those_who_record_it(
        centre, finance_controller, programme_manager, practor, english_messages):
    today = timezone.localdate()
    start = today.replace(day=1) - timedelta(days=370)
    GrantFactory(centre=centre, start=start, end=today.replace(year=today.year + 2), report_due_months=[12, 14])
    due = titles(finance_controller, centre, "grants.report")
    assert "Progress report 2" in due  # due within two months
    assert "Final report" not in due  # due after the grant's end, years away
    assert titles(programme_manager, centre, "grants.report") == due
    assert "grants.report" not in kinds(practor, centre)


def test_an_open_survey_round_waits_for_the_employer_partners_people_until_they_answered(
        centre, partner_a, partner_a_contact, partner_b_contact, programme_manager):
    make_occupations(centre, "Laborant")
    make_round(centre, programme_manager)
    make_round(centre, programme_manager, closes_in=-1, reference_date=timezone.localdate() - timedelta(days=400))
    found = [item for item in inbox.items_for(partner_a_contact, centre) if item.kind == "hca.survey"]
    assert len(found) == 1 and partner_a.organisation.name in found[0].title
    assert found[0].url.endswith(f"?partner={partner_a.short_code}")
    others = [item for item in inbox.items_for(partner_b_contact, centre) if item.kind == "hca.survey"]
    assert all(partner_a.organisation.name not in item.title for item in others)
    assert "hca.survey" not in kinds(programme_manager, centre)


# The page --------------------------------------------------------------------------------------------------------


def test_the_page_groups_the_work_with_its_age_and_a_button(
        client, centre, partner_a, partner_a_contact, partner_a_signatory):
    made = entry(partner_a, partner_a_contact, description="Practicum A")
    Contribution.objects.filter(pk=made.pk).update(updated_at=timezone.now() - timedelta(days=3))
    sign_in(client, partner_a_signatory)
    page = client.get(reverse("core:inbox", args=[centre.slug])).content.decode()
    assert "Bijdragen om goed te keuren" in page  # the site speaks Dutch
    assert "wacht 3 dagen" in page
    assert reverse("ledger:contribution", args=[centre.slug, made.pk]) in page
    assert reverse("accounts:notifications") in page


def test_a_long_queue_shows_its_oldest_entries_with_how_many_wait_and_a_link_to_the_queue(
        client, centre, partner_a, partner_a_contact, finance_controller, monkeypatch):
    """The first of the queue the link leads to, in its order (the oldest date first)."""
    monkeypatch.setattr(inbox, "PER_GROUP", 2)
    for day, name in ((14, "Nieuwst"), (10, "Oudst"), (12, "Middel")):
        entry(partner_a, partner_a_contact, status=Status.APPROVED, description=name, day=date(2025, 3, day),
              approved_at=timezone.now())
    sign_in(client, finance_controller)
    response = client.get(reverse("core:inbox", args=[centre.slug]))
    [group] = [group for group in response.context["groups"] if group.kind == "ledger.accept"]
    assert [item.title.split(" · ")[0] for item in group.items] == ["Oudst", "Middel"]
    assert (group.total, group.hidden, response.context["count"]) == (3, 1, 3)
    page = response.content.decode()
    assert "De 2 oudste staan hier." in page and "Bekijk alle 3 in hun lijst" in page
    assert f'href="{reverse("ledger:reviews", args=[centre.slug])}"' in page


def test_the_page_says_all_is_done_when_nothing_waits(client, centre, communications):
    sign_in(client, communications)
    page = client.get(reverse("core:inbox", args=[centre.slug])).content.decode()
    assert "Alles gedaan" in page


def test_the_page_keeps_its_number_of_queries_as_work_grows(
        client, centre, partner_a, partner_b, partner_a_contact, partner_b_contact, finance_controller,
        programme_manager):
    """The finance controller's inbox: approved entries, applications are not theirs; N and 3N rows."""
    GrantFactory(centre=centre)
    sign_in(client, finance_controller)
    url = reverse("core:inbox", args=[centre.slug])

    def grow(times):
        for _ in range(times):
            for partnership, person in ((partner_a, partner_a_contact), (partner_b, partner_b_contact)):
                entry(partnership, person, status=Status.APPROVED, approved_at=timezone.now())
                entry(partnership, person, status=Status.SUBMITTED)
            PartnerApplicationFactory(centre=centre)

    grow(2)
    before = count_queries(client, url)
    grow(6)
    assert count_queries(client, url) == before


# The menu's count and the landing page ---------------------------------------------------------------------------


def test_the_menu_count_is_the_number_of_items_counted_once_per_request(
        centre, partner_a, partner_a_contact, partner_a_signatory, django_assert_num_queries):
    entry(partner_a, partner_a_contact)
    entry(partner_a, partner_a_contact)
    request = RequestFactory().get(reverse("core:inbox", args=[centre.slug]))
    request.user = partner_a_signatory
    request.resolver_match = type("Match", (), {"kwargs": {"slug": centre.slug}})()
    count = inbox_context(request)["inbox_count"]
    assert int(str(count)) == 2
    with django_assert_num_queries(0):  # cached on the request
        assert str(inbox_context(request)["inbox_count"]) == "2"


def test_the_menu_count_is_zero_for_an_anonymous_visitor_and_outside_a_centre(centre, anonymous, practor):
    request = RequestFactory().get("/")
    request.user = anonymous
    request.resolver_match = type("Match", (), {"kwargs": {"slug": centre.slug}})()
    assert not inbox_context(request)["inbox_count"]
    request = RequestFactory().get("/")
    request.user = practor
    request.resolver_match = None
    assert str(inbox_context(request)["inbox_count"]) == "0"


@pytest.mark.parametrize(("persona", "landing"), [
    ("programme_manager", "core:inbox"), ("finance_controller", "core:inbox"), ("centre_admin", "core:inbox"),
    ("partner_a_signatory", "core:inbox"), ("partner_a_contact", "portal:home"), ("practor", "research:questions"),
    ("steering_member", "grants:monitor"), ("communications", "news:manage")])
def test_the_office_and_signatories_start_at_their_to_do_list(request, centre, persona, landing):
    assert landing_url_name(request.getfixturevalue(persona), centre) == landing
