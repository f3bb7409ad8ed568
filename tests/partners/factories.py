"""Factories and small helpers for the portal, office, onboarding, export and admin tests.

Self-contained on purpose: these tests build their own centres and people.
"""

import factory
from django.conf import settings
from django.test import Client
from django.utils import timezone

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre
from civhub.partners.models import (
    Cluster,
    CofinancingGroup,
    Contact,
    Organisation,
    OrganisationKind,
    PartnerApplication,
    Partnership,
)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    slug = factory.Sequence(lambda n: f"civ-p{n}")
    name = factory.Sequence(lambda n: f"CIV Partners {n}")
    region = "Leiden"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person-p{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Lab Company {n}")
    kind = OrganisationKind.COMPANY
    city = "Leiden"
    website = "https://www.example.org"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    centre = factory.SubFactory(CentreFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    short_code = factory.Sequence(lambda n: f"partner-{n}")
    cluster = Cluster.PROFESSIONAL_FIELD
    status = Partnership.Status.ACTIVE
    cofinancing_group = CofinancingGroup.EMPLOYER
    joined_on = factory.LazyFunction(timezone.localdate)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact-p{n}@example.org")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerApplication

    centre = factory.SubFactory(CentreFactory)
    organisation_name = factory.Sequence(lambda n: f"Applicant {n} B.V.")
    kind = OrganisationKind.COMPANY
    city = "Leiden"
    contact_name = "Anna Applicant"
    contact_email = factory.Sequence(lambda n: f"applicant-p{n}@example.org")
    motivation = "We train analysts and want to help shape the education."
    intended_kinds = factory.LazyFunction(lambda: ["lab", "education"])
    consent_given_at = factory.LazyFunction(timezone.now)


def person(centre, role, partnership=None, **user_fields) -> User:
    """A user holding one role in the centre (partner roles for a partnership)."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, centre=centre, role=role, partnership=partnership)
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
    client.force_login(user, backend=MODEL_BACKEND)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client
