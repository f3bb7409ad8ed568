"""What the office's ledger pages read: the pledge table, the rate cards and a partner's summary.

Every total is summed by the database (conditional `Sum` per status, grouped by year and
kind; a partner's entries from the ledger's tally, ledger/tally.py); Python only lays the
summed cells out in rows. The summary's "accepted" is what counts as realised: entries
accepted, plus entries accepted and later reversed, so that a reversed entry and its
reversal together count as zero.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from civhub.core import revisions
from civhub.core.choices import KIND_SHORT, NEVER_COUNTED_KINDS, ContributionKind
from civhub.ledger import tally
from civhub.ledger.models import Contribution, ContributionTally, ImportBatch, Pledge, RateCard
from civhub.ledger.permissions import batches_visible_to
from civhub.ledger.services.reference import ACCEPTED_STATUSES, grant_years, with_validity
from civhub.partners.models import Partnership

Status = Contribution.Status
ZERO = Decimal("0.00")
KIND_ORDER = {kind: number for number, kind in enumerate(ContributionKind.values)}

@dataclass(frozen=True)
class KindColumn:
    code: str
    short: str
    label: str


def kind_columns(*, pledged_only: bool = False) -> list[KindColumn]:
    """Every kind, or only those a partner pledges (BPV is never co-financing, so never pledged)."""
    kinds = [kind for kind in ContributionKind if not (pledged_only and kind in NEVER_COUNTED_KINDS)]
    return [KindColumn(kind.value, KIND_SHORT[kind], kind.label) for kind in kinds]


# The pledge table --------------------------------------------------------------------------


@dataclass
class PledgeCell:
    """One year × kind cell of a partner: the pledge, or None when there is none yet."""

    kind: KindColumn
    pledge: Pledge | None = None


@dataclass
class PledgeYear:
    year: int
    cells: list[PledgeCell]
    total: Decimal


@dataclass
class PartnerPledges:
    partnership: Partnership
    years: list[PledgeYear]
    total: Decimal


@dataclass
class PledgeTable:
    """Every partner with a row per grant year and a column per kind; totals per kind for all partners."""

    years: list[int]
    columns: list[KindColumn]
    partners: list[PartnerPledges]
    kind_totals: list[Decimal]
    total: Decimal


def _money(expression) -> Coalesce:
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2))


BY_PARTNER = ("organisation__name", "pk")


def pledge_table(centre, *, ordering=BY_PARTNER) -> PledgeTable:
    """The pledge table of the centre, in a fixed number of queries whatever the number of pledges.

    The partners come in `ordering` (by name); each partnership carries `pledged`, its total, to sort by.
    """
    years, columns = grant_years(centre), kind_columns(pledged_only=True)
    partnerships = list(Partnership.objects.filter(centre=centre).select_related("organisation")
                        .annotate(pledged=_money(Sum("pledges__amount"))).order_by(*ordering))
    pledges = Pledge.objects.filter(partnership__centre=centre)
    by_cell = {(p.partnership_id, p.year, p.kind): p for p in pledges}
    year_totals = {(row["partnership_id"], row["year"]): row["total"]
                   for row in pledges.values("partnership_id", "year").annotate(total=Sum("amount")).order_by()}
    partner_totals = dict(pledges.values_list("partnership_id").annotate(total=Sum("amount")).order_by())
    kind_totals = dict(pledges.values_list("kind").annotate(total=Sum("amount")).order_by())
    every_year = sorted(set(years) | {year for _, year, _ in by_cell})
    rows = [
        PartnerPledges(
            partnership=partnership,
            years=[PledgeYear(year, [PledgeCell(column, by_cell.get((partnership.pk, year, column.code)))
                                     for column in columns], year_totals.get((partnership.pk, year), ZERO))
                   for year in every_year],
            total=partner_totals.get(partnership.pk, ZERO),
        )
        for partnership in partnerships
    ]
    return PledgeTable(years=every_year, columns=columns, partners=rows,
                       kind_totals=[kind_totals.get(column.code, ZERO) for column in columns],
                       total=pledges.aggregate(total=_money(Sum("amount")))["total"])


# Rate cards --------------------------------------------------------------------------------


def rate_cards(centre) -> list[RateCard]:
    """The centre's rate cards per partner and category, each with `valid_until` and `in_use`."""
    cards = with_validity(RateCard.objects.filter(partnership__centre=centre)).select_related(
        "partnership__organisation").order_by("partnership__organisation__name", "partnership_id", "category",
                                              "valid_from")
    cards = list(cards)
    for card in cards:
        card.valid_until = card.next_from - timedelta(days=1) if card.next_from else None
    return cards


def fixed_rates(centre) -> list[Decimal]:
    """The fixed hourly rates of the centre's grants (a grant with one does not use rate cards)."""
    return sorted({rate for rate in centre.grants.values_list("fixed_hourly_rate", flat=True) if rate is not None})


# A partner's summary -----------------------------------------------------------------------


# Each stage's value, summed from the ledger's tally (ledger/tally.py): (column, which cells).
STAGES = {
    "submitted": ("amount_cents", Q(status=Status.SUBMITTED)),
    "approved": ("amount_cents", Q(status=Status.APPROVED)),
    "accepted": ("amount_cents", Q(status__in=ACCEPTED_STATUSES)),
    "migrated": ("migrated_cents", Q(status__in=ACCEPTED_STATUSES)),
}


@dataclass
class SummaryRow:
    """Pledged and contributed value in one year (and kind; kind is None for a year's total)."""

    year: int | None
    kind: KindColumn | None
    pledged: Decimal = ZERO
    submitted: Decimal = ZERO
    approved: Decimal = ZERO
    accepted: Decimal = ZERO
    migrated: Decimal = ZERO

    @property
    def counts(self) -> bool:
        """False for a kind that is never co-financing (BPV): shown, left out of the totals."""
        return self.kind is None or self.kind.code not in NEVER_COUNTED_KINDS

    @property
    def percent(self) -> Decimal | None:
        """Accepted ÷ pledged × 100, one decimal; None without a pledge."""
        if not self.pledged:
            return None
        return (self.accepted * 100 / self.pledged).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class SummaryYear:
    total: SummaryRow
    kinds: list[SummaryRow] = field(default_factory=list)


@dataclass
class PartnerSummary:
    """A partner's pledges and contributions per year and kind, with totals, all summed by the database."""

    partnership: Partnership
    years: list[SummaryYear]
    total: SummaryRow

    @property
    def counted(self) -> bool:
        return self.partnership.counts_as_cofinancing


def _stage_sums(cells: QuerySet, *group: str):
    sums = {name: Sum(column, filter=condition) for name, (column, condition) in STAGES.items()}
    if not group:
        return _decimals(cells.aggregate(**sums))
    rows = cells.annotate(year=ExtractYear("date_month")).values(*group).annotate(**sums).order_by()
    return [_decimals(row) for row in rows]


def _decimals(row: dict) -> dict:
    """The tally's cents of each stage as euros; the grouping keys as they are."""
    return {name: tally.decimal(value) if name in STAGES else value for name, value in row.items()}


def _pledge_sums(pledges: QuerySet, *group: str):
    if not group:
        return pledges.aggregate(pledged=_money(Sum("amount")))
    return pledges.values(*group).annotate(pledged=_money(Sum("amount"))).order_by()


AMOUNTS = ("pledged", "submitted", "approved", "accepted", "migrated")


def _grouped(tallied: QuerySet, pledges: QuerySet, *group: str) -> dict[tuple, dict]:
    """{(year[, kind]): {pledged, submitted, approved, accepted}}: two GROUP BY queries, joined by key."""
    cells: dict[tuple, dict] = {}
    for row in [*_stage_sums(tallied, *group), *_pledge_sums(pledges, *group)]:
        cells.setdefault(tuple(row[name] for name in group), {}).update(row)
    return cells


def _row(year, kind, values: dict) -> SummaryRow:
    return SummaryRow(year=year, kind=kind, **{name: values.get(name, ZERO) for name in AMOUNTS})


def partner_summary(partnership: Partnership) -> PartnerSummary:
    """Per year and kind: pledged, submitted, approved, accepted, migrated (and % realised); totals per year and
    overall, which leave out BPV (shown on its own row, never co-financing).

    Summed once per state of the centre's records (core/revisions.py), for the page and its chart alike.
    """
    return revisions.cached(partnership.centre_id, "partner-summary", (partnership.pk,),
                            lambda: _partner_summary(partnership))


def _partner_summary(partnership: Partnership) -> PartnerSummary:
    cells = ContributionTally.objects.filter(centre_id=partnership.centre_id, partnership=partnership)
    pledges = Pledge.objects.filter(partnership=partnership)
    columns = {column.code: column for column in kind_columns()}
    by_kind = _grouped(cells, pledges, "year", "kind")
    cells = cells.exclude(kind__in=sorted(NEVER_COUNTED_KINDS))
    by_year = _grouped(cells, pledges, "year")
    years = [
        SummaryYear(
            total=_row(year, None, by_year[(year,)]),
            kinds=sorted((_row(y, columns.get(kind), values) for (y, kind), values in by_kind.items() if y == year),
                         key=lambda row: KIND_ORDER.get(row.kind.code if row.kind else "", 99)),
        )
        for (year,) in sorted(by_year)
    ]
    overall = {**_stage_sums(cells), **_pledge_sums(pledges)}
    return PartnerSummary(partnership=partnership, years=years, total=_row(None, None, overall))


# Imports -----------------------------------------------------------------------------------


def recent_batches(user, centre, limit: int = 10) -> list[ImportBatch]:
    """The user's own latest imports in the centre, newest first."""
    return list(batches_visible_to(user, centre).filter(actor=user).select_related("partnership__organisation")
                .order_by("-created_at", "-pk")[:limit])
