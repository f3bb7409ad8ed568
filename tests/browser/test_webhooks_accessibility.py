"""WCAG 2.1 AA on the office's webhook pages: axe-core finds no serious or critical violation at a laptop's width nor
at a phone's (390 px), each page reflows at 320 px, and adding a webhook shows its secret once in a labelled field."""

import pytest
from django.urls import reverse

from civhub.webhooks.models import Delivery, EventName
from civhub.webhooks.services import create_subscription
from tests.browser.support import assert_reflows, blocking_violations, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_webhook_pages(transactional_db, page, centre, programme_manager):
    subscription = create_subscription(centre=centre, actor=programme_manager, url="https://crm.example.org/civhub",
                                       events=[EventName.CONTRIBUTION_ACCEPTED, EventName.DECISION_RECORDED])
    Delivery.objects.create(subscription=subscription, event=EventName.TEST, status=Delivery.Status.FAILED,
                            attempts=6, last_response_code=500)
    Delivery.objects.create(subscription=subscription, event=EventName.CONTRIBUTION_ACCEPTED, attempts=1,
                            status=Delivery.Status.DELIVERED, last_response_code=200)
    slug = centre.slug
    sign_in(page, programme_manager.email, PASSWORD)
    problems = {}
    for address in (reverse("webhooks:subscriptions", args=[slug]), reverse("webhooks:subscription_new", args=[slug]),
                    reverse("webhooks:subscription", args=[slug, subscription.pk]),
                    reverse("webhooks:subscription_deactivate", args=[slug, subscription.pk]),
                    reverse("webhooks:subscription_delete", args=[slug, subscription.pk])):
        response = page.goto(address)
        assert response.status == 200, address
        if found := blocking_violations(page):
            problems[address] = found
        assert_reflows(page)
    page.goto(reverse("webhooks:subscription_new", args=[slug]))
    page.get_by_label("Adres (URL) van het ontvangende systeem").fill("https://erp.example.org/hooks/civhub")
    page.get_by_label("Besluit vastgelegd").check()
    submit(page)
    secret = page.get_by_label("Geheime sleutel").input_value()
    assert len(secret) == 64
    if found := blocking_violations(page):
        problems["created"] = found
    assert_reflows(page)
    assert not problems, problems
