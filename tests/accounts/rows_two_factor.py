"""Permission rows for two-step verification (same shape as tests/test_permissions.py).

The personal pages are each signed-in person's own: the code page sends a verified person on (302), the enrolment
page is open to everyone signed in, the recovery codes exist only right after enrolment (302 otherwise). The people
list, a person's page and the reset of their two factors are the centre administrator's alone; a person of another
centre under this centre's address is a 404.
"""

from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
OWN = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200)}
ONWARD = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 302)}
CENTRE_ADMIN_ONLY = {
    "anonymous": LOGIN,
    **dict.fromkeys(SIGNED_IN, 403),
    "centre_admin": 200,
    "other_centre_manager": 404,
}
REFUSED = {persona: status for persona, status in CENTRE_ADMIN_ONLY.items() if status != 200}


def no_args(get):
    return {}


def centre_slug(get):
    return {"slug": get("centre").slug}


def a_person(get):
    return {"slug": get("centre").slug, "pk": get("practor").pk}


def other_centres_person(get):
    return {"slug": get("centre").slug, "pk": get("other_centre_manager").pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


TWO_FACTOR_ROWS = [
    *rows("accounts:otp_verify", no_args, ONWARD),  # verified, or no app to ask a code of
    ("accounts:otp_verify", no_args, "POST", "anonymous", LOGIN),
    ("accounts:otp_verify", no_args, "POST", "partner_a_contact", 302),
    *rows("accounts:two_factor", no_args, OWN),
    *rows("accounts:otp_enrol", no_args, OWN),
    ("accounts:otp_enrol", no_args, "POST", "anonymous", LOGIN),
    ("accounts:otp_enrol", no_args, "POST", "partner_a_contact", 400),  # no code: the form again
    *rows("accounts:otp_recovery_codes", no_args, ONWARD),  # nothing to show outside an enrolment
    ("accounts:otp_recovery_codes", no_args, "POST", "anonymous", LOGIN),
    ("accounts:otp_recovery_codes", no_args, "POST", "programme_manager", 302),
    *rows("accounts:otp_recovery_codes_download", no_args, ONWARD),
    ("accounts:otp_recovery_codes_download", no_args, "POST", "programme_manager", 405),
    ("accounts:otp_turn_off", no_args, "GET", "anonymous", LOGIN),
    *rows("accounts:otp_turn_off", no_args, dict.fromkeys(SIGNED_IN, 405)),
    ("accounts:otp_turn_off", no_args, "POST", "anonymous", LOGIN),
    ("accounts:otp_turn_off", no_args, "POST", "programme_manager", 302),  # refused with a message
    ("accounts:otp_turn_off", no_args, "POST", "partner_a_contact", 302),
    *rows("core:people", centre_slug, CENTRE_ADMIN_ONLY),
    *rows("core:people", centre_slug, REFUSED, method="POST"),
    ("core:people", centre_slug, "POST", "centre_admin", 405),
    *rows("core:person", a_person, CENTRE_ADMIN_ONLY),
    *rows("core:person", a_person, REFUSED, method="POST"),
    ("core:person", a_person, "POST", "centre_admin", 405),
    ("core:person", other_centres_person, "GET", "centre_admin", 404),
    *rows("core:person_reset_two_factor", a_person, CENTRE_ADMIN_ONLY),
    *rows("core:person_reset_two_factor", a_person, REFUSED, method="POST"),
    ("core:person_reset_two_factor", a_person, "POST", "centre_admin", 302),
    ("core:person_reset_two_factor", other_centres_person, "GET", "centre_admin", 404),
    ("core:person_reset_two_factor", other_centres_person, "POST", "centre_admin", 404),
]
