"""Builders for the programme's tests: a grant with three lines, and activities, milestones, KPIs and actuals.

The grant runs 2024–2027 (today, in late 2026, lies inside it). Plain functions: the persona
fixtures of tests/conftest.py give the centre, partners and people.
"""

from datetime import date
from decimal import Decimal

from civhub.programme.models import Activity, Kpi, KpiActual, KpiTarget, Milestone
from tests.factories import GrantFactory, ProgrammeLineFactory, UserFactory

GRANT_START, GRANT_END = date(2024, 1, 1), date(2027, 12, 31)


def programme(centre, lines: int = 3):
    """A grant 2024–2027 and programme lines 1..lines; returns the lines by number."""
    GrantFactory(centre=centre, start=GRANT_START, end=GRANT_END)
    return {number: ProgrammeLineFactory(centre=centre, number=number) for number in range(1, lines + 1)}


def activity(line, *, title="Module analytische chemie", start=date(2024, 2, 1), end=None, owners=(), **fields):
    made = Activity.objects.create(centre=line.centre, programme_line=line, title=title, start=start, end=end,
                                   **fields)
    made.owners.set(owners)
    return made


def milestone(line, *, title="Eerste module in het curriculum", due=date(2025, 12, 31), done=None, **fields):
    return Milestone.objects.create(centre=line.centre, programme_line=line, title=title, due_date=due,
                                    done_date=done, **fields)


def kpi(line, *, name="Studenten in vraaggestuurde modules", measure=Kpi.Measure.SUM, baseline="0",
        targets=None, unit="studenten", **fields) -> Kpi:
    made = Kpi.objects.create(centre=line.centre, programme_line=line, name=name, unit=unit,
                              measure=measure, baseline=Decimal(baseline), **fields)
    for year, target in (targets or {}).items():
        KpiTarget.objects.create(kpi=made, year=year, target=Decimal(str(target)))
    return made


def actual(kpi_row, day, value, *, partnership=None, recorded_by=None, source="Inschrijvingen") -> KpiActual:
    return KpiActual.objects.create(kpi=kpi_row, date=day, value=Decimal(str(value)), source=source,
                                    partnership=partnership, recorded_by=recorded_by or UserFactory())


def fill(lines, partner, size: int) -> None:
    """`size` activities, milestones, KPIs (with targets) and actuals per line: for the query-count tests."""
    for line in lines.values():
        for number in range(size):
            activity(line, title=f"Activiteit {number}", owners=[partner])
            milestone(line, title=f"Mijlpaal {number}", due=date(2025, 1 + number % 12, 1),
                      done=date(2025, 1, 1) if number % 2 else None)
            row = kpi(line, name=f"KPI {number}", targets={2024: 10, 2025: 20, 2026: 30})
            actual(row, date(2025, 3, 1), 5, partnership=partner)
            actual(row, date(2026, 3, 1), 7)
