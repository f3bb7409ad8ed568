"""What the public centre page shows: read from the database, never from the template.

The budget comes from the grants app, above us, through core/public_budget.py.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from civhub.core.choices import ContributionKind
from civhub.core.models import Centre, Grant, KeyDate, ProgrammeLine, PublicContact
from civhub.core.public_budget import BudgetSummary, budget_summary
from civhub.partners.models import AgreementVersion, Cluster, Partnership
from civhub.partners.selectors.agreement import signed_current


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
    key_dates: list[KeyDate]  # still to come (or running), soonest first
    past_key_dates: list[KeyDate]  # over, the most recent first
    contacts: list[PublicContact]
    kinds: list[ContributionKind]
    # Whether the centre keeps its cooperation agreement in civhub: then a partner that has not signed the
    # current version is shown as joining (`partnership.signed_agreement`).
    has_agreement: bool = False

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


def centre_page(centre: Centre) -> CentrePage:
    partnerships = list(public_partnerships(centre).annotate(signed_agreement=signed_current(centre)))
    clusters = [
        ClusterGroup(str(label), [p for p in partnerships if p.cluster == value])
        for value, label in Cluster.choices
    ]
    grant = centre.grants.order_by("-start").first()
    today = timezone.localdate()
    coming = Q(starts_on__gte=today) | Q(ends_on__gte=today)  # a period still running counts as coming
    return CentrePage(
        centre=centre,
        lines=list(centre.programme_lines.all()),
        clusters=clusters,
        lead_applicant=next((p for p in partnerships if p.is_lead_applicant), None),
        grant=grant,
        budget=budget_summary(grant),
        key_dates=list(centre.key_dates.filter(coming).order_by("starts_on", "pk")),
        past_key_dates=list(centre.key_dates.exclude(coming).order_by("-starts_on", "-pk")),
        contacts=list(centre.public_contacts.all()),
        kinds=ContributionKind.in_kind(),
        has_agreement=AgreementVersion.objects.filter(centre=centre).exists(),
    )
