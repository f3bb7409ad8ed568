"""The monitor's queries: a fixed number of GROUP BY queries, whatever the number of rows.

Each returns a few grouped rows (dicts) with every sum rounded to the cent; `rules.py`
adds them up into the page's tables.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from civhub.core.models import Grant
from civhub.grants.models import BudgetLine, Expenditure
from civhub.grants.schedule import cents
from civhub.ledger.counting import ACCEPTED, WAITING
from civhub.ledger.models import Contribution, ContributionTally, Pledge
from civhub.ledger.tally import decimal as tally_decimal
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
    and kind, with the value `late`: entered by `as_of` but accepted only after it. One or two queries.

    The late entries were on their way on `as_of` (the commitment forecast counts them); summing them
    here reads the accepted rows once instead of a second time. Whole months come from the tally
    that triggers keep (ledger/tally.py); the few months that a date splits, from the ledger's
    entries themselves (`_Split`). Readers add up the cells of both.
    """
    split = _Split.of(period, as_of)
    return _tallied_cells(grant, period, as_of, partnership_ids, split) + _entry_cells(
        grant, period, as_of, partnership_ids, split)


@dataclass(frozen=True)
class _Split:
    """The months that the tally cannot settle whole for these dates, so the ledger is read entry by entry.

    A month of entry dates that the period starts or ends inside; the month of `as_of` for the
    day of acceptance, unless `as_of` is its last day; and, for an entry accepted after `as_of`
    (late, if it was entered by then), the UTC month in which `as_of` ends.
    """

    date_months: tuple[tuple[date, date], ...]
    accepted_month: tuple[date, date] | None
    created_month: tuple[datetime, datetime] | None  # None: every entry was entered by the end of `as_of`

    @classmethod
    def of(cls, period: Period, as_of: date) -> "_Split":
        last = min(as_of, period.end)
        partial = set()
        if period.start.day != 1:
            partial.add(_month(period.start))
        if last != _month(last)[1]:
            partial.add(_month(last))
        accepted = _month(as_of) if as_of != _month(as_of)[1] else None
        if as_of >= timezone.localdate():  # entries are entered now (created_at), never later
            return cls(tuple(sorted(partial)), accepted, None)
        end = _end_of(as_of).astimezone(UTC)
        start = end.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return cls(tuple(sorted(partial)), accepted, (start, (start + timedelta(days=32)).replace(day=1)))

    def entered_before(self) -> Q:
        """The tally's cells entered whole before the end of `as_of` (outside the split month of entry)."""
        return Q(created_month__lt=self.created_month[0].date()) if self.created_month else Q()

    def in_tally(self, as_of: date) -> Q:
        """The tally's cells of accepted entries that hold no entry of a split month."""
        split = self._date_months() | self._entered_in_month(Q(accepted_month__gt=as_of))
        if self.accepted_month:
            split |= Q(accepted_month=self.accepted_month[0])
        return ~split

    def in_ledger(self, as_of: date) -> Q:
        """The same entries, the other way round: those of a split month, read from the ledger."""
        split = self._entry_dates() | self._entries_entered_in_month(Q(accepted_on__gt=as_of))
        if self.accepted_month:
            split |= Q(accepted_on__gte=self.accepted_month[0], accepted_on__lte=self.accepted_month[1])
        return split

    def waiting_in_tally(self) -> Q:
        """The tally's cells of waiting entries that hold no entry of a split month (acceptance plays no part)."""
        return ~(self._date_months() | self._entered_in_month(Q()))

    def waiting_in_ledger(self) -> Q:
        return self._entry_dates() | self._entries_entered_in_month(Q())

    def _entered_in_month(self, also: Q) -> Q:
        """The tally's cells of the split month of entry (none when there is none)."""
        return Q(created_month=self.created_month[0].date()) & also if self.created_month else Q(pk__in=[])

    def _entries_entered_in_month(self, also: Q) -> Q:
        if not self.created_month:
            return Q(pk__in=[])
        return Q(created_at__gte=self.created_month[0], created_at__lt=self.created_month[1]) & also

    def _date_months(self) -> Q:
        """The tally's cells of the split months of entry dates (none matches when no month is split)."""
        return Q(date_month__in=[first for first, _ in self.date_months])

    def _entry_dates(self) -> Q:
        """The ledger's entries dated in a split month (an empty IN drops out of an OR)."""
        dates = Q(pk__in=[])
        for first, last in self.date_months:
            dates |= Q(date__gte=first, date__lte=last)
        return dates


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _tallied_cells(grant: Grant, period: Period, as_of: date, partnership_ids, split: _Split) -> list[dict]:
    """The whole months, from the tally: a few thousand rows, whatever the size of the ledger."""
    counted = Q(accepted_month__lte=as_of)
    tally = _scoped(ContributionTally.objects.filter(
        split.in_tally(as_of), centre_id=grant.centre_id, status__in=ACCEPTED,
        date_month__gte=period.start.replace(day=1), date_month__lte=min(as_of, period.end)), partnership_ids)
    cells = tally.values("partnership_id", "line", "kind").annotate(
        hours=Sum("hours_hundredths", filter=counted & Q(status=Contribution.Status.ACCEPTED)),
        migrated=Sum("migrated_cents", filter=counted),
        late=Sum("amount_cents", filter=Q(accepted_month__gt=as_of) & split.entered_before()),
        **{f"y{year}": Sum("amount_cents", filter=counted & Q(date_month__year=year)) for year in period.years},
    ).order_by()
    return [{"partnership_id": cell.pop("partnership_id"), "programme_line_id": cell.pop("line") or None,
             "kind": cell.pop("kind"), **{key: tally_decimal(value) for key, value in cell.items()}}
            for cell in cells]


def _entry_cells(grant: Grant, period: Period, as_of: date, partnership_ids, split: _Split) -> list[dict]:
    """The split months, from the ledger's entries: a month or two of the ledger at most.

    PostgreSQL reads them off the indexes of date, day of acceptance and moment of entry. SQLite,
    given the split months' OR, skip-scans the partner's date index and reads the table (1M rows:
    2 s); one query per status makes it read the monitor's covering index instead (20–160 ms).
    """
    entries = _scoped(Contribution.objects.filter(split.in_ledger(as_of), centre_id=grant.centre_id,
                                                  date__gte=period.start, date__lte=min(as_of, period.end)),
                      partnership_ids)
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
    """Entries on their way on `as_of` (entered by then, not yet accepted then), per partner and kind: one or two
    queries.

    What waits for the signatory or the finance controller now, and (from `contributions`, the
    cells above) what was accepted only after the reference date; the commitment forecast counts them.
    Whole months from the tally, the split ones from the entries, as for `contribution_cells`.
    """
    split = _Split.of(period, as_of)
    tally = _scoped(ContributionTally.objects.filter(
        split.waiting_in_tally(), split.entered_before(), centre_id=grant.centre_id, status__in=WAITING,
        date_month__gte=period.start.replace(day=1), date_month__lte=min(as_of, period.end)), partnership_ids)
    tallied = [{"partnership_id": cell["partnership_id"], "kind": cell["kind"], "amount": tally_decimal(cell["cents"])}
               for cell in tally.values("partnership_id", "kind").annotate(cents=Sum("amount_cents")).order_by()]
    entries = _scoped(Contribution.objects.filter(
        split.waiting_in_ledger(), centre_id=grant.centre_id, date__gte=period.start,
        date__lte=min(as_of, period.end), created_at__lt=_end_of(as_of)), partnership_ids)
    # Grouped by programme line too, which the readers add up: in the order of the monitor's index, SQLite reads it
    # and sorts nothing; per partner and kind alone it skip-scanned the partner's date index and read the table
    # (bench/monitor.py, 1M rows: 3.5 s → 36 ms).
    waiting = _rounded(_per_status(entries, WAITING, lambda part: part.values(
        "partnership_id", "programme_line_id", "kind").annotate(amount=_money(Sum("amount"))).order_by()))
    return tallied + waiting + [{"partnership_id": cell["partnership_id"], "kind": cell["kind"], "amount": cell["late"]}
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
