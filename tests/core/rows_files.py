"""Permission rows for the files made in the background (core:requested_file and its download), in the shape of
tests/test_permissions.py.

A file opens for the person who asked for it and, when it is an office file (the funder pack, the statements' ZIP),
for the centre's office; everyone else in the centre gets a 404 (nobody learns another person's file exists), as
does another centre's manager and another centre's file under this centre's address. The pages only read: a POST
is refused (405) after the sign-in.
"""

from django.core.files.base import ContentFile

from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
# The steering member asked for a funder pack: theirs, and the office's to open.
OFFICE_FILE = {"anonymous": LOGIN, **dict.fromkeys(PERSONAS[1:], 404),
               **dict.fromkeys([*OFFICE, "steering_member"], 200)}
# Partner A's signatory asked for a meeting pack: theirs alone.
OWN_FILE = {"anonymous": LOGIN, **dict.fromkeys(PERSONAS[1:], 404), "partner_a_signatory": 200}
for who in (OFFICE_FILE, OWN_FILE):
    assert sorted(who) == sorted(PERSONAS)


def _file(centre, kind: str, user):
    from civhub.core.models import RequestedFile

    requested = RequestedFile(centre=centre, kind=kind, name="pakket.pdf", requested_by=user,
                              status=RequestedFile.Status.DONE, size=8, sha256="0" * 64)
    requested.file.save("pakket.pdf", ContentFile(b"%PDF-1.7"), save=False)
    requested.save()
    return requested


def a_funder_pack(get):
    return {"slug": get("centre").slug, "pk": _file(get("centre"), "funder_pack", get("steering_member")).pk}


def a_meeting_pack(get):
    return {"slug": get("centre").slug, "pk": _file(get("centre"), "meeting_pack", get("partner_a_signatory")).pk}


def other_centres_file_here(get):
    other = _file(get("other_centre"), "funder_pack", get("other_centre_manager"))
    return {"slug": get("centre").slug, "pk": other.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


FILE_ROWS = [
    *[row for name in ("core:requested_file", "core:requested_file_download") for row in [
        *rows(name, a_funder_pack, OFFICE_FILE),
        *rows(name, a_meeting_pack, OWN_FILE),
        (name, other_centres_file_here, "GET", "programme_manager", 404),
        (name, a_funder_pack, "POST", "steering_member", 405),
    ]],
]
