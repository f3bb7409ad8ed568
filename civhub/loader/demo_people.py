"""The demo partners' people: for every partner a contact who records contributions and a signatory who approves.

The two keys are two different people of the partner, then the finance controller. The
README's demo logins keep their roles (Janssen's contact and signatory, Eurofins' contact);
every other partner gets a fictitious contact and signatory under its own example domain
(`…@<code>.example.org`). They hold no password: they are the demo's history, not logins.
"""

from dataclasses import dataclass

from civhub.accounts.models import Membership, Role, User
from civhub.partners.models import Contact, Partnership

FIRST_NAMES = ("Anne", "Bram", "Carla", "Dirk", "Esther", "Frank", "Gerda", "Hans", "Iris", "Jeroen", "Karin",
               "Lars", "Marieke", "Niels", "Olga", "Paul", "Renate", "Sander", "Tessa", "Victor", "Wendy", "Yusuf")
LAST_NAMES = ("Aalbers", "Brouwer", "Claassen", "Dekker", "Evers", "Frijters", "Gerritsen", "Hoekstra", "IJzerman",
              "Jansen", "Kok", "Lammers", "Mol", "Nijhuis", "Oosterhuis", "Prins", "Roos", "Schouten", "Terpstra",
              "Veenstra", "Willemsen", "Zwart")
FUNCTIONS = {Role.PARTNER_CONTACT: "Coördinator CIV-bijdragen", Role.PARTNER_SIGNATORY: "Manager, tekenbevoegd"}


@dataclass(frozen=True)
class PartnerPeople:
    """Who records and who approves a partner's contributions in the demo."""

    contact: User
    signatory: User


def partner_people(partnership: Partnership, number: int) -> PartnerPeople:
    """The partner's contact and signatory: the ones it has, else two fictitious people (`number` picks the names)."""
    return PartnerPeople(_person(partnership, Role.PARTNER_CONTACT, number),
                         _person(partnership, Role.PARTNER_SIGNATORY, number + 7))


def _person(partnership: Partnership, role: str, number: int) -> User:
    existing = (User.objects.filter(memberships__partnership=partnership, memberships__role=role)
                .order_by("pk").first())
    if existing is not None:
        return existing
    first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[(number * 5 + 3) % len(LAST_NAMES)]
    email = f"{first}.{last}@{partnership.short_code}.example.org".lower()
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, full_name=f"{first} {last}")
    Membership.objects.get_or_create(user=user, centre=partnership.centre, role=role, partnership=partnership)
    Contact.objects.get_or_create(partnership=partnership, email=email, defaults={
        "name": user.full_name, "function": FUNCTIONS[role], "user": user})
    return user
