"""Permission rows for the partners' API, v1, and the person's token pages (same shape as tests/test_permissions.py).

The matrix signs in with the session, which v1 accepts beside a token; the rules are the pages' rules, except
that an anonymous caller gets a 401 problem instead of a redirect to the login page. Every v1 resource here follows
the portal: the office sees every partner's, a partner's people their own (another partner's object is a 404), the
centre's other roles get a 403, another centre's people a 404. Recording and submitting a contribution is for the
partner's own people (the office gets a 403, as on the pages). The token pages are each person's own.
"""

from datetime import date
from decimal import Decimal

from civhub.ledger.models import Contribution, Pledge
from civhub.partners.models import Contact
from tests.api.support import make_token
from tests.conftest import PERSONAS
from tests.factories import ContactFactory
from tests.ledger.builders import entry, rate

LOGIN = "302 to login"  # as in tests/test_permissions.py

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
# Recording a contribution is for partners' people only: the matrix posts an empty form, which they get past every
# access check to be told that the API reads JSON (415).
RECORD = {**PORTAL_LIST, **dict.fromkeys(OFFICE, 403), **dict.fromkeys(PARTNER_A + ["partner_b_contact"], 415)}
# Submitting partner A's draft: partner A's people; the office sees it but does not submit it (403).
SUBMIT_A = {**PARTNER_A_OBJECT, **dict.fromkeys(OFFICE, 403)}
# A person's own pages: every signed-in person.
OWN_PAGE = {"anonymous": LOGIN, **{persona: 200 for persona in PERSONAS if persona != "anonymous"}}
# Partner A's contact's own token: nobody else learns it exists.
A_CONTACTS_TOKEN = {**dict.fromkeys(PERSONAS, 404), "anonymous": LOGIN, "partner_a_contact": 200}


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


def pledge_of_a(get):
    pledge = Pledge.objects.create(partnership=get("partner_a"), year=2025, kind="lab", amount=Decimal("100"))
    return {"centre_slug": get("centre").slug, "pk": pledge.pk}


def other_centres_pledge_here(get):
    pledge = Pledge.objects.create(partnership=get("other_partner"), year=2025, kind="lab", amount=Decimal("100"))
    return {"centre_slug": get("centre").slug, "pk": pledge.pk}


def rate_card_of_a(get):
    return {"centre_slug": get("centre").slug, "pk": rate(get("partner_a"), "docent", "50.00", date(2024, 1, 1)).pk}


def other_centres_rate_card_here(get):
    card = rate(get("other_partner"), "docent", "50.00", date(2024, 1, 1))
    return {"centre_slug": get("centre").slug, "pk": card.pk}


def draft_of_a(get):
    draft = entry(get("partner_a"), get("partner_a_contact"), status=Contribution.Status.DRAFT)
    return {"centre_slug": get("centre").slug, "pk": draft.pk}


def other_centres_draft_here(get):
    draft = entry(get("other_partner"), get("other_centre_manager"), status=Contribution.Status.DRAFT)
    return {"centre_slug": get("centre").slug, "pk": draft.pk}


def no_args(get):
    return {}


def token_of_a_contact(get):
    return {"pk": make_token(get("partner_a_contact"))[0].pk}


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
    *rows("api:v1-pledges-list", centre, PORTAL_LIST),
    *rows("api:v1-pledges-detail", pledge_of_a, PARTNER_A_OBJECT),
    ("api:v1-pledges-detail", other_centres_pledge_here, "GET", "programme_manager", 404),
    *rows("api:v1-rate-cards-list", centre, PORTAL_LIST),
    *rows("api:v1-rate-cards-detail", rate_card_of_a, PARTNER_A_OBJECT),
    ("api:v1-rate-cards-detail", other_centres_rate_card_here, "GET", "programme_manager", 404),
    *rows("api:v1-contributions-list", centre, PORTAL_LIST),
    *rows("api:v1-contributions-list", centre, RECORD, method="POST"),
    *rows("api:v1-contributions-detail", draft_of_a, PARTNER_A_OBJECT),
    ("api:v1-contributions-detail", other_centres_draft_here, "GET", "programme_manager", 404),
    *rows("api:v1-contributions-submit", draft_of_a, SUBMIT_A, method="POST"),
    ("api:v1-contributions-submit", draft_of_a, "GET", "partner_a_contact", 405),  # an action takes a POST
    ("api:v1-contributions-submit", other_centres_draft_here, "POST", "programme_manager", 404),
    ("api:v1-contributions-submit", other_centres_draft_here, "POST", "partner_a_contact", 404),
    # The person's own API tokens (/account/api-sleutels/).
    *rows("api_tokens:list", no_args, OWN_PAGE),
    *rows("api_tokens:create", no_args, OWN_PAGE),
    *rows("api_tokens:create", no_args, {**OWN_PAGE, **{p: 400 for p in PERSONAS if p != "anonymous"}},
          method="POST"),  # an empty form: shown again with its errors
    *rows("api_tokens:revoke", token_of_a_contact, A_CONTACTS_TOKEN),
    *rows("api_tokens:revoke", token_of_a_contact, {**A_CONTACTS_TOKEN, "partner_a_contact": 302}, method="POST"),
]
