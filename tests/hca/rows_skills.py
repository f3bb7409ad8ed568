"""Permission rows for the skills, the coverage matrix, the published forecasts and the schools' own programmes
(same shape as tests/test_permissions.py).

The skills and published forecasts are the office's (403 for the centre's other roles and the partners). The
coverage matrix is the office's and a school's that provides a module (here partner B). A school's programmes
are its own people's and the office's: partner B (made a programme's school) gets 200 on its pages, partner A
(another partner) a 404, and partner A on its own page a 403 because it is no school.
"""

from decimal import Decimal

from civhub.hca.models import EducationProgramme, PublishedForecast
from civhub.learning.models import Skill
from civhub.partners.models import OrganisationKind
from civhub.programme.models import EducationModule
from tests.conftest import PERSONAS
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.hca.rows import EDITORS, LOGIN, REFUSED, centre_slug, rows

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_ROLES = ["practor", "communications", "steering_member"]
# The coverage matrix with partner B providing a module: partner B's contact keeps its rows.
COVERAGE = {"anonymous": LOGIN, **dict.fromkeys(OFFICE, 200), **dict.fromkeys(CENTRE_ROLES, 403),
            "partner_a_contact": 403, "partner_a_signatory": 403, "partner_b_contact": 200,
            "other_centre_manager": 404}
# Partner B's programmes, partner B being a school: its contact and the office.
SCHOOL_B = {"anonymous": LOGIN, **dict.fromkeys(OFFICE, 200), **dict.fromkeys(CENTRE_ROLES, 403),
            "partner_a_contact": 404, "partner_a_signatory": 404, "partner_b_contact": 200,
            "other_centre_manager": 404}
# Partner A's own programme pages: partner A is a company, so its people get a 403; partner B a 404.
SCHOOL_A = {**SCHOOL_B, "partner_a_contact": 403, "partner_a_signatory": 403, "partner_b_contact": 404}
for table in (COVERAGE, SCHOOL_B, SCHOOL_A):
    assert sorted(table) == sorted(PERSONAS)


def _refused(who):
    return {persona: status for persona, status in who.items() if status != 200}


def _skill(centre):
    return Skill.objects.get_or_create(centre=centre, name="aseptisch werken")[0]


def _programme(school, code="25881"):
    return EducationProgramme.objects.get_or_create(
        centre=school.centre, school=school, code=code,
        defaults={"name": "Laborant", "level": "mbo3", "graduates_per_year": 40,
                  "share_entering": Decimal("0.5")})[0]


def _forecast(centre, actor):
    return PublishedForecast.objects.get_or_create(
        centre=centre, edition="AOB 2028", region="Zuid-Holland",
        defaults={"publisher": "ROA", "first_year": 2023, "last_year": 2028, "imported_by": actor})[0]


def a_skill(get):
    return {"slug": get("centre").slug, "pk": _skill(get("centre")).pk}


def other_centres_skill_here(get):
    return {"slug": get("centre").slug, "pk": _skill(get("other_centre")).pk}


def coverage_of_partner_b(get):
    """A skill and a module partner B provides."""
    centre = get("centre")
    _skill(centre)
    EducationModule.objects.get_or_create(centre=centre, code="M1",
                                          defaults={"title": "Analyse", "provider": get("partner_b")})
    return {"slug": centre.slug}


def a_forecast(get):
    return {"slug": get("centre").slug, "pk": _forecast(get("centre"), get("programme_manager")).pk}


def other_centres_forecast_here(get):
    return {"slug": get("centre").slug, "pk": _forecast(get("other_centre"), get("other_centre_manager")).pk}


def school_b(get):
    """Partner B's programmes page, partner B the school of a programme."""
    _programme(get("partner_b"))
    return {"slug": get("centre").slug, "code": get("partner_b").short_code}


def school_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def school_b_programme(get):
    return {"slug": get("centre").slug, "code": get("partner_b").short_code,
            "pk": _programme(get("partner_b")).pk}


def another_schools_programme_under_b(get):
    """A programme of another school of the centre, under partner B's address: a 404 even for the office."""
    centre = get("centre")
    other_school = PartnershipFactory(centre=centre, short_code="school-c", organisation=OrganisationFactory(
        name="Hogeschool C", kind=OrganisationKind.COLLEGE))
    _programme(get("partner_b"))
    return {"slug": centre.slug, "code": get("partner_b").short_code, "pk": _programme(other_school, "34397").pk}


def other_centres_programme_under_b(get):
    _programme(get("partner_b"))
    return {"slug": get("centre").slug, "code": get("partner_b").short_code,
            "pk": _programme(get("other_partner")).pk}


def other_centres_partner_here(get):
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


HCA_SKILLS_ROWS = [
    *rows("hca:skills", centre_slug, EDITORS),
    *rows("hca:skill_new", centre_slug, EDITORS),
    *rows("hca:skill_edit", a_skill, EDITORS),
    *rows("hca:skill_new", centre_slug, REFUSED, method="POST"),
    *rows("hca:skill_edit", a_skill, REFUSED, method="POST"),
    ("hca:skill_new", centre_slug, "POST", "programme_manager", 400),
    *[("hca:skill_edit", other_centres_skill_here, method, "programme_manager", 404) for method in ("GET", "POST")],
    *rows("hca:coverage", coverage_of_partner_b, COVERAGE),
    *rows("hca:coverage", coverage_of_partner_b, _refused(COVERAGE), method="POST"),
    ("hca:coverage", centre_slug, "GET", "partner_b_contact", 403),  # no module of partner B: nothing to keep
    ("hca:coverage", coverage_of_partner_b, "POST", "programme_manager", 400),  # an empty matrix is incomplete
    ("hca:coverage", coverage_of_partner_b, "POST", "partner_b_contact", 400),
    *rows("hca:published", centre_slug, EDITORS),
    *rows("hca:published", centre_slug, REFUSED, method="POST"),
    ("hca:published", centre_slug, "POST", "centre_admin", 400),
    *rows("hca:published_delete", a_forecast, EDITORS),
    *rows("hca:published_delete", a_forecast, REFUSED, method="POST"),
    ("hca:published_delete", a_forecast, "POST", "programme_manager", 302),
    *[("hca:published_delete", other_centres_forecast_here, method, "programme_manager", 404)
      for method in ("GET", "POST")],
    *rows("hca:school_programmes", school_b, SCHOOL_B),
    *rows("hca:school_programme_new", school_b, SCHOOL_B),
    *rows("hca:school_programme_edit", school_b_programme, SCHOOL_B),
    *rows("hca:school_programmes", school_a, SCHOOL_A),
    *rows("hca:school_programme_new", school_a, SCHOOL_A),
    *rows("hca:school_programme_new", school_b, _refused(SCHOOL_B), method="POST"),
    *rows("hca:school_programme_edit", school_b_programme, _refused(SCHOOL_B), method="POST"),
    *rows("hca:school_programme_new", school_a, _refused(SCHOOL_A), method="POST"),
    ("hca:school_programme_new", school_b, "POST", "partner_b_contact", 400),
    ("hca:school_programme_edit", school_b_programme, "POST", "finance_controller", 400),
    *[(name, args, method, persona, 404)
      for name, args in (("hca:school_programme_edit", another_schools_programme_under_b),
                         ("hca:school_programme_edit", other_centres_programme_under_b))
      for method in ("GET", "POST") for persona in ("partner_b_contact", "programme_manager")],
    *[(name, other_centres_partner_here, method, "programme_manager", 404)
      for name in ("hca:school_programmes", "hca:school_programme_new") for method in ("GET", "POST")],
]
