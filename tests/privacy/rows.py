"""Permission rows for a person's data (same shape as tests/test_permissions.py).

Every signed-in person downloads their own data. The people of a centre, their download and their erasure are the
centre administrator's: the rest of the office and everyone else in the centre get a 403, another centre's manager
a 404, and a person of another centre under this centre's address is a 404 too.
"""

from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
ADMIN_ONLY = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 403), "centre_admin": 200, "other_centre_manager": 404}
REFUSED = {persona: status for persona, status in ADMIN_ONLY.items() if status != 200}


def no_args(get):
    return {}


def centre_slug(get):
    return {"slug": get("centre").slug}


def partner_contact(get):
    return {"slug": get("centre").slug, "pk": get("partner_a_contact").pk}


def other_centres_person(get):
    """The other centre's manager under the test centre's address: nobody this centre knows."""
    return {"slug": get("centre").slug, "pk": get("other_centre_manager").pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


PRIVACY_ROWS = [
    ("privacy:my_data", no_args, "GET", "anonymous", LOGIN),
    *rows("privacy:my_data", no_args, dict.fromkeys(SIGNED_IN, 200)),
    ("privacy:my_data", no_args, "POST", "anonymous", LOGIN),
    ("privacy:my_data", no_args, "POST", "partner_b_contact", 200),  # the ZIP of their own data
    *rows("privacy:people", centre_slug, ADMIN_ONLY),
    *rows("privacy:person", partner_contact, ADMIN_ONLY),
    *rows("privacy:person", partner_contact, REFUSED, method="POST"),
    ("privacy:person", partner_contact, "POST", "centre_admin", 200),  # the ZIP of the person's data
    ("privacy:person", other_centres_person, "GET", "centre_admin", 404),
    *rows("privacy:erase", partner_contact, ADMIN_ONLY),
    *rows("privacy:erase", partner_contact, REFUSED, method="POST"),
    ("privacy:erase", partner_contact, "POST", "centre_admin", 400),  # no address typed: the form again
    ("privacy:erase", other_centres_person, "GET", "centre_admin", 404),
    ("privacy:erase", other_centres_person, "POST", "centre_admin", 404),
]
