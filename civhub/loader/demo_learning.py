"""Fictitious lifelong-learning catalogue for the demo centre (programme line 3), seen from late 2026.

Everything here is ILLUSTRATIVE: the courses, prices, dates, the people (invented names with
example.org addresses) and their employers' choices are made up to show the catalogue at work.
Twelve published courses from the partners and schools on the Leiden Bio Science Park, with
skills and offerings in 2027 (some nearly full, "HPLC voor gevorderden" full with a waiting
list), interest registrations, two learning paths and one draft that must never appear publicly.
The offerings opened for enrolment on 26 October 2026 (the news says "HPLC voor gevorderden" was
full within two weeks); the enrolments are dated from then on.

No course is STAP-eligible: the STAP budget ended, its last application period was in 2023 and
no applications are possible from 1 January 2024, so nothing that starts in 2024 or later can be
offered with it.

Idempotent: a course or path whose title the centre already has is left alone, so what demo
users change survives another load.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import cycle

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.learning.models import Course, Enrolment, Interest, LearningPath, LearningPathStep, Offering
from civhub.loader.demo_skills import demo_skill
from civhub.partners.models import Partnership


@dataclass(frozen=True)
class DemoOffering:
    start: datetime.date
    end: datetime.date
    location: str
    capacity: int
    enrolled: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class DemoCourse:
    provider: str
    title: str
    description: str
    level: str
    load: str
    unit: str = "hour"
    price: str = "0"
    mode: str = "on_site"
    nlqf: int | None = None
    eqf: int | None = None
    skills: tuple = ()
    offerings: tuple = ()
    interest: int = 0
    status: str = "published"
    language: str = "nld"


D = datetime.date
ENROLMENT_OPENED = datetime.datetime(2026, 10, 26, 9, tzinfo=datetime.UTC)

# The demo's own people (logins, steering group, contacts, students of the practorate): the invented
# participants of courses and events never share their names.
DEMO_PEOPLE = frozenset({
    "Sanne de Vries", "Mark Willems", "Eva Bakker", "Lotte Visser", "Thomas Smit", "Joost Mulder", "Inge de Graaf",
    "Noor Hendriks", "Pieter van Dijk", "Marieke Jansen", "Wouter Kramer", "Ruben Meijer", "Hanna Vos",
    "Daan Koster", "Femke Boer", "Lars de Jong", "Sara el Amrani", "Tim de Boer", "Fleur Wouters", "Mehmet Yilmaz",
    "Lisa Vermeulen", "Noah Bakker", "Emma Smit", "Aylin Demir", "Jasper Hoekstra", "Anja Kok", "Henk Verbeek",
})
BTF = "Biotech Training Facility, Leiden"
HSL = "Hogeschool Leiden, Zernikedreef 11, Leiden"
MBO = "mboRijnland, Bio Science Park, Leiden"

DEMO_COURSES = [
    DemoCourse("btf", "GMP in de praktijk",
               "Twee dagen Good Manufacturing Practice op de werkvloer: documentatie, afwijkingen, CAPA en "
               "auditgedrag, met oefeningen in de cleanroom van de Biotech Training Facility.",
               "non_formal", "16", price="450", skills=("GMP", "Kwaliteitsborging", "Documentatie"),
               offerings=(DemoOffering(D(2027, 1, 18), D(2027, 1, 19), BTF, 12, enrolled=11),
                          DemoOffering(D(2027, 3, 15), D(2027, 3, 16), BTF, 12, enrolled=3)), interest=4),
    DemoCourse("eurofins", "HPLC voor gevorderden",
               "Methodeontwikkeling, storingzoeken en systeemgeschiktheid voor analisten die dagelijks met HPLC "
               "werken. Praktijkdagen in het lab van Eurofins, theorie online.",
               "non_formal", "24", price="895", mode="blended", skills=("HPLC", "Methodevalidatie"),
               offerings=(DemoOffering(D(2027, 2, 8), D(2027, 2, 10), "Eurofins, Leiden", 8, enrolled=8, waiting=2),),
               interest=5),
    DemoCourse("hsleiden", "Associate degree Laboratoriumtechniek",
               "Tweejarige hbo-opleiding in deeltijd voor analisten met een mbo-4-diploma die willen doorgroeien "
               "naar een coördinerende of specialistische rol in het lab.",
               "hbo_associate", "120", unit="ects", price="1390", nlqf=5, eqf=5, mode="blended",
               skills=("Data-analyse", "Kwaliteitsborging", "Leidinggeven"),
               offerings=(DemoOffering(D(2027, 9, 1), D(2029, 7, 13), HSL, 25, enrolled=6),), interest=3),
    DemoCourse("hsleiden", "Data-analyse met Python voor analisten",
               "Van spreadsheet naar script: meetdata inlezen, opschonen, statistiek en grafieken met Python en "
               "pandas, met datasets uit de eigen laboratoria van de deelnemers.",
               "hbo_bachelor", "5", unit="ects", price="1250", nlqf=6, eqf=6, mode="blended",
               skills=("Data-analyse", "Python"),
               offerings=(DemoOffering(D(2027, 2, 2), D(2027, 4, 13), HSL, 20, enrolled=14),), interest=6),
    DemoCourse("mborijnland", "Verkort traject Analist (mbo-4) voor zij-instromers",
               "Beroepsbegeleidende leerweg van één jaar voor werkenden met een verwante vooropleiding: "
               "vier dagen werken, één dag school.",
               "mbo4", "800", price="1150", nlqf=4, eqf=4, skills=("Laboratoriumveiligheid", "Pipetteren"),
               offerings=(DemoOffering(D(2027, 8, 30), D(2028, 7, 7), MBO, 18, enrolled=5),), interest=2),
    DemoCourse("mborijnland", "Basis laboratoriumvaardigheden (mbo-3 module)",
               "Een week veilig en nauwkeurig werken in het lab: pipetteren, oplossingen maken, "
               "labjournaal bijhouden. Geschikt voor operators en laboratoriumassistenten.",
               "mbo3", "40", price="350", nlqf=3, eqf=3, skills=("Laboratoriumveiligheid", "Pipetteren"),
               offerings=(DemoOffering(D(2027, 1, 11), D(2027, 1, 15), MBO, 15, enrolled=4),)),
    DemoCourse("lis", "Fijnmechanica voor laboratoriumopstellingen",
               "Onderhoud en aanpassing van laboratoriumopstellingen: meten, tekenen en maken van eenvoudige "
               "onderdelen in de werkplaats van de Leidse Instrumentmakers School.",
               "mbo4", "80", price="1200", nlqf=4, eqf=4, skills=("Instrumentatie",),
               offerings=(DemoOffering(D(2027, 3, 1), D(2027, 4, 19), "LiS, Leiden", 10, enrolled=9),), interest=1),
    DemoCourse("janssen", "Aseptisch werken in de cleanroom",
               "Een praktijkdag over omkleden, aseptische handelingen en omgevingsmonitoring, gegeven door "
               "QA-specialisten van Janssen Biologics. Gratis voor medewerkers van partners van het CIV.",
               "non_formal", "8", skills=("Aseptisch werken", "GMP"),
               offerings=(DemoOffering(D(2027, 1, 26), D(2027, 1, 26), "Janssen Biologics, Leiden", 10, enrolled=2),)),
    DemoCourse("baseclear", "Next-generation sequencing: van monster tot data",
               "Bibliotheekbereiding, sequencing en de eerste stappen in de bio-informatica, met een rondleiding "
               "door het sequencinglab van BaseClear.",
               "non_formal", "16", price="780", mode="blended", language="eng",
               skills=("Moleculaire biologie", "Data-analyse"),
               offerings=(DemoOffering(D(2027, 4, 12), D(2027, 4, 13), "BaseClear, Leiden", 12),), interest=3),
    DemoCourse("btf", "Validatie van analysemethoden",
               "Validatieplannen en -rapporten volgens ICH Q2: specificiteit, lineariteit, juistheid en "
               "precisie, met rekenvoorbeelden uit de praktijk.",
               "non_formal", "12", price="520", skills=("Methodevalidatie", "Kwaliteitsborging"),
               offerings=(DemoOffering(D(2027, 5, 10), D(2027, 5, 11), BTF, 14, enrolled=1),), interest=2),
    DemoCourse("hsleiden", "Kwaliteitsmanagement in de life sciences",
               "Hbo-module over kwaliteitssystemen, risicomanagement en het leiden van verbeterprojecten in een "
               "gereguleerde omgeving.",
               "hbo_bachelor", "15", unit="ects", price="1800", nlqf=6, eqf=6, mode="blended",
               skills=("Kwaliteitsborging", "Leidinggeven"),
               offerings=(DemoOffering(D(2027, 9, 6), D(2028, 1, 28), HSL, 24, enrolled=2),), interest=2),
    DemoCourse("eurofins", "Microbiologische kwaliteitscontrole",
               "Kiemgetallen, endotoxinen en steriliteitstesten: de microbiologische controles van een "
               "farmaceutisch lab. Nog geen datum gepland; geef uw belangstelling op.",
               "non_formal", "16", price="640", skills=("Microbiologie", "GMP"), interest=4),
    # The draft: a provider still writing its course; it must never appear in the catalogue or the feeds.
    DemoCourse("janssen", "Celkweek voor biologics (concept)",
               "Concept: nog niet gepubliceerd.", "non_formal", "24", price="690", skills=("Celkweek",),
               offerings=(DemoOffering(D(2027, 6, 7), D(2027, 6, 9), "Janssen Biologics, Leiden", 8),),
               status="draft"),
]

DEMO_PATHS = [
    ("Van mbo-4 analist naar hbo-specialist",
     "Een route voor analisten die willen doorgroeien: van het mbo-4-diploma via de associate degree naar "
     "specialistische hbo-modules.",
     ["Verkort traject Analist (mbo-4) voor zij-instromers", "Associate degree Laboratoriumtechniek",
      "Data-analyse met Python voor analisten", "HPLC voor gevorderden"]),
    ("Bijscholing kwaliteitsborging",
     "Voor analisten en QA-medewerkers die meer verantwoordelijkheid voor kwaliteit krijgen.",
     ["GMP in de praktijk", "Validatie van analysemethoden", "Kwaliteitsmanagement in de life sciences"]),
]

FIRST_NAMES = ["Sanne", "Thijs", "Fatima", "Jeroen", "Lotte", "Mehmet", "Eva", "Niels", "Yara", "Bram", "Iris",
               "Koen", "Anouk", "Daan", "Sara", "Ruben", "Noa", "Milan", "Esra", "Pieter", "Julia", "Stijn"]
LAST_NAMES = ["de Jong", "Bakker", "El Amrani", "Visser", "Smit", "Yilmaz", "Mulder", "de Boer", "Peters", "Hendriks",
              "van Dijk", "Dekker", "Brouwer", "Vermeulen", "Kaya", "van den Berg", "Jansen", "Bos"]
EMPLOYERS = ["janssen", "eurofins", "baseclear", "lumc", "halallergy", "mimetas", "pharming", None]


def add_demo_learning(*, centre: Centre) -> str:
    """Add the demo catalogue where missing; one line saying what was added."""
    partners = {p.short_code: p for p in Partnership.objects.filter(centre=centre)}
    people = _people()
    added = {"courses": 0, "offerings": 0, "enrolments": 0, "interest": 0, "paths": 0}
    with transaction.atomic():
        for demo in DEMO_COURSES:
            if demo.provider in partners and not Course.objects.filter(centre=centre, title=demo.title).exists():
                _add_course(centre, partners, demo, people, added)
        for title, description, steps in DEMO_PATHS:
            if not LearningPath.objects.filter(centre=centre, title=title).exists():
                _add_path(centre, title, description, steps)
                added["paths"] += 1
    return _("demo learning: %(courses)d courses, %(offerings)d offerings, %(enrolments)d enrolments, "
             "%(interest)d interest registrations, %(paths)d learning paths added") % added


def _people():
    """An endless supply of fictitious (name, e-mail) pairs, the same on every load."""
    reserved = {name.lower() for name in DEMO_PEOPLE}
    pairs = [(f"{first} {last}", f"{first}.{last.replace(' ', '')}@example.org".lower())
             for last in LAST_NAMES for first in FIRST_NAMES if f"{first} {last}".lower() not in reserved]
    return cycle(pairs[i * 37 % len(pairs)] for i in range(len(pairs)))


def _add_course(centre, partners, demo: DemoCourse, people, added) -> None:
    course = Course.objects.create(
        centre=centre, provider=partners[demo.provider], title=demo.title, description=demo.description,
        level=demo.level, nlqf_level=demo.nlqf, eqf_level=demo.eqf, study_load=Decimal(demo.load),
        study_load_unit=demo.unit, language=demo.language, price=Decimal(demo.price), stap_eligible=False,
        mode=demo.mode, status=demo.status,
    )
    course.skills.set([demo_skill(centre, name) for name in demo.skills])
    added["courses"] += 1
    employers = cycle(EMPLOYERS)
    for spec in demo.offerings:
        offering = Offering.objects.create(course=course, start_date=spec.start, end_date=spec.end,
                                           location=spec.location, capacity=spec.capacity)
        added["offerings"] += 1
        statuses = [Enrolment.Status.ENROLLED] * spec.enrolled + [Enrolment.Status.WAITING] * spec.waiting
        for number, status in enumerate(statuses):
            name, email = next(people)
            employer = partners.get(next(employers) or "")
            enrolment = Enrolment.objects.create(offering=offering, name=name, email=email, employer=employer,
                                                 status=status)
            # A day apart from the day enrolment opened, in order, so the waiting list reads naturally.
            Enrolment.objects.filter(pk=enrolment.pk).update(
                created_at=ENROLMENT_OPENED + datetime.timedelta(days=number, hours=number))
            added["enrolments"] += 1
    for _number in range(demo.interest):
        name, email = next(people)
        Interest.objects.create(course=course, name=name, email=email, employer=partners.get(next(employers) or ""))
        added["interest"] += 1


def _add_path(centre, title, description, step_titles) -> None:
    path = LearningPath.objects.create(centre=centre, title=title, description=description, published=True)
    courses = {course.title: course for course in Course.objects.filter(centre=centre, title__in=step_titles)}
    for position, course_title in enumerate((t for t in step_titles if t in courses), start=1):
        LearningPathStep.objects.create(path=path, course=courses[course_title], position=position)
