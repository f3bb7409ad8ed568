"""The five key flows by keyboard alone (issue 14): apply as a partner, enter and approve hours, record the report
to the funder and download its pack, register for an event, plan a meeting and record a decision.

Axe sees about a third of WCAG; these tests check what it cannot. Every control is reached with Tab (checking on
each stop that the focus can be seen, `support.tab_to`), text is typed, choices are made with the arrow keys and
Space, and forms are sent and links followed with Enter; nothing is clicked or filled. Each flow starts where a
person starts (the centre's page, the menu after signing in), sends a form once with a mistake and checks that the
mistake is announced (the error summary has the focus and is an alert), and ends with axe-core on its last page.
Inputs are found by their name, not their Dutch words.
"""

import pytest
from django.urls import reverse

from civhub.partners.models import PartnerApplication
from tests.browser.support import (
    assert_accessible,
    assert_announced,
    assert_focus_visible,
    focused,
    press_and_wait,
    sign_in_by_keyboard,
    tab_to,
    type_into,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def choose(page, select: str, value: str, *, max_presses: int = 30) -> None:
    """With the focus on a <select>, move its choice with the arrow keys until it holds `value`."""
    page.keyboard.press("Home")
    for _ in range(max_presses):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{select} never took {value!r} with the arrow keys (the focus is on {focused(page)})")


def assert_error_summary(page, message: str) -> None:
    """The form came back with `message`: the error summary, an alert, has the focus, shows it and can be seen."""
    assert page.evaluate("document.activeElement.matches('main .form-errors')"), (
        f"after a form with mistakes the focus is on {focused(page)}, not on the error summary")
    assert_focus_visible(page)
    assert_announced(page, message)


def open_menu(page, group: str, link: str) -> None:
    """Open a group of the office's menu (a disclosure button) with Enter and follow one of its links with Enter."""
    button = page.locator(f".nav-group-button[aria-controls={group}]")
    tab_to(page, button)
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    tab_to(page, page.locator(f"#{group} a[href='{link}']"))
    press_and_wait(page)
    assert page.url.endswith(link)


def test_keyboard_a_visitor_applies_as_a_partner_and_the_manager_approves(transactional_db, new_page, full_centre,
                                                                          programme_manager):
    centre = full_centre
    page = new_page()
    page.goto(reverse("public:centre", args=[centre.slug]))
    tab_to(page, ".skip-link", max_tabs=1)  # the first stop skips the header
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, page.locator("main a[href$='/word-partner/']"))
    press_and_wait(page)
    assert page.url.endswith(reverse("public:apply", args=[centre.slug]))

    # Everything but the organisation's name: the form comes back with that one mistake.
    tab_to(page, "select[name=kind]")
    choose(page, "kind", "company")
    type_into(page, "input[name=city]", "Wageningen")
    type_into(page, "input[name=website]", "https://dewei.example.org")
    type_into(page, "input[name=kvk_number]", "87654321")
    type_into(page, "input[name=contact_name]", "Noor Jansen")
    type_into(page, "input[name=contact_email]", "noor.jansen@example.org")
    type_into(page, "textarea[name=motivation]", "Wij willen stageplekken en ons lab inbrengen.")
    tab_to(page, "input[name=intended_kinds][value=lab]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Vul de naam van uw organisatie in.")
    assert PartnerApplication.objects.count() == 0
    tab_to(page, "main .form-errors a[href='#id_organisation_name']", max_tabs=1)  # the summary leads to the field
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "organisation_name"
    page.keyboard.type("Kaasmakerij De Wei BV")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert page.url.endswith(reverse("public:apply_done", args=[centre.slug]))
    application = PartnerApplication.objects.get()
    assert application.organisation_name == "Kaasmakerij De Wei BV"
    assert_announced(page, "Bedankt voor uw aanmelding", new_page=True)
    assert_accessible(page)

    manager = new_page()
    sign_in_by_keyboard(manager, programme_manager.email, PASSWORD)
    open_menu(manager, "menu-partners", reverse("office:applications", args=[centre.slug]))
    detail = reverse("office:application", args=[centre.slug, application.pk])
    tab_to(manager, manager.locator(f"main a[href='{detail}']"))
    press_and_wait(manager)
    tab_to(manager, manager.locator("main a[href$='/goedkeuren/']"))
    press_and_wait(manager)
    tab_to(manager, "main form button[type=submit]")
    press_and_wait(manager)
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED
    assert_announced(manager, "Kaasmakerij De Wei BV")
    assert_accessible(manager)
