"""The demo centre's Human Capital Agenda, seen from late 2026: occupations, the schools' programmes, the skill
list with its coverage in the line-1 modules, two workforce surveys and a published forecast.

ILLUSTRATIVE, every figure: the survey rounds and the published edition are marked so (`illustrative`). The
premise is public (docs/hca-method.md): the Leiden Bio Science Park had about 20,000 jobs in 2022, expected to
grow to 27,000–30,000 in 2027, with demand shifting to mbo and hbo professionals as companies produce in-house.
So the employers expect most growth in production (procesoperator, QC/QA) and in mbo lab work, less in research.

- Occupations: six, with an ISCO-08 code only where the unit group is clearly the job's: 3111 chemical and
  physical science technicians (laborant mbo-3, analist mbo-4), 3133 chemical processing plant controllers
  (procesoperator), 3141 life science technicians excluding medical (microbiologisch analist). The research
  analist (hbo) sits between 3141 and 2131 and QC/QA-medewerker between 3111 and quality inspection, so both
  are left without a code.
- Programmes: mboRijnland's Middelbaar Laboratoriumonderwijs (Laborant, Analist) and Hogeschool Leiden's
  bachelors Biologie en Medisch Laboratoriumonderzoek and Chemie, all taught on the park. Their names are
  real; the crebo and CROHO codes are NOT checked against the registers (placeholders of the right form),
  and the graduates a year and the shares entering the region are invented. No programme of the centre trains
  procesoperators, so mboRijnland's Laborant counts for them too (many start in production).
- Survey rounds 2024 and 2026 (reference date 1 March, closed 30 April), answered by the employer partners;
  Janssen, LUMC and Eurofins state their leavers, Batavia only its retirements, the others leave them to the
  estimate. Mimetas and Randstad answered only in 2026, and in 2024 only Eurofins and LUMC answered for the
  microbiologisch analist, so that cell is suppressed outside the office (fewer than three partners).
- A published forecast (publisher ROA, region Holland Rijnland) with the edition's title saying that its
  figures are the demo's own, not ROA's.

Idempotent: each part is added only where it is missing (occupations, programmes and coverage when the centre
has none; a round when its reference date is free; the edition when its title and region are), so what a
demo user changes survives another load. Rows are written with the ORM directly, in bulk, at the moment they
happened (demo_clock), not through the services.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.accounts.models import OFFICE_ROLES, Membership
from civhub.core.models import Centre
from civhub.hca.indicators import TYPOLOGY, WORST
from civhub.hca.models import (
    AGE_BANDS,
    EducationProgramme,
    Occupation,
    PublishedForecast,
    PublishedForecastRow,
    SkillCoverage,
    SkillRating,
    SurveyRound,
    WorkforceAnswer,
)
from civhub.loader.demo_clock import clock_at
from civhub.loader.demo_people import partner_people
from civhub.loader.demo_skills import DEMO_SKILLS, add_demo_skills
from civhub.partners.models import CofinancingGroup, Partnership
from civhub.programme.models import EducationModule

D = Decimal
LAB, ANA, RES, PROC, QC, MIC = range(6)
# (name, ISCO-08 code or ""), in the centre's order
OCCUPATIONS = (("laborant mbo-3", "3111"), ("analist mbo-4", "3111"), ("research analist hbo", ""),
               ("procesoperator", "3133"), ("QC/QA-medewerker", ""), ("microbiologisch analist", "3141"))

# (school, name, code (placeholder, see the module), level, graduates a year, share entering the region, occupations)
PROGRAMMES = (
    ("mborijnland", "Laborant (Middelbaar Laboratoriumonderwijs)", "25409", "mbo3", 35, "0.450", (LAB, PROC)),
    ("mborijnland", "Analist (Middelbaar Laboratoriumonderwijs)", "25410", "mbo4", 70, "0.450", (ANA, QC)),
    ("hsleiden", "Biologie en Medisch Laboratoriumonderzoek", "34397", "hbo_bachelor", 100, "0.170", (RES, MIC)),
    ("hsleiden", "Chemie", "34396", "hbo_bachelor", 40, "0.170", (RES,)),
)


@dataclass(frozen=True)
class Employer:
    """An employer partner's workforce in the six occupations in 2026 and how it answers the survey."""

    code: str
    persons: tuple[int, int, int, int, int, int]  # persons now in 2026 per occupation, 0: none
    growth: str  # the partner's expected growth as a multiple of the occupation's (negative: it shrinks)
    earlier: str  # its persons in 2024 as a share of 2026
    fte: str  # FTE per person
    leavers: str = ""  # "both": states retirements and other leavers, "retirements": only those, "": neither
    age_shift: int = 0  # older (+) or younger (−) than the occupation's usual age profile
    rounds: tuple[int, ...] = (2024, 2026)
    only_2026: tuple[int, ...] = ()  # occupations it answered for in 2026 but not in 2024


EMPLOYERS = (
    Employer("janssen", (30, 60, 40, 80, 70, 30), "1.25", "0.86", "0.95", "both", only_2026=(MIC,)),
    Employer("eurofins", (50, 110, 20, 0, 40, 60), "0.90", "0.92", "0.90", "both", age_shift=-1),
    Employer("pharming", (15, 30, 25, 35, 35, 0), "1.10", "0.90", "0.93"),
    Employer("baseclear", (30, 35, 25, 0, 0, 0), "0.80", "0.94", "0.90", age_shift=-1),
    Employer("averydennison", (10, 15, 0, 0, 20, 0), "-0.30", "1.04", "0.95", age_shift=2),
    Employer("halallergy", (10, 25, 0, 40, 45, 20), "1.10", "0.90", "0.92", only_2026=(MIC,)),
    Employer("lumc", (40, 70, 150, 0, 0, 80), "0.35", "0.97", "0.85", "both", age_shift=2),
    Employer("batavia", (0, 20, 25, 35, 30, 25), "1.40", "0.80", "0.96", "retirements", only_2026=(MIC,)),
    Employer("mimetas", (10, 20, 35, 0, 0, 0), "1.00", "1", "0.92", age_shift=-2, rounds=(2026,)),
    Employer("randstad", (25, 30, 0, 20, 0, 0), "0.80", "1", "1.00", age_shift=-2, rounds=(2026,)),
)
GROWTH = ("0.40", "0.32", "0.25", "0.65", "0.55", "0.15")  # each occupation's growth over six years, 2026 round
EARLIER_GROWTH = "1.00"  # in 2024 the employers expected the same growth as in 2026 (a multiple of it)
AGE_PROFILE = (  # the share of each age band (AGE_BANDS order) per occupation
    (22, 34, 20, 13, 6, 5), (12, 32, 24, 17, 8, 7), (6, 30, 28, 20, 9, 7),
    (10, 28, 25, 20, 9, 8), (8, 30, 28, 19, 8, 7), (8, 28, 26, 20, 10, 8))
VACANCY_RATE = ("0.06", "0.07", "0.04", "0.09", "0.08", "0.06")
HARD_TO_FILL = ("0.6", "0.5", "0.3", "0.7", "0.6", "0.4")
OTHER_LEAVERS_A_YEAR = D("0.025")


@dataclass(frozen=True)
class DemoRound:
    reference: date
    closes: date
    opened: date
    reminded: date


ROUNDS = {2024: DemoRound(date(2024, 3, 1), date(2024, 4, 30), date(2024, 2, 26), date(2024, 4, 23)),
          2026: DemoRound(date(2026, 3, 1), date(2026, 4, 30), date(2026, 2, 23), date(2026, 4, 23))}
HORIZON = 6

# skill → importance (1–5) now and in five years per occupation (LAB, ANA, RES, PROC, QC, MIC)
IMPORTANCE = {
    "Laboratoriumveiligheid": ("555455", "555455"),
    "Pipetteren": ("544235", "433234"),
    "Oplossingen en buffers maken": ("443234", "443234"),
    "Documentatie": ("444455", "455555"),
    "GMP": ("334554", "444555"),
    "Kwaliteitsborging": ("232353", "343454"),
    "Afwijkingen en CAPA": ("232453", "343454"),
    "Aseptisch werken": ("333435", "333545"),
    "Celkweek": ("224313", "334423"),
    "Microbiologie": ("222235", "222235"),
    "Moleculaire biologie": ("234123", "345134"),
    "Immunoassays": ("234132", "234132"),
    "HPLC": ("244141", "244241"),
    "Spectrometrie": ("234131", "244131"),
    "Methodevalidatie": ("134143", "244143"),
    "Instrumentatie": ("333433", "343433"),
    "Labautomatisering": ("233322", "444443"),
    "Procesbesturing": ("111421", "221531"),
    "LIMS": ("343344", "444454"),
    "Data-analyse": ("234233", "355444"),
    "Python": ("112111", "234222"),
    "Rapporteren": ("235243", "345344"),
    "Multidisciplinair samenwerken": ("344444", "444544"),
    "Probleemoplossend werken": ("344444", "455544"),
    "Leidinggeven": ("123222", "233332"),
}
VARIATION = (0, 0, 1, 0, -1, 0, 0)  # a partner's rating beside the usual one, picked deterministically

# line-1 module (demo_programme's codes) → {skill: coverage 0–3}
COVERAGE = {
    "AC-01": {"Laboratoriumveiligheid": 3, "Pipetteren": 3, "Oplossingen en buffers maken": 3, "Documentatie": 2,
              "HPLC": 2, "Spectrometrie": 2, "Methodevalidatie": 2, "Instrumentatie": 1, "Rapporteren": 2,
              "Probleemoplossend werken": 1, "Immunoassays": 0},
    "GMP-01": {"GMP": 3, "Kwaliteitsborging": 3, "Documentatie": 3, "Afwijkingen en CAPA": 2, "LIMS": 1,
               "Aseptisch werken": 1, "Procesbesturing": 0},
    "DA-01": {"Data-analyse": 2, "Python": 1, "Rapporteren": 2, "LIMS": 1, "Multidisciplinair samenwerken": 1},
    "CK-01": {"Celkweek": 3, "Aseptisch werken": 3, "Microbiologie": 1, "Moleculaire biologie": 1,
              "Laboratoriumveiligheid": 2},
    "LA-01": {"Labautomatisering": 2, "Instrumentatie": 2, "Pipetteren": 1, "Probleemoplossend werken": 2,
              "Multidisciplinair samenwerken": 1},
}

PUBLISHED_EDITION = "De arbeidsmarkt naar opleiding en beroep tot 2030 (demo: illustratieve cijfers, niet van ROA)"
PUBLISHED_REGION = "Holland Rijnland"
PUBLISHED_IMPORTED = date(2026, 1, 19)
# (subject, name as published, our occupation or None, employment, expansion, replacement, supply, ITA, typology)
PUBLISHED_ROWS = (
    ("occupation", "Laboranten", LAB, 3400, 420, 610, 780, "0.76", "zeer goed"),
    ("education", "Laboratoriumtechniek (mbo-4)", ANA, 2900, 260, 540, 830, "1.04", "redelijk"),
    ("education", "Biologie en medisch laboratoriumonderzoek (hbo)", RES, 4100, 290, 700, 1150, "1.16", "slecht"),
    ("occupation", "Procesoperators", PROC, 5800, 350, 1050, 910, "0.65", "zeer goed"),
    ("occupation", "Kwaliteitsmedewerkers", QC, 1900, 180, 330, 470, "0.92", "goed"),
    ("occupation", "Biologen en natuurwetenschappers", None, 2600, 150, 420, 640, "1.12", "matig"),
)


def add_demo_hca(*, centre: Centre) -> str:
    """Add the demo's Human Capital Agenda where missing; one line saying what was added."""
    added = dict.fromkeys(("skills", "occupations", "programmes", "coverage", "rounds", "answers", "ratings",
                           "editions"), 0)
    office = (Membership.objects.filter(centre=centre, role__in=sorted(OFFICE_ROLES)).select_related("user")
              .order_by("role", "pk").first())
    with transaction.atomic():
        skills, added["skills"] = add_demo_skills(centre=centre)
        if not Occupation.objects.filter(centre=centre).exists():
            added["occupations"] = len(Occupation.objects.bulk_create(
                Occupation(centre=centre, name=name, isco_code=isco, order=order)
                for order, (name, isco) in enumerate(OCCUPATIONS)))
        occupations = _occupations(centre)
        partners = {partner.short_code: partner for partner in Partnership.objects.filter(centre=centre)}
        if not EducationProgramme.objects.filter(centre=centre).exists():
            added["programmes"] = _programmes(centre, partners, occupations)
        if not SkillCoverage.objects.filter(module__centre=centre).exists():
            added["coverage"] = _coverage(centre, skills)
        if office is not None:
            for year, demo in ROUNDS.items():
                if not SurveyRound.objects.filter(centre=centre, reference_date=demo.reference).exists():
                    answers, ratings = _survey(centre, year, demo, office.user, partners, occupations, skills)
                    added["rounds"] += 1
                    added["answers"] += answers
                    added["ratings"] += ratings
            if not PublishedForecast.objects.filter(centre=centre, edition=PUBLISHED_EDITION,
                                                    region=PUBLISHED_REGION).exists():
                added["editions"] = _published(centre, office.user, occupations)
    return _("demo HCA: %(skills)d skills, %(occupations)d occupations, %(programmes)d education programmes, "
             "%(coverage)d skill coverages, %(rounds)d survey rounds (%(answers)d answers, %(ratings)d skill "
             "ratings) and %(editions)d published forecasts added") % added


def _occupations(centre) -> dict[int, Occupation]:
    """The demo's occupations that the centre still has under their demo names, by index."""
    by_name = {occupation.name: occupation for occupation in Occupation.objects.filter(centre=centre)}
    return {index: by_name[name] for index, (name, _isco) in enumerate(OCCUPATIONS) if name in by_name}


def _programmes(centre, partners, occupations) -> int:
    added = 0
    for school, name, code, level, graduates, share, trains in PROGRAMMES:
        if school not in partners:
            continue
        programme = EducationProgramme.objects.create(
            centre=centre, school=partners[school], name=name, code=code, level=level, graduates_per_year=graduates,
            share_entering=D(share))
        programme.occupations.set([occupations[index] for index in trains if index in occupations])
        added += 1
    return added


def _coverage(centre, skills) -> int:
    modules = {module.code: module for module in EducationModule.objects.filter(centre=centre, code__in=COVERAGE)}
    return len(SkillCoverage.objects.bulk_create(
        SkillCoverage(module=modules[code], skill=skills[name], level=level)
        for code, levels in COVERAGE.items() if code in modules
        for name, level in levels.items() if name in skills))


def _survey(centre, year, demo: DemoRound, office_user, partners, occupations, skills) -> tuple[int, int]:
    """One round with every answering employer's figures and skill ratings, each saved on the day it came in."""
    with clock_at(demo.opened, 9):
        survey_round = SurveyRound.objects.create(
            centre=centre, reference_date=demo.reference, closes_on=demo.closes, horizon_years=HORIZON,
            illustrative=True, reminded_on=demo.reminded, opened_by=office_user)
    employers = [employer for employer in EMPLOYERS if year in employer.rounds and employer.code in partners
                 and partners[employer.code].cofinancing_group == CofinancingGroup.EMPLOYER]
    answers = ratings = 0
    for number, employer in enumerate(employers):
        partner = partners[employer.code]
        contact = partner_people(partner, number).contact
        rows = [(index, _figures(employer, index, year)) for index, persons in enumerate(employer.persons)
                if persons and index in occupations and not (year == 2024 and index in employer.only_2026)]
        # The employers answer one by one in the weeks after the reference date, all before the round closes.
        with clock_at(demo.reference + timedelta(days=3 + 6 * number), 14):
            created = WorkforceAnswer.objects.bulk_create(
                WorkforceAnswer(survey_round=survey_round, partnership=partner, occupation=occupations[index],
                                updated_by=contact, **figures) for index, figures in rows)
        answers += len(created)
        ratings += len(SkillRating.objects.bulk_create(
            SkillRating(answer=answer, skill=skills[name], importance_now=now, importance_later=later)
            for answer, (index, _figures_given) in zip(created, rows, strict=True)
            for name, now, later in _ratings(number, index, year) if name in skills))
    return answers, ratings


def _figures(employer: Employer, index: int, year: int) -> dict:
    """An employer's answer for one occupation: the age bands add up to the persons, hard to fill ≤ vacancies."""
    persons = employer.persons[index] if year == 2026 else _round(employer.persons[index] * D(employer.earlier))
    growth = D(GROWTH[index]) * D(employer.growth) * (1 if year == 2026 else D(EARLIER_GROWTH))
    bands = _bands(persons, AGE_PROFILE[index], employer.age_shift)
    vacancies = _round(persons * D(VACANCY_RATE[index]) * max(D("0.5"), D(employer.growth)))
    figures = {
        "persons": persons, "fte": (persons * D(employer.fte)).quantize(D("0.1")),
        **dict(zip(AGE_BANDS, bands, strict=True)),
        "expected_headcount": max(0, _round(persons * (1 + growth))),
        "open_vacancies": vacancies, "hard_to_fill": _round(vacancies * D(HARD_TO_FILL[index])),
        "retirements": None, "other_leavers": None,
    }
    if employer.leavers:
        # Who leaves for a pension within the horizon: most of the 60+ band (a few stay on).
        figures["retirements"] = _round(bands[-1] * D("0.9"))
    if employer.leavers == "both":
        figures["other_leavers"] = _round(persons * OTHER_LEAVERS_A_YEAR * HORIZON)
    return figures


def _bands(persons: int, profile: tuple[int, ...], shift: int) -> list[int]:
    """`persons` over the six age bands by `profile`, tilted older or younger by `shift`; the largest remainders
    round up, so the bands always add up to the persons."""
    weights = [D(share) * (1 + D(shift) * (position - D("2.5")) / 10) for position, share in enumerate(profile)]
    exact = [persons * weight / sum(weights) for weight in weights]
    bands = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - bands[i]), i))
    for i in by_remainder[:persons - sum(bands)]:
        bands[i] += 1
    return bands


def _ratings(partner: int, occupation: int, year: int):
    """(skill, importance now, in five years) for one partner's answer: the usual rating, a step up or down."""
    for position, skill in enumerate(DEMO_SKILLS):
        now, later = IMPORTANCE[skill.name]
        step = VARIATION[(partner * 5 + position * 3 + occupation * 2 + year) % len(VARIATION)]
        yield skill.name, _scale(int(now[occupation]) + step), _scale(int(later[occupation]) + step)


def _published(centre, office_user, occupations) -> int:
    typology = [[str(bound), label] for bound, label in TYPOLOGY] + [[None, WORST]]
    with clock_at(PUBLISHED_IMPORTED, 11):
        forecast = PublishedForecast.objects.create(
            centre=centre, publisher="ROA", edition=PUBLISHED_EDITION, region=PUBLISHED_REGION, first_year=2025,
            last_year=2030, typology=typology, illustrative=True, imported_by=office_user)
    PublishedForecastRow.objects.bulk_create(
        PublishedForecastRow(forecast=forecast, subject=subject, name=name,
                             occupation=occupations.get(index) if index is not None else None,
                             employment=D(employment), expansion=D(expansion), replacement=D(replacement),
                             supply=D(supply), ita=D(ita), typology=label)
        for subject, name, index, employment, expansion, replacement, supply, ita, label in PUBLISHED_ROWS)
    return 1


def _round(value) -> int:
    return int(D(value).quantize(D(1), rounding=ROUND_HALF_UP))


def _scale(value: int) -> int:
    return min(5, max(1, value))
