"""The application's budget in Chromium: the programme manager reads the budget with its checks, adds a partner's
hours while the line form computes volume × price and warns off the round's rate as she types, and sees the line
on the budget. Every page of the application passes axe-core and reflows at 320 px; screenshots are kept."""

import pytest
from django.urls import reverse

from civhub.applications.models import BudgetLine
from tests.applications.support import application, balanced_budget
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD, ProgrammeLineFactory
from tests.hca.outputs_data import build_labour_market

pytestmark = pytest.mark.browser


def test_the_office_adds_hours_with_the_amount_computed_while_typing(transactional_db, page, centre,
                                                                     programme_manager, partner_a, partner_b):
    ProgrammeLineFactory(centre=centre, number=1, name={"nl": "Onderwijs", "en": "Education"})
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    sign_in(page, programme_manager.email, PASSWORD)

    page.goto(reverse("applications:budget", args=[centre.slug, made.pk]))
    main = page.locator("main")
    assert "Inkomsten en kosten zijn gelijk: EUR 900.000,00." in main.inner_text()
    assert "De subsidie (EUR 300.000,00) is ten hoogste een derde van de begroting" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-budget-1280")

    page.get_by_role("link", name="Inkomsten toevoegen").click()
    page.wait_for_load_state()
    page.get_by_label("Jaar").select_option("2023")
    page.get_by_label("Betaald door").select_option(str(partner_a.pk))
    page.get_by_label("Geld of in natura").select_option("in_kind")
    page.get_by_label("Categorie").select_option("hours")
    assert page.get_by_label("Prijs (EUR)").input_value() == "73,00"  # the round's rate, filled in
    page.get_by_label("Omschrijving").fill("Analist begeleidt practoraat")
    page.get_by_label("Volume").fill("1.250,5")
    amount = page.locator("[data-amount]")
    assert amount.inner_text() == "Bedrag: EUR 91.286,50"
    page.get_by_label("Prijs (EUR)").fill("80")
    assert "Personeelsuren worden gewaardeerd tegen EUR 73,00 per uur." in amount.inner_text()
    assert "Bedrag: EUR 100.040,00" in amount.inner_text()
    page.get_by_label("Prijs (EUR)").fill("73")
    assert amount.inner_text() == "Bedrag: EUR 91.286,50"
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-budget-line-1280")
    submit(page)
    page.wait_for_load_state()

    assert "De regel is opgeslagen." in page.content()
    line = BudgetLine.objects.get(description="Analist begeleidt practoraat")
    assert (line.year, str(line.amount), line.partnership_id) == (2023, "91286.50", partner_a.pk)
    assert "EUR 91.286,50" in page.locator("#lines").inner_text()
    assert "Inkomsten en kosten zijn gelijk: EUR 991.286,50." in page.locator("main").inner_text()


def test_the_applications_other_pages_pass_axe_and_reflow(transactional_db, page, centre, programme_manager,
                                                          partner_a, partner_b):
    build_labour_market(centre)
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    slug, vision = centre.slug, made.parts.get(kind="regional_vision")
    line, forecast = made.budget_lines.first(), made.continuation_lines.first()
    addresses = [
        reverse("applications:applications", args=[slug]),
        reverse("applications:application_new", args=[slug]),
        reverse("applications:workspace", args=[slug, made.pk]),
        reverse("applications:part", args=[slug, vision.pk]),
        reverse("applications:part_edit", args=[slug, vision.pk]),
        reverse("applications:cost_new", args=[slug, made.pk]),
        reverse("applications:line_delete", args=[slug, line.pk]),
        reverse("applications:budget_import", args=[slug, made.pk]),
        reverse("applications:continuation", args=[slug, made.pk]),
        reverse("applications:continuation_edit", args=[slug, forecast.pk]),
    ]
    sign_in(page, programme_manager.email, PASSWORD)
    for address in addresses:
        assert page.goto(address).status == 200, address
        assert_accessible(page)
        assert_reflows(page)
    screenshot(page, "application-continuation-1280")


def test_the_line_form_checks_the_budget_with_the_line_while_typing(transactional_db, page, centre,
                                                                     programme_manager, partner_a, partner_b):
    """Employers EUR 450,000.00 and government EUR 150,000.00 against EUR 900,000.00 of costs, and no subsidy yet:
    a subsidy of EUR 300,000.01 is EUR 0.01 more than one third of EUR 900,000.01 (EUR 300,000.00); a subsidy of
    EUR 300,000.00 is exactly one third, and every rule holds."""
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    made.budget_lines.filter(source="subsidy").delete()
    sign_in(page, programme_manager.email, PASSWORD)

    page.goto(reverse("applications:income_new", args=[centre.slug, made.pk]))
    checks = page.locator("[data-live-checks]")
    assert checks.get_attribute("aria-live") == "polite"
    page.get_by_label("Betaald door").select_option("subsidy")
    page.get_by_label("Volume").fill("1")
    page.get_by_label("Prijs (EUR)").fill("300.000,01")
    problem = "Met deze regel is de subsidie EUR 0,01 hoger dan een derde van de begroting."
    assert problem in checks.inner_text()
    assert checks.locator("li.status-problem").count() == 1
    assert "Met deze regel zijn de inkomsten EUR 0,01 hoger dan de kosten" in checks.inner_text()
    assert_accessible(page)

    page.get_by_label("Prijs (EUR)").fill("300.000,00")
    assert "Met deze regel klopt de begroting met de regels van de regeling." in checks.inner_text()
    assert problem not in checks.inner_text()
    assert checks.locator("li.status-problem").count() == 0
    assert_accessible(page)
    screenshot(page, "application-budget-line-checks-1280")

    page.get_by_label("Betaald door").select_option(str(partner_b.pk))  # government: above its third
    assert "Met deze regel brengen de overheid en andere partners EUR 150.000,00 te veel in" in checks.inner_text()
