"""The partners' commitments: the canonical table and its hash, a signatory confirming or asking for a change, a
confirmation made void by a changed table, who may answer, the pages of the partner and the office, the portal
section, the inbox, the workspace's readiness check, and query counts that do not grow with the partners."""

from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, BudgetLine, Commitment
from civhub.applications.selectors import commitments as selectors
from civhub.applications.services.commitments import Signer, ask_change, confirm_pledges
from civhub.core import inbox
from civhub.core.models import AuditEvent
from tests.applications.support import application, partner_cash, partner_hours, partner_in_kind, subsidy
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

SIGNER = Signer(name="Anna de Vries", role="directeur", address="Laan 1\n6811 AA Arnhem")


def url(name, centre, *args):
    return reverse(f"applications:{name}", args=[centre.slug, *args])


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return unescape(response.content.decode())


@pytest.fixture
def made(centre, partner_a, partner_b):
    """A draft with pledges of partner A (hours and lab in 2022, cash in 2023) and partner B (cash)."""
    made = application(centre)
    subsidy(made, 2022, "300000.00")
    partner_hours(made, partner_a, 2022, 100, description="Begeleiding door analisten", unit="uur")
    partner_in_kind(made, partner_a, 2022, "12500.00", description="Gebruik laboratorium")
    partner_cash(made, partner_a, 2023, "5000.00", description="Bijdrage")
    partner_cash(made, partner_b, 2022, "25000.00", description="Gemeentelijke bijdrage")
    return made


def _confirm(made, partner, signatory):
    shown = selectors.pledge_table(made, partner).hash
    return confirm_pledges(application=made, partnership=partner, actor=signatory, shown_hash=shown, signer=SIGNER)


# The canonical table ------------------------------------------------------------------------------------------


def test_the_hash_is_the_same_whatever_order_the_database_returns_the_lines_in(made, partner_a):
    lines = selectors.pledge_lines_of(made, partner_a)
    assert selectors.table_hash(lines) == selectors.table_hash(list(reversed(lines)))
    assert selectors.table_hash(lines) == selectors.table_hash(sorted(lines, key=lambda line: -line.pk))


def test_the_same_lines_entered_in_another_order_give_the_same_hash(centre, partner_a, made):
    other = application(centre, title="Zelfde regels, andere volgorde")
    partner_cash(other, partner_a, 2023, "5000.00", description="Bijdrage")
    partner_in_kind(other, partner_a, 2022, "12500.00", description="Gebruik laboratorium")
    partner_hours(other, partner_a, 2022, 100, description="Begeleiding door analisten", unit="uur")
    assert selectors.pledge_table(other, partner_a).hash == selectors.pledge_table(made, partner_a).hash


def test_the_canonical_table_names_its_fields_and_writes_decimals_as_strings(made, partner_a):
    text = selectors.canonical_table(selectors.pledge_lines_of(made, partner_a))
    assert text.startswith('{"table":"civhub-pledge-table-1","fields":["year","category","form","description",'
                           '"volume","unit","price","amount"],"lines":[[2022,"hours","in_kind",'
                           '"Begeleiding door analisten","100.00","uur","73.00","7300.00"],')
    assert '[2023,"","cash","Bijdrage","1.00","","5000.00","5000.00"]' in text


def test_a_changed_price_changes_the_hash(made, partner_a):
    before = selectors.pledge_table(made, partner_a).hash
    BudgetLine.objects.filter(partnership=partner_a, description="Bijdrage").update(price=D("5000.01"))
    assert selectors.pledge_table(made, partner_a).hash != before


def test_another_partners_lines_do_not_touch_a_partners_hash(made, partner_a, partner_b):
    before = selectors.pledge_table(made, partner_a).hash
    partner_cash(made, partner_b, 2024, "1000.00")
    assert selectors.pledge_table(made, partner_a).hash == before


# Confirming and asking for a change ----------------------------------------------------------------------------


def test_the_signatory_confirms_with_name_role_address_and_the_tables_hash(made, partner_a, partner_a_signatory):
    answer = _confirm(made, partner_a, partner_a_signatory)
    table = selectors.pledge_table(made, partner_a)
    assert (answer.answer, answer.signer, answer.signer_name, answer.signer_role) == (
        Commitment.Answer.CONFIRMED, partner_a_signatory, "Anna de Vries", "directeur")
    assert answer.signer_address == "Laan 1\n6811 AA Arnhem" and answer.answered_at is not None
    assert answer.table_hash == table.hash and answer.table_text == selectors.canonical_table(table.lines)
    event = AuditEvent.objects.get(action="commitment_confirmed")
    assert event.actor == partner_a_signatory and event.changes["sha256"] == table.hash
    assert selectors.standing_of(made, partner_a, table).state == selectors.CONFIRMED


def test_a_changed_price_makes_the_confirmation_void(made, partner_a, partner_a_signatory):
    _confirm(made, partner_a, partner_a_signatory)
    line = BudgetLine.objects.get(partnership=partner_a, description="Gebruik laboratorium")
    line.price = line.amount = D("12000.00")
    line.save()
    standing = selectors.standing_of(made, partner_a, selectors.pledge_table(made, partner_a))
    assert standing.state == selectors.VOID and standing.waits_for_partner


def test_confirming_a_table_that_changed_since_it_was_shown_is_refused(made, partner_a, partner_a_signatory):
    shown = selectors.pledge_table(made, partner_a).hash
    partner_cash(made, partner_a, 2024, "100.00")
    with pytest.raises(ApplicationError, match="changed while you were reading"):
        confirm_pledges(application=made, partnership=partner_a, actor=partner_a_signatory, shown_hash=shown,
                        signer=SIGNER)
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("who", ["partner_a_contact", "programme_manager", "partner_b_contact"])
def test_only_the_partners_own_signatory_answers(request, made, partner_a, who):
    with pytest.raises(ApplicationError, match="own signatory"):
        _confirm(made, partner_a, request.getfixturevalue(who))
    assert not Commitment.objects.exists()


def test_a_submitted_application_takes_no_answers(made, partner_a, partner_a_signatory):
    Application.objects.filter(pk=made.pk).update(status=Application.Status.SUBMITTED)
    with pytest.raises(ApplicationError, match="no longer confirmed"):
        _confirm(made, partner_a, partner_a_signatory)


def test_asking_for_a_change_needs_a_comment_and_a_changed_table_asks_again(made, partner_a, partner_a_signatory):
    shown = selectors.pledge_table(made, partner_a).hash
    with pytest.raises(ApplicationError, match="what should change"):
        ask_change(application=made, partnership=partner_a, actor=partner_a_signatory, shown_hash=shown, comment=" ")
    ask_change(application=made, partnership=partner_a, actor=partner_a_signatory, shown_hash=shown,
               comment="Het lab is 10.000 euro waard.")
    assert AuditEvent.objects.get(action="commitment_change_asked").actor == partner_a_signatory
    assert selectors.standing_of(made, partner_a, selectors.pledge_table(made, partner_a)).state == "change_asked"
    BudgetLine.objects.filter(description="Gebruik laboratorium").update(price=D("10000.00"), amount=D("10000.00"))
    standing = selectors.standing_of(made, partner_a, selectors.pledge_table(made, partner_a))
    assert standing.state == selectors.NOT_YET and standing.changed_after_request


# The readiness check -----------------------------------------------------------------------------------------


def test_the_check_holds_once_every_counted_partner_confirmed(made, partner_a, partner_b, partner_a_signatory):
    lead = PartnershipFactory(centre=made.centre, is_lead_applicant=True)
    partner_hours(made, lead, 2022, 10)
    check = selectors.commitments_check(selectors.standings(made))
    assert not check.ok and "2 of 2" in check.message and partner_b.organisation.name in check.message
    _confirm(made, partner_a, partner_a_signatory)
    b_signatory = UserFactory()
    MembershipFactory(user=b_signatory, centre=made.centre, partnership=partner_b, role="partner_signatory")
    _confirm(made, partner_b, b_signatory)
    check = selectors.commitments_check(selectors.standings(made))
    assert check.ok and "(2)" in check.message  # the lead applicant is not asked


# The pages ---------------------------------------------------------------------------------------------------


def test_the_signatory_reads_only_its_own_table_and_confirms_it(made, centre, partner_a, partner_a_signatory):
    client = client_for(partner_a_signatory)
    html = page(client, url("pledge", centre, made.pk, partner_a.short_code))
    assert "Begeleiding door analisten" in html and "EUR 24,800.00" in html
    assert "Gemeentelijke bijdrage" not in html and "25,000.00" not in html
    form = page(client, url("pledge_confirm", centre, made.pk, partner_a.short_code))
    assert "Partner A BV\nArnhem" in form  # the address starts from the organisation
    response = client.post(url("pledge_confirm", centre, made.pk, partner_a.short_code), {
        "table_hash": selectors.pledge_table(made, partner_a).hash, "name": "Anna de Vries", "role": "directeur",
        "address": "Laan 1, Arnhem"})
    assert response.status_code == 302
    assert "Confirmed by Anna de Vries" in page(client, response["Location"])


def test_a_contact_reads_the_table_but_may_not_confirm(made, centre, partner_a, partner_a_contact):
    client = client_for(partner_a_contact)
    html = page(client, url("pledge", centre, made.pk, partner_a.short_code))
    assert "Gebruik laboratorium" in html and url("pledge_confirm", centre, made.pk, "partner-a") not in html
    assert client.post(url("pledge_confirm", centre, made.pk, partner_a.short_code), {
        "table_hash": "x", "name": "C", "address": "A"}).status_code == 403


def test_the_office_sees_who_confirmed_and_what_changed_after(made, centre, partner_a, partner_a_signatory,
                                                              programme_manager):
    _confirm(made, partner_a, partner_a_signatory)
    client = client_for(programme_manager)
    html = page(client, url("commitments", centre, made.pk))
    assert 'data-state="confirmed"' in html and "Anna de Vries" in html and 'data-state="not_yet"' in html
    assert "EUR" not in html  # statuses, not figures
    BudgetLine.objects.filter(description="Bijdrage").update(price=D("6000.00"), amount=D("6000.00"))
    assert "changed after confirming: to be confirmed again" in page(client, url("commitments", centre, made.pk))
    assert client.post(url("pledge_confirm", centre, made.pk, partner_a.short_code)).status_code == 403


def test_the_workspace_lists_the_commitments_check(made, centre, programme_manager):
    html = page(client_for(programme_manager), url("workspace", centre, made.pk))
    assert 'data-check="commitments"' in html and "have not confirmed their pledge table" in html


def test_the_portal_shows_the_partner_its_applications_and_the_inbox_asks_the_signatory(
        made, centre, partner_a, partner_a_signatory, partner_a_contact):
    html = page(client_for(partner_a_signatory), reverse("portal:partner", args=[centre.slug, "partner-a"]))
    assert url("pledge", centre, made.pk, "partner-a") in html and made.title in html
    items = inbox.items_for(partner_a_signatory, centre)
    assert [item.url for item in items if item.kind == "applications.pledges"] == [
        url("pledge", centre, made.pk, "partner-a")]
    assert not [item for item in inbox.items_for(partner_a_contact, centre) if item.kind == "applications.pledges"]
    _confirm(made, partner_a, partner_a_signatory)
    assert not [item for item in inbox.items_for(partner_a_signatory, centre) if item.kind == "applications.pledges"]


def test_the_overview_and_the_inbox_take_the_same_queries_for_more_partners(made, centre, programme_manager,
                                                                           partner_a_signatory, partner_a):
    client = client_for(programme_manager)
    address = url("commitments", centre, made.pk)
    before = count_queries(client, address)
    partner_page = url("pledge", centre, made.pk, "partner-a")
    signatory = client_for(partner_a_signatory)
    before_partner = count_queries(signatory, partner_page)
    for _ in range(5):
        partner = PartnershipFactory(centre=centre)
        partner_cash(made, partner, 2022, "1000.00")
        partner_hours(made, partner, 2023, 10)
        signer = UserFactory()
        MembershipFactory(user=signer, centre=centre, partnership=partner, role="partner_signatory")
        _confirm(made, partner, signer)
    _confirm(made, partner_a, partner_a_signatory)
    assert count_queries(client, address) == before
    assert count_queries(signatory, partner_page) == before_partner
