"""A small centre whose monitor figures are computed by hand (test_monitor_selector.py states them).

Grant 2024-01-01 – 2025-12-31, EUR 100,000 subsidy, ratio 2.0, one progress report 13 months
after the start. Budget: subsidy EUR 50,000 a year on line 1, in kind EUR 100,000 a year on
line 2 (total budget EUR 300,000). Partners: A (employer, the `partner_a` persona), B
(government, `partner_b`), Zuivel Beta (employer) and ROC Delta (lead applicant, not counted).
The reference date of the hand computation is 2025-03-31 (t = 456 / 731 days).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from civhub.grants.models import BudgetLine, BudgetVersion, Expenditure
from civhub.ledger.models import Contribution, Pledge
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.factories import (
    GrantFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeLineFactory,
    UserFactory,
    accepted_on,
)

Status = Contribution.Status
AS_OF = date(2025, 3, 31)


@dataclass
class SmallCentre:
    grant: object
    partner_a: object
    partner_b: object
    beta: object
    lead: object
    line_1: object
    line_2: object


def small_centre(centre, partner_a, partner_b) -> SmallCentre:
    """Build the hand-computed centre on `centre` with the persona partners A and B."""
    grant = GrantFactory(
        centre=centre, amount=Decimal("100000.00"), start=date(2024, 1, 1), end=date(2025, 12, 31),
        cofinancing_ratio=Decimal("2.00"), fixed_hourly_rate=Decimal("73.00"), employer_share_min=Decimal("0.3333"),
        employer_share_max=Decimal("0.6667"), other_share_max=Decimal("0.3333"), report_due_months=[13],
    )
    line_1, line_2 = ProgrammeLineFactory(centre=centre, number=1), ProgrammeLineFactory(centre=centre, number=2)
    beta = PartnershipFactory(centre=centre, short_code="beta", organisation=OrganisationFactory(name="Zuivel Beta BV"))
    lead = PartnershipFactory(
        centre=centre, short_code="delta", is_lead_applicant=True, cluster=Cluster.GOVERNMENT_EDUCATION,
        cofinancing_group=CofinancingGroup.NOT_COUNTED,
        organisation=OrganisationFactory(name="ROC Delta", kind=OrganisationKind.SCHOOL),
    )
    _budget(grant, line_1, line_2)
    _pledges(partner_a, partner_b, beta, lead)
    _contributions(partner_a, partner_b, beta, lead, line_2)
    _expenditure(grant, line_1)
    return SmallCentre(grant, partner_a, partner_b, beta, lead, line_1, line_2)


def _budget(grant, line_1, line_2):
    version = BudgetVersion.objects.create(grant=grant, number=1, name="Aanvraag", is_current=True)
    for year in (2024, 2025):
        BudgetLine.objects.create(version=version, year=year, programme_line=line_1, category="personnel",
                                  source="subsidy", amount=Decimal("50000.00"))
        BudgetLine.objects.create(version=version, year=year, programme_line=line_2, category="lab",
                                  source="in_kind", amount=Decimal("100000.00"))


def _pledges(partner_a, partner_b, beta, lead):
    for partnership, kind, amount in ((partner_a, "lab", "40000.00"), (beta, "education", "30000.00"),
                                      (partner_b, "organisation", "10000.00")):
        for year in (2024, 2025):
            Pledge.objects.create(partnership=partnership, year=year, kind=kind, amount=Decimal(amount))
    Pledge.objects.create(partnership=lead, year=2024, kind="research", amount=Decimal("5000.00"))


def entry(partnership, day, kind, amount, *, status=Status.ACCEPTED, hours=None, line=None, **fields):
    """One entry written straight to the table (the ledger's services are tested elsewhere)."""
    return Contribution.objects.create(
        centre=partnership.centre, partnership=partnership, date=day, kind=kind, amount=Decimal(amount),
        hours=Decimal(hours) if hours else None, programme_line=line, description="Testbijdrage", status=status,
        entered_by=fields.pop("entered_by", None) or _clerk(), **accepted_on(status, day, fields),
    )


def _clerk():
    return UserFactory()


def _contributions(partner_a, partner_b, beta, lead, line_2):
    clerk = _clerk()
    for day, amount, hours in ((date(2024, 3, 1), "25840.00", None), (date(2024, 6, 3), "1460.00", "20"),
                               (date(2025, 2, 1), "12000.00", None)):
        entry(partner_a, day, "lab", amount, hours=hours, line=line_2, entered_by=clerk)
    entry(partner_a, date(2025, 8, 1), "lab", "9999.00", line=line_2, entered_by=clerk)  # after the reference date
    # Beta: an entry with hours reversed in 2025 (the reversal dated in 2025 on purpose), and one still submitted.
    reversed_entry = entry(beta, date(2024, 5, 1), "education", "10000.00", hours="8", status=Status.REVERSED,
                           line=line_2, entered_by=clerk)
    entry(beta, date(2025, 1, 15), "education", "-10000.00", line=line_2, reversal_of=reversed_entry,
          entered_by=clerk)
    entry(beta, date(2024, 5, 2), "education", "8000.00", line=line_2, entered_by=clerk)
    entry(beta, date(2025, 3, 1), "education", "5000.00", status=Status.SUBMITTED, line=line_2, entered_by=clerk)
    entry(partner_b, date(2024, 10, 1), "organisation", "6000.00", entered_by=clerk)
    entry(partner_b, date(2025, 1, 10), "cash", "4000.00", entered_by=clerk)
    entry(lead, date(2024, 4, 1), "research", "3000.00", entered_by=clerk)


def _expenditure(grant, line_1):
    clerk = _clerk()
    for number, (day, category, amount, line) in enumerate((
        (date(2024, 1, 31), "personnel", "20000.00", line_1),
        (date(2024, 6, 30), "personnel", "20000.00", line_1),
        (date(2024, 12, 31), "material", "5000.00", None),
        (date(2025, 1, 31), "personnel", "12000.00", line_1),
        (date(2025, 2, 15), "personnel", "-1000.00", line_1),  # a correction
        (date(2025, 9, 1), "personnel", "20000.00", line_1),  # after the reference date
    ), start=1):
        Expenditure.objects.create(grant=grant, extern_id=f"x-{number}", date=day, category=category,
                                   programme_line=line, amount=Decimal(amount), description="Salaris",
                                   entered_by=clerk)
