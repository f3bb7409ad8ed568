"""WCAG 2.1 AA on the pages for shared-organisation changes and the co-financing group: axe-core finds no serious or
critical violation, and each page reflows at 320 px."""

import pytest
from django.urls import reverse

from tests.browser.support import assert_reflows, blocking_violations, sign_in
from tests.factories import PASSWORD
from tests.partners.factories import partner_person, shared_change

pytestmark = pytest.mark.browser


def test_the_change_and_cofinancing_pages(transactional_db, new_page, centre, other_centre, programme_manager,
                                          partner_a):
    change = shared_change(asked_of=centre, asked_from=other_centre,
                           wanted={"name": "Nieuwe Naam BV", "city": "Wageningen"})
    requester = partner_person(change.partnership, email="vrager@example.org", password=PASSWORD)
    office, partner = new_page(), new_page()
    sign_in(office, programme_manager.email, PASSWORD)
    sign_in(partner, requester.email, PASSWORD)
    there = change.partnership
    visits = [
        (office, reverse("office:organisation_changes", args=[centre.slug])),
        (office, reverse("office:organisation_change", args=[centre.slug, change.pk])),
        (office, reverse("office:partner_cofinancing", args=[centre.slug, partner_a.short_code])),
        (office, reverse("office:dashboard", args=[centre.slug])),
        (partner, reverse("portal:partner", args=[other_centre.slug, there.short_code])),
        (partner, reverse("portal:partner_edit", args=[other_centre.slug, there.short_code])),
    ]
    problems = {}
    for page, address in visits:
        response = page.goto(address)
        assert response.status == 200, address
        if found := blocking_violations(page):
            problems[address] = found
        assert_reflows(page)
    assert not problems, problems
