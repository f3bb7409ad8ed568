"""The monitor's queries: a fixed number of GROUP BY queries, whatever the number of rows.

Each returns a few grouped rows (dicts) with every sum rounded to the cent; `rules.py`
adds them up into the page's tables.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from civhub.core.models import Grant
from civhub.grants.models import BudgetLine, Expenditure
from civhub.grants.schedule import cents
from civhub.ledger.counting import ACCEPTED, WAITING
from civhub.ledger.models import Contribution, Pledge
from civhub.partners.models import Partnership

from .figures import ZERO, Period


def _money(expression) -> Coalesce:
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=18, decimal_places=2))


def _year_sums(column: str, years: list[int], condition: Q | None = None) -> dict:
    """One conditional SUM per year (`date__year` becomes a date range, so an index on date still serves)."""
    condition = condition or Q()
    return {f"y{year}": _money(Sum(column, filter=condition & Q(date__year=year))) for year in years}


def _rounded(cells) -> list[dict]:
    """The grouped rows with every sum to the cent (SQLite hands back sums with float noise in the last places)."""
    return [{key: cents(value) if isinstance(value, Decimal) else value for key, value in cell.items()}
            for cell in cells]


def _scoped(entries, partnership_ids):
    return entries if partnership_ids is None else entries.filter(partnership_id__in=partnership_ids)


def _per_status(entries, statuses, grouped):
    """The same GROUP BY once per status, joined by UNION ALL.

    With the status fixed, SQLite reads the monitor's index (centre, status, partnership, line,
    kind, ...) in group order and needs no sort; over a list of statuses it would sort every row
    (bench/monitor.py, 1M rows: 1.3 s → 0.65 s). PostgreSQL plans both alike.
    """
    parts = [grouped(entries.filter(status=status)) for status in statuses]
    return parts[0].union(*parts[1:], all=True).order_by()  # a union takes the model's ordering otherwise


def contribution_cells(grant: Grant, period: Period, as_of: date, partnership_ids) -> list[dict]:
    """Accepted value as of `as_of` (per year, and how much of it migrated) and hours, per partner, programme line
    and kind, with the value `late`: entered by `as_of` but accepted only after it. One query.

    The late entries were on their way on `as_of` (the commitment forecast counts them); summing them
    here reads the accepted rows once instead of a second time.
    """
    entries = _scoped(Contribution.objects.filter(centre_id=grant.centre_id, date__gte=period.start,
                                                  date__lte=min(as_of, period.end)), partnership_ids)
    counted = Q(accepted_on__lte=as_of)
    return _rounded(_per_status(entries, ACCEPTED, lambda part: part.values(
        "partnership_id", "programme_line_id", "kind").annotate(
        # Hours of accepted entries only: a reversed entry keeps its hours while its reversal carries none.
        hours=_money(Sum("hours", filter=counted & Q(status=Contribution.Status.ACCEPTED))),
        migrated=_money(Sum("amount", filter=counted & Q(provenance=Contribution.Provenance.MIGRATED))),
        late=_money(Sum("amount", filter=Q(accepted_on__gt=as_of, created_at__lt=_end_of(as_of)))),
        **_year_sums("amount", period.years, counted)).order_by()))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def waiting_cells(grant: Grant, period: Period, as_of: date, partnership_ids, contributions: list[dict]) -> list[dict]:
    """Entries on their way on `as_of` (entered by then, not yet accepted then), per partner and kind: one query.

    What waits for the signatory or the finance controller now, and (from `contributions`, the
    cells above) what was accepted only after the reference date; the commitment forecast counts them.
    Grouped by programme line too, which the readers add up: in the order of the monitor's index, SQLite
    reads it and sorts nothing; per partner and kind alone it skip-scanned the partner's date index and
    read the table (bench/monitor.py, 1M rows: 3.5 s → 36 ms).
    """
    entries = _scoped(Contribution.objects.filter(
        centre_id=grant.centre_id, date__gte=period.start, date__lte=min(as_of, period.end),
        created_at__lt=_end_of(as_of)), partnership_ids)
    waiting = _rounded(_per_status(entries, WAITING, lambda part: part.values(
        "partnership_id", "programme_line_id", "kind").annotate(amount=_money(Sum("amount"))).order_by()))
    return waiting + [{"partnership_id": cell["partnership_id"], "kind": cell["kind"], "amount": cell["late"]}
                      for cell in contributions if cell["late"]]


def expenditure_cells(grant: Grant, period: Period, as_of: date) -> list[dict]:
    """Subsidy spent per programme line, with a conditional sum per year: one query."""
    spent = Expenditure.objects.filter(grant=grant, date__gte=period.start, date__lte=min(as_of, period.end))
    return _rounded(spent.values("programme_line_id").annotate(**_year_sums("amount", period.years)).order_by())


def budget_cells(grant: Grant, period: Period) -> list[dict]:
    """The current budget version summed per year, programme line and source: one query."""
    lines = BudgetLine.objects.filter(version__grant=grant, version__is_current=True, year__in=period.years)
    return _rounded(lines.values("year", "programme_line_id", "source").annotate(amount=_money(Sum("amount")))
                    .order_by())


def pledge_cells(grant: Grant, period: Period, partnership_ids) -> list[dict]:
    pledges = Pledge.objects.filter(partnership__centre_id=grant.centre_id, year__in=period.years)
    return _rounded(_scoped(pledges, partnership_ids).values("partnership_id", "year", "kind")
                    .annotate(amount=_money(Sum("amount"))).order_by())


def partnerships(grant: Grant, partnership_ids) -> list[Partnership]:
    rows = Partnership.objects.filter(centre_id=grant.centre_id).select_related("organisation")
    if partnership_ids is not None:
        rows = rows.filter(pk__in=partnership_ids)
    return list(rows.order_by("organisation__name", "pk"))


def programme_lines(grant: Grant) -> list[tuple]:
    return list(grant.centre.programme_lines.order_by("number").values_list("pk", "number", "name"))
