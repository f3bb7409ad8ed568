"""Permission rows for the Human Capital Agenda's office pages (same shape as tests/test_permissions.py).

The programme office keeps the occupations and programmes; the centre's other roles and the
partners get a 403; another centre's manager, and another centre's occupation or programme
under this centre's address, a 404.
"""

from decimal import Decimal

from civhub.hca.models import EducationProgramme, Occupation
from tests.conftest import PERSONAS

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
OTHERS = ["practor", "communications", "steering_member", "partner_a_contact", "partner_a_signatory",
          "partner_b_contact"]
EDITORS = {"anonymous": LOGIN, **dict.fromkeys(OFFICE, 200), **dict.fromkeys(OTHERS, 403),
           "other_centre_manager": 404}
assert sorted(EDITORS) == sorted(PERSONAS)
REFUSED = {persona: status for persona, status in EDITORS.items() if status != 200}


def _occupation(centre):
    return Occupation.objects.get_or_create(centre=centre, name="laborant mbo-3")[0]


def _programme(centre, school):
    programme, _ = EducationProgramme.objects.get_or_create(
        centre=centre, school=school, code="25881",
        defaults={"name": "Laborant", "level": "mbo3", "graduates_per_year": 40, "share_entering": Decimal("0.5")})
    programme.occupations.add(_occupation(centre))
    return programme


def centre_slug(get):
    return {"slug": get("centre").slug}


def an_occupation(get):
    return {"slug": get("centre").slug, "pk": _occupation(get("centre")).pk}


def a_programme(get):
    return {"slug": get("centre").slug, "pk": _programme(get("centre"), get("partner_b")).pk}


def other_centres_occupation_here(get):
    return {"slug": get("centre").slug, "pk": _occupation(get("other_centre")).pk}


def other_centres_programme_here(get):
    return {"slug": get("centre").slug, "pk": _programme(get("other_centre"), get("other_partner")).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


HCA_ROWS = [
    *rows("hca:setup", centre_slug, EDITORS),
    *rows("hca:occupation_new", centre_slug, EDITORS),
    *rows("hca:occupation_edit", an_occupation, EDITORS),
    *rows("hca:programme_new", centre_slug, EDITORS),
    *rows("hca:programme_edit", a_programme, EDITORS),
    *rows("hca:occupation_new", centre_slug, REFUSED, method="POST"),
    *rows("hca:occupation_edit", an_occupation, REFUSED, method="POST"),
    *rows("hca:programme_new", centre_slug, REFUSED, method="POST"),
    *rows("hca:programme_edit", a_programme, REFUSED, method="POST"),
    # An empty POST from the office comes back on the form.
    ("hca:occupation_new", centre_slug, "POST", "programme_manager", 400),
    ("hca:programme_edit", a_programme, "POST", "finance_controller", 400),
    *[(name, args, method, "programme_manager", 404)
      for name, args in (("hca:occupation_edit", other_centres_occupation_here),
                         ("hca:programme_edit", other_centres_programme_here))
      for method in ("GET", "POST")],
]
