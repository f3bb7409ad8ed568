"""Fictitious work along the demo centre's three programme lines: activities, milestones, KPIs, modules.

Everything here is ILLUSTRATIVE and deterministic: the brochure names the three lines and
the partners, not their activities or figures. Seen from late 2026, after the 2022–2025 grant:
- per line four activities owned by the brochure's partners, most done, some continuing;
- milestones after year 2 (31 December 2023) and year 4 (31 December 2025): most reached,
  two reached late and one missed (line 2's ten research questions), each with its
  explanation; a few continue into 2026–2027, one due within a month of the demo's "today";
- the KPIs the issue names (students in demand-driven modules, research questions handled,
  employees trained through LLO, partners active per line), all marked illustrative, with
  yearly targets 2022–2025 and actuals through 2025: line 2's and line 3's partner counts and
  line 2's research questions end behind their targets;
- five education modules of the schools, for the practorate's projects to link to.
The dates agree with the rest of the demo: the practor starts on 1 September 2022 (the steering
group's decision in demo_governance), so nothing the practor leads starts earlier; activities still
running end after the demo's "today"; line 2's research questions handled include demo_research's DNA
project (BaseClear, June 2025), and the milestone on public summaries counts that module's projects.
Once the demo's activities exist the programme is left alone, so what demo users change survives a reload.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.accounts.models import OFFICE_ROLES, Membership
from civhub.core.models import Centre, ProgrammeLine
from civhub.partners.models import Partnership
from civhub.programme.models import Activity, EducationModule, Kpi, KpiActual, KpiTarget, Milestone

Status = Activity.Status
YEAR2, YEAR4 = date(2023, 12, 31), date(2025, 12, 31)

# line → [(title, description, owners, lead, start, end, status)]
ACTIVITIES = {
    1: [
        ("Module Analytische chemie in de praktijk",
         "Samen met de labs van het park ontwikkelde praktijkmodule: echte monsters, echte methodevalidatie.",
         ("mborijnland", "janssen", "eurofins"), "Docent analytische chemie, mboRijnland",
         date(2022, 2, 1), date(2024, 7, 15), Status.DONE),
        ("Module GMP en kwaliteitsborging",
         "Werken volgens Good Manufacturing Practice, met casussen en auditoefeningen uit de biotechbedrijven.",
         ("mborijnland", "halallergy", "pharming"), "QA-manager Hal Allergy met teamleider mboRijnland",
         date(2022, 9, 1), date(2025, 6, 30), Status.DONE),
        ("Data-analyse voor het lab (mbo–hbo)",
         "Doorlopende leerlijn data-analyse voor analisten: van spreadsheet tot Python, met datasets van BaseClear.",
         ("mborijnland", "hsleiden", "baseclear"), "Lector data science, Hogeschool Leiden",
         date(2023, 9, 1), date(2027, 7, 31), Status.RUNNING),
        ("Gastdocentenpool en praktijkopdrachten",
         "Medewerkers van het park geven gastlessen en leveren praktijkopdrachten aan voor de opleiding.",
         ("lbsp", "janssen", "lumc"), "Programmamanager CIV", date(2022, 3, 1), None, Status.RUNNING),
    ],
    2: [
        # The practor starts on 1 September 2022 (steering group, 17 March 2022); the programme manager
        # prepares the practorate and recruits the practor before that.
        ("Inrichting practoraat en intake van onderzoeksvragen",
         "De programmamanager bereidt het practoraat voor en werft de practor. Vanaf 1 september 2022 richt de "
         "practor de werkwijze in voor vragen uit het werkveld: intake, koppeling aan studenten en docenten, "
         "afronding.",
         ("mborijnland", "lbsp"), "Programmamanager CIV; vanaf 1 september 2022 de practor", date(2022, 1, 1),
         date(2023, 6, 30), Status.DONE),
        ("Automatisering van monstervoorbereiding",
         "Praktijkonderzoek naar pipetteerrobots in kleine labs, met een prototype-protocol voor het onderwijs.",
         ("mimetas", "mborijnland", "hsleiden"), "Practor met R&D-engineer Mimetas",
         date(2023, 2, 1), date(2024, 12, 20), Status.DONE),
        ("Duurzaam labgebruik: minder plastic",
         "Onderzoek naar herbruikbare alternatieven voor wegwerpplastic in het practicum en in productielabs.",
         ("baseclear", "btf"), "Docent-onderzoeker mboRijnland", date(2024, 3, 1), date(2027, 6, 30),
         Status.RUNNING),
        ("Practoraatsbijeenkomsten op het park",
         "Vier keer per jaar delen studenten en partners de resultaten van lopend onderzoek.",
         ("lbsp", "biopartner"), "Practor", date(2022, 10, 1), None, Status.RUNNING),
    ],
    3: [
        ("LLO-catalogus van het park",
         "Eén overzicht van het scholingsaanbod van mbo, hbo en cursusaanbieders voor medewerkers op het park.",
         ("mborijnland", "hsleiden", "lis"), "Coördinator LLO, mboRijnland", date(2022, 4, 1), date(2024, 12, 31),
         Status.DONE),
        ("Bijscholing GMP en data voor zittende analisten",
         "Korte modules in de avond en op locatie, afgestemd op de roosters van de productielabs.",
         ("janssen", "halallergy", "btf"), "Trainingscoördinator Biotech Training Facility",
         date(2022, 9, 1), None, Status.RUNNING),
        ("Leerroutes mbo–hbo–wo en talentmanagement",
         "Routes van mbo-4 analist via een hbo-module naar specialisatie, met loopbaangesprekken.",
         ("randstad", "hsleiden", "lumc"), "Loopbaanadviseur Randstad", date(2023, 6, 1), date(2025, 12, 31),
         Status.DONE),
        ("Leerwerkplekken voor zij-instromers",
         "Zij-instromers leren het vak van analist op een leerwerkplek, met begeleiding vanuit school.",
         ("randstad", "leiden", "technolab"), "Projectleider Gemeente Leiden", date(2024, 1, 15),
         date(2026, 12, 31), Status.RUNNING),
    ],
}

# line → [(title, activity index or None, due, done, evidence, explanation)]
MILESTONES = {
    1: [
        ("Eerste vraaggestuurde module in het curriculum", 0, YEAR2, date(2023, 11, 20),
         "Module Analytische chemie opgenomen in het onderwijsprogramma 2023–2024.", ""),
        ("Gastdocentenpool van vijftien professionals", 3, YEAR2, date(2024, 2, 15),
         "Lijst van gastdocenten met afspraken per partner.",
         "Twee bedrijven wezen hun gastdocenten pas in januari aan, na de jaarplanning."),
        ("Drie vraaggestuurde modules structureel in het curriculum", None, YEAR4, date(2025, 12, 12),
         "Vastgesteld onderwijs- en examenreglement 2026.", ""),
        ("Evaluatie Data-analyse met het werkveld", 2, date(2026, 12, 15), None, "", ""),
        ("Module Data-analyse ook in het hbo-programma", 2, date(2027, 2, 1), None, "", ""),
    ],
    2: [
        ("Practoraat ingericht, vijf onderzoeksvragen in behandeling", 0, YEAR2, date(2023, 10, 2),
         "Jaarverslag practoraat 2023.", ""),
        ("Resultaten monstervoorbereiding verwerkt in lesmateriaal", 1, date(2025, 6, 30), date(2025, 6, 20),
         "Lesbrief en protocol in de module Analytische chemie.", ""),
        ("Tien onderzoeksvragen van partners afgerond", None, YEAR4, None, "",
         "Twee partners stelden hun vraag uit door een reorganisatie. Acht van de tien vragen zijn afgerond; de "
         "laatste twee lopen door in 2026."),
        ("Publieke samenvattingen van drie projecten", 3, date(2027, 3, 31), None, "", ""),
    ],
    3: [
        ("LLO-aanbod van vijf partners in één catalogus", 0, YEAR2, date(2023, 12, 1),
         "Catalogus online met cursussen van mboRijnland, Hogeschool Leiden, de Leidse Instrumentmakers School, "
         "de Biotech Training Facility en Eurofins.", ""),
        ("Eerste leerroute mbo–hbo analist gepubliceerd", 2, YEAR2, date(2024, 3, 10),
         "Leerroute op de website van het centrum.",
         "De afstemming over vrijstellingen met de hogeschool duurde een kwartaal langer dan gepland."),
        ("Tweehonderd medewerkers van het park bijgeschoold", 1, YEAR4, date(2025, 11, 28),
         "Deelnemerslijsten 2022–2025.", ""),
        ("Zij-instroomtraject structureel gefinancierd", 3, date(2026, 12, 31), None, "", ""),
    ],
}

SUM, LATEST = Kpi.Measure.SUM, Kpi.Measure.LATEST
# line → [(name, unit, measure, baseline, targets 2022–2025, [(date, value, source, partner code or "")])]
KPIS = {
    1: [
        ("Studenten in vraaggestuurde modules", "studenten", SUM, 0, (40, 120, 220, 340), [
            (date(2022, 7, 1), 25, "Inschrijvingen mboRijnland", "mborijnland"),
            (date(2022, 12, 20), 20, "Inschrijvingen mboRijnland", "mborijnland"),
            (date(2023, 7, 1), 40, "Inschrijvingen mboRijnland", "mborijnland"),
            (date(2023, 12, 20), 40, "Inschrijvingen mboRijnland", "mborijnland"),
            (date(2024, 7, 1), 50, "Inschrijvingen mboRijnland", "mborijnland"),
            (date(2024, 12, 20), 55, "Inschrijvingen mboRijnland en Hogeschool Leiden", ""),
            (date(2025, 7, 1), 55, "Inschrijvingen mboRijnland en Hogeschool Leiden", ""),
            (date(2025, 12, 19), 60, "Inschrijvingen mboRijnland en Hogeschool Leiden", ""),
        ]),
        ("Partners actief in lijn 1", "partners", LATEST, 3, (5, 7, 8, 9), [
            (date(2022, 12, 15), 5, "Telling programmabureau", ""),
            (date(2023, 12, 15), 7, "Telling programmabureau", ""),
            (date(2024, 12, 15), 8, "Telling programmabureau", ""),
            (date(2025, 12, 15), 9, "Telling programmabureau", ""),
        ]),
    ],
    2: [
        ("Onderzoeksvragen van partners afgehandeld", "onderzoeksvragen", SUM, 0, (2, 5, 8, 10), [
            (date(2022, 11, 30), 1, "Registratie practoraat", "lbsp"),
            (date(2023, 6, 30), 1, "Registratie practoraat", "mimetas"),
            (date(2023, 12, 15), 2, "Registratie practoraat", ""),
            (date(2024, 6, 28), 1, "Registratie practoraat", ""),
            (date(2024, 12, 13), 2, "Registratie practoraat", ""),
            (date(2025, 6, 27), 1, "Registratie practoraat", "baseclear"),  # demo_research's DNA project
        ]),
        ("Partners actief in lijn 2", "partners", LATEST, 2, (4, 6, 7, 8), [
            (date(2022, 12, 15), 3, "Telling programmabureau", ""),
            (date(2023, 12, 15), 5, "Telling programmabureau", ""),
            (date(2024, 12, 15), 6, "Telling programmabureau", ""),
            (date(2025, 12, 15), 6, "Telling programmabureau", ""),
        ]),
    ],
    3: [
        ("Medewerkers bijgeschoold via LLO", "medewerkers", SUM, 0, (30, 90, 160, 240), [
            (date(2022, 6, 30), 12, "Deelnemerslijsten cursussen", "btf"),
            (date(2022, 12, 16), 14, "Deelnemerslijsten cursussen", "btf"),
            (date(2023, 6, 30), 30, "Deelnemerslijsten cursussen", "janssen"),
            (date(2023, 12, 15), 32, "Deelnemerslijsten cursussen", "halallergy"),
            (date(2024, 6, 28), 35, "Deelnemerslijsten cursussen", "janssen"),
            (date(2024, 12, 13), 38, "Deelnemerslijsten cursussen", "btf"),
            (date(2025, 6, 27), 40, "Deelnemerslijsten cursussen", "janssen"),
            (date(2025, 12, 12), 42, "Deelnemerslijsten cursussen", "halallergy"),
        ]),
        ("Partners actief in lijn 3", "partners", LATEST, 2, (4, 6, 8, 10), [
            (date(2022, 12, 15), 4, "Telling programmabureau", ""),
            (date(2023, 12, 15), 6, "Telling programmabureau", ""),
            (date(2024, 12, 15), 7, "Telling programmabureau", ""),
            (date(2025, 12, 15), 8, "Telling programmabureau", ""),
        ]),
    ],
}
TARGET_YEARS = (2022, 2023, 2024, 2025)

# (code, title, description, provider)
MODULES = (
    ("AC-01", "Analytische chemie in de praktijk", "Methodevalidatie en analyse met monsters uit de labs van het park.",
     "mborijnland"),
    ("GMP-01", "GMP en kwaliteitsborging", "Werken volgens GMP, documentatie en auditoefeningen.", "mborijnland"),
    ("DA-01", "Data-analyse voor het lab", "Meetgegevens verwerken, controleren en presenteren, van spreadsheet "
     "tot Python.", "hsleiden"),
    ("CK-01", "Celkweek en steriel werken", "Aseptisch werken en celkweek volgens de praktijk van de biotech.",
     "mborijnland"),
    ("LA-01", "Labautomatisering en robotica", "Pipetteerrobots programmeren en onderhouden.", "lis"),
)


def add_demo_programme(*, centre: Centre) -> str:
    """Create the demo programme once; returns a one-line summary of what was added."""
    if Activity.objects.filter(centre=centre).exists():
        return _("demo programme: already present, left alone")
    lines = {line.number: line for line in ProgrammeLine.objects.filter(centre=centre)}
    partners = {partnership.short_code: partnership for partnership in Partnership.objects.filter(centre=centre)}
    recorder = (Membership.objects.filter(centre=centre, role__in=sorted(OFFICE_ROLES))
                .select_related("user").order_by("role", "pk").first().user)
    with transaction.atomic():
        activities = _activities(centre, lines, partners)
        milestones = _milestones(centre, lines, activities)
        kpis, actuals = _kpis(centre, lines, partners, recorder)
        modules = EducationModule.objects.bulk_create(
            EducationModule(centre=centre, code=code, title=title, description=description,
                            provider=partners.get(provider)) for code, title, description, provider in MODULES)
    return _("demo programme: %(activities)d activities, %(milestones)d milestones, %(kpis)d KPIs (%(actuals)d "
             "actuals) and %(modules)d education modules added") % {
        "activities": sum(map(len, activities.values())), "milestones": milestones, "kpis": kpis,
        "actuals": actuals, "modules": len(modules)}


def _activities(centre, lines, partners) -> dict[int, list[Activity]]:
    created = {}
    for number, rows in ACTIVITIES.items():
        created[number] = []
        for title, description, owners, lead, start, end, status in rows:
            activity = Activity.objects.create(centre=centre, programme_line=lines[number], title=title,
                                               description=description, lead_person=lead, start=start, end=end,
                                               status=status)
            activity.owners.set([partners[code] for code in owners if code in partners])
            created[number].append(activity)
    return created


def _milestones(centre, lines, activities) -> int:
    rows = [
        Milestone(centre=centre, programme_line=lines[number], title=title,
                  activity=activities[number][index] if index is not None else None, due_date=due, done_date=done,
                  evidence=evidence, explanation=explanation)
        for number, milestones in MILESTONES.items()
        for title, index, due, done, evidence, explanation in milestones
    ]
    return len(Milestone.objects.bulk_create(rows))


def _kpis(centre, lines, partners, recorder) -> tuple[int, int]:
    kpis = actuals = 0
    for number, rows in KPIS.items():
        for position, (name, unit, measure, baseline, targets, values) in enumerate(rows):
            kpi = Kpi.objects.create(centre=centre, programme_line=lines[number], name=name, unit=unit,
                                     measure=measure, baseline=Decimal(baseline), target_year2=Decimal(targets[1]),
                                     target_year4=Decimal(targets[3]), illustrative=True, position=position)
            KpiTarget.objects.bulk_create(KpiTarget(kpi=kpi, year=year, target=Decimal(target))
                                          for year, target in zip(TARGET_YEARS, targets, strict=True))
            actuals += len(KpiActual.objects.bulk_create(
                KpiActual(kpi=kpi, date=day, value=Decimal(value), source=source, partnership=partners.get(code),
                          recorded_by=recorder) for day, value, source, code in values))
            kpis += 1
    return kpis, actuals
