"""Permission rows for the search ("Zoeken", core:search), in the shape of tests/test_permissions.py.

Every person with a role in the centre opens the search (it finds only what they may open themselves); another
centre's manager gets a 404, as does an unknown centre; an anonymous visitor is sent to the login page. The page
only reads: a POST is refused (405) before anything else, after the sign-in.
"""

from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
IN_THE_CENTRE = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200), "other_centre_manager": 404}


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "geen-centrum"}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


SEARCH_ROWS = [
    *rows("core:search", centre_slug, IN_THE_CENTRE),
    ("core:search", unknown_slug, "GET", "programme_manager", 404),
    ("core:search", centre_slug, "POST", "partner_a_contact", 405),
    ("core:search", centre_slug, "POST", "anonymous", LOGIN),
]
