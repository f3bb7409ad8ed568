"""WCAG 2.1 AA on the programme office's working pages for governance, events, news and the programme: axe-core
finds no serious or critical violation at a laptop's width nor at a phone's (390 px), and each page reflows at
320 px."""

from datetime import date

import pytest
from django.urls import reverse

from civhub.governance.models import SteeringMember
from tests.browser.support import assert_reflows, blocking_violations, sign_in
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory
from tests.factories import PASSWORD
from tests.governance.support import action, decision, meeting
from tests.news.factories import NewsItemFactory
from tests.programme.support import activity, kpi, milestone, programme

pytestmark = pytest.mark.browser

def office_pages(centre, programme_manager, steering_member, partner_a) -> list[str]:
    """One of everything the office works with, and the addresses of the pages that show it."""
    slug = centre.slug
    held = meeting(centre)
    decision(held)
    action(held, steering_member, due=date(2027, 4, 1))
    SteeringMember.objects.create(centre=centre, name="Anna Bakker", partnership=partner_a, role="chair",
                                  start=date(2024, 1, 1))
    event = EventFactory(centre=centre, capacity=2)
    QuestionFactory(event=event, label="Welke workshop?", kind="choice", choices="Robotica\nData")
    RegistrationFactory(event=event, name="Sanne de Vries")
    NewsItemFactory(centre=centre, title="Werkconferentie: partners kiezen speerpunten")
    line = programme(centre)[1]
    planned, due, measured = activity(line), milestone(line), kpi(line, targets={2025: 10})
    return [
        reverse("governance:meetings", args=[slug]),
        reverse("governance:meeting_new", args=[slug]),
        reverse("governance:decision_new", args=[slug, held.pk]),
        reverse("governance:action_new", args=[slug, held.pk]),
        reverse("governance:minutes", args=[slug, held.pk]),
        reverse("governance:decisions", args=[slug]),
        reverse("governance:actions", args=[slug]),
        reverse("governance:steering_group", args=[slug]),
        reverse("governance:seat_new", args=[slug]),
        reverse("events:manage", args=[slug]),
        reverse("events:event_new", args=[slug]),
        reverse("events:event_edit", args=[slug, event.pk]),
        reverse("events:registrations", args=[slug, event.pk]),
        reverse("events:check_in", args=[slug, event.pk]),
        reverse("news:manage", args=[slug]),
        reverse("news:create", args=[slug]),
        reverse("news:public_texts", args=[slug]),
        reverse("programme:activity_delete", args=[slug, planned.pk]),
        reverse("programme:milestone_edit", args=[slug, due.pk]),
        reverse("programme:kpi_delete", args=[slug, measured.pk]),
        reverse("office:dashboard", args=[slug]),
    ]


def test_the_offices_governance_events_news_and_programme_pages(transactional_db, page, centre, programme_manager,
                                                                steering_member, partner_a):
    addresses = office_pages(centre, programme_manager, steering_member, partner_a)
    sign_in(page, programme_manager.email, PASSWORD)
    problems = {}
    for address in addresses:
        response = page.goto(address)
        assert response.status == 200, address
        if found := blocking_violations(page):
            problems[address] = found
        assert_reflows(page)
    assert not problems, problems
