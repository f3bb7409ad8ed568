"""Fixed personas (docs/style.md §6): two centres, three partners and one person per role.

`centre` is the test centre with partners A and B; `other_centre` has `other_partner`
and its own manager. Fixtures are lazy: a test only builds the people it asks for.
`persona_client("partner_a_contact")` gives a test client signed in as that persona
(`persona_client("anonymous")` one that is not signed in).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation

from civhub.accounts.models import Role
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.factories import (
    CentreFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

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


# Centres and partners ------------------------------------------------------------------


@pytest.fixture
def english_messages():
    """Services' and commands' messages in English for the test's duration (a folder's conftest makes it autouse).

    Their Dutch texts are the translator's (locale/nl); pages asked through the test client
    still speak the language of the request.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def centre(db):
    return CentreFactory(slug="civ-bio-sciences-test", name="CIV Bio Sciences (test)")


@pytest.fixture
def other_centre(db):
    return CentreFactory(slug="civ-other-test", name="CIV Ander Centrum (test)")


@pytest.fixture
def partner_a(centre):
    return PartnershipFactory(
        centre=centre, short_code="partner-a", organisation=OrganisationFactory(name="Partner A BV", city="Arnhem")
    )


@pytest.fixture
def partner_b(centre):
    return PartnershipFactory(
        centre=centre,
        short_code="partner-b",
        cluster=Cluster.GOVERNMENT_EDUCATION,
        cofinancing_group=CofinancingGroup.GOVERNMENT,
        organisation=OrganisationFactory(name="Gemeente Partner B", kind=OrganisationKind.MUNICIPALITY),
    )


@pytest.fixture
def other_partner(other_centre):
    return PartnershipFactory(
        centre=other_centre, short_code="other-partner", organisation=OrganisationFactory(name="Ander Bedrijf BV")
    )


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


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def programme_manager(centre):
    return _centre_person(centre, Role.PROGRAMME_MANAGER, "programme.manager@example.org")


@pytest.fixture
def finance_controller(centre):
    return _centre_person(centre, Role.FINANCE_CONTROLLER, "finance.controller@example.org")


@pytest.fixture
def centre_admin(centre):
    return _centre_person(centre, Role.CENTRE_ADMIN, "centre.admin@example.org", is_staff=True)


@pytest.fixture
def practor(centre):
    return _centre_person(centre, Role.PRACTOR, "practor@example.org")


@pytest.fixture
def communications(centre):
    return _centre_person(centre, Role.COMMUNICATIONS, "communications@example.org")


@pytest.fixture
def steering_member(centre):
    return _centre_person(centre, Role.STEERING_MEMBER, "steering.member@example.org")


@pytest.fixture
def partner_a_contact(partner_a):
    return _partner_person(partner_a, Role.PARTNER_CONTACT, "partner-a.contact@example.org")


@pytest.fixture
def partner_a_signatory(partner_a):
    return _partner_person(partner_a, Role.PARTNER_SIGNATORY, "partner-a.signatory@example.org")


@pytest.fixture
def partner_b_contact(partner_b):
    return _partner_person(partner_b, Role.PARTNER_CONTACT, "partner-b.contact@example.org")


@pytest.fixture
def other_centre_manager(other_centre):
    return _centre_person(other_centre, Role.PROGRAMME_MANAGER, "other-centre.manager@example.org")


@pytest.fixture
def persona_client(request, db):
    """`persona_client(name)`: a test client signed in as the named persona fixture (or anonymous)."""

    def make(name: str) -> Client:
        client = Client()
        user = request.getfixturevalue(name)
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make
