"""The demo centre's one skill list: about 25 skills of a lab analyst, written by the centre in Dutch.

Courses (demo_learning) name their skills from it and the Human Capital Agenda (demo_hca) rates
and covers every one, so the catalogue and the survey speak of the same skills. The texts are
our own; no ESCO reference is given, as none was checked against ESCO's register (the field
stays empty rather than hold an address that might not exist).
"""

from dataclasses import dataclass

from civhub.core.models import Centre
from civhub.learning.models import Skill


@dataclass(frozen=True)
class DemoSkill:
    name: str
    description: str


DEMO_SKILLS = (
    DemoSkill("Laboratoriumveiligheid", "Veilig werken met chemicaliën, biologisch materiaal en apparatuur volgens "
              "de regels van het lab."),
    DemoSkill("Pipetteren", "Kleine volumes nauwkeurig en herhaalbaar afmeten met hand- en meerkanaalspipetten."),
    DemoSkill("Oplossingen en buffers maken", "Concentraties berekenen en oplossingen, verdunningsreeksen en "
              "buffers juist bereiden."),
    DemoSkill("Documentatie", "Het werk traceerbaar vastleggen in labjournaal, protocollen en formulieren."),
    DemoSkill("GMP", "Werken volgens Good Manufacturing Practice in een gereguleerde productie- of QC-omgeving."),
    DemoSkill("Kwaliteitsborging", "Kwaliteitssystemen, audits en procedures begrijpen en in het eigen werk "
              "toepassen."),
    DemoSkill("Afwijkingen en CAPA", "Afwijkingen melden, de oorzaak onderzoeken en corrigerende en preventieve "
              "maatregelen opvolgen."),
    DemoSkill("Aseptisch werken", "Steriel werken in flowkast en cleanroom zonder product of kweek te besmetten."),
    DemoSkill("Celkweek", "Cellijnen kweken, passeren en bewaken voor onderzoek of productie."),
    DemoSkill("Microbiologie", "Micro-organismen kweken, tellen en identificeren; kiemgetallen en "
              "steriliteitstesten."),
    DemoSkill("Moleculaire biologie", "DNA en RNA isoleren, PCR en qPCR uitvoeren en de uitkomsten beoordelen."),
    DemoSkill("Immunoassays", "ELISA en verwante bepalingen opzetten, uitvoeren en beoordelen."),
    DemoSkill("HPLC", "Vloeistofchromatografie uitvoeren, de systeemgeschiktheid controleren en storingen "
              "verhelpen."),
    DemoSkill("Spectrometrie", "UV-Vis-, IR- en massaspectrometrie gebruiken en spectra interpreteren."),
    DemoSkill("Methodevalidatie", "Analysemethoden valideren op juistheid, precisie, lineariteit en specificiteit."),
    DemoSkill("Instrumentatie", "Laboratoriumapparatuur kalibreren, onderhouden en kleine storingen zelf "
              "verhelpen."),
    DemoSkill("Labautomatisering", "Pipetteerrobots en geautomatiseerde analysestraten instellen en bewaken."),
    DemoSkill("Procesbesturing", "Een productieproces (bioreactor, zuivering) volgen en bijsturen vanuit het "
              "besturingssysteem."),
    DemoSkill("LIMS", "Monsters en resultaten registreren en vrijgeven in het laboratoriuminformatiesysteem."),
    DemoSkill("Data-analyse", "Meetgegevens verwerken, controleren, statistisch analyseren en helder presenteren."),
    DemoSkill("Python", "Eenvoudige scripts schrijven die meetdata inlezen, bewerken en in grafieken zetten."),
    DemoSkill("Rapporteren", "Resultaten en conclusies helder op schrift zetten, ook in het Engels."),
    DemoSkill("Multidisciplinair samenwerken", "Samenwerken met collega's van andere vakgebieden en niveaus, van "
              "operator tot onderzoeker."),
    DemoSkill("Probleemoplossend werken", "Storingen en onverwachte uitkomsten stap voor stap analyseren en "
              "oplossen."),
    DemoSkill("Leidinggeven", "Het werk van collega's coördineren en nieuwe collega's inwerken en begeleiden."),
)
SKILL_POSITIONS = {skill.name: position for position, skill in enumerate(DEMO_SKILLS, start=1)}


def demo_skill(centre: Centre, name: str) -> Skill:
    """The centre's skill of that name, created from the demo list (description and position) when missing."""
    return Skill.objects.get_or_create(centre=centre, name=name, defaults=skill_defaults(name))[0]


def skill_defaults(name: str) -> dict:
    """The description and position the demo list gives a skill; none for a name it does not know."""
    known = next((skill for skill in DEMO_SKILLS if skill.name == name), None)
    return {"description": known.description, "position": SKILL_POSITIONS[name]} if known else {}


def add_demo_skills(*, centre: Centre) -> tuple[dict[str, Skill], int]:
    """Every skill of the list, by name: created when missing, and a skill without a description (made before
    the list existed) given the list's. What a demo user wrote is left alone. Returns the skills and how many
    were added."""
    existing = {skill.name: skill for skill in Skill.objects.filter(centre=centre, name__in=SKILL_POSITIONS)}
    missing = [Skill(centre=centre, name=skill.name, **skill_defaults(skill.name))
               for skill in DEMO_SKILLS if skill.name not in existing]
    Skill.objects.bulk_create(missing)
    for skill in existing.values():
        if not skill.description:
            Skill.objects.filter(pk=skill.pk).update(**skill_defaults(skill.name))
    skills = {skill.name: skill for skill in Skill.objects.filter(centre=centre, name__in=SKILL_POSITIONS)}
    return skills, len(missing)
