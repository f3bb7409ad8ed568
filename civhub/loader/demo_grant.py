"""Fictitious grant activity for the demo centre: the end of the story, seen from late 2026.

Everything here is ILLUSTRATIVE and deterministic. The demo grant ran 2022–2025, so the
monitor at today shows final figures:
- 2025 contributions, imported as accepted (as the programme office migrates approved
  entries), bring most partners to 88–104% of their pledges; three partners stay clearly
  behind (below 75%), and in total the co-financing ends a little short of the required
  ratio (1.9 instead of 2.0), so the monitor's warnings have something to say;
- the lead applicant's subsidy expenditure 2022–2025: the salaries of the programme
  manager, the practor and the communications officer, material, lab and overhead, with two
  negative corrections, a little under the EUR 1,000,000 subsidy;
- all four reports submitted a few days before they were due.
Once the demo expenditure exists it is left alone, so what demo users do survives a reload.
"""

import csv
import hashlib
import io
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone

from civhub.accounts.models import User
from civhub.core.audit import record_event
from civhub.core.models import Centre
from civhub.grants.models import Expenditure, ReportSubmission
from civhub.grants.schedule import report_deadlines
from civhub.grants.services import budget
from civhub.grants.services.reports import mark_report_submitted
from civhub.ledger.imports.contributions import import_contributions
from civhub.ledger.models import Contribution, Pledge
from civhub.loader.demo_ledger import _description
from civhub.partners.models import CofinancingGroup, Partnership

PREFIX = "DEMO-"
YEAR = 2025
TARGET_RATIO = Decimal("1.90")
# The partners whose story is "behind": they end at about two thirds of their pledge.
BEHIND = {"averydennison": Decimal("0.64"), "biopartner": Decimal("0.62"), "hollandrijnland": Decimal("0.58")}
HOURS_PER_ROW = Decimal("16")
LAB_ROW = Decimal("12500.00")
CENT = Decimal("0.01")
REPORT_DAYS_EARLY = (3, 5, 2, 4)

# (staff, programme line, monthly salary in 2022): the people the brochure says the subsidy pays for.
SALARIES = (
    ("programmamanager", 1, Decimal("5650.00")),
    ("practor", 2, Decimal("6100.00")),
    ("communicatiemedewerker", 3, Decimal("4800.00")),
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


def add_demo_grant(*, centre: Centre) -> tuple[int, int, int]:
    """Add the demo's 2025 contributions, expenditure and report submissions once.

    Returns (contributions, expenditure entries, reports) added; all zero when they exist already.
    """
    grant = centre.grants.get(scheme="RIF", start=date(2022, 1, 1))
    if Expenditure.objects.filter(grant=grant, extern_id__startswith=PREFIX).exists():
        return 0, 0, 0
    finance = User.objects.get(email="finance@example.org")
    entries, spent = _add_expenditure(grant, finance)
    contributions = _add_contributions(grant, finance, spent * TARGET_RATIO)
    _revise_budget(grant, finance)
    return contributions, entries, _submit_reports(grant, finance)


# A budget revision ---------------------------------------------------------------------------------

# (year, line, category, source, change): the steering group moved work from line 1 to the practorate
# (line 2) for 2024 and 2025; every year's totals per source stay the same.
REVISION_CHANGES = (
    (2024, 1, "personnel", "subsidy", Decimal("-10000.00")), (2024, 2, "personnel", "subsidy", Decimal("10000.00")),
    (2025, 1, "personnel", "subsidy", Decimal("-10000.00")), (2025, 2, "personnel", "subsidy", Decimal("10000.00")),
    (2025, 1, "personnel", "in_kind", Decimal("-20000.00")), (2025, 2, "personnel", "in_kind", Decimal("20000.00")),
)


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


# Subsidy expenditure ---------------------------------------------------------------------------


def _expenditure_rows(grant) -> list[tuple[str, date, str, int, Decimal, str]]:
    """(extern_id, date, category, line, amount, description) for every month of every year, then the corrections."""
    rows = []
    for year in grant.years:
        raise_factor = SALARY_INDEXATION ** (year - grant.start.year)
        for staff, line, salary in SALARIES:
            monthly = (salary * raise_factor).quantize(CENT, ROUND_HALF_UP)
            rows += [(f"{PREFIX}{year}-{month:02d}-{staff}", date(year, month, 25), "personnel", line, monthly,
                      f"Salaris {staff} {month:02d}-{year}") for month in range(1, 13)]
        for category, line, months, amount, description in OTHER_COSTS:
            rows += [(f"{PREFIX}{year}-{month:02d}-{category}", date(year, month, 15), category, line, amount,
                      description) for month in months]
    rows += [(f"{PREFIX}correctie-{number}", day, category, line, amount, description)
             for number, (day, category, line, amount, description) in enumerate(CORRECTIONS, 1)]
    return rows


def _add_expenditure(grant, finance: User) -> tuple[int, Decimal]:
    """Write the lead applicant's costs in one go (one audit event for the demo load): (entries, total)."""
    lines = {line.number: line for line in grant.centre.programme_lines.all()}
    today = timezone.localdate()
    entries = [Expenditure(grant=grant, extern_id=extern_id, date=day, category=category, programme_line=lines[line],
                           amount=amount, description=description, entered_by=finance)
               for extern_id, day, category, line, amount, description in _expenditure_rows(grant) if day <= today]
    Expenditure.objects.bulk_create(entries)
    total = sum((entry.amount for entry in entries), Decimal("0.00"))
    record_event(grant, actor=finance, action="demo_expenditure_loaded", centre=grant.centre,
                 summary=f"{len(entries)} entries, EUR {total}", changes={"entries": len(entries)})
    return len(entries), total


# 2025 contributions -----------------------------------------------------------------------------


def _jitter(code: str) -> Decimal:
    """A stable number between -0.04 and +0.04 per partner: realistic spread, the same on every machine."""
    return Decimal(hashlib.sha256(code.encode()).digest()[0] % 81 - 40) / 1000


def _targets(centre: Centre, realised_goal: Decimal) -> dict[Partnership, Decimal]:
    """What each counted partner has realised by the end: the behind partners their share, the others a common
    share of their pledge (± a little) chosen so the centre as a whole reaches `realised_goal`."""
    partners = list(Partnership.objects.filter(centre=centre).exclude(cofinancing_group=CofinancingGroup.NOT_COUNTED)
                    .annotate(pledged=Sum("pledges__amount")).filter(pledged__gt=0).order_by("short_code"))
    behind = {partner: partner.pledged * BEHIND[partner.short_code] for partner in partners
              if partner.short_code in BEHIND}
    others = [partner for partner in partners if partner.short_code not in BEHIND]
    share = (realised_goal - sum(behind.values())) / sum(partner.pledged for partner in others)
    return {**behind, **{partner: partner.pledged * (share + _jitter(partner.short_code)) for partner in others}}


def _add_contributions(grant, finance: User, realised_goal: Decimal) -> int:
    """Import 2025's accepted entries (as `import_contributions --accepted` does) up to each partner's target."""
    centre = grant.centre
    realised = dict(Contribution.objects.filter(centre=centre, status__in=(Contribution.Status.ACCEPTED,
                                                                             Contribution.Status.REVERSED))
                    .values_list("partnership").annotate(total=Sum("amount")).order_by())
    pledged = Pledge.objects.filter(partnership__centre=centre, year=YEAR)
    rows = []
    for partner, target in _targets(centre, realised_goal).items():
        missing = (target - realised.get(partner.pk, Decimal("0"))).quantize(CENT, ROUND_DOWN)
        if missing > 0:
            rows += _partner_rows(partner, missing, pledged.filter(partnership=partner).order_by("kind"),
                                  grant.fixed_hourly_rate)
    if not rows:
        return 0
    report = import_contributions(centre=centre, actor=finance, file=io.BytesIO(_csv(rows)),
                                  file_name="demo-migratie-2025.csv", as_accepted=True)
    if not report.ok:  # the demo file is ours: an error here is a bug, not bad input
        raise RuntimeError("; ".join(str(error) for error in report.errors[:5]))
    return report.new_rows


def _partner_rows(partner: Partnership, missing: Decimal, pledges, rate: Decimal) -> list[list]:
    """Rows for `missing` euros over the partner's 2025 pledges, in proportion: hours of 16, lab amounts, a rest."""
    pledges = list(pledges)
    total = sum((pledge.amount for pledge in pledges), Decimal("0"))
    rows = []
    for pledge in pledges:
        part = (missing * pledge.amount / total).quantize(CENT, ROUND_DOWN)
        rows += [[partner.short_code, pledge.kind, hours, amount]
                 for hours, amount in _split(pledge.kind, part, rate)]
    return rows


def _split(kind: str, amount: Decimal, rate: Decimal) -> list[tuple[str, str]]:
    """(hours, amount) cells worth `amount`: lab use in amounts, other kinds in 16-hour rows plus one amount."""
    if kind == "lab":
        count = max(1, int(amount / LAB_ROW))
        each = (amount / count).quantize(CENT, ROUND_DOWN)
        return [("", str(each))] * (count - 1) + [("", str(amount - each * (count - 1)))]
    row_value = HOURS_PER_ROW * rate
    count = int(amount / row_value)
    rest = amount - row_value * count
    return [(str(HOURS_PER_ROW), "")] * count + ([("", str(rest))] if rest > 0 else [])


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["extern_id", "partner", "datum", "soort", "programmalijn", "uren", "bedrag", "omschrijving"])
    today = timezone.localdate()
    for number, (code, kind, hours, amount) in enumerate(rows, 1):
        day = min(date(YEAR, 1 + (number * 7) % 12, 1 + (number * 11) % 27), today)
        writer.writerow([f"{PREFIX}{code}-{YEAR}-{kind}-m{number}", code, day.isoformat(), kind, 1 + number % 3,
                         hours, amount, _description(kind)])
    return buffer.getvalue().encode()


# Reports -----------------------------------------------------------------------------------------


def _submit_reports(grant, finance: User) -> int:
    """Every report whose submission day has come, submitted a few days before it was due."""
    today, count = timezone.localdate(), 0
    for report, days_early in zip(report_deadlines(grant), REPORT_DAYS_EARLY, strict=False):
        day = date.fromordinal(report.due.toordinal() - days_early)
        if day <= today and not ReportSubmission.objects.filter(grant=grant, due_date=report.due).exists():
            mark_report_submitted(grant=grant, due_date=report.due, actor=finance, submitted_on=day,
                                  note="Ingediend via het portaal van de subsidieverstrekker")
            count += 1
    return count
