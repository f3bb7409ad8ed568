"""A small centre whose funder pack is known by hand, and helpers to open the files the reports write.

Grant 2024-01-01 – 2025-12-31, EUR 100,000 subsidy, ratio 2.00. Budget per year: subsidy
EUR 50,000 on line 1, in kind EUR 100,000 on line 2. Partners: A (employer, the `partner_a`
persona), B (government, `partner_b`) and ROC Delta (lead applicant, not counted).
Reference date 2025-03-31: t = 456 / 731 days.

Entries (what counts on 2025-03-31):
- A 2024-03-01 lab, 20 h × EUR 73 = 1,460.00 accepted, line 2; A 2024-03-02 lab 5,840.00 accepted, line 2
- A 2024-06-01 lab 5,000.00 accepted then reversed (its reversal −5,000.00): together 0
- A 2025-02-01 cash 10,000.00 accepted, no line
- A 2025-02-15 lab 2,000.00 submitted (does not count)
- A 2025-05-01 lab 3,000.00 accepted, after the reference date (does not count)
- B 2024-09-01 organisation 2,500.00 accepted, line 2, migrated (accepted before civhub)
- ROC Delta 2024-10-01 research 4,000.00 accepted (not counted)
Subsidy spent: 30,000.00 (2024-06-30) and 8,000.00 (2025-01-31) on line 1; 5,000.00 on 2025-06-30 (too late).
"""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import openpyxl
from pypdf import PdfReader

from civhub.accounts.models import Role
from civhub.grants.models import BudgetLine, BudgetVersion, Expenditure
from civhub.ledger.models import Contribution, Pledge
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from tests.factories import (
    ContactFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeLineFactory,
    UserFactory,
    accepted_on,
)

Status = Contribution.Status
AS_OF = date(2025, 3, 31)
SHEETS = ["Samenvatting", "Per partner", "Per jaar", "Per programmalijn", "Per soort", "Bijdragen"]


@dataclass
class Small:
    grant: object
    partner_a: object
    partner_b: object
    lead: object


def small_centre(centre, partner_a, partner_b) -> Small:
    """Build the hand-computed centre on `centre` with the persona partners A and B."""
    grant = GrantFactory(
        centre=centre, amount=Decimal("100000.00"), start=date(2024, 1, 1), end=date(2025, 12, 31),
        cofinancing_ratio=Decimal("2.00"), fixed_hourly_rate=Decimal("73.00"), employer_share_min="1/3",
        employer_share_max="2/3", other_share_max="1/3", report_due_months=[13],
    )
    line_1, line_2 = ProgrammeLineFactory(centre=centre, number=1), ProgrammeLineFactory(centre=centre, number=2)
    lead = PartnershipFactory(
        centre=centre, short_code="delta", is_lead_applicant=True, cluster=Cluster.GOVERNMENT_EDUCATION,
        cofinancing_group=CofinancingGroup.NOT_COUNTED,
        organisation=OrganisationFactory(name="ROC Delta", kind=OrganisationKind.SCHOOL),
    )
    version = BudgetVersion.objects.create(grant=grant, number=1, name="Aanvraag", is_current=True)
    for year in (2024, 2025):
        BudgetLine.objects.create(version=version, year=year, programme_line=line_1, category="personnel",
                                  source="subsidy", amount=Decimal("50000.00"))
        BudgetLine.objects.create(version=version, year=year, programme_line=line_2, category="lab",
                                  source="in_kind", amount=Decimal("100000.00"))
        Pledge.objects.create(partnership=partner_a, year=year, kind="lab", amount=Decimal("40000.00"))
        Pledge.objects.create(partnership=partner_b, year=year, kind="organisation", amount=Decimal("10000.00"))
    clerk = UserFactory()
    entry(partner_a, date(2024, 3, 1), "lab", "1460.00", hours="20", rate="73.00", line=line_2, clerk=clerk,
          extern_id="a-1")
    entry(partner_a, date(2024, 3, 2), "lab", "5840.00", line=line_2, clerk=clerk, extern_id="a-1b")
    reversed_entry = entry(partner_a, date(2024, 6, 1), "lab", "5000.00", status=Status.REVERSED, line=line_2,
                           clerk=clerk, extern_id="a-2")
    entry(partner_a, date(2024, 6, 1), "lab", "-5000.00", line=line_2, clerk=clerk, reversal_of=reversed_entry,
          description="Dubbel ingevoerd")
    entry(partner_a, date(2025, 2, 1), "cash", "10000.00", clerk=clerk, extern_id="a-3")
    entry(partner_a, date(2025, 2, 15), "lab", "2000.00", status=Status.SUBMITTED, clerk=clerk, extern_id="a-4")
    entry(partner_a, date(2025, 5, 1), "lab", "3000.00", clerk=clerk, extern_id="a-5")
    entry(partner_b, date(2024, 9, 1), "organisation", "2500.00", line=line_2, clerk=clerk, extern_id="b-1",
          provenance="migrated", migration_reference="Getekende verklaring 2024")
    entry(lead, date(2024, 10, 1), "research", "4000.00", clerk=clerk, extern_id="d-1")
    spent = ((date(2024, 6, 30), "30000.00"), (date(2025, 1, 31), "8000.00"), (date(2025, 6, 30), "5000.00"))
    for day, amount in spent:
        Expenditure.objects.create(grant=grant, date=day, category="personnel", programme_line=line_1,
                                   amount=Decimal(amount), description="Programmamanager", entered_by=clerk)
    return Small(grant, partner_a, partner_b, lead)


def entry(partnership, day, kind, amount, *, status=Status.ACCEPTED, hours=None, rate=None, line=None, clerk=None,
          description="Practicum begeleid", **fields) -> Contribution:
    """One entry written straight to the table (the ledger's services are tested elsewhere)."""
    return Contribution.objects.create(
        centre=partnership.centre, partnership=partnership, date=day, kind=kind, amount=Decimal(amount),
        hours=Decimal(hours) if hours else None, hourly_rate=Decimal(rate) if rate else None, programme_line=line,
        description=description, status=status, entered_by=clerk or UserFactory(), **accepted_on(status, day, fields),
    )


def lead_signatory(lead, name="Lieke de Vries", function="Voorzitter college van bestuur"):
    """A signatory of the lead applicant, with the contact record the signature block names."""
    user = UserFactory(full_name=name)
    MembershipFactory(user=user, centre=lead.centre, partnership=lead, role=Role.PARTNER_SIGNATORY)
    return ContactFactory(partnership=lead, user=user, name=name, function=function)


def more_entries(partnership, count: int, *, day=date(2024, 4, 1)) -> None:
    """`count` extra accepted entries of EUR 10.00 each (for query counts)."""
    clerk = UserFactory()
    Contribution.objects.bulk_create([
        Contribution(centre=partnership.centre, partnership=partnership, date=day, kind="lab", amount=Decimal("10.00"),
                     description="Extra", status=Status.ACCEPTED, accepted_on=day, entered_by=clerk)
        for _ in range(count)
    ])


# Reading the files back ---------------------------------------------------------------------


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def rows_of(book, sheet: str) -> list[tuple]:
    return list(book[sheet].iter_rows(values_only=True))


def summary_of(book) -> dict:
    """The Samenvatting as {sleutel: waarde} (its columns are Onderdeel, Waarde, Sleutel)."""
    return {key: value for _label, value, key in rows_of(book, "Samenvatting")[1:]}


def records(book, sheet: str) -> list[dict]:
    """A sheet's rows as {heading: value}: tools read the pack by its headings (docs/formats.md §6)."""
    header, *rows = rows_of(book, sheet)
    return [dict(zip(header, row, strict=True)) for row in rows]


def pdf_text(content: bytes) -> str:
    """All text of a PDF, with runs of white space made single spaces (lines break anywhere)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def money(value) -> Decimal:
    """An XLSX number read back as money (two decimals)."""
    return Decimal(str(value)).quantize(Decimal("0.01"))
