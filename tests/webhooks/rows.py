"""Permission rows for the webhooks pages (same shape as tests/test_permissions.py).

Only the centre administrator and the programme manager manage the centre's webhooks: the finance controller and
the centre's other roles get a 403, a partner too (a partner's subscription cannot exist), another centre a 404.
Another centre's subscription or delivery under this centre's address is a 404, GET or POST.
"""

from civhub.webhooks.models import Delivery, Subscription
from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

MANAGERS = ["programme_manager", "centre_admin"]
REFUSED = ["finance_controller", "practor", "communications", "steering_member", "partner_a_contact",
           "partner_a_signatory", "partner_b_contact"]

MANAGER_PAGES = {"anonymous": LOGIN, **dict.fromkeys(MANAGERS, 200), **dict.fromkeys(REFUSED, 403),
                 "other_centre_manager": 404}
# A button (POST only): a GET from a manager is a 405; the managers' POST acts and goes back to the page.
POST_ONLY = {**MANAGER_PAGES, **dict.fromkeys(MANAGERS, 405)}
POSTED = {**MANAGER_PAGES, **dict.fromkeys(MANAGERS, 302)}

for who in (MANAGER_PAGES, POST_ONLY, POSTED):
    assert sorted(who) == sorted(PERSONAS)


def refused(who: dict) -> dict:
    return {persona: status for persona, status in who.items() if persona not in MANAGERS}


def _subscription(centre) -> Subscription:
    return Subscription.objects.create(centre=centre, url="https://crm.example.org/civhub",
                                       events=["contribution.accepted"], secret="not-a-real-secret")


def centre_slug(get):
    return {"slug": get("centre").slug}


def subscription(get):
    return {"slug": get("centre").slug, "pk": _subscription(get("centre")).pk}


def other_centres_subscription_here(get):
    return {"slug": get("centre").slug, "pk": _subscription(get("other_centre")).pk}


def delivery(get):
    made = Delivery.objects.create(subscription=_subscription(get("centre")), event="webhook.test",
                                   status=Delivery.Status.DELIVERED)
    return {"slug": get("centre").slug, "pk": made.pk}


def other_centres_delivery_here(get):
    made = Delivery.objects.create(subscription=_subscription(get("other_centre")), event="webhook.test",
                                   status=Delivery.Status.FAILED)
    return {"slug": get("centre").slug, "pk": made.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


WEBHOOK_ROWS = [
    *rows("webhooks:subscriptions", centre_slug, MANAGER_PAGES),
    *rows("webhooks:subscription_new", centre_slug, MANAGER_PAGES),
    *rows("webhooks:subscription_new", centre_slug, refused(MANAGER_PAGES), method="POST"),
    ("webhooks:subscription_new", centre_slug, "POST", "programme_manager", 400),  # an empty form: its errors
    *rows("webhooks:subscription", subscription, MANAGER_PAGES),
    *rows("webhooks:subscription_deactivate", subscription, MANAGER_PAGES),
    *rows("webhooks:subscription_deactivate", subscription, POSTED, method="POST"),
    *rows("webhooks:subscription_delete", subscription, MANAGER_PAGES),
    *rows("webhooks:subscription_delete", subscription, POSTED, method="POST"),
    *rows("webhooks:subscription_test", subscription, POST_ONLY),
    *rows("webhooks:subscription_test", subscription, POSTED, method="POST"),
    *rows("webhooks:delivery_resend", delivery, POST_ONLY),
    *rows("webhooks:delivery_resend", delivery, POSTED, method="POST"),  # not failed: refused with a message
    # Another centre's subscription or delivery under this centre's address.
    *[(name, other_centres_subscription_here, method, "programme_manager", 404)
      for name in ("webhooks:subscription", "webhooks:subscription_deactivate", "webhooks:subscription_delete")
      for method in ("GET", "POST")],
    ("webhooks:subscription_test", other_centres_subscription_here, "POST", "programme_manager", 404),
    ("webhooks:delivery_resend", other_centres_delivery_here, "POST", "programme_manager", 404),
    # A button's GET is refused for its method before any object is looked up: it confirms nothing either way.
    ("webhooks:subscription_test", other_centres_subscription_here, "GET", "programme_manager", 405),
    ("webhooks:delivery_resend", other_centres_delivery_here, "GET", "programme_manager", 405),
]
