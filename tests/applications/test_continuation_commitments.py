"""Commitments after the subsidy: the office asks the partners after the award, each partner's signatory confirms
its continuation lines (hash over exactly those lines) or asks a change; a changed table voids the confirmation;
another partner is a 404, the office and a contact may not answer (403); the overview and the monitor show who
confirmed, with the same queries for more partners."""

from datetime import date
from decimal import Decimal as D
from html import unescape

import pytest
from django.test import RequestFactory
from django.urls import reverse

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, Commitment, ContinuationLine
from civhub.applications.monitor import continuation_section
from civhub.applications.selectors import commitments as selectors
from civhub.applications.services.commitments import (
    Signer,
    ask_continuation_change,
    confirm_continuation,
    open_continuation_round,
)
from civhub.applications.services.continuation import ContinuationData, add_continuation_line
from civhub.core.models import AuditEvent
from tests.applications.support import application, forecast, partner_cash
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

SIGNER = Signer(name="Anna de Vries", role="directeur", address="Laan 1\n6811 AA Arnhem")


def url(name, centre, *args):
    return reverse(f"applications:{name}", args=[centre.slug, *args])


@pytest.fixture
def awarded(centre, partner_a, partner_b, programme_manager):
    """An awarded application (2022–2025) whose partners are asked: A brings 4,000 and 5,000 after it, B 2,500."""
    made = application(centre, status=Application.Status.AWARDED)
    partner_cash(made, partner_a, 2022, "5000.00")
    open_continuation_round(application=made, actor=programme_manager)
    forecast(made, 2026, "4000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2027, "5000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2026, "2500.00", partnership=partner_b, description="Bijdrage gemeente")
    forecast(made, 2026, "9000.00", description="Deelnemersbijdragen")  # the centre's own: no partner
    made.refresh_from_db()
    return made


def state_of(made, partner) -> str:
    return {standing.partnership: standing for standing in selectors.continuation_standings(made)}[partner].state


def _confirm(made, partner, signatory):
    shown = selectors.continuation_table(made, partner).hash
    return confirm_continuation(application=made, partnership=partner, actor=signatory, shown_hash=shown,
                                signer=SIGNER)


def test_only_an_awarded_application_asks_and_only_once(centre, programme_manager, steering_member):
    draft = application(centre)
    with pytest.raises(ApplicationError, match="Only an awarded application"):
        open_continuation_round(application=draft, actor=programme_manager)
    made = application(centre, status=Application.Status.AWARDED, title="Toegekend")
    with pytest.raises(ApplicationError):
        open_continuation_round(application=made, actor=steering_member)
    open_continuation_round(application=made, actor=programme_manager)
    made.refresh_from_db()
    assert made.continuation_round_open and made.continuation_asked_on is not None
    assert AuditEvent.objects.filter(action="continuation_round_opened").count() == 1
    with pytest.raises(ApplicationError, match="already asked"):
        open_continuation_round(application=made, actor=programme_manager)


def test_the_table_is_the_partners_own_income_after_the_subsidy_and_its_hash_is_canonical(awarded, partner_a):
    table = selectors.continuation_table(awarded, partner_a)
    assert [line.amount for line in table.lines] == [D("4000.00"), D("5000.00")]
    assert table.total == D("9000.00")
    text = selectors.canonical_continuation(table.lines)
    assert text == ('{"table":"civhub-continuation-table-1","fields":["year","description","amount"],"lines":'
                    '[[2026,"Cursusgelden analisten","4000.00"],[2027,"Cursusgelden analisten","5000.00"]]}')
    assert table.hash == selectors.continuation_hash(list(reversed(table.lines)))


def test_the_signatory_confirms_with_the_hash_and_a_changed_line_makes_it_void(awarded, partner_a,
                                                                              partner_a_signatory):
    made = _confirm(awarded, partner_a, partner_a_signatory)
    assert made.stage == Commitment.Stage.CONTINUATION and made.answer == Commitment.Answer.CONFIRMED
    assert made.table_hash == selectors.continuation_table(awarded, partner_a).hash
    assert made.signer_name == "Anna de Vries" and made.signer_role == "directeur"
    # The pledges in the application are another stage: untouched by this answer.
    assert selectors.standings(awarded)[0].state == selectors.NOT_YET
    assert state_of(awarded, partner_a) == selectors.CONFIRMED
    ContinuationLine.objects.filter(partnership=partner_a, year=2027).update(amount=D("4999.99"))
    assert state_of(awarded, partner_a) == selectors.VOID


def test_the_office_adds_a_partners_line_while_the_round_is_open_and_the_partner_is_asked_again(
        awarded, partner_a, partner_a_signatory, programme_manager):
    _confirm(awarded, partner_a, partner_a_signatory)
    add_continuation_line(application=awarded, actor=programme_manager,
                          data=ContinuationData(2028, "income", "Licenties", D("1000.00"), partner_a))
    assert state_of(awarded, partner_a) == selectors.VOID


def test_a_table_changed_since_it_was_shown_is_refused(awarded, partner_a, partner_a_signatory):
    shown = selectors.continuation_table(awarded, partner_a).hash
    forecast(awarded, 2028, "100.00", partnership=partner_a)
    with pytest.raises(ApplicationError, match="changed while you were reading"):
        confirm_continuation(application=awarded, partnership=partner_a, actor=partner_a_signatory,
                             shown_hash=shown, signer=SIGNER)


@pytest.mark.parametrize("who", ["programme_manager", "partner_a_contact", "partner_b_contact"])
def test_only_the_partners_own_signatory_answers(request, awarded, partner_a, who):
    with pytest.raises(ApplicationError, match="Only the partner's own signatory"):
        _confirm(awarded, partner_a, request.getfixturevalue(who))


def test_before_the_office_asks_there_is_nothing_to_answer(centre, partner_a, partner_a_signatory):
    made = application(centre, status=Application.Status.AWARDED)
    forecast(made, 2026, "4000.00", partnership=partner_a)
    with pytest.raises(ApplicationError, match="has not asked"):
        _confirm(made, partner_a, partner_a_signatory)


def test_asking_a_change_records_the_comment(awarded, partner_a, partner_a_signatory):
    shown = selectors.continuation_table(awarded, partner_a).hash
    ask_continuation_change(application=awarded, partnership=partner_a, actor=partner_a_signatory,
                            shown_hash=shown, comment="2027 wordt 4.000")
    assert state_of(awarded, partner_a) == selectors.CHANGE_ASKED


# The pages -----------------------------------------------------------------------------------------------------


def test_the_signatory_confirms_in_the_portal_and_the_office_sees_it(awarded, centre, partner_a,
                                                                    partner_a_signatory, programme_manager):
    client = client_for(partner_a_signatory)
    portal = unescape(client.get(reverse("portal:partner", args=[centre.slug, "partner-a"])).content.decode())
    assert "RIF-aanvraag 2021: after the subsidy" in portal
    page = unescape(client.get(url("continuation_pledge", centre, awarded.pk, "partner-a")).content.decode())
    assert "Cursusgelden analisten" in page and "Bijdrage gemeente" not in page  # never partner B's lines
    assert "EUR 9,000.00" in page
    table = selectors.continuation_table(awarded, partner_a)
    response = client.post(url("continuation_confirm", centre, awarded.pk, "partner-a"), {
        "table_hash": table.hash, "name": "Anna de Vries", "role": "directeur", "address": "Laan 1, Arnhem"})
    assert response.status_code == 302
    overview = unescape(client_for(programme_manager).get(url("commitments", centre, awarded.pk)).content.decode())
    assert 'data-after="partner-a"' in overview and "Anna de Vries" in overview


def test_partner_b_gets_404_and_the_office_403_on_partner_as_confirmation(awarded, centre, partner_b_contact,
                                                                          programme_manager, partner_a):
    address = url("continuation_confirm", centre, awarded.pk, "partner-a")
    assert client_for(partner_b_contact).get(address).status_code == 404
    table = selectors.continuation_table(awarded, partner_a)
    response = client_for(programme_manager).post(address, {"table_hash": table.hash, "name": "Kantoor",
                                                             "address": "Kantoor 1"})
    assert response.status_code == 403
    assert not Commitment.objects.filter(stage=Commitment.Stage.CONTINUATION).exists()


def test_the_monitor_section_shows_who_confirmed_after_the_subsidy(awarded, centre, partner_a, partner_a_signatory,
                                                                   programme_manager):
    from civhub.applications.models import Award
    from tests.factories import GrantFactory

    grant = GrantFactory(centre=centre)
    Award.objects.create(application=awarded, grant=grant, decision_date=date(2021, 12, 1), decision_reference="R1",
                         amount_granted=D("300000.00"), subsidy_asked=D("300000.00"), awarded_by=programme_manager,
                         awarded_at=awarded.updated_at)
    _confirm(awarded, partner_a, partner_a_signatory)
    section = continuation_section(RequestFactory().get("/"), grant)
    assert section["after_confirmed"] == 1 and len(section["after"]) == 2


def test_the_overview_takes_the_same_queries_for_more_partners_after_the_subsidy(awarded, centre,
                                                                                programme_manager):
    client = client_for(programme_manager)
    address = url("commitments", centre, awarded.pk)
    before = count_queries(client, address)
    for _ in range(4):
        partner = PartnershipFactory(centre=centre)
        forecast(awarded, 2026, "1000.00", partnership=partner)
        signer = UserFactory()
        MembershipFactory(user=signer, centre=centre, partnership=partner, role="partner_signatory")
        _confirm(awarded, partner, signer)
    assert count_queries(client, address) == before
