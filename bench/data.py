"""Synthetic centres for the benchmarks: N partners with a contact each, made in bulk."""

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre, Grant, ProgrammeLine
from civhub.partners.models import Cluster, Contact, Organisation, Partnership


def make_centre(slug: str, partner_count: int) -> Centre:
    centre = Centre.objects.create(slug=slug, name=f"Bench {slug}", aim={"nl": "Benchmark"})
    ProgrammeLine.objects.bulk_create(
        ProgrammeLine(centre=centre, number=n, name={"nl": f"Lijn {n}"}) for n in (1, 2, 3)
    )
    Grant.objects.create(
        centre=centre, scheme="RIF", amount=Decimal("1000000.00"), start=date(2022, 1, 1), end=date(2025, 12, 31),
        cofinancing_ratio=Decimal("2.00"), employer_share_min=Decimal("0.3333"),
        employer_share_max=Decimal("0.6667"), other_share_max=Decimal("0.3333"),
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{slug} organisatie {n}", normalised_name=f"{slug}{n}", kind="company", city="Leiden")
        for n in range(partner_count)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(centre=centre, organisation=organisation, short_code=f"p{n}", cofinancing_group="employer",
                    cluster=Cluster.PROFESSIONAL_FIELD if n % 3 else Cluster.GOVERNMENT_EDUCATION)
        for n, organisation in enumerate(organisations)
    )
    Contact.objects.bulk_create(
        Contact(partnership=partnership, name=f"Contact {n}", email=f"c{n}@example.org")
        for n, partnership in enumerate(partnerships)
    )
    return centre


def sign_in(client: Client, user: User) -> None:
    """force_login past the second step (the office must use two factors): an authenticator for the person, and the
    session marked verified with it, as a right code would."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def office_client(centre: Centre) -> tuple[Client, dict[str, str]]:
    user = User.objects.create_user(f"pm-{centre.slug}@example.org", full_name="Bench Manager")
    Membership.objects.create(user=user, centre=centre, role=Role.PROGRAMME_MANAGER)
    client = Client()
    sign_in(client, user)
    urls = {
        "public centre page": reverse("public:centre", args=[centre.slug]),
        "office partner list": reverse("office:partners", args=[centre.slug]),
        "office partner export": reverse("office:partners_export", args=[centre.slug, "xlsx"]),
    }
    return client, urls
