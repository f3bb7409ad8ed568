"""Fictitious ledger activity for the demo centre: a ledger that looks like year four of a grant.

2022–2024: contributions the programme office migrated from its old Excel sheets, imported
as accepted by the finance controller (as `import_contributions --accepted` does), about
60–95% of each pledge. 2025: Janssen Biologics' own entries in every state of the two-key
approval, so each demo login has work waiting. Everything is invented and deterministic;
once the demo ledger exists it is left alone, so what demo users do with it survives a reload.
"""

import csv
import hashlib
import io
from datetime import date
from decimal import ROUND_DOWN, Decimal

from civhub.accounts.models import User
from civhub.core.models import Centre
from civhub.ledger.imports.contributions import import_contributions
from civhub.ledger.models import Contribution, Pledge
from civhub.ledger.services import approval
from civhub.ledger.services.entries import EntryData, create_contribution
from civhub.partners.models import Partnership

MIGRATED_YEARS = (2022, 2023, 2024)
HOURS_PER_ROW = Decimal("16")
LAB_ROW = Decimal("12500.00")
PREFIX = "DEMO-"


def add_demo_ledger(*, centre: Centre) -> int:
    """Create the demo ledger once; returns the number of entries added."""
    if Contribution.objects.filter(centre=centre, extern_id__startswith=PREFIX).exists():
        return 0
    finance = User.objects.get(email="finance@example.org")
    report = import_contributions(centre=centre, actor=finance, file=io.BytesIO(_migrated_csv(centre)),
                                  file_name="demo-migratie-2022-2024.csv", as_accepted=True)
    if not report.ok:  # the demo file is ours: an error here is a bug, not bad input
        raise RuntimeError("; ".join(str(error) for error in report.errors[:5]))
    return report.new_rows + _janssen_2025(centre, finance)


def _share(*parts) -> Decimal:
    """A stable fraction between 0.60 and 0.95 for a pledge: realistic, and the same on every machine."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return Decimal(60 + digest[0] % 36) / 100


def _migrated_csv(centre: Centre) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["extern_id", "partner", "datum", "soort", "programmalijn", "uren", "bedrag", "omschrijving"])
    pledges = Pledge.objects.filter(partnership__centre=centre, year__in=MIGRATED_YEARS).exclude(kind="cash")
    for pledge in pledges.select_related("partnership").order_by("partnership__short_code", "year", "kind"):
        for number, (hours, amount) in enumerate(_rows_for(pledge.kind, pledge.amount * _share(pledge.pk)), 1):
            day = date(pledge.year, 1 + (number * 5) % 12, 1 + (number * 7) % 27)
            line = 1 + number % 3
            writer.writerow([f"{PREFIX}{pledge.partnership.short_code}-{pledge.year}-{pledge.kind}-{number}",
                             pledge.partnership.short_code, day.isoformat(), pledge.kind, line, hours, amount,
                             _description(pledge.kind)])
    return buffer.getvalue().encode()


def _rows_for(kind: str, target: Decimal):
    """Rows of 16 hours (at the grant's rate) or, for the lab, amounts of EUR 12,500 up to the target."""
    if kind == "lab":
        count = max(1, int(target / LAB_ROW))
        return [("", f"{(target / count).quantize(Decimal('0.01'), ROUND_DOWN)}")] * count
    count = max(1, int(target / (HOURS_PER_ROW * 73)))
    return [(f"{HOURS_PER_ROW}", "")] * count


def _description(kind: str) -> str:
    return {
        "organisation": "Deelname stuurgroep en werkgroep",
        "research": "Begeleiding onderzoeksopdracht practoraat",
        "lab": "Gebruik laboratoriumruimte en apparatuur",
        "education": "Ontwikkeling en uitvoering praktijkmodule",
        "lifelong_learning": "Inbreng in LLO-aanbod voor medewerkers",
    }[kind]


def _janssen_2025(centre: Centre, finance: User) -> int:
    """Janssen's 2025 entries: two accepted, one approved, two submitted, one draft."""
    janssen = Partnership.objects.get(centre=centre, short_code="janssen")
    contact = User.objects.get(email="contact.janssen@example.org")
    signatory = User.objects.get(email="signatory.janssen@example.org")
    plan = [("accepted", 3, "education"), ("accepted", 4, "research"), ("approved", 6, "lab"),
            ("submitted", 9, "education"), ("submitted", 10, "organisation"), ("draft", 11, "lifelong_learning")]
    for number, (target, month, kind) in enumerate(plan, 1):
        data = EntryData(date=date(2025, month, 12), kind=kind, description=_description(kind),
                         hours=None if kind == "lab" else Decimal("6.5"),
                         amount=Decimal("4800.00") if kind == "lab" else None,
                         programme_line=centre.programme_lines.get(number=1 + number % 3),
                         extern_id=f"{PREFIX}janssen-2025-{number}")
        entry = create_contribution(partnership=janssen, actor=contact, data=data, submit=target != "draft")
        if target in ("approved", "accepted"):
            approval.approve_contribution(entry=entry, actor=signatory)
        if target == "accepted":
            approval.accept_contribution(entry=entry, actor=finance)
    return len(plan)
