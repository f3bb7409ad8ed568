"""Permission rows for the governance app (same shape as tests/test_permissions.py).

Steering-group meetings, decisions, actions and the composition: the members, the office and
(read-only) the partners' signatories; the centre's other roles a 403, another centre's manager
a 404, anonymous visitors the login page. Changing anything is the office's. The public
composition page is open to everyone.
"""

from tests.conftest import PERSONAS
from tests.governance.support import action, document, meeting

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
READ_ONLY = ["steering_member", "partner_a_signatory"]
OTHERS = ["practor", "communications", "partner_a_contact", "partner_b_contact"]

READERS = {"anonymous": LOGIN, **dict.fromkeys(OFFICE + READ_ONLY, 200), **dict.fromkeys(OTHERS, 403),
           "other_centre_manager": 404}
EDITORS = {**READERS, **dict.fromkeys(READ_ONLY, 403)}
EVERYONE = dict.fromkeys(PERSONAS, 200)
# POST-only endpoints: a GET from someone allowed in is a 405.
OFFICE_POST_ONLY = {**EDITORS, **dict.fromkeys(OFFICE, 405)}
ANY_ROLE_POST_ONLY = {"anonymous": LOGIN, **dict.fromkeys(OFFICE + READ_ONLY + OTHERS, 405),
                      "other_centre_manager": 404}
PACK = READERS  # the matrix renders no templates, so the PDF is quick to make for every persona
for who in (READERS, EDITORS, OFFICE_POST_ONLY, ANY_ROLE_POST_ONLY):
    assert sorted(who) == sorted(PERSONAS)


def _denied(who):
    return {persona: status for persona, status in who.items() if status not in (200, 405)}


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def a_meeting(get):
    return {"slug": get("centre").slug, "pk": meeting(get("centre")).pk}


def a_draft_meeting(get):
    return {"slug": get("centre").slug, "pk": meeting(get("centre"), status="draft").pk}


def other_centres_meeting_here(get):
    return {"slug": get("centre").slug, "pk": meeting(get("other_centre")).pk}


def an_item(get):
    return {"slug": get("centre").slug, "item_pk": meeting(get("centre")).items.first().pk}


def an_item_up(get):
    return {**an_item(get), "direction": "op"}


def a_document(get):
    get("settings").MEDIA_ROOT = get("tmp_path")
    return {"slug": get("centre").slug, "document_pk": document(meeting(get("centre"))).pk}


def an_action(get):
    return {"slug": get("centre").slug, "action_pk": action(meeting(get("centre")), get("programme_manager")).pk}


def a_seat(get):
    from civhub.governance.models import SteeringMember

    seat = SteeringMember.objects.create(centre=get("centre"), name="Voorzitter", start="2024-01-01")
    return {"slug": get("centre").slug, "seat_pk": seat.pk}


def other_centres_draft_meeting_here(get):
    return {"slug": get("centre").slug, "pk": meeting(get("other_centre"), status="draft").pk}


def other_centres_item_here(get):
    return {"slug": get("centre").slug, "item_pk": meeting(get("other_centre")).items.first().pk}


def other_centres_item_up_here(get):
    return {**other_centres_item_here(get), "direction": "op"}


def other_centres_document_here(get):
    get("settings").MEDIA_ROOT = get("tmp_path")
    return {"slug": get("centre").slug, "document_pk": document(meeting(get("other_centre"))).pk}


def other_centres_action_here(get):
    made = action(meeting(get("other_centre")), get("other_centre_manager"))
    return {"slug": get("centre").slug, "action_pk": made.pk}


def other_centres_seat_here(get):
    from civhub.governance.models import SteeringMember

    seat = SteeringMember.objects.create(centre=get("other_centre"), name="Voorzitter", start="2024-01-01")
    return {"slug": get("centre").slug, "seat_pk": seat.pk}


# Another centre's meeting (or its item, document, action, seat) under this centre's address: a 404 for the
# programme manager, who may do all of it here; GET and POST alike, before anything is looked at or changed.
OTHER_CENTRES_OBJECTS = [
    *[(name, other_centres_meeting_here) for name in (
        "governance:meeting_pack", "governance:meeting_edit", "governance:item_new", "governance:minutes",
        "governance:minutes_correct", "governance:minutes_publish", "governance:decision_new",
        "governance:action_new")],
    ("governance:publish_agenda", other_centres_draft_meeting_here),
    ("governance:item_edit", other_centres_item_here),
    ("governance:document_new", other_centres_item_here),
    ("governance:item_move", other_centres_item_up_here),
    ("governance:document_file", other_centres_document_here),
    ("governance:document_delete", other_centres_document_here),
    ("governance:action_done", other_centres_action_here),
    ("governance:seat_end", other_centres_seat_here),
]
POST_ONLY = ("governance:item_move", "governance:action_done")
READ_ONLY = ("governance:document_file",)


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


GOVERNANCE_ROWS = [
    *rows("governance:meetings", centre_slug, READERS),
    *rows("governance:meeting", a_meeting, READERS),
    ("governance:meeting", a_draft_meeting, "GET", "steering_member", 404),
    ("governance:meeting", a_draft_meeting, "GET", "programme_manager", 200),
    ("governance:meeting", other_centres_meeting_here, "GET", "programme_manager", 404),
    *rows("governance:meeting_pack", a_meeting, PACK),
    *rows("governance:meeting_pack", a_meeting, PACK, "POST"),  # a small pack: sent at once; a large one is asked for
    *rows("governance:document_file", a_document, READERS),
    *rows("governance:decisions", centre_slug, READERS),
    *rows("governance:decisions_export", centre_slug, READERS),
    *rows("governance:actions", centre_slug, READERS),
    *rows("governance:actions_export", centre_slug, READERS),
    *rows("governance:steering_group", centre_slug, READERS),
    *rows("governance:public_steering_group", centre_slug, EVERYONE),
    ("governance:public_steering_group", unknown_slug, "GET", "anonymous", 404),
    # The office's pages: GET for everyone, POST for the refused.
    *rows("governance:meeting_new", centre_slug, EDITORS),
    *rows("governance:meeting_new", centre_slug, _denied(EDITORS), "POST"),
    *rows("governance:meeting_edit", a_meeting, EDITORS),
    *rows("governance:meeting_edit", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:item_new", a_meeting, EDITORS),
    *rows("governance:item_new", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:item_edit", an_item, EDITORS),
    *rows("governance:item_edit", an_item, _denied(EDITORS), "POST"),
    *rows("governance:item_move", an_item_up, OFFICE_POST_ONLY),
    *rows("governance:item_move", an_item_up, _denied(EDITORS), "POST"),
    *rows("governance:document_new", an_item, EDITORS),
    *rows("governance:document_new", an_item, _denied(EDITORS), "POST"),
    *rows("governance:document_delete", a_document, EDITORS),
    *rows("governance:document_delete", a_document, _denied(EDITORS), "POST"),
    *rows("governance:publish_agenda", a_draft_meeting, EDITORS),
    *rows("governance:publish_agenda", a_draft_meeting, _denied(EDITORS), "POST"),
    *rows("governance:minutes", a_meeting, EDITORS),
    *rows("governance:minutes", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:minutes_correct", a_meeting, dict.fromkeys(OFFICE, 302)),  # not published yet: the draft
    *rows("governance:minutes_correct", a_meeting, _denied(EDITORS)),
    *rows("governance:minutes_correct", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:minutes_publish", a_meeting, EDITORS),
    *rows("governance:minutes_publish", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:decision_new", a_meeting, EDITORS),
    *rows("governance:decision_new", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:action_new", a_meeting, EDITORS),
    *rows("governance:action_new", a_meeting, _denied(EDITORS), "POST"),
    *rows("governance:action_done", an_action, ANY_ROLE_POST_ONLY),
    *rows("governance:action_done", an_action, _denied(READERS), "POST"),
    *rows("governance:seat_new", centre_slug, EDITORS),
    *rows("governance:seat_new", centre_slug, _denied(EDITORS), "POST"),
    *rows("governance:seat_end", a_seat, EDITORS),
    *rows("governance:seat_end", a_seat, _denied(EDITORS), "POST"),
    *[(name, args, method, "programme_manager", 404) for name, args in OTHER_CENTRES_OBJECTS
      for method in ("GET", "POST")
      if not (method == "GET" and name in POST_ONLY) and not (method == "POST" and name in READ_ONLY)],
]
