"""An edge centre whose figures sit on the regulation's boundaries, computed by hand (test_rif_rules.py uses it).

Grant 2024-01-01 – 2025-12-31: EUR 300,000 subsidy, ratio 2.00, EUR 73 an hour, the default
shares (exactly 1/3, 2/3, 1/3). Budget: subsidy 150,000 and in kind 300,000 a year, so
EUR 900,000 in all: employers at least 300,000.00 and at most 600,000.00, government and other
partners together at most 300,000.00 (with 0.3333 the minimum would be 299,970.00).

Accepted and counting on 31 December 2025 (the reference date):
- Employer BV (company): lab 290,520.00 (2024) — below the employers' minimum by 9,480.00;
  BPV supervision 5,000.00 (2025): recorded, never counted;
- Gemeente (government): organisation 200,000.00 (2024), arrived by migration;
- Hogeschool (other): education 110,000.00 (2025): government and others realise 310,000.00,
  10,000.00 above their maximum: 300,000.00 counts;
- ROC (lead applicant): research 7,000.00: not counted.
Counted 590,520.00. Subsidy spent 296,000.00, required 592,000.00: the ratio 1.995 shows as
2.00, and yet 1,480.00 is short. The counted co-financing carries 295,260.00 of subsidy: 740.00
of the spending is not carried. An entry dated November 2025 but accepted in January 2026
(EUR 1,000.00) does not count on 31 December 2025, and does a month later.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from civhub.grants.models import BudgetLine, BudgetVersion, Expenditure
from civhub.ledger.models import Contribution
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.factories import GrantFactory, OrganisationFactory, PartnershipFactory, UserFactory

AS_OF = date(2025, 12, 31)
D = Decimal


@dataclass
class Edge:
    grant: object
    employer: object
    government: object
    other: object
    lead: object


def _partner(centre, code, name, kind, group, cluster=Cluster.PROFESSIONAL_FIELD, **fields):
    return PartnershipFactory(centre=centre, short_code=code, cluster=cluster, cofinancing_group=group,
                              organisation=OrganisationFactory(name=name, kind=kind), **fields)


def accepted(partnership, day, kind, amount, *, accepted_on=None, **fields) -> Contribution:
    """An accepted entry written straight to the table (the ledger's services are tested elsewhere)."""
    return Contribution.objects.create(
        centre=partnership.centre, partnership=partnership, date=day, kind=kind, amount=D(amount),
        description="Randgeval", status=Contribution.Status.ACCEPTED, accepted_on=accepted_on or day,
        entered_by=fields.pop("entered_by", None) or UserFactory(), **fields)


def edge_centre(centre) -> Edge:
    grant = GrantFactory(centre=centre, amount=D("300000.00"), start=date(2024, 1, 1), end=date(2025, 12, 31),
                         cofinancing_ratio=D("2.00"), fixed_hourly_rate=D("73.00"), employer_share_min="1/3",
                         employer_share_max="2/3", other_share_max="1/3", report_due_months=[13])
    version = BudgetVersion.objects.create(grant=grant, number=1, name="Aanvraag", is_current=True)
    for year in (2024, 2025):
        BudgetLine.objects.create(version=version, year=year, category="personnel", source="subsidy",
                                  amount=D("150000.00"))
        BudgetLine.objects.create(version=version, year=year, category="lab", source="in_kind", amount=D("300000.00"))
    employer = _partner(centre, "werkgever", "Employer BV", OrganisationKind.COMPANY, CofinancingGroup.EMPLOYER)
    government = _partner(centre, "gemeente", "Gemeente Rand", OrganisationKind.MUNICIPALITY,
                          CofinancingGroup.GOVERNMENT, Cluster.GOVERNMENT_EDUCATION)
    other = _partner(centre, "hogeschool", "Hogeschool Rand", OrganisationKind.COLLEGE, CofinancingGroup.OTHER,
                     Cluster.GOVERNMENT_EDUCATION)
    lead = _partner(centre, "roc", "ROC Rand", OrganisationKind.SCHOOL, CofinancingGroup.NOT_COUNTED,
                    Cluster.GOVERNMENT_EDUCATION, is_lead_applicant=True)
    accepted(employer, date(2024, 5, 1), "lab", "290520.00")
    accepted(employer, date(2025, 3, 1), "bpv", "5000.00")
    accepted(government, date(2024, 6, 1), "organisation", "200000.00", provenance="migrated",
             migration_reference="Getekende verklaring 2024")
    accepted(other, date(2025, 4, 1), "education", "110000.00")
    accepted(lead, date(2025, 2, 1), "research", "7000.00")
    accepted(employer, date(2025, 11, 1), "lab", "1000.00", accepted_on=date(2026, 1, 15))
    clerk = UserFactory()
    for day, amount in ((date(2024, 12, 31), "148000.00"), (date(2025, 12, 31), "148000.00")):
        Expenditure.objects.create(grant=grant, date=day, category="personnel", amount=D(amount),
                                   description="Programmamanager", entered_by=clerk)
    return Edge(grant, employer, government, other, lead)
