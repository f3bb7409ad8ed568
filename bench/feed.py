"""Catalogue feed benchmark: pages of 100 from the OOAPI v5 feed over 10,000 courses and 50,000 offerings.

    python -m bench.feed                                     # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub python -m bench.feed

(With PostgreSQL the run uses a temporary database on that server, like bench.imports.)

One run: migrate (no demo), then bulk-insert one centre with 40 providers and 20 skills,
`--courses` published courses (two skills each) and a tenth as many drafts, five offerings
per course (50,000 of published courses) and 66,000 enrolments, then time
`/api/ooapi/v5/courses?pageSize=100&pageNumber=N` and `/api/ooapi/v5/offerings?pageSize=100…`
for the first, second, middle and last pages and one past the end, through the Django test
client: the median of RUNS requests, with the queries one request makes.

Target (issue 6): every page under 100 ms on SQLite, and the same number of queries on
every page that has items.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bench.imports import scratch_database

RUNS = 7
TARGET_MS = 100
PAGE_SIZE = 100
PROVIDERS, SKILLS, OFFERINGS_PER_COURSE = 40, 20, 5
BATCH = 5_000
ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str) -> None:
    """Django on a fresh, migrated database (no demo: the feed's data is inserted below)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False  # DEBUG=1 only lets the settings start; with it on Django would keep every query


def insert_catalogue(courses: int, *, seed: int = 6) -> None:
    """The catalogue: providers, skills, published and draft courses, their offerings and enrolments."""
    from civhub.core.models import Centre
    from civhub.learning.models import Course, Enrolment, Offering, Skill
    from civhub.partners.models import Cluster, CofinancingGroup, Organisation, OrganisationKind, Partnership

    rng = random.Random(seed)
    centre = Centre.objects.create(slug="civ-bench", name="CIV Bench")
    kinds = [OrganisationKind.COMPANY, OrganisationKind.SCHOOL, OrganisationKind.COLLEGE, OrganisationKind.HOSPITAL]
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Aanbieder {n:02}", normalised_name=f"aanbieder{n:02}", kind=kinds[n % len(kinds)],
                     city="Leiden")
        for n in range(PROVIDERS)
    )
    providers = Partnership.objects.bulk_create(
        Partnership(centre=centre, organisation=organisation, short_code=f"aanbieder-{n:02}",
                    cluster=Cluster.PROFESSIONAL_FIELD, cofinancing_group=CofinancingGroup.EMPLOYER)
        for n, organisation in enumerate(organisations)
    )
    skills = Skill.objects.bulk_create(Skill(centre=centre, name=f"Vaardigheid {n:02}") for n in range(SKILLS))
    drafts = courses // 10
    statuses = [Course.Status.PUBLISHED] * courses + [Course.Status.DRAFT] * drafts
    rng.shuffle(statuses)
    created = Course.objects.bulk_create(
        (Course(centre=centre, provider=providers[n % PROVIDERS], title=f"Cursus {n:05} voor analisten",
                description="Praktijkgerichte cursus op het Leiden Bio Science Park. " * 4,
                level=rng.choice(Course.Level.values), nlqf_level=rng.choice([None, 2, 3, 4, 5, 6, 7]),
                study_load=Decimal(rng.choice(["8.0", "16.0", "24.5", "120.0"])),
                price=Decimal(rng.randrange(0, 250_000)) / 100, stap_eligible=n % 3 == 0,
                mode=rng.choice(Course.Mode.values), status=status)
         for n, status in enumerate(statuses)),
        batch_size=BATCH,
    )
    Course.skills.through.objects.bulk_create(
        (Course.skills.through(course_id=course.pk, skill_id=skill.pk)
         for course in created for skill in rng.sample(skills, 2)),
        batch_size=BATCH,
    )
    first_day = date(2026, 1, 5)
    offerings = Offering.objects.bulk_create(
        (Offering(course_id=course.pk, start_date=(start := first_day + timedelta(days=rng.randrange(0, 730))),
                  end_date=start + timedelta(days=rng.randrange(0, 90)), location="Zernikedreef 11, Leiden",
                  capacity=rng.randrange(8, 25))
         for course in created for _ in range(OFFERINGS_PER_COURSE)),
        batch_size=BATCH,
    )
    statuses = [Enrolment.Status.ENROLLED] * 6 + [Enrolment.Status.WAITING, Enrolment.Status.CANCELLED]
    Enrolment.objects.bulk_create(
        (Enrolment(offering_id=offering.pk, name=f"Deelnemer {n}", email=f"deelnemer{n}@example.org",
                   status=statuses[n % len(statuses)])
         for offering in offerings[::5] for n in range(6)),
        batch_size=BATCH,
    )


def time_get(client, url: str) -> tuple[float, int, int]:
    """Median milliseconds of RUNS requests, the queries of one, and the number of items on the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(durations), len(queries.captured_queries), len(response.json()["items"])


def pages_to_time(client, url: str) -> list[int]:
    """The first, second, middle and last pages, and the one after the last."""
    last = client.get(url).json()["totalPages"]
    return [1, 2, last // 2, last, last + 1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the OOAPI v5 catalogue feed.")
    parser.add_argument("--courses", type=int, default=10_000, help="published courses (offerings: five each)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        start = time.perf_counter()
        insert_catalogue(args.courses)
        drafts = args.courses // 10
        print(f"database   {connection.vendor}: {args.courses:,} published courses (+{drafts:,} drafts), "
              f"{args.courses * OFFERINGS_PER_COURSE:,} offerings of published courses "
              f"(+{drafts * OFFERINGS_PER_COURSE:,} of drafts), inserted in {time.perf_counter() - start:.1f} s")
        print(f"{'list':<11}{'page':>6}{'items':>7}{'median ms':>11}{'queries':>9}")
        client, slowest, query_counts = Client(), 0.0, set()
        for name in ("courses", "offerings"):
            list_url = f"{reverse(f'api:{name}')}?pageSize={PAGE_SIZE}"
            for number in pages_to_time(client, list_url):
                url = f"{list_url}&pageNumber={number}"
                milliseconds, queries, items = time_get(client, url)
                print(f"{name:<11}{number:>6}{items:>7}{milliseconds:>11.1f}{queries:>9}", flush=True)
                slowest = max(slowest, milliseconds)
                if items:
                    query_counts.add((name, queries))
        constant = len(query_counts) == 2
        met = slowest < TARGET_MS and constant
        print(f"slowest page {slowest:.1f} ms (target < {TARGET_MS} ms); queries per page "
              f"{'constant' if constant else 'NOT constant'}; targets {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
