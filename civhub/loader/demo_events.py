"""The demo centre's events: the brochure's 2020–2021 agenda as past events, and upcoming ones in 2027.

The dates of the past events come from the brochure (the call of 5 November 2020 by four parties,
brainstorm sessions in February–March 2021, the governance consultation in April, the work
conference for all partners on 26 May 2021, the RIF preparation in June); their exact days within a
month, the times, places, descriptions and capacities are ILLUSTRATIVE. The upcoming events, the
people who registered (invented names with example.org addresses) and the full information session
with its waiting list are ILLUSTRATIVE too. The people at the partners' events come from the
partners in turn: the work conference has 44 registrations and 33 people present (every fourth
stayed away), from all 21 partners, as the demo news says.

Idempotent: an event whose title the centre already has is left alone, so what demo users
change survives another load.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.events.models import Event, EventQuestion, Registration
from civhub.loader.demo_learning import DEMO_PEOPLE
from civhub.partners.models import Partnership

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RESERVED = {name.lower() for name in DEMO_PEOPLE}
PARK = "Leiden Bio Science Park, Leiden"
Kind, Audience = Event.Kind, Event.Audience


@dataclass(frozen=True)
class DemoEvent:
    title: str
    kind: str
    audience: str
    day: datetime.date
    hours: tuple[int, int]
    location: str
    description: str
    capacity: int | None = None
    confirmed: int = 0
    waiting: int = 0
    pending: int = 0
    questions: tuple[tuple[str, str], ...] = ()  # (label, choices one per line or "" for free text)


DEMO_EVENTS = [
    # The brochure's agenda (dates from the brochure; times, places and texts ILLUSTRATIVE).
    DemoEvent("Oproep: word partner van het CIV Bio Sciences", Kind.OTHER, Audience.PUBLIC,
              datetime.date(2020, 11, 5), (15, 17), "Online",
              "De general manager van Janssen Biologics, de wethouder onderwijs van Leiden, de directeur van de "
              "stichting Leiden Bio Science Park en de voorzitter van het College van Bestuur van mboRijnland "
              "roepen bedrijven en organisaties op het park op partner te worden van het CIV Bio Sciences."),
    DemoEvent("Brainstormsessie programmalijnen (1)", Kind.BRAINSTORM, Audience.PARTNERS,
              datetime.date(2021, 2, 16), (14, 17), "Online",
              "Met betrokkenen verkennen we de drie programmalijnen: excellent en vraaggericht onderwijs, "
              "practoraal onderzoek en het ecosysteem Leven Lang Ontwikkelen.", capacity=40, confirmed=6),
    DemoEvent("Brainstormsessie programmalijnen (2)", Kind.BRAINSTORM, Audience.PARTNERS,
              datetime.date(2021, 3, 16), (14, 17), "Online",
              "Tweede ronde: de programmalijnen concreet maken met activiteiten en eerste afspraken.",
              capacity=40, confirmed=5),
    DemoEvent("Overleg over governance CIV Bio Sciences", Kind.OTHER, Audience.PARTNERS,
              datetime.date(2021, 4, 20), (15, 17), "Online",
              "Hoe besturen de partners het CIV samen? Stuurgroep, programmamanager en de rol van de partners."),
    DemoEvent("Werkconferentie van en voor alle partners", Kind.WORK_CONFERENCE, Audience.PARTNERS,
              datetime.date(2021, 5, 26), (13, 17), "Online",
              "De werkconferentie van en voor alle partners: in workshops per programmalijn kiezen de partners "
              "de eerste speerpunten, als basis voor de RIF-aanvraag.",
              capacity=120, confirmed=44),  # 33 present, from all 21 partners: the news item says so
    DemoEvent("Voorbereiding aanvraag RIF-subsidie", Kind.OTHER, Audience.PARTNERS,
              datetime.date(2021, 6, 15), (9, 12), PARK,
              "Samen de aanvraag voor het Regionaal Investeringsfonds mbo voorbereiden, in te dienen vóór 1 juli."),
    # Upcoming (ILLUSTRATIVE).
    DemoEvent("Informatiesessie Leven Lang Ontwikkelen", Kind.INFORMATION_SESSION, Audience.PUBLIC,
              datetime.date(2027, 1, 21), (16, 18), "mboRijnland, Leiden",
              "Voor medewerkers en leidinggevenden op het park: welke cursussen en leerroutes zijn er, en hoe "
              "betaalt u ze? Het STAP-budget bestaat sinds 2024 niet meer; werkgevers kunnen scholing vaak "
              "bekostigen uit het opleidings- en ontwikkelingsfonds (O&O-fonds) van hun sector.",
              capacity=12, confirmed=12, waiting=3, pending=1),
    DemoEvent("Open labdag Bio Science Park", Kind.OPEN_LAB_DAY, Audience.PUBLIC,
              datetime.date(2027, 3, 20), (10, 15), "Technolab Leiden",
              "Kijk mee in de labs van het park: rondleidingen, proefjes voor jong en oud, en gesprekken met "
              "analisten over hun werk en opleiding.", capacity=80, confirmed=9, pending=2,
              questions=(("Met hoeveel personen komt u?", "1\n2\n3\n4 of meer"),)),
    DemoEvent("Werkconferentie 2027", Kind.WORK_CONFERENCE, Audience.PUBLIC,
              datetime.date(2027, 5, 26), (13, 17), "Naturalis, Leiden",
              "Zes jaar na de eerste werkconferentie komen de partners weer bijeen: de resultaten van de "
              "subsidieperiode 2022–2025, de samenwerking met eigen bijdragen van de partners en de plannen voor "
              "2027–2028. Voor alle partners, en open voor iedereen op het park die wil meedenken.",
              capacity=120, confirmed=7,
              questions=(("Dieetwensen", ""), ("Welke workshop kiest u?", "Robotica in het lab\nData en "
                                                                           "kwaliteit\nLeven Lang Ontwikkelen"))),
]

FIRST_NAMES = ["Sanne", "Daan", "Fatima", "Ruben", "Lotte", "Yusuf", "Eva", "Bram", "Noor", "Thijs", "Mila", "Jesse"]
LAST_NAMES = ["de Vries", "Jansen", "El Amrani", "Bakker", "Visser", "Yilmaz", "van Dijk", "Smit", "de Groot", "Kok"]


def add_demo_events(*, centre: Centre) -> str:
    """Add the demo events where missing; one line saying what was added."""
    added = {"events": 0, "registrations": 0}
    # The demo's own people (logins, steering group, contacts) do not register under a second address.
    people = iter([(f"{first} {last}", f"{first}.{last.replace(' ', '')}@example.org".lower())
                   for last in LAST_NAMES for first in FIRST_NAMES if f"{first} {last}".lower() not in RESERVED])
    # Registrations for the partners' events come from the partners in turn, so the work conference of
    # 26 May 2021 has people of all 21 partners present.
    partners = list(Partnership.objects.filter(centre=centre).order_by("pk"))
    with transaction.atomic():
        for demo in DEMO_EVENTS:
            if not Event.objects.filter(centre=centre, title=demo.title).exists():
                added["registrations"] += _add_event(centre, demo, people,
                                                     partners if demo.audience == Audience.PARTNERS else [])
                added["events"] += 1
    return _("demo events: %(events)d events and %(registrations)d registrations added") % added


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def _add_event(centre: Centre, demo: DemoEvent, people, partners) -> int:
    starts_at = _at(demo.day, demo.hours[0])
    event = Event.objects.create(
        centre=centre, title=demo.title, kind=demo.kind, audience=demo.audience, description=demo.description,
        starts_at=starts_at, ends_at=_at(demo.day, demo.hours[1]), location=demo.location, capacity=demo.capacity,
        registration_deadline=starts_at - datetime.timedelta(days=2),
    )
    for label, choices in demo.questions:
        EventQuestion.objects.create(event=event, label=label, choices=choices,
                                     kind=EventQuestion.Kind.CHOICE if choices else EventQuestion.Kind.TEXT)
    statuses = ([Registration.Status.CONFIRMED] * demo.confirmed + [Registration.Status.WAITING] * demo.waiting
                + [Registration.Status.PENDING] * demo.pending)
    past = demo.day.year < 2026
    for number, status in enumerate(statuses):
        name, email = next(people)
        # Seconds apart, so the waiting list has a clear order.
        confirmed_at = None if status == Registration.Status.PENDING else \
            starts_at - datetime.timedelta(days=20, seconds=-number)
        Registration.objects.create(event=event, name=name, email=email, status=status, confirmed_at=confirmed_at,
                                    partnership=partners[number % len(partners)] if partners else None,
                                    checked_in_at=starts_at if past and number % 4 else None)
    return len(statuses)
