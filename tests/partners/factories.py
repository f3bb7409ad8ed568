"""Helpers for the portal, office, onboarding, export and admin tests.

The rows themselves come from the shared factories in `tests.factories`; what is here is
specific to these tests: people with one role, a signed-in client, a query counter and a change to
an organisation that two centres share.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from civhub.accounts.models import Role, User
from civhub.partners.models import OrganisationChange, OrganisationChangeDecision
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory
from tests.two_factor import sign_in

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def person(centre, role, partnership=None, **user_fields) -> User:
    """A user holding one role in the centre (partner roles for a partnership)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, centre=centre, role=role, partnership=partnership)
    return user


def office_person(centre, role=Role.PROGRAMME_MANAGER, **user_fields) -> User:
    return person(centre, role, **user_fields)


def partner_person(partnership, role=Role.PARTNER_CONTACT, **user_fields) -> User:
    return person(partnership.centre, role, partnership=partnership, **user_fields)


def client_for(user, language: str = "en") -> Client:
    """A test client signed in as `user` (through the model backend: axes is off in tests).

    It has chosen English with the language switch, so that assertions on page texts read the
    English source strings whatever the Dutch catalogue says.
    """
    client = Client()
    sign_in(client, user, backend=MODEL_BACKEND)  # and past the second step when the person needs it
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def count_queries(client, url) -> int:
    """How many queries a successful GET of `url` takes, with nothing cached (core/revisions.py): the worst case."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def shared_change(*, asked_of, asked_from, wanted=None, requested_by=None) -> OrganisationChange:
    """An organisation that is a partner of both centres, and a change asked from one that waits for the other."""
    organisation = OrganisationFactory()
    PartnershipFactory(centre=asked_of, organisation=organisation)
    through = PartnershipFactory(centre=asked_from, organisation=organisation)
    wanted = wanted or {"name": f"{organisation.name} Nieuw"}
    change = OrganisationChange.objects.create(
        organisation=organisation, partnership=through, requested_by=requested_by, wanted=wanted,
        previous={name: getattr(organisation, name) for name in wanted},
    )
    OrganisationChangeDecision.objects.create(change=change, centre=asked_of)
    return change
