"""Permission rows for the partners' API, v1 (same shape as tests/test_permissions.py).

The matrix signs in with the session, which v1 accepts beside a token; the rules are the pages' rules, except
that an anonymous caller gets a 401 problem instead of a redirect to the login page. Partners and contacts follow
the portal: the office sees every partner, a partner's people their own (another partner's object is a 404), the
centre's other roles get a 403, another centre's people a 404.
"""

from civhub.partners.models import Contact
from tests.conftest import PERSONAS
from tests.factories import ContactFactory

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNER_A = ["partner_a_contact", "partner_a_signatory"]

# A list of the portal's kind: everyone with a partner role or in the office gets their own rows.
PORTAL_LIST = {
    "anonymous": 401,
    **dict.fromkeys(OFFICE + PARTNER_A + ["partner_b_contact"], 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
# One of partner A's objects: partner B does not learn it exists.
PARTNER_A_OBJECT = {**PORTAL_LIST, "partner_b_contact": 404}


def centre(get):
    return {"centre_slug": get("centre").slug}


def partner_a(get):
    return {"centre_slug": get("centre").slug, "pk": get("partner_a").pk}


def other_centres_partner_here(get):
    return {"centre_slug": get("centre").slug, "pk": get("other_partner").pk}


def partner_a_contact(get):
    return {"centre_slug": get("centre").slug, "pk": Contact.objects.get(user=get("partner_a_contact")).pk}


def other_centres_contact_here(get):
    return {"centre_slug": get("centre").slug, "pk": ContactFactory(partnership=get("other_partner")).pk}


def rows(url_name, args, who, method="GET"):
    assert sorted(who) == sorted(PERSONAS), url_name
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


REST_ROWS = [
    *rows("api:v1-partners-list", centre, PORTAL_LIST),
    *rows("api:v1-partners-detail", partner_a, PARTNER_A_OBJECT),
    ("api:v1-partners-detail", other_centres_partner_here, "GET", "programme_manager", 404),
    *rows("api:v1-contacts-list", centre, PORTAL_LIST),
    *rows("api:v1-contacts-detail", partner_a_contact, PARTNER_A_OBJECT),
    ("api:v1-contacts-detail", other_centres_contact_here, "GET", "programme_manager", 404),
]
