"""Fictitious activity on top of the demo centre, so that `make run` shows a centre at work.

Everything here is invented (example.org addresses, made-up people and organisations) and
added idempotently: rows are created when missing and left alone when present, so that what
a demo user changes (an application approved, a contact edited) survives another load.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.accounts import two_factor
from civhub.accounts.models import Role, User
from civhub.core.models import Centre
from civhub.partners.models import Contact, PartnerApplication, Partnership

DEMO_DEFINITION = Path(__file__).resolve().parent / "demo" / "civ-bio-sciences.yaml"
DEMO_PASSWORD = "civhub-demo-2026"  # noqa: S105 - the documented password of the fictitious demo logins
# The documented authenticator key of the demo logins that must use two factors (README): a reviewer adds it to an
# app, or asks `manage.py totp_code <email>` (DEBUG only). Base32 CIVHUBDEMOCIVHUBDEMOCIVHUBDEMO22, hex as django-otp
# keeps it.
DEMO_TOTP_KEY = "122a7a046463848a9e811918e122a7a046463b5a"
DEMO_DOMAIN = "@example.org"


@dataclass(frozen=True)
class DemoContact:
    partner: str
    name: str
    function: str
    email: str
    phone: str = ""
    is_primary: bool = False


DEMO_CONTACTS = [
    DemoContact("janssen", "Joost Mulder", "HR-adviseur opleidingen", "contact.janssen@example.org",
                "071 555 0101", is_primary=True),
    DemoContact("janssen", "Inge de Graaf", "Manager Quality Control", "signatory.janssen@example.org"),
    DemoContact("eurofins", "Noor Hendriks", "Teamleider laboratorium", "contact.eurofins@example.org",
                is_primary=True),
    DemoContact("lumc", "Daan Koster", "Coördinator opleidingen", "lumc.opleidingen@example.org", is_primary=True),
    DemoContact("leiden", "Femke Boer", "Beleidsadviseur onderwijs en arbeidsmarkt", "onderwijs.leiden@example.org",
                is_primary=True),
    DemoContact("hsleiden", "Ruben Meijer", "Coördinator samenwerking werkveld", "werkveld.hsleiden@example.org",
                is_primary=True),
]

# Three requests to join, as the public form would have received them. The last one comes from
# an organisation that is already a partner ("Mimetas B.V." is "Mimetas"), so the office sees
# the duplicate warning.
DEMO_APPLICATIONS = [
    {
        "organisation_name": "Celkweek Leiden B.V.", "kind": "company", "city": "Leiden",
        "website": "https://celkweek.example.org", "contact_name": "Anouk van Leeuwen",
        "contact_email": "anouk.vanleeuwen@example.org", "contact_phone": "071 555 0190",
        "motivation": "Wij zoeken analisten die celkweek beheersen en willen graag meedenken over het "
                      "onderwijs en stageplaatsen bieden.",
        "intended_kinds": ["education", "lab"], "consent_given_at": datetime(2026, 10, 6, 9, 15, tzinfo=UTC),
    },
    {
        "organisation_name": "Stichting Techniektalent Rijnland", "kind": "foundation", "city": "Leiden",
        "website": "", "contact_name": "Bas de Wit", "contact_email": "bas.dewit@example.org",
        "contact_phone": "",
        "motivation": "Onze stichting brengt jongeren in aanraking met techniek en wil bijdragen aan het "
                      "ecosysteem Leven Lang Ontwikkelen.",
        "intended_kinds": ["lifelong_learning", "organisation"],
        "consent_given_at": datetime(2026, 10, 20, 14, 40, tzinfo=UTC),
    },
    {
        "organisation_name": "Mimetas B.V.", "kind": "company", "city": "Oegstgeest", "website": "",
        "contact_name": "Sven Bos", "contact_email": "sven.bos@example.org", "contact_phone": "071 555 0177",
        "motivation": "Als nieuwe teamleider wil ik onze organisatie aanmelden voor het CIV; wij dragen graag "
                      "bij aan onderzoeksopdrachten van het practoraat.",
        "intended_kinds": ["research"], "consent_given_at": datetime(2026, 11, 2, 11, 5, tzinfo=UTC),
    },
]


def add_demo_activity(*, centre: Centre) -> Counter:
    """Demo passwords, an admin login, partner contacts and open applications; counts what it added."""
    done = Counter()
    with transaction.atomic():
        done["passwords set"] = _set_demo_passwords(centre)
        done["admins made staff"] = _make_admins_staff(centre)
        done["authenticators given"] = _give_demo_authenticators(centre)
        done["contacts added"] = _add_contacts(centre)
        done["applications added"] = _add_applications(centre)
    return done


def describe_activity(done: Counter) -> str:
    """One line for the command's output."""
    return _(
        "demo activity: %(passwords)d passwords set, %(staff)d admins made staff, %(contacts)d contacts "
        "added, %(applications)d applications added"
    ) % {"passwords": done["passwords set"], "staff": done["admins made staff"],
         "contacts": done["contacts added"], "applications": done["applications added"]}


def _demo_users(centre: Centre):
    return User.objects.filter(memberships__centre=centre, email__iendswith=DEMO_DOMAIN).distinct().order_by("pk")


def _set_demo_passwords(centre: Centre) -> int:
    """Give every fictitious login the documented demo password, unless it has it already."""
    changed = 0
    for user in _demo_users(centre):
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            changed += 1
    return changed


def _give_demo_authenticators(centre: Centre) -> int:
    """The office and signatories of the demo sign in with two factors: each gets the published demo key."""
    given = 0
    for user in _demo_users(centre):
        device = two_factor.authenticator(user)
        if two_factor.required_for(user) and (device is None or device.key != DEMO_TOTP_KEY):
            two_factor.give_demo_device(user, DEMO_TOTP_KEY)
            given += 1
    return given


def _make_admins_staff(centre: Centre) -> int:
    """The demo centre administrator may open Django's admin."""
    admins = _demo_users(centre).filter(memberships__role=Role.CENTRE_ADMIN, is_staff=False)
    return User.objects.filter(pk__in=list(admins.values_list("pk", flat=True))).update(is_staff=True)


def _add_contacts(centre: Centre) -> int:
    """A few partners' contact persons, linked to their login where the demo has one."""
    partnerships = {p.short_code: p for p in Partnership.objects.filter(centre=centre)}
    added = 0
    for demo in DEMO_CONTACTS:
        partnership = partnerships.get(demo.partner)
        if partnership is None or partnership.contacts.filter(email=demo.email).exists():
            continue
        Contact.objects.create(
            partnership=partnership, name=demo.name, function=demo.function, email=demo.email, phone=demo.phone,
            is_primary=demo.is_primary, user=User.objects.filter(email__iexact=demo.email).first(),
        )
        added += 1
    return added


def _add_applications(centre: Centre) -> int:
    """Open requests to join, waiting for the programme office."""
    added = 0
    for demo in DEMO_APPLICATIONS:
        if centre.applications.filter(contact_email=demo["contact_email"]).exists():
            continue
        PartnerApplication.objects.create(centre=centre, **demo)
        added += 1
    return added
