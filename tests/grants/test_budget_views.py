"""The budget pages: the overview, one version, the comparison, a revision and making a version current."""

import pytest
from django.urls import reverse

from civhub.grants.models import BudgetVersion
from tests.grants.support import add_version, grant_with_budget, grant_with_lines, many_cells
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(centre):
    return grant_with_budget(centre)


def url(name, centre, *args):
    return reverse(f"grants:{name}", args=[centre.slug, *args])


def revision_post(cells, *, base=1, name="Herziening 2025", reason="Besluit stuurgroep",
                  deviation="Testbegroting") -> dict:
    """The revision form as a browser posts it: (year, line, category, source, amount) per row.

    The small test budgets break the regulation's rules, so the post says why (`deviation`).
    """
    data = {"base": base, "name": name, "reason": reason, "deviation_reason": deviation,
            "cells-TOTAL_FORMS": len(cells),
            "cells-INITIAL_FORMS": len(cells), "cells-MIN_NUM_FORMS": 0, "cells-MAX_NUM_FORMS": 2000}
    for index, (year, line, category, source, amount) in enumerate(cells):
        data.update({f"cells-{index}-year": year, f"cells-{index}-line": line or "",
                     f"cells-{index}-category": category, f"cells-{index}-source": source,
                     f"cells-{index}-amount": amount})
    return data


# The overview ----------------------------------------------------------------------------------------


def test_overview_shows_each_version_with_its_totals_and_the_current_budget(grant, steering_member):
    add_version(grant, 2, [(2025, 1, "personnel", "subsidy", "90000.00")], name="Herziening")
    page = client_for(steering_member).get(url("budget", grant.centre)).content.decode()
    assert 'data-total="1-subsidy">EUR 85,000.00' in page
    assert 'data-total="1-in_kind">EUR 50,000.00' in page
    assert 'data-total="1"><strong>EUR 155,000.00' in page
    assert 'data-total="2"><strong>EUR 90,000.00' in page
    assert "Current budget: version 1, Begroting aanvraag" in page
    assert 'data-year-total="2026">EUR 20,000.00' in page
    assert "Make current" not in page  # the steering group reads only


def test_the_finance_controller_gets_the_revise_and_make_current_links(grant, finance_controller):
    add_version(grant, 2, [])
    page = client_for(finance_controller).get(url("budget", grant.centre)).content.decode()
    assert url("budget_revise", grant.centre) in page
    assert url("budget_make_current", grant.centre, 2) in page


def test_a_centre_without_grant_gets_a_page_that_says_so(centre, programme_manager):
    response = client_for(programme_manager).get(url("budget", centre))
    assert response.status_code == 200
    assert "This centre has no grant yet" in response.content.decode()


def test_version_page_lists_the_cells_by_year_with_year_totals(grant, programme_manager):
    page = client_for(programme_manager).get(url("budget_version", grant.centre, 1)).content.decode()
    assert 'data-group-total="2025"><strong>EUR 135,000.00' in page
    assert "Line 1" in page and "No line" in page


# Comparing -----------------------------------------------------------------------------------------------


def test_compare_marks_changed_new_and_removed_cells_in_words(grant, programme_manager):
    add_version(grant, 2, [(2025, 1, "personnel", "subsidy", "90000.00"), (2025, 1, "lab", "in_kind", "50000.00"),
                           (2027, 2, "other", "cash", "1000.00")])
    response = client_for(programme_manager).get(url("budget_compare", grant.centre))
    page = response.content.decode()
    comparison = response.context["comparison"]
    assert (comparison.a.number, comparison.b.number) == (1, 2)
    assert [row.change for row in comparison.rows] == ["removed", "same", "changed", "removed", "new"]
    assert page.count('class="budget-changed"') >= 1
    assert ">changed</span>" in page and ">new</span>" in page and ">removed</span>" in page
    assert 'data-total="a">EUR 155,000.00' in page
    assert 'data-total="b">EUR 141,000.00' in page
    assert 'data-total="difference"><strong>EUR −14,000.00' in page


def test_compare_defaults_to_the_version_before_the_current_one(grant, finance_controller):
    add_version(grant, 2, [])
    grant.budget_versions.filter(number=1).update(is_current=False)
    add_version(grant, 3, [], current=True)
    comparison = client_for(finance_controller).get(url("budget_compare", grant.centre)).context["comparison"]
    assert (comparison.a.number, comparison.b.number) == (2, 3)


def test_compare_takes_the_versions_chosen(grant, programme_manager):
    add_version(grant, 2, [])
    comparison = client_for(programme_manager).get(url("budget_compare", grant.centre) + "?a=2&b=1").context[
        "comparison"]
    assert (comparison.a.number, comparison.b.number) == (2, 1)


def test_compare_with_one_version_explains_there_is_nothing_to_compare(grant, programme_manager):
    page = client_for(programme_manager).get(url("budget_compare", grant.centre)).content.decode()
    assert "There is only one budget version" in page


# Revising ---------------------------------------------------------------------------------------------


def test_revise_form_shows_every_cell_of_the_base_prefilled_and_empty_rows(grant, finance_controller):
    response = client_for(finance_controller).get(url("budget_revise", grant.centre))
    cells = response.context["cells"]
    assert len(cells.forms) == 4 + 5
    assert cells.forms[0].initial == {"year": 2025, "line": None, "category": "overhead", "source": "subsidy",
                                      "amount": grant.budget_versions.get().lines.get(category="overhead").amount}
    assert 'value="80000.00"' in response.content.decode()


def test_saving_a_revision_creates_the_next_version_and_shows_it(grant, finance_controller):
    client = client_for(finance_controller)
    response = client.post(url("budget_revise", grant.centre), revision_post([
        (2025, 1, "personnel", "subsidy", "85.000,00"), (2026, None, "other", "cash", ""),
        (2027, 2, "lab", "in_kind", "1250.50")]))
    assert response.status_code == 302
    assert response["Location"] == url("budget_version", grant.centre, 2)
    version = BudgetVersion.objects.get(number=2)
    assert (version.name, version.reason, version.is_current) == ("Herziening 2025", "Besluit stuurgroep", False)
    assert sorted(str(line.amount) for line in version.lines.all()) == ["1250.50", "85000.00"]
    assert "Budget version 2 has been saved" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("cells", "message"), [
    ([(2025, 1, "personnel", "subsidy", "-5")], "the amount is negative"),
    ([(2025, 1, "personnel", "subsidy", "5"), (2025, 1, "personnel", "subsidy", "6")], "has the same year"),
    ([(2025, 1, "personnel", "subsidy", "5,123")], "At most 2 decimals."),
    ([(2025, 9, "personnel", "subsidy", "5")], "Select a valid choice"),
    ([(2031, 1, "personnel", "subsidy", "5")], "Select a valid choice"),
    ([("", 1, "personnel", "subsidy", "5")], "Choose the year, the cost category and the source"),
])
def test_a_refused_revision_says_why_and_saves_nothing(grant, finance_controller, cells, message):
    response = client_for(finance_controller).post(url("budget_revise", grant.centre), revision_post(cells))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert BudgetVersion.objects.count() == 1


def test_a_revision_without_reason_is_refused(grant, finance_controller):
    response = client_for(finance_controller).post(url("budget_revise", grant.centre),
                                                   revision_post([(2025, 1, "lab", "cash", "5")], reason=""))
    assert response.status_code == 400
    assert "Give the reason for the revision." in response.content.decode()


def test_revise_starts_from_the_version_asked_for(grant, finance_controller):
    add_version(grant, 2, [(2028, 2, "other", "subsidy", "7.00")])
    response = client_for(finance_controller).get(url("budget_revise", grant.centre) + "?base=2")
    assert response.context["base"].number == 2
    assert len(response.context["cells"].initial) == 1


# Making a version current -----------------------------------------------------------------------------


def test_make_current_asks_first_then_switches(grant, finance_controller):
    add_version(grant, 2, [], name="Herziening")
    client = client_for(finance_controller)
    page = client.get(url("budget_make_current", grant.centre, 2)).content.decode()
    assert "Make version 2 the current budget?" in page
    assert BudgetVersion.objects.get(number=1).is_current
    response = client.post(url("budget_make_current", grant.centre, 2), follow=True)
    assert "Budget version 2 is now the current budget." in response.content.decode()
    assert list(BudgetVersion.objects.filter(is_current=True).values_list("number", flat=True)) == [2]


def test_make_current_of_the_current_version_shows_the_message(grant, finance_controller):
    response = client_for(finance_controller).post(url("budget_make_current", grant.centre, 1), follow=True)
    assert "Version 1 is already the current budget." in response.content.decode()


# Query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["budget", "budget_compare"])
def test_budget_pages_take_the_same_queries_for_more_versions_and_cells(centre, programme_manager, name):
    grant = grant_with_budget(centre, cells=many_cells(10))
    add_version(grant, 2, many_cells(10))
    client = client_for(programme_manager)
    few = count_queries(client, url(name, centre))  # versions 1 and 2 of 10 cells, 1 current
    add_version(grant, 3, many_cells(30))
    add_version(grant, 4, many_cells(30))
    grant.budget_versions.filter(number=1).update(is_current=False)
    grant.budget_versions.filter(number=4).update(is_current=True)
    assert count_queries(client, url(name, centre)) == few  # four versions, 3 and 4 of 30 cells, 4 current


def test_version_page_takes_the_same_queries_for_more_cells(centre, programme_manager):
    grant = grant_with_lines_and_versions(centre)
    client = client_for(programme_manager)
    assert count_queries(client, url("budget_version", centre, 2)) == count_queries(
        client, url("budget_version", centre, 3))
    assert grant.budget_versions.get(number=3).lines.count() == 3 * grant.budget_versions.get(number=2).lines.count()


def grant_with_lines_and_versions(centre):
    grant = grant_with_budget(centre)
    add_version(grant, 2, many_cells(20))
    add_version(grant, 3, many_cells(60))
    return grant


def test_revise_form_takes_the_same_queries_for_more_cells(centre, finance_controller):
    grant_with_lines_and_versions(centre)
    client = client_for(finance_controller)
    assert count_queries(client, url("budget_revise", centre) + "?base=2") == count_queries(
        client, url("budget_revise", centre) + "?base=3")


def test_revise_without_any_budget_sends_back_to_the_overview(centre, finance_controller):
    grant = grant_with_lines(centre)
    response = client_for(finance_controller).get(url("budget_revise", centre), follow=True)
    assert response.redirect_chain[-1][0] == url("budget", centre)
    assert "The grant has no budget yet to revise" in response.content.decode()
    assert not grant.budget_versions.exists()


def test_a_revision_posted_from_an_unknown_base_is_refused(grant, finance_controller):
    response = client_for(finance_controller).post(url("budget_revise", grant.centre),
                                                   revision_post([(2025, 1, "lab", "cash", "5")], base=42))
    assert response.status_code == 400
    assert "Choose the version to start from again." in response.content.decode()
    assert BudgetVersion.objects.count() == 1
