"""The programme's pages through the web: what each role reads, the office's forms, partners' figures, query counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.ledger.models import Contribution
from civhub.partners.models import CofinancingGroup
from civhub.programme.models import Activity, Kpi, KpiActual, KpiTarget, Milestone
from tests.ledger.office_support import contribution
from tests.partners.factories import client_for, count_queries
from tests.programme.support import activity, actual, fill, kpi, milestone, programme

pytestmark = pytest.mark.django_db


def url(name, centre, *args):
    return reverse(f"programme:{name}", args=[centre.slug, *args])


@pytest.fixture
def lines(centre):
    return programme(centre)


# Reading ------------------------------------------------------------------------------------------


def test_the_overview_counts_each_lines_work_and_lists_kpis_behind(centre, lines, practor, partner_a):
    activity(lines[1], owners=[partner_a], status=Activity.Status.RUNNING)
    milestone(lines[1], due=date(2025, 1, 31))  # overdue
    behind = kpi(lines[2], name="Onderzoeksvragen afgehandeld", targets={2025: 10, 2026: 20})
    actual(behind, date(2025, 6, 1), 2)
    page = client_for(practor).get(url("overview", centre)).content.decode()
    assert "1 activity, 1 running" in page
    assert "1 overdue" in page
    assert "Onderzoeksvragen afgehandeld" in page and "1 behind target" in page


def test_the_line_page_shows_activities_milestones_kpis_and_the_lines_cofinancing(
        centre, lines, partner_a, partner_b, partner_a_contact, programme_manager):
    work = activity(lines[2], title="Onderzoek monstervoorbereiding", owners=[partner_a], lead_person="De practor")
    milestone(lines[2], title="Vijf vragen in behandeling", due=date(2024, 12, 31), done=date(2024, 11, 1))
    milestone(lines[2], title="Tien vragen afgerond", due=date(2025, 12, 31),
              explanation="Twee partners stelden hun vraag uit.")
    row = kpi(lines[2], name="Onderzoeksvragen afgehandeld", targets={2024: 5, 2025: 10}, illustrative=True)
    actual(row, date(2025, 6, 1), 8)
    contribution(partner_a, amount="1000.00", kind="research", programme_line=lines[2], activity=work)
    contribution(partner_a, amount="250.00", kind="lab", programme_line=lines[2])
    contribution(partner_a, amount="999.00", kind="lab", programme_line=lines[1])  # another line
    contribution(partner_a, amount="500.00", kind="lab", programme_line=lines[2], status=Contribution.Status.SUBMITTED)
    partner_b.cofinancing_group = CofinancingGroup.NOT_COUNTED
    partner_b.save()
    contribution(partner_b, amount="300.00", kind="research", programme_line=lines[2])

    response = client_for(partner_a_contact).get(url("line", centre, 2))

    page = response.content.decode()
    assert "Onderzoek monstervoorbereiding" in page and "Partner A BV" in page
    assert "Vijf vragen in behandeling" in page and "reached" in page
    assert "Tien vragen afgerond" in page and "overdue" in page and "Twee partners stelden" in page
    assert "illustrative" in page and url("kpi_chart", centre, row.pk) in page
    cofinancing = {figure.kind: figure.amount for figure in response.context["page"].cofinancing.kinds}
    assert cofinancing == {"research": Decimal("1000.00"), "lab": Decimal("250.00")}  # partner A's own
    assert response.context["page"].cofinancing.not_counted is None  # partner B's alone: not for partner A
    assert response.context["page"].activities[0].cofinanced == Decimal("1000.00")
    office = client_for(programme_manager).get(url("line", centre, 2)).context["page"]
    assert office.cofinancing.not_counted == Decimal("300.00")
    assert "Add an activity" not in page  # a partner reads, the office plans


def test_the_office_sees_the_buttons_to_plan(centre, lines, programme_manager):
    page = client_for(programme_manager).get(url("line", centre, 1)).content.decode()
    assert url("activity_new", centre, 1) in page and url("kpi_new", centre, 1) in page


def test_the_kpi_chart_is_an_svg_without_scripts_under_a_relaxed_policy(centre, lines, steering_member):
    row = kpi(lines[1], targets={2024: 10, 2025: 20})
    actual(row, date(2024, 5, 1), 12)
    response = client_for(steering_member).get(url("kpi_chart", centre, row.pk))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<script" not in response.content
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["overview", "line"])
def test_query_counts_do_not_grow_with_the_data(centre, lines, partner_a, programme_manager, name):
    client = client_for(programme_manager)
    target = url(name, centre) if name == "overview" else url(name, centre, 1)
    fill(lines, partner_a, 2)
    small = count_queries(client, target)
    fill(lines, partner_a, 4)  # 3 × 2 in all
    assert count_queries(client, target) == small


# The office's forms --------------------------------------------------------------------------------


def test_the_office_adds_an_activity_with_owners(centre, lines, partner_a, programme_manager):
    response = client_for(programme_manager).post(url("activity_new", centre, 1), {
        "title": "Module GMP", "owners": [partner_a.pk], "start": "2025-09-01", "end": "2026-06-30",
        "status": "running", "description": "", "lead_person": "Docent GMP"})
    assert response.status_code == 302 and response["Location"].endswith("#activities")
    made = Activity.objects.get()
    assert (made.programme_line, list(made.owners.all())) == (lines[1], [partner_a])


def test_an_end_before_the_start_comes_back_on_the_form_and_nothing_is_written(centre, lines, programme_manager):
    response = client_for(programme_manager).post(url("activity_new", centre, 1), {
        "title": "Module GMP", "start": "2025-09-01", "end": "2025-06-30", "status": "planned"})
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The end date lies before the start date."]
    assert not Activity.objects.exists()


def test_a_milestone_is_marked_reached_with_its_evidence(centre, lines, programme_manager):
    made = milestone(lines[1])
    response = client_for(programme_manager).post(url("milestone_edit", centre, made.pk), {
        "title": made.title, "due_date": "2025-12-31", "done_date": "2025-12-01",
        "evidence": "Onderwijsprogramma 2026", "evidence_link": "https://example.org/oer.pdf"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.done_date == date(2025, 12, 1) and made.evidence_link == "https://example.org/oer.pdf"


def test_a_new_kpi_goes_on_to_its_targets_and_a_year_outside_the_grant_is_not_offered(centre, lines,
                                                                                      programme_manager):
    client = client_for(programme_manager)
    response = client.post(url("kpi_new", centre, 3), {
        "name": "Medewerkers bijgeschoold", "unit": "medewerkers", "measure": "sum", "baseline": "0",
        "position": "0"})
    made = Kpi.objects.get()
    assert response["Location"] == url("kpi_targets", centre, made.pk)
    form = client.get(url("kpi_targets", centre, made.pk)).context["form"]
    assert list(form.fields) == ["year_2024", "year_2025", "year_2026", "year_2027"]
    refused = client.post(url("kpi_targets", centre, made.pk), {"year_2025": "-3"})
    assert refused.status_code == 400 and not KpiTarget.objects.exists()
    client.post(url("kpi_targets", centre, made.pk), {"year_2025": "1250", "year_2026": "2.500,00"})
    assert dict(KpiTarget.objects.values_list("year", "target")) == {2025: Decimal("1250"), 2026: Decimal("2500")}


def test_a_negative_baseline_is_refused_on_the_form(centre, lines, programme_manager):
    response = client_for(programme_manager).post(url("kpi_new", centre, 1), {
        "name": "K", "unit": "x", "measure": "latest", "baseline": "-2", "position": "0"})
    assert response.status_code == 400 and "baseline cannot be negative" in response.content.decode()
    assert not Kpi.objects.exists()


# Partners' figures ---------------------------------------------------------------------------------


def test_a_partner_records_a_figure_for_its_own_organisation(centre, lines, partner_a, partner_a_contact):
    row = kpi(lines[3])
    client = client_for(partner_a_contact)
    form = client.get(url("actual_new", centre, row.pk)).context["form"]
    assert list(form.fields["partnership"].queryset) == [partner_a]
    response = client.post(url("actual_new", centre, row.pk), {
        "date": "2025-06-30", "value": "12", "source": "Deelnemerslijst", "partnership": partner_a.pk})
    assert response.status_code == 302
    assert KpiActual.objects.get().partnership == partner_a


def test_a_figure_dated_outside_the_grant_is_refused_on_the_form(centre, lines, partner_a, partner_a_contact):
    row = kpi(lines[3])
    response = client_for(partner_a_contact).post(url("actual_new", centre, row.pk), {
        "date": "2023-06-30", "value": "12", "source": "Deelnemerslijst", "partnership": partner_a.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["date"] == ["The date lies outside the grant period."]
    assert not KpiActual.objects.exists()


def test_a_partner_sees_edit_links_only_on_its_own_figures(centre, lines, partner_a, partner_b, partner_a_contact):
    row = kpi(lines[1])
    own = actual(row, date(2025, 3, 1), 4, partnership=partner_a)
    theirs = actual(row, date(2025, 4, 1), 5, partnership=partner_b)
    page = client_for(partner_a_contact).get(url("kpi", centre, row.pk)).content.decode()
    assert url("actual_edit", centre, own.pk) in page
    assert url("actual_edit", centre, theirs.pk) not in page


def test_removing_a_figure_asks_first_then_removes_it(centre, lines, partner_a, partner_a_signatory):
    own = actual(kpi(lines[1]), date(2025, 3, 1), 4, partnership=partner_a)
    client = client_for(partner_a_signatory)
    assert "Remove the figure" in client.get(url("actual_delete", centre, own.pk)).content.decode()
    assert KpiActual.objects.exists()
    client.post(url("actual_delete", centre, own.pk))
    assert not KpiActual.objects.exists()


# The dashboard card --------------------------------------------------------------------------------


def test_the_dashboard_card_lists_milestones_overdue_or_due_soon_and_kpis_behind(centre, lines, programme_manager):
    today = timezone.localdate()
    milestone(lines[1], title="Te laat: evaluatie", due=today - timedelta(days=3))
    milestone(lines[2], title="Binnenkort: catalogus", due=today + timedelta(days=20))
    milestone(lines[3], title="Later: publicatie", due=today + timedelta(days=60))
    milestone(lines[3], title="Al gehaald", due=today - timedelta(days=3), done=today - timedelta(days=5))
    kpi(lines[2], name="Achterstand KPI", targets={today.year - 1: 10})
    page = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug])).content.decode()
    assert "Te laat: evaluatie" in page and "Binnenkort: catalogus" in page
    assert "Later: publicatie" not in page and "Al gehaald" not in page
    assert "Achterstand KPI" in page
    assert url("line", centre, 2) + "#milestones" in page


def test_the_dashboard_cards_queries_do_not_grow(centre, lines, partner_a, programme_manager):
    client = client_for(programme_manager)
    target = reverse("office:dashboard", args=[centre.slug])
    fill(lines, partner_a, 1)
    small = count_queries(client, target)
    fill(lines, partner_a, 2)
    assert count_queries(client, target) == small


def test_a_milestone_count_on_the_model_is_unaffected_by_other_centres(other_centre, centre, lines, practor):
    milestone(programme(other_centre)[1], title="Van een ander centrum")
    assert Milestone.objects.count() == 1
    assert "Van een ander centrum" not in client_for(practor).get(url("overview", centre)).content.decode()
