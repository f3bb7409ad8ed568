"""Permission rows for the events app (same shape as tests/test_permissions.py).

The agenda, its feed and public events are open to anyone; a partner event needs a partner or the
office (a visitor is sent to the login page). Personal links work with their token only. Managing
events, registrations, the export, check-in and anonymising are the programme office's.
"""

from civhub.events.models import Event
from civhub.events.services.feeds import feed_token as make_feed_token
from tests.conftest import PERSONAS
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
EVERYONE_404 = dict.fromkeys(PERSONAS, 404)
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# A partner event: the partners and the office; the centre's other roles 403; another centre 404.
PARTNER_EVENT = {**OFFICE_ACCESS, **dict.fromkeys(PARTNERS, 200)}
# One's own calendar link: anyone with a role in the centre.
CENTRE_MEMBERS = {**dict.fromkeys(PERSONAS, 200), "anonymous": LOGIN, "other_centre_manager": 404}
# Adding a question takes a POST: a GET from the office is a 405.
POST_ONLY = {persona: 405 if status == 200 else status for persona, status in OFFICE_ACCESS.items()}


def refused(who: dict) -> dict:
    return {persona: status for persona, status in who.items() if status != 200}


for who in (EVERYONE_200, EVERYONE_404, OFFICE_ACCESS, PARTNER_EVENT, CENTRE_MEMBERS, POST_ONLY):
    assert sorted(who) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def public_event(get):
    return {"slug": get("centre").slug, "pk": EventFactory(centre=get("centre")).pk}


def partner_event(get):
    event = EventFactory(centre=get("centre"), audience=Event.Audience.PARTNERS)
    return {"slug": get("centre").slug, "pk": event.pk}


def other_centres_event_here(get):
    return {"slug": get("centre").slug, "pk": EventFactory(centre=get("other_centre")).pk}


def question(get):
    event = EventFactory(centre=get("centre"))
    return {"slug": get("centre").slug, "pk": event.pk, "question_pk": QuestionFactory(event=event).pk}


def export_csv(get):
    return {**public_event(get), "fmt": "csv"}


def export_xlsx(get):
    return {**public_event(get), "fmt": "xlsx"}


def export_unknown(get):
    return {**public_event(get), "fmt": "pdf"}


def registration(get):
    event = EventFactory(centre=get("centre"))
    return {"slug": get("centre").slug, "pk": event.pk, "registration_pk": RegistrationFactory(event=event).pk}


def other_centres_registration_here(get):
    event = EventFactory(centre=get("centre"))
    other = RegistrationFactory(event=EventFactory(centre=get("other_centre")))
    return {"slug": get("centre").slug, "pk": event.pk, "registration_pk": other.pk}


def token(get):
    return {"slug": get("centre").slug, "token": RegistrationFactory(event=EventFactory(centre=get("centre"))).token}


def wrong_token(get):
    RegistrationFactory(event=EventFactory(centre=get("centre")))
    return {"slug": get("centre").slug, "token": "not-the-secret"}


def other_centres_token_here(get):
    other = RegistrationFactory(event=EventFactory(centre=get("other_centre")))
    return {"slug": get("centre").slug, "token": other.token}


def feed_token(get):
    return {"slug": get("centre").slug, "token": make_feed_token(user=get("partner_a_contact")).token}


def other_centres_feed_token(get):
    return {"slug": get("centre").slug, "token": make_feed_token(user=get("other_centre_manager")).token}


def other_centres_question_here(get):
    event = EventFactory(centre=get("other_centre"))
    return {"slug": get("centre").slug, "pk": event.pk, "question_pk": QuestionFactory(event=event).pk}


def other_centres_export_here(get):
    return {**other_centres_event_here(get), "fmt": "csv"}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


EVENT_ROWS = [
    # Public: the agenda, its feed, public events; partner events for partners and the office.
    *rows("events:agenda", centre_slug, EVERYONE_200),
    *rows("events:agenda_ics", centre_slug, EVERYONE_200),
    *rows("events:event", public_event, EVERYONE_200),
    *rows("events:event", partner_event, PARTNER_EVENT),
    *rows("events:event", other_centres_event_here, EVERYONE_404),
    ("events:agenda", unknown_slug, "GET", "anonymous", 404),
    # Personal links: the token is the key; a wrong or foreign token is a 404 for everyone.
    *rows("events:registration", token, EVERYONE_200),
    *rows("events:registration", wrong_token, EVERYONE_404),
    *rows("events:registration", other_centres_token_here, EVERYONE_404),
    *rows("events:confirm", token, EVERYONE_200),
    *rows("events:confirm", wrong_token, EVERYONE_404),
    *rows("events:cancel", token, EVERYONE_200),
    *rows("events:cancel", other_centres_token_here, EVERYONE_404),
    # One's own calendar link and the feed behind it.
    *rows("events:feed", centre_slug, CENTRE_MEMBERS),
    ("events:feed", centre_slug, "POST", "anonymous", LOGIN),
    ("events:feed", centre_slug, "POST", "other_centre_manager", 404),
    *rows("events:personal_ics", feed_token, EVERYONE_200),
    *rows("events:personal_ics", other_centres_feed_token, EVERYONE_404),
    # The office.
    *rows("events:manage", centre_slug, OFFICE_ACCESS),
    *rows("events:event_new", centre_slug, OFFICE_ACCESS),
    *rows("events:event_new", centre_slug, refused(OFFICE_ACCESS), method="POST"),
    *rows("events:event_edit", public_event, OFFICE_ACCESS),
    *rows("events:event_edit", public_event, refused(OFFICE_ACCESS), method="POST"),
    ("events:event_edit", other_centres_event_here, "GET", "programme_manager", 404),
    *rows("events:question_add", public_event, POST_ONLY),
    *rows("events:question_add", public_event, refused(OFFICE_ACCESS), method="POST"),
    *rows("events:question_remove", question, OFFICE_ACCESS),
    *rows("events:question_remove", question, refused(OFFICE_ACCESS), method="POST"),
    *rows("events:registrations", public_event, OFFICE_ACCESS),
    ("events:registrations", other_centres_event_here, "GET", "programme_manager", 404),
    *rows("events:export", export_csv, OFFICE_ACCESS),
    *rows("events:export", export_xlsx, OFFICE_ACCESS),
    ("events:export", export_unknown, "GET", "programme_manager", 404),
    *rows("events:check_in", public_event, OFFICE_ACCESS),
    *rows("events:check_in", public_event, refused(OFFICE_ACCESS), method="POST"),
    ("events:check_in", other_centres_event_here, "GET", "programme_manager", 404),
    *rows("events:anonymise", registration, OFFICE_ACCESS),
    *rows("events:anonymise", registration, refused(OFFICE_ACCESS), method="POST"),
    ("events:anonymise", other_centres_registration_here, "GET", "programme_manager", 404),
    ("events:anonymise", other_centres_registration_here, "POST", "programme_manager", 404),
    # Another centre's event, question or personal link under this centre's address: a 404, GET or POST.
    ("events:export", other_centres_export_here, "GET", "programme_manager", 404),
    ("events:question_add", other_centres_event_here, "POST", "programme_manager", 404),
    ("events:question_remove", other_centres_question_here, "GET", "programme_manager", 404),
    ("events:question_remove", other_centres_question_here, "POST", "programme_manager", 404),
    ("events:event_edit", other_centres_event_here, "POST", "programme_manager", 404),
    ("events:check_in", other_centres_event_here, "POST", "programme_manager", 404),
    *rows("events:confirm", other_centres_token_here, EVERYONE_404),
    *[(name, args, "POST", "anonymous", 404) for name in ("events:registration", "events:confirm", "events:cancel")
      for args in (wrong_token, other_centres_token_here)],
    ("events:event", other_centres_event_here, "POST", "anonymous", 404),
    ("events:agenda", unknown_slug, "POST", "anonymous", 404),
]
