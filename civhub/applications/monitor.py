"""The continuation forecast on the grant's monitor (a panel registered in grants.sections from AppConfig.ready()).

After the award, the monitor of the grant the application became shows the forecast for the years after
the subsidy (at least four: income, costs, what is left) beside the real figures civhub holds for those
years: the partners' accepted co-financing dated in that year (as counted today: every kind but BPV, the
lead applicant's own work aside; ledger/counting.py). civhub does not keep the centre's other income and
costs after the subsidy, so the real side is what the partners brought.

Once the office has asked the partners for their commitments after the subsidy (the grant's final
year), the section also shows where each partner stands: confirmed by whom and when, or not yet
(`commitments.continuation_standings`, no figures of any partner).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from civhub.applications.budget_rules import ZERO
from civhub.applications.models import Award
from civhub.applications.selectors import commitments, continuation
from civhub.core import revisions
from civhub.core.dashboard import Panel
from civhub.ledger.counting import accepted_as_of, cofinancing
from civhub.ledger.models import Contribution

TEMPLATE = "applications/_monitor_continuation.html"


@dataclass(frozen=True)
class YearBeside:
    """One year after the subsidy: the forecast and what the partners really brought."""

    forecast: continuation.Year
    realised: Decimal


def realised_by_year(centre, years: list[int]) -> dict[int, Decimal]:
    """The partners' accepted co-financing per calendar year, as of today: one query.

    The years as one date range (years after the subsidy follow each other) and the centre's own column, so the
    database reads those years off the ledger's (centre, date) index rather than the year of every entry.
    """
    if not years:
        return {}
    span = Q(date__gte=date(min(years), 1, 1), date__lte=date(max(years), 12, 31))
    rows = (Contribution.objects.filter(span, accepted_as_of(timezone.localdate()), cofinancing(),
                                        centre=centre, date__year__in=years)
            .annotate(year=ExtractYear("date")).values("year").annotate(total=Sum("amount")).order_by())
    return {row["year"]: row["total"] or ZERO for row in rows}


def continuation_section(request, grant) -> dict | None:
    """The section's context, or None for a grant that did not come from an application. The same for everyone who
    may open the monitor, so the request is not read, and kept like the monitor's figures until the centre's records
    change (core/revisions.py: the forecast, the ledger and the partners' answers change through audited services)."""
    return revisions.cached(grant.centre_id, "monitor-continuation", (grant.pk, timezone.localdate().isoformat()),
                            lambda: _continuation_section(grant))


def _continuation_section(grant) -> dict | None:
    """Three queries; six once the partners are asked for their commitments after the subsidy."""
    award = Award.objects.filter(grant=grant).select_related("application__centre").first()
    if award is None:
        return None
    application = award.application
    years = continuation.years(application)
    realised = realised_by_year(grant.centre, [year.year for year in years])
    after = commitments.continuation_standings(application) if application.continuation_round_open else None
    return {"award": award, "application": application, "centre": application.centre,
            "years": [YearBeside(year, realised.get(year.year, ZERO)) for year in years], "after": after,
            "after_confirmed": sum(1 for standing in after or [] if standing.confirmed)}


SECTION = Panel(template=TEMPLATE, context=continuation_section)
