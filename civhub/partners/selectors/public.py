"""What the public centre page shows: read from the database, never from the template."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from civhub.core.choices import ContributionKind
from civhub.core.models import AgendaItem, Centre, Grant, ProgrammeLine, PublicContact
from civhub.grants.models import BudgetLine, FundingSource
from civhub.partners.models import Cluster, Partnership

ZERO = Decimal("0.00")


@dataclass
class BudgetSummary:
    """The budget of the current version by funding source, for the public page."""

    subsidy: Decimal = ZERO
    cash: Decimal = ZERO
    in_kind: Decimal = ZERO

    @property
    def cofinancing(self) -> Decimal:
        return self.cash + self.in_kind

    @property
    def total(self) -> Decimal:
        return self.subsidy + self.cofinancing

    def share(self, part: Decimal) -> int:
        return round(part * 100 / self.total) if self.total else 0


@dataclass
class ClusterGroup:
    label: str
    partnerships: list[Partnership] = field(default_factory=list)


@dataclass
class CentrePage:
    centre: Centre
    lines: list[ProgrammeLine]
    clusters: list[ClusterGroup]
    lead_applicant: Partnership | None
    grant: Grant | None
    budget: BudgetSummary
    agenda: list[AgendaItem]
    contacts: list[PublicContact]
    kinds: list[ContributionKind]

    @property
    def partner_count(self) -> int:
        return sum(len(group.partnerships) for group in self.clusters)


def public_partnerships(centre: Centre):
    """Active partners of a centre: what anyone may see (name, city, website, cluster)."""
    return (
        Partnership.objects.filter(centre=centre, status=Partnership.Status.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def budget_summary(grant: Grant | None) -> BudgetSummary:
    """Totals per source of the grant's current budget version, summed by the database."""
    if grant is None:
        return BudgetSummary()
    sums = BudgetLine.objects.filter(version__grant=grant, version__is_current=True).aggregate(
        subsidy=Sum("amount", filter=Q(source=FundingSource.SUBSIDY)),
        cash=Sum("amount", filter=Q(source=FundingSource.CASH)),
        in_kind=Sum("amount", filter=Q(source=FundingSource.IN_KIND)),
    )
    if not any(sums.values()):
        return BudgetSummary(subsidy=grant.amount, in_kind=grant.cofinancing_required)
    return BudgetSummary(**{source: value or ZERO for source, value in sums.items()})


def centre_page(centre: Centre) -> CentrePage:
    partnerships = list(public_partnerships(centre))
    clusters = [
        ClusterGroup(str(label), [p for p in partnerships if p.cluster == value])
        for value, label in Cluster.choices
    ]
    grant = centre.grants.order_by("-start").first()
    return CentrePage(
        centre=centre,
        lines=list(centre.programme_lines.all()),
        clusters=clusters,
        lead_applicant=next((p for p in partnerships if p.is_lead_applicant), None),
        grant=grant,
        budget=budget_summary(grant),
        agenda=list(centre.agenda_items.all()),
        contacts=list(centre.public_contacts.all()),
        kinds=ContributionKind.in_kind(),
    )
