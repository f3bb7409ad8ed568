"""WCAG 2.1 AA on the pages of a person's data: the administrator's list, person and erasure pages (also with the
wrong address typed) and the person's own download page. axe-core finds no serious or critical violation at a
laptop's width nor at a phone's, and each page reflows at 320 px."""

import pytest
from django.urls import reverse

from tests.browser.support import assert_reflows, blocking_violations, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _check(page, problems: dict) -> None:
    if found := blocking_violations(page):
        problems[page.url] = found
    assert_reflows(page)


def test_the_pages_of_a_persons_data(transactional_db, page, centre, centre_admin, partner_a_contact):
    slug, problems = centre.slug, {}
    sign_in(page, centre_admin.email, PASSWORD)
    for address in (reverse("privacy:people", args=[slug]),
                    reverse("privacy:person", args=[slug, partner_a_contact.pk]),
                    reverse("privacy:erase", args=[slug, partner_a_contact.pk])):
        assert page.goto(address).status == 200, address
        _check(page, problems)
    page.fill("input[name=email]", "iemand.anders@example.org")
    submit(page)
    assert page.locator(".errorlist").count() >= 1
    _check(page, problems)
    assert page.goto(reverse("privacy:my_data")).status == 200
    _check(page, problems)
    assert not problems, problems
