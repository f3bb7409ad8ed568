"""What a centre definition file (docs/formats.md §1) says, as plain typed dataclasses.

`definition.parse_definition` builds them from the file and checks them; `services` writes them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class CentreSpec:
    slug: str
    name: str
    region: str
    aim: dict
    tagline: dict
    introduction: dict
    reasons: list
    organisation_text: dict
    contribution_text: dict
    steering_meetings_per_year: int
    subsidy_funds: list


@dataclass(frozen=True)
class ProgrammeLineSpec:
    number: int
    name: dict
    description: dict


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    short_code: str
    kind: str
    cluster: str
    lead_applicant: bool
    cofinancing_group: str
    city: str
    website: str
    kvk_number: str
    status: str
    joined_on: date | None


@dataclass(frozen=True)
class GrantSpec:
    scheme: str
    amount: Decimal
    start: date
    end: date
    cofinancing_ratio: Decimal
    fixed_hourly_rate: Decimal | None
    employer_share_min: Fraction
    employer_share_max: Fraction
    other_share_max: Fraction
    report_due_months: list
    application_due: date | None
    regulation: str | None = None  # a Regulation's code; the loader links the grant to it
    decision_reference: str = ""
    decision_date: date | None = None
    first_advance_share: Decimal = Decimal("0.2500")
    quarterly_advance_share: Decimal = Decimal("0.0500")

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


@dataclass(frozen=True)
class BudgetSpec:
    year: int
    line: int | None
    category: str
    source: str
    amount: Decimal


@dataclass(frozen=True)
class RateCardSpec:
    organisation: str
    category: str
    hourly_rate: Decimal
    valid_from: date


@dataclass(frozen=True)
class PledgeSpec:
    organisation: str
    year: int
    kind: str
    amount: Decimal


@dataclass(frozen=True)
class UserSpec:
    email: str
    name: str
    role: str
    organisation: str | None


@dataclass(frozen=True)
class KeyDateSpec:
    starts_on: date
    ends_on: date | None
    title: dict
    description: dict


@dataclass(frozen=True)
class ContactPersonSpec:
    name: str
    position: dict
    phone: str
    email: str


@dataclass(frozen=True)
class CentreDefinition:
    """Everything a definition file says about one centre, checked and typed."""

    centre: CentreSpec
    programme_lines: list[ProgrammeLineSpec]
    organisations: list[OrganisationSpec]
    grant: GrantSpec
    budget: list[BudgetSpec]
    rate_cards: list[RateCardSpec]
    pledges: list[PledgeSpec]
    users: list[UserSpec]
    agenda: list[KeyDateSpec]
    contact_persons: list[ContactPersonSpec]
