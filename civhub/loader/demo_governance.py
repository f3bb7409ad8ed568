"""The demo centre's steering group and its meetings 2022–2027 (everything here is ILLUSTRATIVE).

The brochure says the partners own the centre together and a delegation of them forms the
steering group, which meets twice a year; it names neither the people nor the decisions. So:
- the steering group: a chair from mboRijnland, members from Janssen Biologics, Eurofins,
  Gemeente Leiden (the demo login steering@example.org, Pieter van Dijk) and Hogeschool Leiden,
  and an advisor from the Leiden Bio Science Park foundation who stepped down at the end of 2024;
- two steering-group meetings a year, March and October 2022–2026, each with published minutes,
  decisions numbered SG-YYYY-NN (the year of the meeting) and actions, all done except one that is
  overdue. The decisions agree with the rest of the demo: the practorate starts on 1 September 2022
  (demo_programme and demo_research date nothing of the practor earlier), the second progress report
  is submitted when demo_grant submits it, the budget revision of 14 March 2024 is the one demo_grant
  makes, and the news item on the 2026 annual plan names the two decisions of March 2026;
- one upcoming meeting in March 2027 with a published agenda (its documents link to the monitor and the
  grant's deadlines in civhub), and an open partner consultation in February 2027 that the public
  agenda shows.
Once the demo's meetings exist they are left alone, so what demo users change survives a reload.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.models import OFFICE_ROLES, Membership, User
from civhub.core.models import Centre
from civhub.governance.models import (
    Action,
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesEntry,
    MinutesVersion,
    SteeringMember,
)
from civhub.partners.models import Partnership

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PLACE = "mboRijnland, Bio Science Park, Leiden"

# (name, partner code, role, start, end, login e-mail or None)
SEATS = [
    ("Marieke Jansen", "mborijnland", SteeringMember.Role.CHAIR, date(2022, 1, 1), None, None),
    ("Inge de Graaf", "janssen", SteeringMember.Role.MEMBER, date(2022, 1, 1), None, "signatory.janssen@example.org"),
    ("Noor Hendriks", "eurofins", SteeringMember.Role.MEMBER, date(2022, 1, 1), None, None),
    ("Pieter van Dijk", "leiden", SteeringMember.Role.MEMBER, date(2023, 1, 1), None, "steering@example.org"),
    ("Wouter Kramer", "leiden", SteeringMember.Role.MEMBER, date(2022, 1, 1), date(2022, 12, 31), None),
    ("Ruben Meijer", "hsleiden", SteeringMember.Role.MEMBER, date(2022, 1, 1), None, None),
    ("Hanna Vos", "lbsp", SteeringMember.Role.ADVISOR, date(2022, 1, 1), date(2024, 12, 31), None),
]

# Per meeting: (year, month, day, [(decision text)], [(action, due in days, done)])
PAST = [
    (2022, 3, 17, ["De stuurgroep stelt het jaarplan 2022 en de begroting vast.",
                   "Het practoraat start per 1 september 2022 met één practor."],
     [("Werving practor starten", 45, True)]),
    (2022, 10, 13, ["Na de pilot in 2022 wordt de module Analytische chemie in de praktijk vanaf "
                    "februari 2023 aan alle analistenklassen aangeboden."],
     [("Gastdocentenpool uitbreiden met twee bedrijven", 90, True)]),
    (2023, 3, 16, ["De stuurgroep stelt het jaarplan 2023 vast.",
                   "Eurofins en BaseClear leveren elk een praktijkopdracht per semester."],
     [("Convenant praktijkopdrachten opstellen", 60, True)]),
    # The second progress report is due 25 months after the start (1 February 2024); demo_grant submits it
    # five days early, on 27 January 2024, the day this action is done.
    (2023, 10, 12, ["De tweede voortgangsrapportage, over 2022 en 2023, wordt vóór 1 februari 2024 ingediend; "
                    "de stuurgroep krijgt het concept in december."],
     [("Tweede voortgangsrapportage indienen bij de subsidiegever", 110, True)]),
    (2024, 3, 14, ["De stuurgroep stelt het jaarplan 2024 vast.",
                   # demo_grant's budget revision ("Herziening 2024") cites this decision
                   "De begroting voor 2024 en 2025 wordt herzien: meer uren voor het practoraat (programmalijn 2), "
                   "minder voor programmalijn 1; de totalen per jaar blijven gelijk.",
                   "De leerlijn data-analyse mbo–hbo krijgt een vervolgmodule in het hbo-programma van Hogeschool "
                   "Leiden."],
     [("Voorstel vervolgmodule data-analyse uitwerken", 120, True)]),
    (2024, 10, 10, ["De stichting Leiden Bio Science Park blijft betrokken als kennispartner, zonder zetel."],
     [("Afscheid adviseur LBSP voorbereiden", 60, True)]),
    (2025, 3, 13, ["De stuurgroep stelt het jaarplan 2025 vast.",
                   "Partners die achterlopen op hun toezegging krijgen een gesprek met de programmamanager."],
     [("Gesprekken met achterlopende partners voeren", 90, True)]),
    (2025, 10, 9, ["De eindrapportage wordt voorbereid op basis van de monitor per 31 december 2025."],
     [("Concept eindrapportage opstellen", 100, True)]),
    (2026, 3, 12, ["De stuurgroep stelt het jaarplan 2026 vast.",
                   "Het CIV zet de samenwerking na de subsidieperiode voort met eigen bijdragen."],
     [("Voorstel bijdragen na de subsidieperiode opstellen", 120, True)]),
    (2026, 10, 8, ["De LLO-cursussen voor analisten worden in 2027 opengesteld voor niet-partners."],
     [("Tarieven LLO-cursussen voor niet-partners voorstellen", 28, False)]),  # open and overdue
]
STANDING_ITEMS = [
    ("Opening en mededelingen", "", AgendaItem.Purpose.INFORMATION, 10),
    ("Verslag en actielijst vorige vergadering", "", AgendaItem.Purpose.DECISION, 10),
    ("Voortgang programmalijnen en monitor cofinanciering", "Programmamanager", AgendaItem.Purpose.DISCUSSION, 40),
    ("Besluiten", "Voorzitter", AgendaItem.Purpose.DECISION, 30),
    ("Rondvraag en sluiting", "", AgendaItem.Purpose.INFORMATION, 10),
]


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def add_demo_governance(*, centre: Centre) -> str:
    """Create the demo steering group and its meetings once; returns a one-line summary of what was added."""
    if Meeting.objects.filter(centre=centre).exists():
        return _("demo governance: already present, left alone")
    partners = {partnership.short_code: partnership for partnership in Partnership.objects.filter(centre=centre)}
    office = (Membership.objects.filter(centre=centre, role__in=sorted(OFFICE_ROLES))
              .select_related("user").order_by("role", "pk").first().user)
    logins = {user.email: user for user in User.objects.filter(email__in=[seat[5] for seat in SEATS if seat[5]])}
    with transaction.atomic():
        seats = _seats(centre, partners, logins)
        members = [seat.user for seat in seats if seat.user and seat.end is None]
        decisions = actions = 0
        for year, month, day, decided, agreed in PAST:
            meeting = _past_meeting(centre, date(year, month, day), members, office)
            decisions += _decisions(meeting, decided, office)
            actions += _actions(meeting, agreed, [office, *members])
        _upcoming(centre, members)
        _partner_consultation(centre, members)
    return _("demo governance: %(seats)d steering-group seats, %(meetings)d meetings, %(decisions)d decisions and "
             "%(actions)d actions added") % {"seats": len(seats), "meetings": len(PAST) + 2,
                                             "decisions": decisions, "actions": actions}


def _seats(centre, partners, logins) -> list[SteeringMember]:
    return [SteeringMember.objects.create(centre=centre, name=name, partnership=partners.get(code), role=role,
                                          start=start, end=end, user=logins.get(email))
            for name, code, role, start, end, email in SEATS]


def _title(day: date) -> str:
    season = "voorjaar" if day.month < 7 else "najaar"
    return f"Stuurgroep {season} {day.year}"


def _meeting(centre, day: date, members, status) -> Meeting:
    meeting = Meeting.objects.create(
        centre=centre, kind=Meeting.Kind.STEERING_GROUP, title=_title(day), starts_at=_at(day, 15),
        ends_at=_at(day, 17), place=PLACE, status=status, agenda_published_at=_at(day - timedelta(days=14), 9))
    meeting.participants.set(members)
    for position, (title, presenter, purpose, minutes) in enumerate(STANDING_ITEMS, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, presenter=presenter,
                                  purpose=purpose, duration_minutes=minutes)
    return meeting


def _past_meeting(centre, day: date, members, office) -> Meeting:
    meeting = _meeting(centre, day, members, Meeting.Status.MINUTES_PUBLISHED)
    version = MinutesVersion.objects.create(meeting=meeting, number=1, published_at=_at(day + timedelta(days=10), 10),
                                            published_by=office)
    first = not Meeting.objects.filter(centre=centre, kind=Meeting.Kind.STEERING_GROUP,
                                       starts_at__lt=meeting.starts_at).exists()
    texts = ["De voorzitter opent de vergadering en heet iedereen welkom.",
             "Dit is de eerste vergadering van de stuurgroep; er is nog geen verslag." if first else
             "Het verslag wordt ongewijzigd vastgesteld; de acties zijn afgerond of staan op de actielijst.",
             "De programmamanager licht de start van het programma op 1 januari 2022 en de opzet van de monitor "
             "cofinanciering toe." if first else
             "De programmamanager licht de voortgang en de monitor toe. De stuurgroep bespreekt de partners die "
             "achterlopen op hun toezegging.",
             "Zie de besluiten hieronder.",
             "Geen vragen; de voorzitter sluit de vergadering."]
    for item, text in zip(meeting.items.order_by("position"), texts, strict=True):
        MinutesEntry.objects.create(version=version, item=item, text=text)
    return meeting


def _decisions(meeting, texts, office) -> int:
    day = meeting.starts_at.astimezone(AMSTERDAM).date()
    item = meeting.items.get(position=4)
    start = Decision.objects.filter(centre=meeting.centre, year=day.year).count()
    for offset, text in enumerate(texts, start=1):
        sequence = start + offset
        Decision.objects.create(centre=meeting.centre, meeting=meeting, item=item, year=day.year, sequence=sequence,
                                number=f"SG-{day.year}-{sequence:02d}", text=text, decided_on=day,
                                recorded_by=office)
    return len(texts)


def _actions(meeting, agreed, people) -> int:
    day = meeting.starts_at.astimezone(AMSTERDAM).date()
    for index, (what, days, done) in enumerate(agreed):
        due = day + timedelta(days=days)
        Action.objects.create(centre=meeting.centre, meeting=meeting, what=what, owner=people[index % len(people)],
                              due_date=due, status=Action.Status.DONE if done else Action.Status.OPEN,
                              done_on=due - timedelta(days=3) if done else None)
    return len(agreed)


def _upcoming(centre, members) -> Meeting:
    """The spring 2027 meeting, its agenda published with links to the figures it discusses."""
    meeting = _meeting(centre, date(2027, 3, 18), members, Meeting.Status.AGENDA_PUBLISHED)
    progress = meeting.items.get(position=3)
    for title, name in (("Monitor cofinanciering (in civhub)", "grants:monitor"),
                        ("Rapportages en deadlines van de subsidie (in civhub)", "grants:deadlines")):
        MeetingDocument.objects.create(item=progress, title=title,
                                       link=settings.SITE_URL + reverse(name, args=[centre.slug]))
    return meeting


def _partner_consultation(centre, members) -> Meeting:
    """An open partner consultation with a published agenda: the public part of the meetings on the agenda page."""
    day = date(2027, 2, 11)
    meeting = Meeting.objects.create(
        centre=centre, kind=Meeting.Kind.PARTNER_CONSULTATION, title="Partneroverleg: stageplaatsen 2027-2028",
        starts_at=_at(day, 16), ends_at=_at(day, 18), place=PLACE, is_public=True,
        status=Meeting.Status.AGENDA_PUBLISHED, agenda_published_at=_at(day - timedelta(days=21), 9))
    meeting.participants.set(members)
    for position, (title, purpose, minutes) in enumerate([
            ("Welkom en doel van het overleg", AgendaItem.Purpose.INFORMATION, 10),
            ("Behoefte aan stageplaatsen per bedrijf", AgendaItem.Purpose.DISCUSSION, 50),
            ("Afspraken over begeleiding in het lab", AgendaItem.Purpose.DISCUSSION, 40)], start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, presenter="Programmamanager",
                                  purpose=purpose, duration_minutes=minutes)
    return meeting
