"""The HCA page benchmark: the page a steering group reads, with 200 partners × 10 occupations × 5 survey rounds.

    python -m bench.hca                                               # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub python -m bench.hca

One centre gets 200 employer partners, 10 occupations, 5 survey rounds in which every partner answers for every
occupation (10,000 answers), 25 skills each rated in every answer of the newest round (50,000 ratings) and
covered by line-1 modules, 12 programmes and a published edition with a row per occupation. A smaller centre
(20 partners × 3 occupations × 2 rounds, 5 skills) is the baseline. The page is timed through the Django test
client (the median of seven requests, bench.governance.timed_get) for the office and for a steering-group
member, with the queries one request makes; its two charts too.

Targets (issue 13): the page renders in under 300 ms on PostgreSQL at the full size, and every address makes the
same number of queries at both sizes.
"""

import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.feed import setup_django
from bench.governance import timed_get
from bench.imports import scratch_database

TARGET_MS = 300
FULL = {"partners": 200, "occupations": 10, "rounds": 5, "skills": 25}
SMALL = {"partners": 20, "occupations": 3, "rounds": 2, "skills": 5}
ROOT = Path(__file__).resolve().parent.parent


def make_hca(slug: str, *, partners: int, occupations: int, rounds: int, skills: int):
    """A centre with the HCA's data of the given size; returns it with its programme manager and steering member."""
    from django.db import connection

    from bench.data import make_centre
    from civhub.accounts.models import Membership, Role, User
    from civhub.hca.models import (
        EducationProgramme,
        Occupation,
        PublishedForecast,
        PublishedForecastRow,
        SkillCoverage,
        SkillRating,
        SurveyRound,
        WorkforceAnswer,
    )
    from civhub.learning.models import Skill
    from civhub.programme.models import EducationModule

    centre = make_centre(slug, partners)
    manager = User.objects.create_user(f"pm-{slug}@example.org", full_name="Bench Manager")
    steering = User.objects.create_user(f"sg-{slug}@example.org", full_name="Bench Stuurgroep")
    Membership.objects.create(user=manager, centre=centre, role=Role.PROGRAMME_MANAGER)
    Membership.objects.create(user=steering, centre=centre, role=Role.STEERING_MEMBER)
    employers = list(centre.partnerships.order_by("pk"))
    made = Occupation.objects.bulk_create(Occupation(centre=centre, name=f"Beroep {number}", order=number)
                                          for number in range(occupations))
    surveys = SurveyRound.objects.bulk_create(
        SurveyRound(centre=centre, reference_date=date(2020 + 2 * number, 1, 15),
                    closes_on=date(2020 + 2 * number, 3, 15), opened_by=manager)
        for number in range(rounds))
    answers = WorkforceAnswer.objects.bulk_create(
        _answer(survey, partner, occupation, manager, seed)
        for survey in surveys for seed, (partner, occupation) in enumerate(
            (partner, occupation) for partner in employers for occupation in made))
    programmes = EducationProgramme.objects.bulk_create(
        EducationProgramme(centre=centre, school=employers[number % len(employers)], name=f"Opleiding {number}",
                           code=f"{25000 + number}", level="mbo4", graduates_per_year=40 + number,
                           share_entering=Decimal("0.6"))
        for number in range(12))
    EducationProgramme.occupations.through.objects.bulk_create(
        EducationProgramme.occupations.through(educationprogramme=programme, occupation=made[number % len(made)])
        for number, programme in enumerate(programmes))
    skill_rows = Skill.objects.bulk_create(Skill(centre=centre, name=f"Vaardigheid {number}", position=number)
                                           for number in range(skills))
    modules = EducationModule.objects.bulk_create(EducationModule(centre=centre, code=f"M{number}",
                                                                  title=f"Module {number}") for number in range(6))
    SkillCoverage.objects.bulk_create(SkillCoverage(module=modules[number % 6], skill=skill, level=number % 4)
                                      for number, skill in enumerate(skill_rows))
    newest = [answer for answer in answers if answer.survey_round_id == surveys[-1].pk]
    SkillRating.objects.bulk_create(
        (SkillRating(answer=answer, skill=skill, importance_now=1 + (seed + number) % 5,
                     importance_later=1 + (seed + 2 * number) % 5)
         for seed, answer in enumerate(newest) for number, skill in enumerate(skill_rows)), batch_size=5000)
    edition = PublishedForecast.objects.create(centre=centre, publisher="ROA", edition="Arbeidsmarkt tot 2030",
                                               region="Zuid-Holland Noord", first_year=2025, last_year=2030,
                                               imported_by=manager)
    PublishedForecastRow.objects.bulk_create(
        PublishedForecastRow(forecast=edition, subject="occupation", name=occupation.name, occupation=occupation,
                             employment=10000, expansion=600 + 10 * number, replacement=1200, supply=1500,
                             ita=Decimal("0.95"), typology="goed")
        for number, occupation in enumerate(made))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a database in use has them after bulk inserts
    return centre, manager, steering


def _answer(survey, partner, occupation, user, seed: int):
    from civhub.hca.models import WorkforceAnswer

    bands = [1 + seed % 3, 2 + seed % 4, 2, 2 + seed % 2, 1, seed % 3]
    stated = seed % 4 == 0
    return WorkforceAnswer(
        survey_round=survey, partnership=partner, occupation=occupation, persons=sum(bands), fte=Decimal(sum(bands)),
        age_under_25=bands[0], age_25_34=bands[1], age_35_44=bands[2], age_45_54=bands[3], age_55_59=bands[4],
        age_60_plus=bands[5], expected_headcount=sum(bands) + seed % 5, retirements=bands[5] if stated else None,
        other_leavers=1 if stated else None, updated_by=user)


def urls(centre) -> dict[str, str]:
    from django.urls import reverse

    return {
        "HCA page": reverse("hca:overview", args=[centre.slug]),
        "openings chart": reverse("hca:overview_chart", args=[centre.slug, "openings"]),
        "trend chart": reverse("hca:overview_chart", args=[centre.slug, "trend"]),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.db import connection
        from django.test import Client

        from bench.data import sign_in

        print(f"database {connection.vendor}")
        print(f"{'page':<16}{'reader':<10}{'size':<28}{'median ms':>10}{'queries':>9}")
        queries_seen, failures = {}, []
        for name, size in (("small", SMALL), ("full", FULL)):
            centre, manager, steering = make_hca(f"hca-{name}", **size)
            label = "{partners} × {occupations} × {rounds}, {skills} skills".format(**size)
            for reader, user in (("office", manager), ("steering", steering)):
                client = Client()
                sign_in(client, user)
                for page, url in urls(centre).items():
                    client.get(url)  # warm: templates compiled, translations loaded
                    milliseconds, queries = timed_get(client, url)
                    queries_seen.setdefault((page, reader), set()).add(queries)
                    if name == "full" and page == "HCA page" and milliseconds > TARGET_MS:
                        failures.append(f"{page} ({reader}): {milliseconds:.0f} ms")
                    print(f"{page:<16}{reader:<10}{label:<28}{milliseconds:>10.1f}{queries:>9}", flush=True)
        failures += [f"{page} ({reader}): queries grow" for (page, reader), counts in queries_seen.items()
                     if len(counts) > 1]
        print("targets met" if not failures else "targets NOT met: " + "; ".join(failures))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
