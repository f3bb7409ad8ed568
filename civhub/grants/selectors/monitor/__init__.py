"""The co-financing monitor: every figure of the monitor page, the dashboard and the funder pack.

All sums are computed by the database in a fixed number of GROUP BY queries, whatever the
number of contributions (`queries.py`); Python only adds up those few grouped rows into the
page's tables (`rules.py`). Definitions (docs/subsidy-rules.md, docs/formats.md §6, the regulation):

- "as of" a date: entries dated **and** accepted on or before it (ledger/counting.py), and
  expenditure dated on or before it, so a report made later for the same date is the same;
- realised co-financing: those accepted entries of partners whose group counts, of every
  kind but BPV (a reversed entry and its reversal together count zero);
- counted co-financing: realised, with employers counted up to their maximum and government
  and other partners together up to theirs (RIF 2014 art. 10(3)–(4)); the excess is shown;
- bounds: the grant's exact shares (1/3, 2/3) of the current budget's total;
- required co-financing: subsidy spent × the grant's ratio; the shortfall and every warning
  compare amounts, never rounded ratios; ratio: counted ÷ subsidy spent, two decimals;
- run-rate forecast at the end: each group's realised ÷ t (t the share of the period
  elapsed, by days), counted up to its maximum; the forecast ratio divides by the budgeted
  subsidy;
- commitment forecast: realised + entries waiting for approval or acceptance + the part of
  each counted partner's pledges for the time still ahead, each group up to its maximum;
- subsidy carried: counted ÷ ratio; at risk: subsidy spent that it does not carry;
- a partner is behind when its realised amount is below 75% of its pro-rata pledge (each
  year's pledge × the share of that year elapsed).
"""

from datetime import date

from civhub.core import revisions
from civhub.core.models import Grant
from civhub.grants.schedule import elapsed
from civhub.ledger.counting import ACCEPTED

from . import queries, rules
from .figures import (
    ZERO,
    Composition,
    GroupFigures,
    KindFigures,
    LineFigures,
    Monitor,
    MonitorWarning,
    PartnerFigures,
    Period,
    YearFigures,
    percent,
    ratio,
)

__all__ = [
    "ACCEPTED", "ZERO", "Composition", "GroupFigures", "KindFigures", "LineFigures", "Monitor", "MonitorWarning",
    "PartnerFigures", "Period", "YearFigures", "cached_monitor", "current_grant", "monitor", "percent", "period_of",
    "ratio",
]


def current_grant(centre, *, today: date) -> Grant | None:
    """The grant running on `today`; otherwise the one that started last (a centre has one grant at a time)."""
    grants = list(centre.grants.select_related("regulation").order_by("start"))  # the pages name the regulation
    running = [grant for grant in grants if grant.start <= today <= grant.end]
    return (running or grants or [None])[-1]


def period_of(grant: Grant, year: int | None = None) -> Period:
    """The whole grant, or one of its calendar years (clipped to the grant); ValueError for a year outside it."""
    if year is None:
        return Period(grant.start, grant.end)
    if year not in grant.years:
        raise ValueError(year)
    return Period(max(grant.start, date(year, 1, 1)), min(grant.end, date(year, 12, 31)), year)


def monitor(grant: Grant, *, as_of: date, year: int | None = None, partnership_ids=None) -> Monitor:
    """The monitor for `grant` at `as_of`, for the whole grant or one `year`.

    `partnership_ids` limits the partner figures (and every total built from them) to those
    partners: a partner's own view. Seven to nine queries (one more when the grant's centre is not
    loaded yet), whatever the number of rows: the months the dates split add a query each for the
    accepted and the waiting entries (queries.py).
    """
    period = period_of(grant, year)
    partnerships = queries.partnerships(grant, partnership_ids)
    group_of = {partnership.pk: partnership.cofinancing_group for partnership in partnerships}
    contributions = queries.contribution_cells(grant, period, as_of, partnership_ids)
    waiting = queries.waiting_cells(grant, period, as_of, partnership_ids, contributions)
    spent = queries.expenditure_cells(grant, period, as_of)
    budget = queries.budget_cells(grant, period)
    pledges = queries.pledge_cells(grant, period, partnership_ids)
    time = elapsed(period.start, period.end, as_of)

    subsidy_budget, total_budget = rules.budget_totals(grant, period, budget)
    limits = rules.bounds(grant, total_budget)
    partners = rules.partners(partnerships, contributions, waiting, pledges, period, as_of)
    figures = Monitor(
        grant=grant, period=period, as_of=as_of, elapsed=time,
        subsidy_granted=grant.amount if year is None else subsidy_budget, subsidy_budget=subsidy_budget,
        total_budget=total_budget, subsidy_spent=sum((rules.total(cell, period.years) for cell in spent), ZERO),
        years=rules.years(period, contributions, spent, budget, group_of, limits),
        lines=rules.lines(queries.programme_lines(grant), contributions, spent, budget, group_of, period),
        kinds=rules.kinds(contributions, pledges, group_of, period), partners=partners,
        groups=rules.groups(contributions, waiting, partners, group_of, period, time, limits),
        migrated=rules.migrated(contributions, group_of),
        partnership_ids=None if partnership_ids is None else frozenset(partnership_ids),
    )
    figures.warnings = rules.warnings(figures)
    return figures


def cached_monitor(grant: Grant, *, as_of: date, year: int | None = None, partnership_ids=None) -> Monitor:
    """`monitor(...)`, computed once per reference date and state of the centre's records, for every process.

    The monitor page, its three charts and the dashboard's card ask for the same figures; at a
    million entries each computation takes seconds. The cache key is the centre's revision token
    (core/revisions.py: every accepted or reversed entry, expenditure, budget version or pledge
    changes it), the grant, the date, the year and the partners asked for.
    """
    partners = None if partnership_ids is None else tuple(sorted(partnership_ids))
    return revisions.cached(grant.centre_id, "monitor", (grant.pk, as_of.isoformat(), year, partners),
                            lambda: monitor(grant, as_of=as_of, year=year, partnership_ids=partnership_ids))
