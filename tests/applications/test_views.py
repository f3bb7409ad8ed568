"""The application's pages: the workspace and its readiness, a part with its comments and (for the regional vision)
the HCA's figures, the budget with its tables and checks, adding, changing and removing a line, the forecast after
the subsidy, who may write, and query counts that do not grow with the budget."""

import json
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from civhub.applications.models import Application, ApplicationPart, BudgetLine, ContinuationLine, PartKind
from civhub.core.models import AuditEvent
from tests.applications.support import (
    application,
    balanced_budget,
    confirmed,
    cost,
    forecast,
    partner_cash,
    partner_hours,
    partner_in_kind,
    signed_by_all,
    subsidy,
)
from tests.factories import PartnershipFactory
from tests.hca.outputs_data import assert_hides_the_suppressed_cell, build_labour_market
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def url(name, centre, *args):
    return reverse(f"applications:{name}", args=[centre.slug, *args])


def page(client, address) -> str:
    """The page's text with its entities read (an apostrophe is &#x27; in the HTML)."""
    response = client.get(address)
    assert response.status_code == 200, address
    return unescape(response.content.decode())


# Starting and the workspace ------------------------------------------------------------------------------------


def test_the_office_starts_an_application_and_lands_in_its_workspace(centre, programme_manager):
    client = client_for(programme_manager)
    response = client.post(url("application_new", centre), {
        "regulation": application(centre).regulation.pk, "title": "RIF-aanvraag opschaling",
        "planned_start": "2026-01-01", "planned_end": "2029-12-31", "due_on": "2025-06-30"})
    made = Application.objects.get(title="RIF-aanvraag opschaling")
    assert response.status_code == 302 and response["Location"] == url("workspace", centre, made.pk)
    html = page(client, response["Location"])
    for kind in PartKind:
        assert reverse("applications:part", args=[centre.slug, made.parts.get(kind=kind).pk]) in html
    assert "RIF-aanvraag opschaling" in page(client, url("applications", centre))


def test_an_end_before_the_start_is_refused_on_the_form(centre, programme_manager):
    response = client_for(programme_manager).post(url("application_new", centre), {
        "regulation": application(centre).regulation.pk, "title": "Te kort", "planned_start": "2026-01-01",
        "planned_end": "2025-12-31"})
    assert response.status_code == 400
    assert "The planned end lies before the planned start." in response.content.decode()


def test_the_readiness_checklist_says_what_is_missing(centre, programme_manager, partner_a, partner_b):
    made = application(centre)
    made.parts.filter(kind=PartKind.REGIONAL_VISION).update(status=ApplicationPart.Status.DONE)
    subsidy(made, 2022, "312000.00")
    partner_in_kind(made, partner_a, 2022, "438000.00")
    partner_cash(made, partner_b, 2022, "150000.00")
    html = page(client_for(programme_manager), url("workspace", centre, made.pk))
    assert "Regional vision is done." in html
    assert "Plan of approach is not done yet (status: to do)." in html
    assert "The subsidy is EUR 12,000.00 more than one third of the budget" in html
    assert "The income (EUR 900,000.00) is EUR 462,000.00 more than the costs (EUR 438,000.00)." in html
    assert "The continuation forecast misses 2026, 2027, 2028, 2029" in html
    # four parts, the share, the balance, the forecast, the confirmations, the agreement: 9 of 5 parts + 11 checks
    assert "9 of 16 items still need work." in html
    assert "EUR 312,000.00" in html  # the subsidy asked, derived from the budget


def test_an_application_with_everything_done_is_ready(centre, programme_manager, partner_a, partner_b):
    made = application(centre)
    made.parts.update(status=ApplicationPart.Status.DONE)
    balanced_budget(made, partner_a, partner_b)
    confirmed(made, partner_a), confirmed(made, partner_b)
    signed_by_all(centre)
    html = page(client_for(programme_manager), url("workspace", centre, made.pk))
    assert "Everything civhub can check is done: every part and every rule of the regulation." in html
    assert "status-problem" not in html


# Parts ------------------------------------------------------------------------------------------------------


def test_the_office_writes_a_part_and_comments_on_it(centre, programme_manager, finance_controller):
    made = application(centre)
    part = made.parts.get(kind=PartKind.PLAN_OF_APPROACH)
    client = client_for(programme_manager)
    response = client.post(url("part_edit", centre, part.pk), {
        "draft": "Doelen: 40 studenten per jaar.", "owner": finance_controller.pk, "status": "review"})
    assert response.status_code == 302 and response["Location"] == url("part", centre, part.pk)
    response = client.post(url("part", centre, part.pk), {"text": "Mijlpaal na twee jaar toevoegen."})
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    html = page(client, url("part", centre, part.pk))
    assert "Doelen: 40 studenten per jaar." in html and "Mijlpaal na twee jaar toevoegen." in html
    assert "ready for review" in html and str(finance_controller) in html
    workspace = page(client, url("workspace", centre, made.pk))
    assert str(finance_controller) in workspace and "ready for review" in workspace


def test_a_steering_member_reads_a_part_but_cannot_comment(centre, steering_member):
    part = application(centre).parts.first()
    client = client_for(steering_member)
    html = page(client, url("part", centre, part.pk))
    assert url("part_edit", centre, part.pk) not in html and "<textarea" not in html
    assert client.post(url("part", centre, part.pk), {"text": "Mag ik?"}).status_code == 403
    assert not part.comments.exists()


def test_the_regional_vision_shows_the_hcas_published_figures_beside_the_draft(centre, programme_manager):
    build_labour_market(centre)
    part = application(centre).parts.get(kind=PartKind.REGIONAL_VISION)
    html = page(client_for(programme_manager), url("part", centre, part.pk))
    assert "The labour market, from the HCA" in html
    assert "laborant mbo-3" in html and "procesoperator" in html
    assert "fewer than 3 partners: not published" in html
    assert_hides_the_suppressed_cell(html)


def test_other_parts_do_not_show_the_labour_market(centre, programme_manager):
    part = application(centre).parts.get(kind=PartKind.PLAN_OF_APPROACH)
    assert "The labour market, from the HCA" not in page(client_for(programme_manager), url("part", centre, part.pk))


def test_the_regional_vision_without_a_forecast_says_so(centre, programme_manager):
    part = application(centre).parts.get(kind=PartKind.REGIONAL_VISION)
    assert "The Human Capital Agenda has no forecast yet" in page(client_for(programme_manager),
                                                                  url("part", centre, part.pk))


# The budget -------------------------------------------------------------------------------------------------


def test_the_budget_page_shows_the_groups_per_year_and_the_checks(centre, programme_manager, partner_a, partner_b):
    lead = PartnershipFactory(centre=centre, is_lead_applicant=True, cofinancing_group="not_counted",
                              organisation__name="mboRijnland")
    made = application(centre)
    balanced_budget(made, partner_a, partner_b, lead=lead)
    partner_in_kind(made, partner_a, 2024, "5000.00", category="bpv", description="Stagebegeleiding")
    html = page(client_for(programme_manager), url("budget", centre, made.pk))
    for section, total in (("subsidy", "300,000.00"), ("employers", "450,000.00"), ("others", "150,000.00"),
                           ("not_counted", "7,300.00"), ("bpv", "5,000.00"), ("spending", "450,000.00"),
                           ("in_kind", "457,300.00")):
        assert f'data-total="{section}">EUR {total}</td>' in html, section
    assert "mboRijnland" in html and "Stagebegeleiding" in html
    assert "The lead applicant's own contribution (EUR 7,300.00) is shown and not counted" in html
    assert "Income and costs are equal: EUR 907,300.00." in html
    assert html.count("status-problem") == 0
    assert url("income_new", centre, made.pk) in html


def test_the_office_adds_a_line_and_sees_its_amount(centre, finance_controller, partner_a):
    made = application(centre)
    client = client_for(finance_controller)
    response = client.post(url("income_new", centre, made.pk), {
        "year": "2023", "source": str(partner_a.pk), "form": "in_kind", "category": "hours",
        "description": "Analist begeleidt practoraat", "volume": "1.250,5", "unit": "uur", "price": "73,00"})
    assert response.status_code == 302 and response["Location"] == url("budget", centre, made.pk) + "#lines"
    line = BudgetLine.objects.get()
    assert (line.volume, line.amount, line.partnership) == (D("1250.50"), D("91286.50"), partner_a)
    assert "EUR 91,286.50" in page(client, url("budget", centre, made.pk))
    assert AuditEvent.objects.get(action="application_budget_line_added").actor == finance_controller


def test_the_subsidy_asked_is_a_line_of_money(centre, programme_manager):
    made = application(centre)
    response = client_for(programme_manager).post(url("income_new", centre, made.pk), {
        "year": "2022", "source": "subsidy", "description": "Subsidie RIF", "volume": "1", "price": "250000"})
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.source, line.form, line.partnership, line.amount) == ("subsidy", "cash", None, D("250000.00"))


def test_a_line_with_hours_off_the_rate_comes_back_with_every_problem(centre, programme_manager, partner_a):
    made = application(centre)
    response = client_for(programme_manager).post(url("income_new", centre, made.pk), {
        "year": "2022", "source": str(partner_a.pk), "form": "in_kind", "category": "hours",
        "description": "Analist", "volume": "100", "price": "85"})
    assert response.status_code == 400
    assert "Staff hours are valued at the round's rate of EUR 73.00 an hour, not at EUR 85.00." in unescape(
        response.content.decode())
    assert not BudgetLine.objects.exists()


def test_a_cost_needs_its_category(centre, programme_manager):
    made = application(centre)
    client = client_for(programme_manager)
    response = client.post(url("cost_new", centre, made.pk), {
        "year": "2022", "description": "Programmamanager", "volume": "1400", "price": "73"})
    assert response.status_code == 400
    response = client.post(url("cost_new", centre, made.pk), {
        "year": "2022", "category": "hours", "description": "Programmamanager", "volume": "1400", "price": "73"})
    assert response.status_code == 302
    assert BudgetLine.objects.get().amount == D("102200.00")


def test_the_line_form_carries_what_the_live_amount_needs(centre, programme_manager):
    made = application(centre)
    html = page(client_for(programme_manager), url("income_new", centre, made.pk))
    assert 'data-rate="73.00"' in html and 'data-hours="hours"' in html
    assert "data-volume" in html and "data-price" in html and "data-amount" in html
    assert "applications/budget-line.js" in html


def live_data(html: str) -> dict:
    """The JSON block the line form's script checks the budget with."""
    found = re.search(r'<script id="budget-live" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no #budget-live data block"
    return json.loads(found.group(1))


def test_the_line_form_gives_the_live_checks_the_totals_without_the_line_changed(centre, programme_manager,
                                                                                  partner_a, partner_b, lead):
    made = application(centre)
    balanced_budget(made, partner_a, partner_b, lead=lead)
    line = made.budget_lines.get(source="subsidy")
    html = page(client_for(programme_manager), url("line_edit", centre, line.pk))
    live = live_data(html)
    assert live["totals"] == {"subsidy": "0", "employers": "45000000", "others": "15000000",
                              "not_counted": "730000", "bpv": "0", "in_kind": "45730000", "spending": "45000000"}
    assert live["partners"] == {str(partner_a.pk): "employers", str(partner_b.pk): "others",
                                str(lead.pk): "not_counted"}
    assert live["shares"] == {"subsidy_max": [1, 3], "employer_min": [1, 3], "employer_max": [2, 3],
                              "other_max": [1, 3]}
    assert (live["subsidy_minimum"], live["subsidy_maximum"]) == ("20000000", "200000000")
    assert (live["decimal_separator"], live["group_separator"]) == (".", ",")  # English here, as |eur writes it
    assert 'aria-live="polite" data-live-checks' in html
    assert 'data-subsidy-share="With this line the subsidy is {amount} more than one third of the budget."' in html
    assert "the round's minimum of EUR 200,000.00." in html


def test_a_new_lines_live_checks_count_every_line(centre, programme_manager, partner_a, partner_b):
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    live = live_data(page(client_for(programme_manager), url("cost_new", centre, made.pk)))
    assert live["totals"]["subsidy"] == "30000000" and live["totals"]["spending"] == "45000000"
    assert live["partners"] == {}  # a cost names no partner


def test_changing_a_line_keeps_the_rules(centre, programme_manager, partner_a):
    made = application(centre)
    line = partner_hours(made, partner_a, 2022, 500)
    client = client_for(programme_manager)
    form = page(client, url("line_edit", centre, line.pk))
    assert 'value="500.00"' in form or 'value="500,00"' in form
    response = client.post(url("line_edit", centre, line.pk), {
        "year": "2024", "source": str(partner_a.pk), "form": "in_kind", "category": "hours", "description": "Minder",
        "volume": "400", "price": "73.00"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.year, line.amount) == (2024, D("29200.00"))


def test_removing_a_line_asks_first(centre, programme_manager):
    made = application(centre)
    line = cost(made, 2022, 1, "5000.00", description="Laptops")
    client = client_for(programme_manager)
    assert "Remove “Laptops” (2022, EUR 5,000.00) from the budget?" in page(client, url("line_delete", centre,
                                                                                         line.pk))
    assert BudgetLine.objects.exists()
    response = client.post(url("line_delete", centre, line.pk))
    assert response.status_code == 302 and not BudgetLine.objects.exists()


def test_a_steering_member_reads_the_budget_without_changing_it(centre, steering_member, partner_a, partner_b):
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    line = made.budget_lines.first()
    html = page(client_for(steering_member), url("budget", centre, made.pk))
    assert "EUR 900,000.00" in html
    for name, args in (("income_new", [made.pk]), ("budget_import", [made.pk]), ("line_edit", [line.pk]),
                       ("line_delete", [line.pk])):
        assert url(name, centre, *args) not in html


def test_a_submitted_application_no_longer_changes(centre, programme_manager):
    made = application(centre, status=Application.Status.SUBMITTED)
    line = subsidy(made, 2022, "300000.00")
    client = client_for(programme_manager)
    html = page(client, url("budget", centre, made.pk))
    assert url("income_new", centre, made.pk) not in html and url("line_edit", centre, line.pk) not in html
    response = client.post(url("line_delete", centre, line.pk), follow=True)
    assert "This application is submitted: only a draft can be changed." in response.content.decode()
    assert BudgetLine.objects.exists()


def test_another_centres_line_is_not_found(centre, other_centre, programme_manager):
    line = subsidy(application(other_centre), 2022, "300000.00")
    assert client_for(programme_manager).get(url("line_edit", centre, line.pk)).status_code == 404


# After the subsidy -------------------------------------------------------------------------------------------


def test_the_forecast_after_the_subsidy_per_year(centre, programme_manager, partner_a):
    made = application(centre)
    client = client_for(programme_manager)
    response = client.post(url("continuation", centre, made.pk), {
        "year": "2026", "side": "income", "partnership": partner_a.pk, "description": "Bijdrage Partner A",
        "amount": "25.000,00"})
    assert response.status_code == 302
    forecast(made, 2026, "30000.00", side="cost", description="Programmamanager")
    html = page(client, url("continuation", centre, made.pk))
    assert "Bijdrage Partner A" in html and "EUR −5,000.00" in html
    assert "The continuation forecast misses 2027, 2028, 2029" in html
    assert html.count("no forecast yet") == 3


def test_a_forecast_inside_the_subsidy_is_refused_on_the_form(centre, programme_manager):
    made = application(centre)
    response = client_for(programme_manager).post(url("continuation", centre, made.pk), {
        "year": "2025", "side": "income", "description": "Te vroeg", "amount": "100"})
    assert response.status_code == 400
    assert not ContinuationLine.objects.exists()


def test_changing_and_removing_a_forecast_line(centre, programme_manager):
    made = application(centre)
    line = forecast(made, 2027, "1000.00")
    client = client_for(programme_manager)
    response = client.post(url("continuation_edit", centre, line.pk), {
        "year": "2028", "side": "income", "description": "Cursusgelden", "amount": "2000"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.year, line.amount) == (2028, D("2000.00"))
    assert client.post(url("continuation_delete", centre, line.pk)).status_code == 302
    assert not ContinuationLine.objects.exists()


# Query counts -----------------------------------------------------------------------------------------------


def _grow(made, partners, years, rounds):
    for _ in range(rounds):
        for partner in partners:
            for year in years:
                partner_hours(made, partner, year, 10)
                partner_cash(made, partner, year, "1000.00")
                cost(made, year, 2, "500.00")
        subsidy(made, years[0], "1000.00")
    for year in range(2026, 2030):
        forecast(made, year, "100.00")


def test_the_budget_page_takes_the_same_queries_for_more_lines(centre, programme_manager):
    made = application(centre)
    partners = [PartnershipFactory(centre=centre) for _ in range(2)]
    client = client_for(programme_manager)
    _grow(made, partners, [2022], 1)
    pages = [url("budget", centre, made.pk), url("workspace", centre, made.pk), url("continuation", centre, made.pk)]
    before = [count_queries(client, address) for address in pages]
    partners += [PartnershipFactory(centre=centre) for _ in range(4)]
    _grow(made, partners, [2022, 2023, 2024, 2025], 3)
    assert [count_queries(client, address) for address in pages] == before
