"""Partners' money and KPI figures on the programme pages: outside the office, only the viewer's own or in totals of 3+.

The office sees every amount. Anyone else (another partner, the practor, communications, the
steering group) sees a partner's money or figure only inside a total of at least three partners;
a partner always sees its own. Pages are read in Dutch, the UI's language: EUR 1.234 and 1.234.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.partners.models import CofinancingGroup
from civhub.programme.models import Kpi
from civhub.programme.permissions import EVERY_FIGURE, MIN_PARTNERS, PartnerFigures
from civhub.programme.selectors.kpis import kpi_years
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.ledger.office_support import contribution
from tests.partners.factories import client_for, count_queries
from tests.programme.support import activity, actual, kpi, programme

pytestmark = pytest.mark.django_db

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
OWNER = ["partner_a_contact", "partner_a_signatory"]
OUTSIDERS = ["partner_b_contact", "practor", "communications", "steering_member"]
EVERYONE = OFFICE + OWNER + OUTSIDERS
WITHHELD = 'class="muted small withheld"'  # the cell that says "fewer than 3 partners"


@pytest.fixture
def lines(centre):
    return programme(centre)


@pytest.fixture
def partner_c(centre):
    return PartnershipFactory(centre=centre, short_code="partner-c",
                              organisation=OrganisationFactory(name="Partner C BV"))


def page_for(request, persona, name, *args):
    user = request.getfixturevalue(persona)
    centre = request.getfixturevalue("centre")
    response = client_for(user, language="nl").get(reverse(f"programme:{name}", args=[centre.slug, *args]))
    assert response.status_code == 200
    return response


# The rule -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("partners", "others", "shown"), [
    (0, 0, True),  # no partner's entries: the office's own figures
    (1, 0, True),  # the viewer's own partner's
    (1, 1, False), (2, 1, False), (2, 2, False),
    (MIN_PARTNERS, MIN_PARTNERS, True), (MIN_PARTNERS + 2, 4, True),
])
def test_another_partners_figure_shows_only_in_a_total_of_three_partners(partners, others, shown):
    assert PartnerFigures(sees_all=False, own=frozenset({1})).shows(partners=partners, others=others) is shown
    assert EVERY_FIGURE.shows(partners=partners, others=others)


# Co-financing on the line page --------------------------------------------------------------------


@pytest.fixture
def one_owner(centre, lines, partner_a, partner_b):
    """An activity of partner A alone, with its accepted EUR 1.234,00 (and a draft of partner B's, not counted)."""
    work = activity(lines[1], title="Module analytische chemie", owners=[partner_a])
    contribution(partner_a, amount="1234.00", kind="research", hours="16", programme_line=lines[1], activity=work)
    contribution(partner_b, amount="5000.00", kind="research", programme_line=lines[1], activity=work,
                 status="submitted")
    return work


@pytest.mark.parametrize("persona", EVERYONE)
def test_one_partners_cofinancing_shows_to_the_office_and_that_partner_only(request, one_owner, persona):
    response = page_for(request, persona, "line", 1)
    page = response.content.decode()
    sees = persona not in OUTSIDERS
    assert ("EUR 1.234" in page) is sees
    assert (WITHHELD in page) is not sees
    figures = response.context["page"]
    assert figures.activities[0].cofinanced == (Decimal("1234.00") if sees else None)
    assert [(kind.amount, kind.hours) for kind in figures.cofinancing.kinds] == [
        (Decimal("1234.00"), Decimal("16.00")) if sees else (None, None)]
    assert figures.cofinancing.total == (Decimal("1234.00") if sees else None)
    if not sees:
        assert "minder dan 3 partners" in page and "binnen een totaal van ten minste 3 partners" in page


@pytest.mark.parametrize("persona", EVERYONE)
def test_three_partners_cofinancing_shows_to_everyone(request, centre, lines, partner_a, partner_b, partner_c,
                                                     persona):
    work = activity(lines[1], owners=[partner_a, partner_b, partner_c])
    for partner, amount in ((partner_a, "400.00"), (partner_b, "400.00"), (partner_c, "434.00")):
        contribution(partner, amount=amount, kind="research", programme_line=lines[1], activity=work)
    response = page_for(request, persona, "line", 1)
    page = response.content.decode()
    assert page.count("EUR 1.234") == 3  # the activity, the kind's row and the line's total
    assert WITHHELD not in page


@pytest.mark.parametrize("persona", EVERYONE)
def test_a_kind_of_two_partners_is_withheld_and_with_it_the_lines_total(request, centre, lines, partner_a,
                                                                        partner_b, partner_c, persona):
    contribution(partner_a, amount="1000.00", kind="lab", programme_line=lines[1])
    contribution(partner_b, amount="234.00", kind="lab", programme_line=lines[1])
    for partner in (partner_a, partner_b, partner_c):
        contribution(partner, amount="300.00", kind="education", programme_line=lines[1])
    contribution(partner_a, amount="70.00", kind="cash", programme_line=lines[1])  # partner A's alone
    cofinancing = page_for(request, persona, "line", 1).context["page"].cofinancing
    amounts = {kind.kind: kind.amount for kind in cofinancing.kinds}
    office = persona in OFFICE
    assert amounts["education"] == Decimal("900.00")  # three partners: everyone
    assert amounts["lab"] == (Decimal("1234.00") if office else None)  # two partners: the office only
    assert amounts["cash"] == (Decimal("70.00") if persona in OFFICE + OWNER else None)  # partner A's own
    assert cofinancing.total == (Decimal("2204.00") if office else None)  # would give the lab row away


def test_the_lead_applicants_own_contributions_show_their_amount_to_the_office_only(request, centre, lines,
                                                                                 partner_a, partner_b):
    partner_b.cofinancing_group = CofinancingGroup.NOT_COUNTED
    partner_b.save()
    contribution(partner_b, amount="1234.00", kind="lab", programme_line=lines[1])
    outsider = page_for(request, "practor", "line", 1).content.decode()
    assert "EUR 1.234" not in outsider and "De eigen bijdragen van de penvoerder" in outsider
    assert "EUR 1.234" in page_for(request, "finance_controller", "line", 1).content.decode()


# KPI figures ---------------------------------------------------------------------------------------


@pytest.fixture
def partner_a_kpi(lines, partner_a):
    """A count whose only figure, 1.234 students, partner A recorded."""
    row = kpi(lines[1], name="Studenten in modules", targets={2025: 2000, 2026: 3000})
    actual(row, date(2025, 3, 1), 1234, partnership=partner_a)
    return row


@pytest.mark.parametrize("persona", EVERYONE)
def test_one_partners_kpi_figures_show_to_the_office_and_that_partner_only(request, partner_a_kpi, persona):
    sees = persona not in OUTSIDERS
    line_page = page_for(request, persona, "line", 1).content.decode()
    assert ("1.234" in line_page) is sees
    kpi_page = page_for(request, persona, "kpi", partner_a_kpi.pk)
    assert ("1.234" in kpi_page.content.decode()) is sees
    assert kpi_page.context["unlisted"] == (0 if sees else 1)
    if not sees:
        assert "1 cijfer van een andere partner" in kpi_page.content.decode()
    chart = page_for(request, persona, "kpi_chart", partner_a_kpi.pk).content.decode()
    assert ("1.234" in chart) is sees


@pytest.mark.parametrize("persona", EVERYONE)
def test_three_partners_kpi_total_shows_to_everyone_but_only_the_own_figures_one_by_one(
        request, centre, lines, partner_a, partner_b, partner_c, persona):
    row = kpi(lines[1], targets={2025: 2000})
    for partner, value in ((partner_a, 400), (partner_b, 401), (partner_c, 433)):
        actual(row, date(2025, 3, 1), value, partnership=partner)
    assert "1.234" in page_for(request, persona, "line", 1).content.decode()
    kpi_page = page_for(request, persona, "kpi", row.pk)
    listed = {actual.partnership.short_code for actual, _ in kpi_page.context["actuals"]}
    expected = {"partner-a", "partner-b", "partner-c"} if persona in OFFICE else (
        {"partner-a"} if persona in OWNER else {"partner-b"} if persona == "partner_b_contact" else set())
    assert listed == expected
    assert kpi_page.context["unlisted"] == 3 - len(expected)
    assert "1.234" in kpi_page.content.decode()


def test_figures_the_office_recorded_for_no_partner_show_to_everyone(request, lines):
    row = kpi(lines[1], targets={2025: 2000})
    actual(row, date(2025, 3, 1), 1234)
    for persona in OUTSIDERS:
        assert "1.234" in page_for(request, persona, "line", 1).content.decode()
        assert page_for(request, persona, "kpi", row.pk).context["unlisted"] == 0


def test_a_level_recorded_by_one_partner_is_that_partners(lines, partner_a, partner_b):
    level = kpi(lines[1], measure=Kpi.Measure.LATEST, baseline="5", targets={2025: 10})
    actual(level, date(2024, 6, 1), 8)  # the office's
    actual(level, date(2025, 6, 1), 9, partnership=partner_a)
    outsider = PartnerFigures(sees_all=False, own=frozenset({partner_b.pk}))
    row = kpi_years(Kpi.objects.filter(pk=level.pk), years=[2024, 2025], as_of=date(2025, 12, 31),
                    figures=outsider)[0]
    assert [(year.actual, year.withheld) for year in row.years] == [(Decimal("8.00"), False), (None, True)]
    assert row.progress.actual is None and row.progress.behind is False  # 9 ≥ 10 × 0.9
    own = PartnerFigures(sees_all=False, own=frozenset({partner_a.pk}))
    row = kpi_years(Kpi.objects.filter(pk=level.pk), years=[2024, 2025], as_of=date(2025, 12, 31), figures=own)[0]
    assert row.progress.actual == Decimal("9.00")


def test_a_count_stays_withheld_after_a_year_of_fewer_than_three_partners(lines, partner_a, partner_b, partner_c):
    """2026's total minus 2025's would be 2026's figures: a year of one partner keeps the later years withheld."""
    row = kpi(lines[1], targets={2025: 10, 2026: 20})
    for partner in (partner_a, partner_b, partner_c):
        actual(row, date(2025, 3, 1), 3, partnership=partner)
    actual(row, date(2026, 3, 1), 5, partnership=partner_a)
    outsider = PartnerFigures(sees_all=False, own=frozenset())
    years = kpi_years(Kpi.objects.filter(pk=row.pk), years=[2025, 2026, 2027], as_of=date(2026, 6, 1),
                      figures=outsider)[0]
    assert [(year.actual, year.withheld) for year in years.years] == [
        (Decimal("9.00"), False), (None, True), (None, False)]
    assert years.progress.withheld and years.progress.percent is None
    office = kpi_years(Kpi.objects.filter(pk=row.pk), years=[2025, 2026], as_of=date(2026, 6, 1))[0]
    assert office.progress.actual == Decimal("14.00")


def test_the_overview_lists_a_kpi_behind_without_one_partners_figure(request, centre, lines, partner_a):
    row = kpi(lines[1], name="Achterstand bij partner A", targets={2024: 5000})
    actual(row, date(2024, 3, 1), 1234, partnership=partner_a)
    outsider = page_for(request, "practor", "overview").content.decode()
    assert "Achterstand bij partner A" in outsider and "1.234" not in outsider
    assert "1.234" in page_for(request, "programme_manager", "overview").content.decode()


# Query counts --------------------------------------------------------------------------------------


def _grow(lines, partners, size):
    for line in lines.values():
        for number in range(size):
            work = activity(line, title=f"Activiteit {number}", owners=partners[:1])
            row = kpi(line, name=f"KPI {number}", targets={2025: 20})
            for partner in partners:
                contribution(partner, amount="100.00", kind="lab", programme_line=line, activity=work)
                actual(row, date(2025, 3, 1), 5, partnership=partner)


@pytest.mark.parametrize("persona", ["partner_b_contact", "practor", "programme_manager"])
def test_the_line_pages_queries_do_not_grow_with_withheld_figures(request, centre, lines, partner_a, partner_b,
                                                                   persona):
    client = client_for(request.getfixturevalue(persona))
    target = reverse("programme:line", args=[centre.slug, 1])
    _grow(lines, [partner_a, partner_b], 1)
    small = count_queries(client, target)
    _grow(lines, [partner_a, partner_b], 2)  # 3 × 1 in all
    assert count_queries(client, target) == small
