"""factory_boy factories: simple, valid rows for tests. E-mail addresses are @example.org."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre, Grant, KeyDate, ProgrammeLine, PublicContact
from civhub.partners.models import (
    Cluster,
    CofinancingGroup,
    Contact,
    Organisation,
    OrganisationKind,
    PartnerApplication,
    Partnership,
)

PASSWORD = "correct-horse-battery-staple"  # every factory user's password


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"civ-test-{n}")
    name = factory.Sequence(lambda n: f"CIV Test {n}")
    region = "Gelderland"
    tagline = {"nl": "Vakmanschap voor morgen", "en": "Craftsmanship for tomorrow"}
    aim = {"nl": "Geen kwalitatieve of kwantitatieve mismatch.", "en": "No mismatch in quality or numbers."}
    introduction = {"nl": "Onderwijs en bedrijfsleven werken samen.", "en": "Schools and industry work together."}
    reasons = [{"nl": "Tekort aan vakmensen.", "en": "A shortage of skilled people."}]
    organisation_text = {"nl": "Het mbo en de hogeschool leiden het centrum samen."}
    subsidy_funds = [{"nl": "Een programmamanager.", "en": "A programme manager."}]
    contribution_text = {"nl": "Partners dragen vooral in natura bij."}


class ProgrammeLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeLine

    centre = factory.SubFactory(CentreFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: {"nl": f"Programmalijn {o.number}", "en": f"Line {o.number}"})
    description = {"nl": "Wat deze lijn doet.", "en": "What this line does."}


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    centre = factory.SubFactory(CentreFactory)
    scheme = "RIF"
    amount = Decimal("1000000.00")
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2028, 12, 31)
    cofinancing_ratio = Decimal("2.00")
    fixed_hourly_rate = Decimal("60.00")
    employer_share_min = Decimal("0.5000")
    employer_share_max = Decimal("1.0000")
    other_share_max = Decimal("0.5000")
    report_due_months = [12, 24, 36, 48]


class KeyDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyDate

    centre = factory.SubFactory(CentreFactory)
    starts_on = datetime.date(2026, 3, 12)
    title = factory.Sequence(lambda n: {"nl": f"Stuurgroepoverleg {n}", "en": f"Steering-group meeting {n}"})
    description = {"nl": "In het lab.", "en": "In the lab."}


class PublicContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicContact

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Publiek Contact {n}")
    position = {"nl": "programmamanager", "en": "programme manager"}
    phone = "030 123 45 67"
    email = factory.Sequence(lambda n: f"info{n}@example.org")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.COMPANY
    city = "Arnhem"
    website = factory.Sequence(lambda n: f"https://organisatie{n}.example.org")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    centre = factory.SubFactory(CentreFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    short_code = factory.Sequence(lambda n: f"partner-{n}")
    cluster = Cluster.PROFESSIONAL_FIELD
    status = Partnership.Status.ACTIVE
    joined_on = datetime.date(2025, 1, 1)
    cofinancing_group = CofinancingGroup.EMPLOYER
    intended_kinds = factory.LazyFunction(lambda: ["lab", "education"])  # a fresh list per row


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in with PASSWORD (or the `password` given)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test Gebruiker {n}")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role in a centre; partner roles need `partnership` (its centre is then taken from it)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.LazyAttribute(lambda o: o.partnership.centre if o.partnership else CentreFactory())
    role = Role.PROGRAMME_MANAGER
    partnership = None


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    function = "HR-adviseur"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "06 12345678"
    is_primary = True


class PartnerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerApplication

    centre = factory.SubFactory(CentreFactory)
    organisation_name = factory.Sequence(lambda n: f"Aanvrager {n} BV")
    kind = OrganisationKind.COMPANY
    city = "Nijmegen"
    website = "https://aanvrager.example.org"
    kvk_number = factory.Sequence(lambda n: f"{20000000 + n}")
    contact_name = factory.Sequence(lambda n: f"Aanvrager Persoon {n}")
    contact_email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    motivation = "Wij willen bijdragen aan goed opgeleide vakmensen."
    intended_kinds = factory.LazyFunction(lambda: ["lab", "research"])  # a fresh list per row
    consent_given_at = factory.LazyFunction(timezone.now)


def accepted_on(status, day, fields: dict) -> dict:
    """The entry's fields with the day it counts from: an accepted (or reversed) entry counts from its own date,
    unless the test gives `accepted_on` (the database refuses an accepted entry without one)."""
    if status in ("accepted", "reversed"):
        fields.setdefault("accepted_on", day)
    return fields
