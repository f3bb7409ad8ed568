"""Fictitious ledger history for the demo centre, replayed through the ledger's own services at its dates.

One story, consistent with itself (everything ILLUSTRATIVE and deterministic):
- 2022–2023: the programme office kept the co-financing in Excel and the partners signed a
  statement every year. On 15 January 2024 the finance controller migrated those entries
  (`import_contributions --accepted`, with a reference to the signed statements); each counts
  from its own date, or, for the December entries, from the day in January they were signed off.
- 2024–2025: every entry through the two keys: the partner's contact records it a few days
  after the work, the partner's signatory approves it, the finance controller accepts it.
- Most partners realise 96–102% of their pledge every year; three stay behind every year
  (about 60%); nothing is caught up at the end.
- mboRijnland, the lead applicant, records its own hours too: shown, never counted. Janssen
  Biologics and the LUMC record their BPV supervision: shown, never counted (RIF art. 10(5)).
- Janssen's last entries of 2025 still wait in every state of the two keys, so each demo
  login has work waiting.
Once the demo ledger exists it is left alone, so what demo users do with it survives a reload.
"""

import csv
import hashlib
import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from civhub.accounts.models import User
from civhub.core.models import Centre
from civhub.ledger.imports.contributions import import_contributions
from civhub.ledger.models import Contribution, Pledge
from civhub.ledger.services import approval
from civhub.ledger.services.entries import EntryData, create_contribution
from civhub.loader.demo_clock import Event, at
from civhub.loader.demo_people import partner_people
from civhub.partners.models import Partnership

PREFIX = "DEMO-"
RATE = Decimal("73.00")  # the grant's fixed hourly rate (RIF art. 14)
MAX_HOURS = 24
MIGRATED_YEARS = (2022, 2023)
TWO_KEY_YEARS = (2024, 2025)
MIGRATION_DAY = date(2024, 1, 15)
PRACTORATE_STARTS = date(2022, 9, 1)
MIGRATION_REFERENCE = "Getekende partnerverklaringen 2022 en 2023 (Excel-administratie programmabureau)"
# The partners whose story is "behind": every year about this share of their pledge.
BEHIND = {"averydennison": Decimal("0.62"), "biopartner": Decimal("0.60"), "hollandrijnland": Decimal("0.58")}
LEAD = "mborijnland"
LEAD_HOURS = {"education": 560, "research": 180}  # the lead applicant's own hours a year: real work, not counted
BPV_PARTNERS = ("janssen", "lumc")  # supervising students on work placement: recorded, never counted
BPV_HOURS_A_YEAR = 96
LINES = {"education": 1, "lab": 1, "research": 2, "lifelong_learning": 3}  # organisation and cash: no line
LAB_LINE_FROM_QUARTER = 3  # the lab of the second half year serves the practorate (line 2)
DESCRIPTIONS = {
    "organisation": "Deelname stuurgroep en werkgroep",
    "research": "Begeleiding onderzoeksopdracht practoraat",
    "lab": "Gebruik laboratoriumruimte en apparatuur",
    "education": "Ontwikkeling en uitvoering praktijkmodule",
    "lifelong_learning": "Inbreng in LLO-aanbod voor medewerkers",
    "cash": "Financiële bijdrage",
    "bpv": "Begeleiding BPV-studenten in het laboratorium",
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Row:
    """One planned contribution: a partner's hours or amount of one kind on one day."""

    code: str
    day: date
    kind: str
    hours: int | None
    amount: Decimal | None
    number: int

    @property
    def extern_id(self) -> str:
        return f"{PREFIX}{self.code}-{self.day.year}-{self.kind}-{self.number}"

    @property
    def line(self) -> int | None:
        if self.kind == "lab" and self.number >= LAB_LINE_FROM_QUARTER:
            return 2
        return LINES.get(self.kind)


def ledger_events(centre: Centre, finance: User) -> list[Event]:
    """The ledger's history as events: the migration of 2022–2023, then every entry of 2024–2025 step by step."""
    rows = planned_rows(centre)
    return [_migration(centre, finance, [row for row in rows if row.day.year in MIGRATED_YEARS]),
            *_two_key_events(centre, finance, [row for row in rows if row.day.year in TWO_KEY_YEARS])]


def has_demo_ledger(centre: Centre) -> bool:
    return Contribution.objects.filter(centre=centre, extern_id__startswith=PREFIX).exists()


# The plan ---------------------------------------------------------------------------------------


def _share(code: str, year: int) -> Decimal:
    """What a partner realises of its pledge in a year: the behind ones their share, the others 96–102%."""
    if code in BEHIND:
        return BEHIND[code]
    return Decimal(96 + hashlib.sha256(f"{code}|{year}".encode()).digest()[0] % 7) / 100


def planned_rows(centre: Centre) -> list[Row]:
    """Every demo contribution of 2022–2025, dated through each year, in date order."""
    rows = []
    pledges = Pledge.objects.filter(partnership__centre=centre).select_related("partnership")
    for pledge in pledges.order_by("partnership__short_code", "year", "kind"):
        target = pledge.amount * _share(pledge.partnership.short_code, pledge.year)
        rows += _rows_for(pledge.partnership.short_code, pledge.year, pledge.kind, target)
    for year in (*MIGRATED_YEARS, *TWO_KEY_YEARS):
        for kind, hours in LEAD_HOURS.items():
            rows += _hour_rows(LEAD, year, kind, hours)
        for code in BPV_PARTNERS:
            rows += _hour_rows(code, year, "bpv", BPV_HOURS_A_YEAR)
    return sorted(rows, key=lambda row: (row.day, row.extern_id))


def _rows_for(code: str, year: int, kind: str, target: Decimal) -> list[Row]:
    """Lab use and cash as amounts (a quarter's lab use at a time, cash once); staff time in hours."""
    if kind == "cash":
        return [Row(code, date(year, 6, 20), kind, None, target.quantize(CENT, ROUND_HALF_UP), 1)]
    if kind == "lab":
        quarter = (target / 4).quantize(CENT, ROUND_HALF_UP)
        amounts = [quarter] * 3 + [target.quantize(CENT, ROUND_HALF_UP) - quarter * 3]
        return [Row(code, date(year, 3 * number, 25), kind, None, amount, number)
                for number, amount in enumerate(amounts, 1)]
    return _hour_rows(code, year, kind, int((target / RATE).quantize(Decimal(1), ROUND_HALF_UP)))


def _first_month(year: int, kind: str) -> int:
    """Research for the practorate starts with the practor, on 1 September 2022."""
    return PRACTORATE_STARTS.month if kind == "research" and year == PRACTORATE_STARTS.year else 1


def _hour_rows(code: str, year: int, kind: str, hours: int) -> list[Row]:
    """`hours` spread over the year in entries of at most 24 hours (a timesheet a month, or a few)."""
    count = max(1, math.ceil(hours / MAX_HOURS))
    each, extra = divmod(hours, count)
    offset = hashlib.sha256(f"{code}|{kind}".encode()).digest()[0] % 9
    first = _first_month(year, kind)
    months = 13 - first
    return [Row(code, date(year, first + (number * months) // count, 5 + (offset + number * 3) % 20), kind,
                each + (1 if number < extra else 0), None, number + 1) for number in range(count)]


# 2022–2023: migrated ----------------------------------------------------------------------------


def _accepted_on(row: Row) -> str:
    """December's entries were signed off in the partners' statements in January; the others count from their date."""
    return date(row.day.year + 1, 1, 10).isoformat() if row.day.month == 12 else ""


def _migration_csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["extern_id", "partner", "datum", "soort", "programmalijn", "uren", "bedrag", "omschrijving",
                     "geaccepteerd_op"])
    for row in rows:
        writer.writerow([row.extern_id, row.code, row.day.isoformat(), row.kind, row.line or "",
                         row.hours or "", row.amount or "", DESCRIPTIONS[row.kind], _accepted_on(row)])
    return buffer.getvalue().encode()


def _migration(centre: Centre, finance: User, rows: list[Row]) -> Event:
    """The finance controller imports the signed-off history of 2022–2023 as accepted, with its evidence."""

    def run():
        report = import_contributions(centre=centre, actor=finance, file=io.BytesIO(_migration_csv(rows)),
                                      file_name="migratie-bijdragen-2022-2023.csv", as_accepted=True,
                                      reference=MIGRATION_REFERENCE)
        if not report.ok:  # the demo file is ours: an error here is a bug, not bad input
            raise RuntimeError("; ".join(str(error) for error in report.errors[:5]))

    return at(MIGRATION_DAY, 9, 30, run)


# 2024–2025: the two keys --------------------------------------------------------------------------

# Janssen's entries still on their way at the end of the story: (day, kind, hours or amount, how far they got).
WAITING = (
    (date(2025, 11, 14), "lab", Decimal("4800.00"), "approved"),
    (date(2025, 12, 5), "education", 7, "submitted"),
    (date(2025, 12, 12), "organisation", 6, "submitted"),
    (date(2025, 12, 19), "lifelong_learning", 5, "draft"),
)


def _two_key_events(centre: Centre, finance: User, rows: list[Row]) -> list[Event]:
    """Each entry recorded by the partner's contact, approved by its signatory, accepted by the finance controller."""
    partnerships = {p.short_code: p for p in Partnership.objects.filter(centre=centre).select_related("centre")}
    people = {code: partner_people(partnership, number) for number, (code, partnership)
              in enumerate(sorted(partnerships.items()))}
    lines = {line.number: line for line in centre.programme_lines.all()}
    events = []
    for row in rows:
        events += _through_the_keys(partnerships[row.code], people[row.code], finance, _entry_data(row, lines))
    return events + _waiting(partnerships["janssen"], people["janssen"], lines)


def _entry_data(row: Row, lines: dict) -> EntryData:
    return EntryData(date=row.day, kind=row.kind, description=DESCRIPTIONS[row.kind],
                     hours=Decimal(row.hours) if row.hours else None, amount=row.amount,
                     programme_line=lines.get(row.line), extern_id=row.extern_id)


def _through_the_keys(partnership, people, finance, data: EntryData, *, last: str = "accepted") -> list[Event]:
    """Recorded three days after the work, approved five days later, accepted twelve days after that."""
    entry = {}

    def record():
        entry["it"] = create_contribution(partnership=partnership, actor=people.contact, data=data,
                                          submit=last != "draft")

    steps = [at(data.date + timedelta(days=3), 16, 10, record)]
    if last in ("approved", "accepted"):
        steps.append(at(data.date + timedelta(days=8), 11, 45,
                        lambda: approval.approve_contribution(entry=entry["it"], actor=people.signatory)))
    if last == "accepted":
        steps.append(at(data.date + timedelta(days=20), 14, 20,
                        lambda: approval.accept_contribution(entry=entry["it"], actor=finance)))
    return steps


def _waiting(partnership, people, lines: dict) -> list[Event]:
    events = []
    for number, (day, kind, quantity, state) in enumerate(WAITING, 1):
        hours, amount = (None, quantity) if isinstance(quantity, Decimal) else (quantity, None)
        row = Row(partnership.short_code, day, kind, hours, amount, 900 + number)
        events += _through_the_keys(partnership, people, None, _entry_data(row, lines), last=state)
    return events
