"""Permission rows for the workforce survey's pages (same shape as tests/test_permissions.py).

The partner's pages are for the contacts and signatories of an employer partner, about their own partner only:
another partner's address is a 404 (partner B does not learn partner A's answers exist), a partner that is no
employer and the centre's other roles (the office included: it has its own pages) get a 403. The office's pages
are the office's; another centre's round or occupation under this centre's address is a 404.
"""

from datetime import timedelta

from civhub.hca.models import Occupation, SurveyRound
from tests.conftest import PERSONAS
from tests.hca.survey_support import today

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_OTHERS = ["practor", "communications", "steering_member"]
PARTNER_A = ["partner_a_contact", "partner_a_signatory"]

# The partner's landing page: partner A (an employer) answers; partner B is a municipality.
SURVEY = {"anonymous": LOGIN, **dict.fromkeys(PARTNER_A, 200), "partner_b_contact": 403,
          **dict.fromkeys(OFFICE + CENTRE_OTHERS, 403), "other_centre_manager": 404}
# Partner A's own answer and upload pages.
PARTNER_A_ANSWERS = {**SURVEY, "partner_b_contact": 404}
# The template: whoever answers, and the office.
TEMPLATE = {**SURVEY, **dict.fromkeys(OFFICE, 200)}
OFFICE_PAGES = {"anonymous": LOGIN, **dict.fromkeys(OFFICE, 200),
                **dict.fromkeys(CENTRE_OTHERS + PARTNER_A + ["partner_b_contact"], 403), "other_centre_manager": 404}
for table in (SURVEY, PARTNER_A_ANSWERS, TEMPLATE, OFFICE_PAGES):
    assert sorted(table) == sorted(PERSONAS)


def refused(who):
    return {persona: status for persona, status in who.items() if status != 200}


def _round(centre, opened_by):
    return SurveyRound.objects.get_or_create(centre=centre, reference_date=today() - timedelta(days=5), defaults={
        "closes_on": today() + timedelta(days=20), "opened_by": opened_by})[0]


def _occupation(centre):
    return Occupation.objects.get_or_create(centre=centre, name="laborant mbo-3")[0]


def centre_slug(get):
    return {"slug": get("centre").slug}


def partner_a_answer(get):
    centre = get("centre")
    return {"slug": centre.slug, "code": get("partner_a").short_code,
            "round_pk": _round(centre, get("programme_manager")).pk, "occupation_pk": _occupation(centre).pk}


def other_centres_round_in_partner_a_answer(get):
    return {**partner_a_answer(get), "round_pk": _round(get("other_centre"), get("other_centre_manager")).pk}


def other_centres_occupation_in_partner_a_answer(get):
    return {**partner_a_answer(get), "occupation_pk": _occupation(get("other_centre")).pk}


def other_centres_partner_in_one_answer(get):
    return {**one_answer(get), "code": get("other_partner").short_code}


def other_centres_round_in_partner_a_import(get):
    return {**partner_a_import(get), "round_pk": _round(get("other_centre"), get("other_centre_manager")).pk}


def partner_a_import(get):
    centre = get("centre")
    return {"slug": centre.slug, "code": get("partner_a").short_code,
            "round_pk": _round(centre, get("programme_manager")).pk}


def a_round(get):
    return {"slug": get("centre").slug, "pk": _round(get("centre"), get("programme_manager")).pk}


def other_centres_round_here(get):
    return {"slug": get("centre").slug, "pk": _round(get("other_centre"), get("other_centre_manager")).pk}


def one_answer(get):
    centre = get("centre")
    return {"slug": centre.slug, "pk": _round(centre, get("programme_manager")).pk,
            "code": get("partner_a").short_code, "occupation_pk": _occupation(centre).pk}


def one_answer_of_a_partner_that_is_no_employer(get):
    return {**one_answer(get), "code": get("partner_b").short_code}


def other_centres_round_in_one_answer(get):
    return {**one_answer(get), "pk": _round(get("other_centre"), get("other_centre_manager")).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


HCA_SURVEY_ROWS = [
    # The partner's pages.
    *rows("hca:survey", centre_slug, SURVEY),
    *rows("hca:survey_template", centre_slug, TEMPLATE),
    *rows("hca:answer", partner_a_answer, PARTNER_A_ANSWERS),
    *rows("hca:answer", partner_a_answer, refused(PARTNER_A_ANSWERS), method="POST"),
    ("hca:answer", partner_a_answer, "POST", "partner_a_contact", 400),  # an empty form comes back
    *rows("hca:survey_import", partner_a_import, PARTNER_A_ANSWERS),
    *rows("hca:survey_import", partner_a_import, refused(PARTNER_A_ANSWERS), method="POST"),
    ("hca:survey_import", partner_a_import, "POST", "partner_a_signatory", 400),  # no file chosen
    *[("hca:answer", args, method, "partner_a_contact", 404)
      for args in (other_centres_round_in_partner_a_answer, other_centres_occupation_in_partner_a_answer)
      for method in ("GET", "POST")],
    ("hca:survey_import", other_centres_round_in_partner_a_import, "GET", "partner_a_contact", 404),
    ("hca:survey_import", other_centres_round_in_partner_a_import, "POST", "partner_a_contact", 404),
    # The office's pages.
    *rows("hca:rounds", centre_slug, OFFICE_PAGES),
    *rows("hca:rounds", centre_slug, refused(OFFICE_PAGES), method="POST"),
    ("hca:rounds", centre_slug, "POST", "programme_manager", 400),
    *rows("hca:round", a_round, OFFICE_PAGES),
    *rows("hca:round_answer", one_answer, OFFICE_PAGES),
    *rows("hca:round_answer", one_answer, refused(OFFICE_PAGES), method="POST"),
    ("hca:round_answer", one_answer, "POST", "finance_controller", 400),
    *rows("hca:round_import", a_round, OFFICE_PAGES),
    *rows("hca:round_import", a_round, refused(OFFICE_PAGES), method="POST"),
    ("hca:round_import", a_round, "POST", "centre_admin", 400),
    ("hca:round", other_centres_round_here, "GET", "programme_manager", 404),
    ("hca:round_import", other_centres_round_here, "GET", "programme_manager", 404),
    ("hca:round_import", other_centres_round_here, "POST", "programme_manager", 404),
    ("hca:round_answer", other_centres_round_in_one_answer, "GET", "programme_manager", 404),
    ("hca:round_answer", other_centres_round_in_one_answer, "POST", "programme_manager", 404),
    ("hca:round_answer", other_centres_partner_in_one_answer, "GET", "programme_manager", 404),
    ("hca:round_answer", one_answer_of_a_partner_that_is_no_employer, "GET", "programme_manager", 404),
]
