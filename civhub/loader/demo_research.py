"""Fictitious practorate for the demo centre: research questions in every status, projects, outputs, a public summary.

ILLUSTRATIVE: every question, message, project, name and summary here is invented for the demo
(example.org addresses, made-up teachers and students), written in the brochure's setting: lab
analysts on the Leiden Bio Science Park. Rows are written directly with their historical dates,
so that loading the demo sends no e-mail; projects go through the service so that each gets its
activity in line 2. Once the demo has research questions it is left alone.

Everything the practor does here is dated after the practorate started on 1 September 2022 (the
steering group's decision in demo_governance). A question changes status after its intake
messages; the new questions are less than two weeks old on the demo's "today" (6 December 2026),
as the news promises an answer within two weeks; the projects still running end after that day.

Run it after the programme demo (add_demo_programme): that one skips itself when the centre
already has activities, and the research projects' activities are activities too.
"""

from datetime import UTC, date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre
from civhub.loader.demo_activity import DEMO_PASSWORD
from civhub.partners.models import Contact, Partnership
from civhub.programme.models import EducationModule
from civhub.research.models import (
    QuestionMessage,
    ResearchOutput,
    ResearchProject,
    ResearchQuestion,
    SummaryReview,
)
from civhub.research.services.projects import create_project

Status = ResearchQuestion.Status
PRACTOR = "practor@example.org"
# BaseClear has no login in the demo definition; its research questions need someone to ask them.
BASECLEAR_CONTACT = ("baseclear", "Lars de Jong", "Teamleider DNA-lab", "contact.baseclear@example.org")


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# (key, partner, submitter, status, submitted, status changed (after the intake messages; None while new), title,
#  context, desired outcome, hosting, lab time, note). The new questions came in less than two weeks before the
#  demo's "today" (6 December 2026): the practorate answers within two weeks, as the news says.
QUESTIONS = [
    ("hplc", "janssen", "contact.janssen@example.org", Status.ACCEPTED, "2025-05-12", "2025-06-02",
     "Sneller valideren van HPLC-methoden",
     "Elke nieuwe HPLC-methode in onze QC-labs doorloopt een validatie van drie tot vier weken. Analisten voeren "
     "veel herhaalmetingen met de hand uit en verwerken de resultaten in losse spreadsheets.",
     "Een validatieprotocol met een slimmere proefopzet en een standaard rekensheet, zodat een validatie binnen "
     "anderhalve week klaar is zonder concessies aan de GMP-eisen.",
     "Twee mbo-4-studenten Laboratoriumtechniek onder begeleiding van een senior analist QC.",
     "Twee middagen per week op een HPLC-systeem in het trainingslab.", ""),
    ("monsters", "eurofins", "contact.eurofins@example.org", Status.INTAKE, "2026-10-05", "2026-10-12",
     "Automatische monstervoorbereiding",
     "Voor milieumonsters wegen en verdunnen onze analisten dagelijks honderden monsters met de hand. Dat is "
     "eentonig werk en een bron van fouten. Het project met de pipetteerrobot voor het praktijklokaal liet zien "
     "dat een robot verdunningsreeksen goed aankan.",
     "Inzicht in welke stappen van de voorbereiding van milieumonsters een pipetteerrobot kan overnemen en wat dat "
     "betekent voor het werk van analisten.",
     "Een stagiair per halfjaar, begeleid door de teamleider.", "Nog af te stemmen.", ""),
    ("dna", "baseclear", BASECLEAR_CONTACT[3], Status.ACCEPTED, "2024-06-17", "2024-07-04",
     "Kwaliteit van DNA-extractie bij kleine monsters",
     "Klanten sturen steeds vaker zeer kleine monsters in. De opbrengst en zuiverheid van het DNA wisselen sterk "
     "en een deel van de monsters moet opnieuw worden aangevraagd.",
     "Een vergelijking van extractiemethoden voor kleine monsters en een advies welke methode we standaard maken.",
     "Drie studenten (mbo en hbo) in het DNA-lab.", "Een dag per week in het DNA-lab, plus gebruik van de "
     "fluorometer.", ""),
    ("celbank", "janssen", "signatory.janssen@example.org", Status.NEW, "2026-11-27", None,
     "Stabiliteit van celbanken bij langdurige opslag",
     "We bewaren werkcelbanken jarenlang in vloeibare stikstof. We willen beter onderbouwen hoe we de "
     "levensvatbaarheid na opslag controleren.",
     "Een onderbouwd controleschema dat studenten ook in het onderwijs kunnen oefenen.",
     "Een student celkweek, begeleid door Manager Quality Control.", "", ""),
    ("lims", "eurofins", "contact.eurofins@example.org", Status.DECLINED, "2025-03-04", "2025-03-11",
     "Digitale labjournaals koppelen aan het LIMS",
     "Onze labjournaals staan deels op papier en deels in een elektronisch journaal dat niet met het LIMS praat.",
     "Een koppeling tussen het elektronische labjournaal en het LIMS.", "", "",
     "Dit is vooral een ICT-vraag en past niet bij het practoraat voor labonderwijs. We hebben u in contact "
     "gebracht met de opleiding HBO-ICT van Hogeschool Leiden."),
    ("gmp", "janssen", "contact.janssen@example.org", Status.PARKED, "2025-11-20", "2025-12-01",
     "Nieuwe analisten sneller wegwijs in GMP-documentatie",
     "Nieuwe analisten hebben maanden nodig om hun weg te vinden in SOP's, logboeken en afwijkingsrapporten.",
     "Oefenmateriaal met echte (geanonimiseerde) documenten voor de eerste weken.",
     "Een hbo-student in het QA-team.", "", "We pakken deze vraag op als het HPLC-project is afgerond, in het "
     "voorjaar van 2027; dan kunnen dezelfde docenten meedoen."),
    ("ngs", "baseclear", BASECLEAR_CONTACT[3], Status.INTAKE, "2026-11-16", "2026-11-23",
     "Kosten per monster bij next-generation sequencing verlagen",
     "De voorbereiding van sequencing-bibliotheken kost veel handwerk en dure reagentia.",
     "Inzicht in waar in de bibliotheekvoorbereiding tijd en reagentia te besparen zijn.",
     "Twee hbo-studenten Biologie en Medisch Laboratoriumonderzoek.", "Twee dagen per week, in overleg.", ""),
]

# The intake conversations: (question key, author e-mail, sent at, text).
MESSAGES = [
    ("hplc", PRACTOR, "2025-05-20", "Dank voor de vraag. Om welke methoden gaat het vooral: assays of "
     "onzuiverhedenbepalingen? En mogen studenten met echte productmonsters werken of alleen met standaarden?"),
    ("hplc", "contact.janssen@example.org", "2025-05-23", "Vooral onzuiverhedenbepalingen. Studenten werken met "
     "standaarden en placebomonsters; echte productmonsters blijven in ons eigen lab."),
    ("monsters", PRACTOR, "2026-10-12", "Kunt u aangeven om hoeveel monsters per dag het gaat en welke "
     "matrices (water, grond) het meest voorkomen? Dan kunnen we inschatten of een studentproject past."),
    ("dna", PRACTOR, "2024-06-25", "Welke extractiekits gebruikt u nu, en wat is de kleinste hoeveelheid "
     "materiaal die u ontvangt?"),
    ("dna", BASECLEAR_CONTACT[3], "2024-06-28", "Nu vooral kolomkits. De kleinste monsters zijn swabs en "
     "enkele microliters bloed."),
    ("ngs", PRACTOR, "2026-11-23", "Om welke bibliotheekprotocollen gaat het, en hoeveel monsters per week? "
     "Dan kijken we of het past in de projecten van het volgende studiejaar."),
]

SUMMARY_DNA = (
    "Steeds meer klanten van BaseClear sturen zeer kleine monsters in, zoals swabs en enkele microliters bloed. "
    "Studenten van mboRijnland en Hogeschool Leiden vergeleken in het DNA-lab drie extractiemethoden op "
    "opbrengst, zuiverheid en benodigde tijd.\n\n"
    "Een methode met magnetische bolletjes gaf bij de kleinste monsters gemiddeld een derde meer DNA dan de "
    "kolommethode die tot nu toe werd gebruikt, met een vergelijkbare zuiverheid. De methode is bovendien "
    "eenvoudig te automatiseren.\n\n"
    "BaseClear gebruikt de nieuwe methode inmiddels voor kleine monsters. De werkinstructie en de meetopdrachten "
    "zijn verwerkt in de module Celkweek en steriel werken, zodat ook volgende groepen studenten ermee oefenen."
)
SUMMARY_ROBOT = (
    "Samen met Janssen Biologics en Eurofins richtten studenten en docenten een pipetteerrobot in voor het "
    "praktijklokaal. Ze schreven protocollen voor verdunningsreeksen die analisten in beide bedrijven dagelijks "
    "met de hand maken.\n\n"
    "De robot maakt de reeksen even nauwkeurig als een ervaren analist en in een kwart van de tijd. Studenten "
    "leren nu in de module Labautomatisering en robotica zelf zulke protocollen te programmeren."
)

TEACHERS = "Anja Kok (mboRijnland)\nHenk Verbeek (Hogeschool Leiden)"


def add_demo_research(*, centre: Centre) -> str:
    """Create the demo practorate once; returns a one-line summary of what was added."""
    if ResearchQuestion.objects.filter(centre=centre).exists():
        return _("demo research: already present, left alone")
    partners = {partnership.short_code: partnership for partnership in Partnership.objects.filter(centre=centre)}
    practor = User.objects.get(email=PRACTOR)
    with transaction.atomic():
        _baseclear_login(centre, partners)
        questions = _questions(centre, partners)
        messages = _messages(questions)
        projects = _projects(centre, practor, partners, questions)
    return _("demo research: %(questions)d questions, %(messages)d messages and %(projects)d projects (%(outputs)d "
             "outputs) added") % {"questions": len(questions), "messages": messages, "projects": len(projects),
                                  "outputs": sum(project.outputs.count() for project in projects)}


def _baseclear_login(centre, partners) -> None:
    code, name, function, email = BASECLEAR_CONTACT
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, centre=centre, role=Role.PARTNER_CONTACT,
                                     partnership=partners[code])
    Contact.objects.get_or_create(partnership=partners[code], email=email,
                                  defaults={"name": name, "function": function, "user": user, "is_primary": True})


def _questions(centre, partners) -> dict[str, ResearchQuestion]:
    users = {user.email: user for user in User.objects.filter(email__in={row[2] for row in QUESTIONS})}
    made = {}
    for key, code, email, status, day, changed, title, context, outcome, hosting, lab_time, note in QUESTIONS:
        made[key] = ResearchQuestion.objects.create(
            centre=centre, partnership=partners[code], submitted_by=users[email], status=status, title=title,
            context=context, desired_outcome=outcome, student_hosting=hosting, lab_time=lab_time, status_note=note,
            submitted_at=_at(day), status_changed_at=_at(changed, 16) if changed else None)
    return made


def _messages(questions) -> int:
    users = {user.email: user for user in User.objects.filter(email__in={row[1] for row in MESSAGES})}
    rows = [QuestionMessage(question=questions[key], author=users[email], text=text, created_at=_at(day, 14))
            for key, email, day, text in MESSAGES]
    return len(QuestionMessage.objects.bulk_create(rows))


def _modules(centre, *codes) -> list[EducationModule]:
    """The programme demo's modules with these codes; none when the programme demo has not run (no link then)."""
    return list(EducationModule.objects.filter(centre=centre, code__in=codes))


def _project(centre, practor, *, question=None, partners, modules, **fields) -> ResearchProject:
    data = {"practor": practor, "teachers": TEACHERS, "partners": partners, "modules": modules, **fields}
    return create_project(centre=centre, actor=practor, data=data, question=question)


def _projects(centre, practor, partners, questions) -> list[ResearchProject]:
    hplc = _project(
        centre, practor, question=questions["hplc"], partners=[partners["janssen"]],
        modules=_modules(centre, "AC-01", "DA-01"), title="Sneller valideren van HPLC-methoden",
        students="Sara el Amrani\nTim de Boer\nAylin Demir\nJasper Hoekstra", start=date(2025, 9, 1),
        end=date(2027, 1, 29),  # still running on the demo's "today"; the parked GMP question waits for it
        plan="In twee rondes. In het studiejaar 2025–2026 zetten studenten een validatie op volgens een "
             "statistische proefopzet (design of experiments) en vergelijken die met de huidige aanpak. In de "
             "tweede ronde, tot eind januari 2027, bouwen studenten een rekensheet die de validatieparameters "
             "automatisch berekent en testen die op drie bestaande methoden.")
    dna = _project(
        centre, practor, question=questions["dna"], partners=[partners["baseclear"]],
        modules=_modules(centre, "CK-01"), title="Kwaliteit van DNA-extractie bij kleine monsters",
        students="Fleur Wouters\nMehmet Yilmaz\nLisa Vermeulen", start=date(2024, 9, 2), end=date(2025, 6, 27),
        plan="Drie extractiemethoden vergelijken op opbrengst, zuiverheid en tijd, met swabs en kleine "
             "bloedmonsters; daarna een werkinstructie schrijven voor de beste methode.")
    robot = _project(
        centre, practor, partners=[partners["janssen"], partners["eurofins"]],
        modules=_modules(centre, "LA-01"), title="Een pipetteerrobot voor het praktijklokaal",
        students="Noah Bakker\nEmma Smit", start=date(2025, 2, 3), end=date(2025, 12, 19),
        plan="Een pipetteerrobot inrichten en protocollen schrijven voor verdunningsreeksen uit de praktijk.")
    _finish(dna, SUMMARY_DNA, approvals={"baseclear": BASECLEAR_CONTACT[3]}, partners=partners)
    _finish(robot, SUMMARY_ROBOT, approvals={"eurofins": "contact.eurofins@example.org"}, partners=partners)
    _outputs(practor, hplc, dna, robot)
    return [hplc, dna, robot]


def _finish(project, summary, *, approvals: dict[str, str], partners) -> None:
    """Finish the project with a summary; publish it only if every partner is among `approvals`."""
    everyone = set(project.partners.values_list("short_code", flat=True))
    published = _at(project.end.isoformat(), 12) if everyone <= set(approvals) else None
    ResearchProject.objects.filter(pk=project.pk).update(
        status=ResearchProject.Status.FINISHED, summary=summary, summary_version=1, summary_published_at=published)
    project.activity.status = "done"
    project.activity.save(update_fields=["status"])
    for code, email in approvals.items():
        SummaryReview.objects.create(project=project, partnership=partners[code], version=1,
                                     decision=SummaryReview.Decision.APPROVED, decided_by=User.objects.get(email=email),
                                     decided_at=_at(project.end.isoformat(), 11))


def _outputs(practor, hplc, dna, robot) -> None:
    """Outputs as links (the demo ships no files)."""
    rows = [
        (hplc, ResearchOutput.Kind.REPORT, "Tussenrapportage: validatieplan en eerste metingen",
         "https://example.org/civ-bio-sciences/hplc-tussenrapportage", "2026-02-13"),
        (dna, ResearchOutput.Kind.REPORT, "Eindverslag: DNA-extractie bij kleine monsters",
         "https://example.org/civ-bio-sciences/dna-extractie-eindverslag", "2025-06-20"),
        (dna, ResearchOutput.Kind.LESSON_MATERIAL, "Werkinstructie en meetopdrachten DNA-extractie",
         "https://example.org/civ-bio-sciences/dna-extractie-lesmateriaal", "2025-06-27"),
        (robot, ResearchOutput.Kind.PROTOTYPE, "Protocollen voor de pipetteerrobot (video en scripts)",
         "https://example.org/civ-bio-sciences/pipetteerrobot", "2025-12-12"),
    ]
    ResearchOutput.objects.bulk_create(
        ResearchOutput(project=project, kind=kind, title=title, link=link, added_by=practor, added_at=_at(day))
        for project, kind, title, link, day in rows)
