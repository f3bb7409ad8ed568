"""Fixed personas (docs/style.md §6): two centres, three partners and one person per role.

`centre` is the test centre with partners A and B; `other_centre` has `other_partner`
and its own manager. Fixtures are lazy: a test only builds the people it asks for.
`persona_client("partner_a_contact")` gives a test client signed in as that persona
(`persona_client("anonymous")` one that is not signed in). `build_world()` makes all of them
at once, for a module that shares them over many tests (tests/test_permissions.py).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.utils import translation

from civhub.accounts.models import Role
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.database_template import migrated_once
from tests.factories import (
    CentreFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.two_factor import sign_in

PERSONAS = [
    "anonymous",
    "programme_manager",
    "finance_controller",
    "centre_admin",
    "practor",
    "communications",
    "steering_member",
    "partner_a_contact",
    "partner_a_signatory",
    "partner_b_contact",
    "other_centre_manager",
]


# The test database ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def _migrate_once():
    with migrated_once():
        yield


@pytest.fixture(scope="session")
def django_db_setup(_migrate_once, django_db_setup):
    """pytest-django's database set-up, with SQLite's migrations run once and kept (tests/database_template.py)."""
    return


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: a rolled-back test leaves no cached public page (or limit) behind, nor a
    menu drawn with another test's URLs or translations."""
    cache.clear()
    caches["menus"].clear()


# Centres and partners ------------------------------------------------------------------


@pytest.fixture
def english_messages():
    """Services' and commands' messages in English for the test's duration (a folder's conftest makes it autouse).

    Their Dutch texts are the translator's (locale/nl); pages asked through the test client
    still speak the language of the request.
    """
    with translation.override("en"):
        yield


def build_centre():
    return CentreFactory(slug="civ-bio-sciences-test", name="CIV Bio Sciences (test)")


def build_other_centre():
    return CentreFactory(slug="civ-other-test", name="CIV Ander Centrum (test)")


def build_partner_a(centre):
    return PartnershipFactory(
        centre=centre, short_code="partner-a", organisation=OrganisationFactory(name="Partner A BV", city="Arnhem")
    )


def build_partner_b(centre):
    return PartnershipFactory(
        centre=centre,
        short_code="partner-b",
        cluster=Cluster.GOVERNMENT_EDUCATION,
        cofinancing_group=CofinancingGroup.GOVERNMENT,
        organisation=OrganisationFactory(name="Gemeente Partner B", kind=OrganisationKind.MUNICIPALITY),
    )


def build_other_partner(other_centre):
    return PartnershipFactory(
        centre=other_centre, short_code="other-partner", organisation=OrganisationFactory(name="Ander Bedrijf BV")
    )


@pytest.fixture
def centre(db):
    return build_centre()


@pytest.fixture
def other_centre(db):
    return build_other_centre()


@pytest.fixture
def partner_a(centre):
    return build_partner_a(centre)


@pytest.fixture
def partner_b(centre):
    return build_partner_b(centre)


@pytest.fixture
def other_partner(other_centre):
    return build_other_partner(other_centre)


# People ----------------------------------------------------------------------------------


def _centre_person(centre, role, email, **user_fields):
    user = UserFactory(email=email, full_name=email.split("@")[0].replace(".", " ").title(), **user_fields)
    MembershipFactory(user=user, centre=centre, role=role)
    return user


def _partner_person(partnership, role, email):
    user = UserFactory(email=email, full_name=email.split("@")[0].replace(".", " ").title())
    MembershipFactory(user=user, centre=partnership.centre, partnership=partnership, role=role)
    ContactFactory(partnership=partnership, user=user, name=user.full_name, email=email)
    return user


# How each signed-in persona is made, from the centre or partnership it belongs to.
PERSONA_BUILDERS = {
    "programme_manager": ("centre", lambda c: _centre_person(c, Role.PROGRAMME_MANAGER,
                                                             "programme.manager@example.org")),
    "finance_controller": ("centre", lambda c: _centre_person(c, Role.FINANCE_CONTROLLER,
                                                              "finance.controller@example.org")),
    "centre_admin": ("centre", lambda c: _centre_person(c, Role.CENTRE_ADMIN, "centre.admin@example.org",
                                                        is_staff=True)),
    "practor": ("centre", lambda c: _centre_person(c, Role.PRACTOR, "practor@example.org")),
    "communications": ("centre", lambda c: _centre_person(c, Role.COMMUNICATIONS, "communications@example.org")),
    "steering_member": ("centre", lambda c: _centre_person(c, Role.STEERING_MEMBER, "steering.member@example.org")),
    "partner_a_contact": ("partner_a", lambda p: _partner_person(p, Role.PARTNER_CONTACT,
                                                                 "partner-a.contact@example.org")),
    "partner_a_signatory": ("partner_a", lambda p: _partner_person(p, Role.PARTNER_SIGNATORY,
                                                                   "partner-a.signatory@example.org")),
    "partner_b_contact": ("partner_b", lambda p: _partner_person(p, Role.PARTNER_CONTACT,
                                                                 "partner-b.contact@example.org")),
    "other_centre_manager": ("other_centre", lambda c: _centre_person(c, Role.PROGRAMME_MANAGER,
                                                                      "other-centre.manager@example.org")),
}


def build_world() -> dict:
    """Both centres, the three partners and every signed-in persona, by fixture name (for a module's shared data)."""
    world = {"centre": build_centre(), "other_centre": build_other_centre()}
    world["partner_a"] = build_partner_a(world["centre"])
    world["partner_b"] = build_partner_b(world["centre"])
    world["other_partner"] = build_other_partner(world["other_centre"])
    for name, (belongs_to, build) in PERSONA_BUILDERS.items():
        world[name] = build(world[belongs_to])
    return world


def _persona_fixture(name):
    belongs_to, build = PERSONA_BUILDERS[name]

    @pytest.fixture(name=name)
    def fixture(request):
        return build(request.getfixturevalue(belongs_to))

    return fixture


@pytest.fixture
def anonymous():
    return AnonymousUser()


programme_manager = _persona_fixture("programme_manager")
finance_controller = _persona_fixture("finance_controller")
centre_admin = _persona_fixture("centre_admin")
practor = _persona_fixture("practor")
communications = _persona_fixture("communications")
steering_member = _persona_fixture("steering_member")
partner_a_contact = _persona_fixture("partner_a_contact")
partner_a_signatory = _persona_fixture("partner_a_signatory")
partner_b_contact = _persona_fixture("partner_b_contact")
other_centre_manager = _persona_fixture("other_centre_manager")


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """On PostgreSQL, end any other session on the test database before it is dropped: a process a test started
    (the multi-process test's servers and worker, a killed worker's half-done transaction) can leave one, and the
    database cannot be dropped while it lives."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture
def persona_client(request, db):
    """`persona_client(name)`: a test client signed in as the named persona fixture (or anonymous)."""

    def make(name: str) -> Client:
        client = Client()
        user = request.getfixturevalue(name)
        if user.is_authenticated:
            sign_in(client, user)  # with the second step passed for the office and signatories (tests/two_factor.py)
        return client

    return make
