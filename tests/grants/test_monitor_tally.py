"""Figures from the ledger's tally (ledger/tally.py) equal those summed from the entries themselves.

A ledger of entries around month ends, accepted and entered on many days, some reversed,
migrated or still waiting, is summed both ways: the monitor's accepted and waiting cells for
reference dates on and off a month's end, before, inside and after the grant, for the whole
grant and each of its years, for the office and a partner; the list's totals per status for
each filter and viewer; a partner's summary. The entries' way is each query before the tally.
"""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.db import connection
from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from civhub.grants.selectors.monitor import period_of, queries
from civhub.ledger import tally
from civhub.ledger.counting import WAITING
from civhub.ledger.models import Contribution, ContributionTally
from civhub.ledger.selectors.entries import contribution_list, totals_by_status
from civhub.ledger.selectors.office import _partner_summary
from tests.factories import GrantFactory, ProgrammeLineFactory, UserFactory

Status = Contribution.Status
KEYS = ("partnership_id", "programme_line_id", "kind")


def _money(expression):
    return Coalesce(expression, Value(Decimal("0.00")), output_field=DecimalField(max_digits=18, decimal_places=2))


def summed_from_entries(grant, period, as_of, partnership_ids) -> dict:
    """Every figure of `contribution_cells`, summed straight from the ledger's entries."""
    entries = Contribution.objects.filter(centre_id=grant.centre_id, status__in=("accepted", "reversed"),
                                          date__gte=period.start, date__lte=min(as_of, period.end))
    if partnership_ids is not None:
        entries = entries.filter(partnership_id__in=partnership_ids)
    counted = Q(accepted_on__lte=as_of)
    end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
    cells = entries.values(*KEYS).annotate(
        hours=_money(Sum("hours", filter=counted & Q(status=Status.ACCEPTED))),
        migrated=_money(Sum("amount", filter=counted & Q(provenance=Contribution.Provenance.MIGRATED))),
        late=_money(Sum("amount", filter=Q(accepted_on__gt=as_of, created_at__lt=end))),
        **{f"y{year}": _money(Sum("amount", filter=counted & Q(date__year=year))) for year in period.years},
    ).order_by()
    return _added(cells)


def _added(cells) -> dict:
    """The cells added up per partner, line and kind, with the cells that hold nothing left out."""
    totals = defaultdict(lambda: defaultdict(Decimal))
    for cell in cells:
        for name, value in cell.items():
            if name not in KEYS:
                totals[tuple(cell[key] for key in KEYS)][name] += value
    return {key: dict(sums) for key, sums in totals.items() if any(sums.values())}


def _ledger(centre, partners, lines, *, seed=11, count=400):
    """`count` entries dated around the grant's month ends, entered and accepted on days around them; the newest
    a few weeks before today, so that this month and last month hold entries too."""
    rng, clerk = random.Random(seed), UserFactory()
    for number in range(count):
        day = date(2024, 2, 25) + timedelta(days=rng.randrange(0, 800))
        if number % 8 == 0:
            day = timezone.localdate() - timedelta(days=rng.randrange(0, 60))
        status = rng.choice([Status.ACCEPTED] * 5 + [Status.REVERSED, Status.SUBMITTED, Status.APPROVED,
                                                     Status.DRAFT, Status.REJECTED])
        counted = status in (Status.ACCEPTED, Status.REVERSED)
        hours = Decimal(rng.randint(1, 96)) / 4 if rng.random() < 0.6 else None
        entry = Contribution.objects.create(
            centre=centre, partnership=rng.choice(partners), date=day, kind=rng.choice(["lab", "research"]),
            programme_line=rng.choice(lines), hours=hours, amount=Decimal(rng.randint(-50000, 900000)) / 100,
            description=f"Bijdrage {number}", status=status, entered_by=clerk,
            accepted_on=day + timedelta(days=rng.randint(0, 70)) if counted else None,
            provenance=rng.choice(list(Contribution.Provenance.values)),
        )
        # Entered on a day around its date: before midnight, just after, or weeks later.
        entered = timezone.make_aware(datetime.combine(day + timedelta(days=rng.randint(-3, 40)), time(23, 30)))
        entered = min(entered - timedelta(hours=rng.choice([0, 1, 2])), timezone.now())  # never after now
        Contribution.objects.filter(pk=entry.pk).update(created_at=entered)


@pytest.fixture
def ledger(centre, partner_a, partner_b):
    # Ends on the 20th, a few months after today: the reference dates "today" and "in a year" fall in the grant
    # or after it, and its last month is a split one.
    grant = GrantFactory(centre=centre, start=date(2024, 3, 15),
                         end=(timezone.localdate() + timedelta(days=100)).replace(day=20))
    lines = [ProgrammeLineFactory(centre=centre, number=1), ProgrammeLineFactory(centre=centre, number=2), None]
    _ledger(centre, [partner_a, partner_b], lines)
    return grant


REFERENCE_DATES = [date(2024, 3, 1), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 1), date(2024, 10, 27),
                   date(2024, 12, 31), date(2025, 2, 28), date(2025, 3, 16), date(2025, 6, 30), date(2026, 3, 20),
                   date(2026, 3, 31), date(2026, 7, 4), "today", "in a year"]


def _day(as_of) -> date:
    """A reference date; today and a year from now read when the test runs (the tally settles them otherwise)."""
    today = timezone.localdate()
    return {"today": today, "in a year": today + timedelta(days=365)}.get(as_of, as_of)


def _cases(grant, partner):
    """Every reference date, with the whole grant and each of its years, for the office and for one partner (one
    ledger for all: it takes longer to build than to sum)."""
    for as_of in map(_day, REFERENCE_DATES):
        for year in [None, *grant.years]:
            for partners in (None, [partner.pk]):
                yield as_of, period_of(grant, year), partners


def test_the_tally_and_the_entries_give_the_same_figures(ledger, partner_a):
    for as_of, period, partners in _cases(ledger, partner_a):
        cells = queries.contribution_cells(ledger, period, as_of, partners)
        assert _added(cells) == summed_from_entries(ledger, period, as_of, partners), (as_of, period, partners)


def waiting_from_entries(grant, period, as_of, partnership_ids) -> dict:
    entries = Contribution.objects.filter(
        centre_id=grant.centre_id, status__in=WAITING, date__gte=period.start, date__lte=min(as_of, period.end),
        created_at__lt=timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min)))
    if partnership_ids is not None:
        entries = entries.filter(partnership_id__in=partnership_ids)
    return _waiting(entries.values("partnership_id", "kind").annotate(amount=Sum("amount")).order_by())


def _waiting(cells) -> dict:
    totals = defaultdict(Decimal)
    for cell in cells:
        totals[cell["partnership_id"], cell["kind"]] += cell["amount"]
    return {key: amount for key, amount in totals.items() if amount}


def test_what_waits_is_the_same_from_the_tally_and_the_entries(ledger, partner_a):
    for as_of, period, partners in _cases(ledger, partner_a):
        cells = queries.waiting_cells(ledger, period, as_of, partners, contributions=[])
        assert _waiting(cells) == waiting_from_entries(ledger, period, as_of, partners), (as_of, period, partners)


FILTERS = [{}, {"status": "accepted"}, {"year": 2025}, {"kind": "lab"}, {"partner": "partner-b"},
           {"partner": "partner-a", "year": 2024, "kind": "research"}]


def test_the_lists_totals_are_those_of_its_entries(ledger, finance_controller, partner_b_contact):
    for viewer, filters in product((finance_controller, partner_b_contact), FILTERS):
        entries = contribution_list(viewer, ledger.centre, **filters)
        expected = {status: (len(rows), sum((row.amount for row in rows), Decimal()),
                             sum((row.hours or 0 for row in rows), Decimal()))
                    for status in Status for rows in [[row for row in entries if row.status == status]]}
        totals = {total.status: (total.count, total.amount, total.hours)
                  for total in totals_by_status(viewer, ledger.centre, **filters)}
        assert totals == expected, (viewer, filters)


def test_a_partners_summary_is_that_of_its_entries(ledger, partner_a):
    summary = _partner_summary(partner_a)
    entries = Contribution.objects.filter(partnership=partner_a)
    accepted = entries.filter(status__in=("accepted", "reversed"))
    assert summary.total.accepted == accepted.exclude(kind="bpv").aggregate(sum=Sum("amount"))["sum"]
    assert summary.total.migrated == accepted.filter(provenance="migrated").aggregate(sum=Sum("amount"))["sum"]
    for year in summary.years:
        submitted = entries.filter(status="submitted", date__year=year.total.year).aggregate(sum=Sum("amount"))
        assert year.total.submitted == (submitted["sum"] or 0)


def _rebuilt() -> list[tuple]:
    """The tally as the migration's backfill builds it from the entries."""
    current = _cells()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tally.TABLE}")  # noqa: S608 - our own table
        cursor.execute(tally.backfill(connection.vendor))
    rebuilt = _cells()
    ContributionTally.objects.all().delete()
    ContributionTally.objects.bulk_create(ContributionTally(**cell) for cell in current)
    return [tuple(cell.values()) for cell in rebuilt]


def _delete(which: Q) -> None:
    """Delete entries the way the retention purge or the database's own tools would: no model refuses it."""
    Contribution.objects.filter(which)._raw_delete(connection.alias)


def _cells() -> list[dict]:
    return list(ContributionTally.objects.order_by(*tally.KEY).values(*tally.KEY, *tally.SUMS))


def test_every_kind_of_write_keeps_the_tally(ledger, partner_a):
    entries = Contribution.objects.filter(status=Status.ACCEPTED).order_by("pk")
    first, second, third = entries[:3]
    Contribution.objects.filter(pk=first.pk).update(status=Status.REVERSED)  # keeps its value, loses its hours
    Contribution.objects.filter(pk=second.pk).update(date=date(2025, 1, 1), programme_line=None, amount=Decimal("1"))
    _delete(Q(pk=third.pk))
    waiting = list(Contribution.objects.filter(status=Status.SUBMITTED).values_list("pk", flat=True))
    Contribution.objects.filter(pk__in=waiting[::2]).update(status=Status.APPROVED, hours=Decimal("2.25"))
    Contribution.objects.filter(pk__in=waiting[1::2]).update(status=Status.ACCEPTED, accepted_on=date(2026, 1, 2))
    assert [tuple(cell.values()) for cell in _cells()] == _rebuilt()
    assert ContributionTally.objects.filter(entries=0).count() == 0


def test_the_database_has_the_triggers_this_code_writes(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger_tally_%'")
            assert sorted(row[0] for row in cursor.fetchall()) == sorted(tally.sqlite_triggers())
        else:
            cursor.execute("SELECT pg_get_functiondef('ledger_tally_trigger'::regproc)")
            assert tally.postgresql_triggers()[0].split("$$")[1].strip() in cursor.fetchone()[0]


def test_a_row_written_again_unchanged_leaves_the_tally_as_it_was(ledger):
    before = list(ContributionTally.objects.order_by("pk").values())
    Contribution.objects.update(amount=F("amount"), status=F("status"))  # every entry, alone in its cell or not
    assert list(ContributionTally.objects.order_by("pk").values()) == before


def test_a_cell_whose_last_entry_leaves_is_removed(ledger):
    assert ContributionTally.objects.exists()
    _delete(Q())
    assert not ContributionTally.objects.exists()
