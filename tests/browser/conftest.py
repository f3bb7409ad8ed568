"""Playwright on Debian's Chromium against pytest-django's live server.

One browser per test session (per xdist worker); every test gets fresh browser
contexts, so cookies never leak from one test or one person to the next. Pages
are Dutch by default: contexts send Accept-Language nl-NL like a Dutch visitor's browser.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.browser.support import LAPTOP, PHONE, OneRequestAtATime
from tests.factories import (
    GrantFactory,
    KeyDateFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeLineFactory,
    PublicContactFactory,
)

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# On SQLite the live server's threads share the test database's one in-memory connection: two requests at once (a
# page's charts loading while a download is asked for) break each other ("bad parameter or other API misuse").
if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = OneRequestAtATime

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(viewport=PHONE)`: a page in its own context (a separate person), closed after the test."""
    contexts = []

    def make(viewport=LAPTOP):
        context = browser.new_context(viewport=viewport, locale="nl-NL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(LAPTOP)


@pytest.fixture
def phone_page(new_page):
    return new_page(PHONE)


@pytest.fixture
def full_centre(centre, partner_a, partner_b):
    """The test centre with everything its public page shows: lines, both clusters, lead, grant, agenda, contact."""
    for number, (nl, en) in enumerate(
        [("Onderwijs", "Education"), ("Onderzoek", "Research"), ("Leven lang ontwikkelen", "Lifelong learning")],
        start=1,
    ):
        ProgrammeLineFactory(centre=centre, number=number, name={"nl": nl, "en": en})
    PartnershipFactory(
        centre=centre, short_code="lead", is_lead_applicant=True, cluster=Cluster.GOVERNMENT_EDUCATION,
        cofinancing_group=CofinancingGroup.NOT_COUNTED,
        organisation=OrganisationFactory(name="ROC Vakcollege", kind=OrganisationKind.SCHOOL, city="Ede"),
    )
    GrantFactory(centre=centre, application_due=datetime.date(2024, 10, 1))
    KeyDateFactory(centre=centre, title={"nl": "Werkconferentie", "en": "Working conference"})
    PublicContactFactory(centre=centre, name="Sanne de Vries")
    return centre
