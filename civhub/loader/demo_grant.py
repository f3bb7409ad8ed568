"""Fictitious grant history for the demo centre, and the one timeline that replays it with the ledger's.

Everything here is ILLUSTRATIVE and deterministic, and happens through civhub's services at
the moment it happened in the story (loader/demo_clock.py):
- the lead applicant's subsidy expenditure: the programme manager's and communications
  officer's salaries from January 2022, the practor's from the start of the practorate on
  1 September 2022, material, lab use and overhead, and two corrections. 2022–2023 comes in
  from the bookkeeping on 16 January 2024, when the centre started using civhub; from then
  on the finance controller imports each quarter's costs a few days after it ends;
- a budget revision after the steering group of 14 March 2024;
- closed years 2022 and 2023 (after the migration) and 2024 (end of March 2025), each
  recording the chains' heads;
- every report the funder expects, submitted a few days before it was due, each recording the
  chains' heads. civhub keeps the funder pack of a report since its 2026 release: the final
  report and the annual report over 2025 carry theirs; the reports before were recorded
  without one, as they would be in a centre that upgraded.
The grant ended on 31 December 2025: the monitor at today shows the final figures. The counted
co-financing covers the subsidy spent (ratio just above 2), three partners ended well behind their
pledge, and part of the subsidy was not spent (the practor started in September 2022) and is
to be repaid at the settlement.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from civhub.accounts.models import User
from civhub.core.models import Centre
from civhub.grants.imports import import_expenditure
from civhub.grants.models import Expenditure
from civhub.grants.schedule import report_deadlines
from civhub.grants.services import budget
from civhub.grants.services.reports import mark_report_submitted
from civhub.ledger.models import PeriodLock
from civhub.ledger.services.periods import close_period
from civhub.loader.demo_clock import Event, at, replay
from civhub.loader.demo_ledger import MIGRATION_DAY, PRACTORATE_STARTS, has_demo_ledger, ledger_events

PREFIX = "DEMO-"
CENT = Decimal("0.01")

# (staff, programme line, monthly salary in 2022, first month): the people the brochure says the subsidy pays for.
SALARIES = (
    ("programmamanager", 1, Decimal("5650.00"), date(2022, 1, 1)),
    ("practor", 2, Decimal("6100.00"), PRACTORATE_STARTS),
    ("communicatiemedewerker", 3, Decimal("4800.00"), date(2022, 1, 1)),
)
SALARY_INDEXATION = Decimal("1.025")  # a yearly raise, as collective agreements give
# (category, programme line, months booked, amount, description): the other costs of every year.
OTHER_COSTS = (
    ("material", 1, (3, 6, 9, 12), Decimal("2400.00"), "Materiaal bijeenkomsten en werkgroepen"),
    ("lab", 2, (4, 10), Decimal("4750.00"), "Verbruiksmaterialen practicumlab"),
    ("overhead", 3, (3, 6, 9, 12), Decimal("3700.00"), "Huisvesting en ICT programmabureau"),
    ("other", 3, (5, 11), Decimal("4600.00"), "Drukwerk, website en evenementen"),
)
CORRECTIONS = (
    (date(2023, 5, 22), "other", 3, Decimal("-1250.00"), "Correctie dubbel geboekte factuur drukwerk"),
    (date(2024, 9, 16), "personnel", 2, Decimal("-850.00"), "Correctie salaris practor augustus (ouderschapsverlof)"),
)
# (year, line, category, source, change): the steering group of 14 March 2024 moved work from line 1 to the
# practorate (line 2) for 2024 and 2025; every year's totals per source stay the same.
REVISION_CHANGES = (
    (2024, 1, "personnel", "subsidy", Decimal("-10000.00")), (2024, 2, "personnel", "subsidy", Decimal("10000.00")),
    (2025, 1, "personnel", "subsidy", Decimal("-10000.00")), (2025, 2, "personnel", "subsidy", Decimal("10000.00")),
    (2025, 1, "personnel", "in_kind", Decimal("-20000.00")), (2025, 2, "personnel", "in_kind", Decimal("20000.00")),
)
REVISED_ON = date(2024, 3, 20)
CLOSED_YEARS = ((2022, date(2024, 1, 31)), (2023, date(2024, 1, 31)), (2024, date(2025, 3, 31)))
REPORT_DAYS_EARLY = 4
PACKS_KEPT_FROM = date(2026, 1, 1)  # civhub's release that keeps a submitted report's pack


@dataclass(frozen=True)
class HistoryCounts:
    """What the demo's history added: contributions, expenditure entries, reports submitted."""

    contributions: int
    expenditure: int
    reports: int


def add_demo_history(*, centre: Centre) -> HistoryCounts:
    """Replay the demo's ledger and grant history once; all zero when it exists already."""
    grant = centre.grants.get(scheme="RIF", start=date(2022, 1, 1))
    if has_demo_ledger(centre) or Expenditure.objects.filter(grant=grant, extern_id__startswith=PREFIX).exists():
        return HistoryCounts(0, 0, 0)
    finance = User.objects.get(email="finance@example.org")
    events = [*ledger_events(centre, finance), *expenditure_events(grant, finance),
              at(REVISED_ON, 15, 0, lambda: _revise_budget(grant, finance)),
              *closing_events(centre, finance), *report_events(grant, finance)]
    replay(events)
    return HistoryCounts(centre.contributions.count(), grant.expenditures.count(),
                         grant.report_submissions.count())


# Subsidy expenditure ---------------------------------------------------------------------------


def expenditure_rows(grant) -> list[tuple[str, date, str, int, Decimal, str]]:
    """(extern_id, date, category, line, amount, description) for every month of every year, then the corrections."""
    rows = []
    for year in grant.years:
        raise_factor = SALARY_INDEXATION ** (year - grant.start.year)
        for staff, line, salary, first in SALARIES:
            monthly = (salary * raise_factor).quantize(CENT, ROUND_HALF_UP)
            rows += [(f"{PREFIX}{year}-{month:02d}-{staff}", date(year, month, 25), "personnel", line, monthly,
                      f"Salaris {staff} {month:02d}-{year}") for month in range(1, 13)
                     if date(year, month, 25) >= first]
        for category, line, months, amount, description in OTHER_COSTS:
            rows += [(f"{PREFIX}{year}-{month:02d}-{category}", date(year, month, 15), category, line, amount,
                      description) for month in months]
    rows += [(f"{PREFIX}correctie-{number}", day, category, line, amount, description)
             for number, (day, category, line, amount, description) in enumerate(CORRECTIONS, 1)]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["extern_id", "datum", "categorie", "programmalijn", "bedrag", "omschrijving"])
    for extern_id, day, category, line, amount, description in rows:
        writer.writerow([extern_id, day.isoformat(), category, line, amount, description])
    return buffer.getvalue().encode()


def _import(grant, finance, rows, name: str):
    def run():
        report = import_expenditure(grant=grant, actor=finance, file=io.BytesIO(_csv(rows)), file_name=name)
        if not report.ok:  # the demo file is ours: an error here is a bug, not bad input
            raise RuntimeError("; ".join(str(error) for error in report.errors[:5]))
    return run


def _quarter_end(day: date) -> date:
    month = 3 * ((day.month - 1) // 3 + 1)
    return date(day.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def expenditure_events(grant, finance) -> list[Event]:
    """2022–2023 from the bookkeeping when civhub came into use; then each quarter's costs after it ends."""
    rows = expenditure_rows(grant)
    events = [at(MIGRATION_DAY + timedelta(days=1), 10, 0, _import(
        grant, finance, [row for row in rows if row[1] < date(2024, 1, 1)], "boekhouding-2022-2023.csv"))]
    quarters: dict[date, list] = {}
    for row in rows:
        if row[1] >= date(2024, 1, 1):
            quarters.setdefault(_quarter_end(row[1]), []).append(row)
    for end, quarter in quarters.items():
        name = f"boekhouding-{end.year}-q{(end.month - 1) // 3 + 1}.csv"
        events.append(at(end + timedelta(days=10), 11, 0, _import(grant, finance, quarter, name)))
    return events


# A budget revision -------------------------------------------------------------------------------


def _revise_budget(grant, finance: User) -> None:
    """Version 2 of the budget, made current: what a revision looks like beside the application's budget."""
    base = grant.budget_versions.get(is_current=True)
    amounts = {(line.year, line.programme_line.number if line.programme_line else None, line.category, line.source):
               line.amount for line in base.lines.select_related("programme_line")}
    for year, number, category, source, change in REVISION_CHANGES:
        key = (year, number, category, source)
        amounts[key] = amounts.get(key, Decimal("0.00")) + change
    cells = [budget.Cell(year, number, category, source, amount)
             for (year, number, category, source), amount in amounts.items()]
    version = budget.revise_budget(
        grant=grant, actor=finance, base=base, cells=cells, name="Herziening 2024",
        reason="Stuurgroep van 14 maart 2024: meer uren voor het practoraat (programmalijn 2), minder voor "
               "programmalijn 1; de totalen per jaar blijven gelijk.")
    budget.make_current(version=version, actor=finance)


# Closed years and reports -----------------------------------------------------------------------


def closing_events(centre, finance) -> list[Event]:
    return [at(day, 17, 0, lambda year=year: close_period(centre=centre, actor=finance, span=PeriodLock.Span.YEAR,
                                                          year=year))
            for year, day in CLOSED_YEARS]


def report_events(grant, finance) -> list[Event]:
    """Every report due by now, submitted a few days early; those from before civhub are recorded at the migration."""
    events = []
    for report in report_deadlines(grant):
        day = report.due - timedelta(days=REPORT_DAYS_EARLY)
        before_civhub = day < MIGRATION_DAY
        note = ("Ingediend vóór het gebruik van civhub; vastgelegd bij de migratie." if before_civhub
                else "Ingediend via het portaal van de subsidieverstrekker.")
        when = MIGRATION_DAY + timedelta(days=2) if before_civhub else day
        events.append(at(when, 16, 30, lambda report=report, day=day, note=note, keep=day >= PACKS_KEPT_FROM:
                         mark_report_submitted(grant=grant, due_date=report.due, kind=report.kind, actor=finance,
                                               submitted_on=day, note=note, keep_pack=keep)))
    return [event for event in events if event.at <= timezone.now()]
