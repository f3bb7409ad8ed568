"""Permission rows for the partners app's shared-organisation changes and co-financing group (same shape as
tests/test_permissions.py).

Both belong to the programme office. A change to a shared organisation is seen and decided only by the
office of a centre asked to approve it: under any other centre's address it is a 404, whoever asks.
"""

from civhub.accounts.models import User
from civhub.partners.models import Contact
from tests.conftest import PERSONAS
from tests.factories import CentreFactory
from tests.partners.factories import shared_change

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# Those the office refuses: a forbidden POST gets the same answer as the GET, before anything is decided.
DENIED = {persona: status for persona, status in OFFICE_ACCESS.items() if status != 200}
# The office's empty POST: the form is shown again with its errors.
OFFICE_EMPTY_POST = dict.fromkeys(OFFICE, 400)

assert sorted(OFFICE_ACCESS) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def change_asked_of_centre(get):
    """A change asked for by the other centre's partner, waiting for the test centre's office."""
    change = shared_change(asked_of=get("centre"), asked_from=get("other_centre"))
    return {"slug": get("centre").slug, "pk": change.pk}


def other_centres_change_here(get):
    """A change only the other centre is asked to decide on, under the test centre's address."""
    third = CentreFactory(slug="civ-third-test", name="CIV Derde (test)")
    change = shared_change(asked_of=get("other_centre"), asked_from=third)
    return {"slug": get("centre").slug, "pk": change.pk}


def own_change_here(get):
    """A change asked for through the test centre's own partnership: the centre asked it, the other decides."""
    change = shared_change(asked_of=get("other_centre"), asked_from=get("centre"))
    return {"slug": get("centre").slug, "pk": change.pk}


def change_asked_of_other_centre_there(get):
    """Centre B's request under centre B's address: a partner of the test centre has no role there."""
    change = shared_change(asked_of=get("other_centre"), asked_from=get("centre"))
    return {"slug": get("other_centre").slug, "pk": change.pk}


def partner_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def other_centres_partner_here(get):
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


def unknown_partner(get):
    return {"slug": get("centre").slug, "code": "no-such-partner"}


def _invited_contact(partnership) -> Contact:
    user = User.objects.create_user(f"invited-{partnership.short_code}@example.org", full_name="Ivo Invited")
    return Contact.objects.create(partnership=partnership, name="Ivo Invited", email=user.email, user=user)


def invited_contact_of_a(get):
    contact = _invited_contact(get("partner_a"))
    return {"slug": get("centre").slug, "code": contact.partnership.short_code, "pk": contact.pk}


def other_centres_contact_here(get):
    contact = _invited_contact(get("other_partner"))
    return {"slug": get("centre").slug, "code": contact.partnership.short_code, "pk": contact.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


PARTNER_ROWS = [
    # Changes to organisations the centre shares with other centres.
    *rows("office:organisation_changes", centre_slug, OFFICE_ACCESS),
    *rows("office:organisation_change", change_asked_of_centre, OFFICE_ACCESS),
    *rows("office:organisation_change", change_asked_of_centre, DENIED, method="POST"),
    *rows("office:organisation_change", change_asked_of_centre, OFFICE_EMPTY_POST, method="POST"),
    ("office:organisation_change", other_centres_change_here, "GET", "programme_manager", 404),
    ("office:organisation_change", other_centres_change_here, "POST", "programme_manager", 404),
    ("office:organisation_change", own_change_here, "GET", "programme_manager", 404),
    ("office:organisation_change", own_change_here, "POST", "programme_manager", 404),
    ("office:organisation_change", change_asked_of_other_centre_there, "GET", "partner_a_contact", 404),
    ("office:organisation_change", change_asked_of_other_centre_there, "POST", "partner_a_contact", 404),
    ("office:organisation_change", change_asked_of_other_centre_there, "GET", "other_centre_manager", 200),
    # Moving a partner to another co-financing group.
    *rows("office:partner_cofinancing", partner_a, OFFICE_ACCESS),
    *rows("office:partner_cofinancing", partner_a, DENIED, method="POST"),
    *rows("office:partner_cofinancing", partner_a, OFFICE_EMPTY_POST, method="POST"),
    ("office:partner_cofinancing", other_centres_partner_here, "GET", "programme_manager", 404),
    ("office:partner_cofinancing", other_centres_partner_here, "POST", "programme_manager", 404),
    ("office:partner_cofinancing", unknown_partner, "GET", "programme_manager", 404),
    # Sending a contact who never chose a password the invitation again: a button, so only a POST acts.
    *rows("office:contact_invitation", invited_contact_of_a, DENIED, method="POST"),
    *rows("office:contact_invitation", invited_contact_of_a, dict.fromkeys(OFFICE, 302), method="POST"),
    ("office:contact_invitation", invited_contact_of_a, "GET", "programme_manager", 405),
    ("office:contact_invitation", other_centres_contact_here, "POST", "programme_manager", 404),
]
