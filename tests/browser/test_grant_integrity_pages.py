"""The pages an auditor's questions lead to, in Chromium: the report calendar, the budget with its rule checks,
the revision form and what changed since a submitted report. Each passes axe-core and reflows at 320 px."""

from datetime import date

import pytest
from django.urls import reverse

from civhub.grants.services.reports import mark_report_submitted
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in
from tests.factories import PASSWORD
from tests.grants.edge_support import edge_centre

pytestmark = pytest.mark.browser


def test_the_report_calendar_budget_and_changes_since_a_report(transactional_db, page, centre, finance_controller):
    edge = edge_centre(centre)
    submission = mark_report_submitted(grant=edge.grant, due_date=date(2025, 2, 1), kind="progress",
                                       actor=finance_controller, submitted_on=date(2025, 1, 30))
    sign_in(page, finance_controller.email, PASSWORD)
    pages = {
        "grant-deadlines": reverse("grants:deadlines", args=[centre.slug]),
        "grant-budget": reverse("grants:budget", args=[centre.slug]),
        "grant-budget-revise": reverse("grants:budget_revise", args=[centre.slug]),
        "report-changes-since": reverse("reports:changes_since", args=[centre.slug, submission.pk]),
    }
    for name, address in pages.items():
        response = page.goto(address)
        assert response.status == 200, address
        assert_accessible(page)
        screenshot(page, name)
        assert_reflows(page)
    text = page.locator("main").inner_text()
    assert "het rapport is reproduceerbaar" in text  # recomputed for the report's day, nothing moved
    assert "getallen af van het rapport" in text  # 2025's entries came after it
