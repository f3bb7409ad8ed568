"""Permission rows for the inbox ("Te doen") and the choice of e-mail notifications (same shape as
tests/test_permissions.py).

Every person with a role in the centre opens the centre's inbox (it shows only their own work); another centre's
manager gets a 404, as does an unknown centre. The notification settings are each signed-in person's own.
"""

from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
IN_THE_CENTRE = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200), "other_centre_manager": 404}


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "geen-centrum"}


def no_args(get):
    return {}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


INBOX_ROWS = [
    *rows("core:inbox", centre_slug, IN_THE_CENTRE),
    ("core:inbox", unknown_slug, "GET", "programme_manager", 404),
    ("core:inbox", centre_slug, "POST", "programme_manager", 405),  # a page to read: nothing is posted to it
    ("core:inbox", centre_slug, "POST", "anonymous", LOGIN),
    ("accounts:notifications", no_args, "GET", "anonymous", LOGIN),
    *rows("accounts:notifications", no_args, dict.fromkeys(SIGNED_IN, 200)),
    ("accounts:notifications", no_args, "POST", "anonymous", LOGIN),
    ("accounts:notifications", no_args, "POST", "partner_a_contact", 400),  # no choice made: the form again
]
