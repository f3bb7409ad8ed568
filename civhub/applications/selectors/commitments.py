"""The partners' commitments: each partner's own pledge table in an application, its canonical hash, and where
each partner stands (confirmed, change asked, not yet, void) for the office's overview, the portal and the inbox.

A partner's pledge table is its income lines in the application's budget (`source=partner`): per
year, cash or in kind, category, volume × price. Nobody but the partner's own people and the
office sees it; the overview shows the office where every partner stands, the portal shows a
partner only its own.

After the award the same flow asks for the partner's commitments after the subsidy: its table is
then its continuation lines (income naming the partner, per year after the subsidy), hashed by
`continuation_table`; its answers are `Commitment`s of stage "continuation".
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.applications.models import (
    Application,
    BudgetLine,
    BudgetSide,
    Commitment,
    ContinuationLine,
    IncomeSource,
)
from civhub.grants.rules import BudgetCheck
from civhub.partners.models import Partnership
from civhub.partners.selectors.agreement import signature_standing

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The fields of a line in the canonical table, in this order (see `canonical_table`).
TABLE_FIELDS = ("year", "category", "form", "description", "volume", "unit", "price", "amount")
TABLE_VERSION = "civhub-pledge-table-1"


def pledge_lines_of(application: Application, partnership: Partnership) -> list[BudgetLine]:
    """The partner's income lines in the application, in the canonical order (one query)."""
    found = application.budget_lines.filter(side=BudgetSide.INCOME, source=IncomeSource.PARTNER,
                                            partnership=partnership)
    return sorted(found, key=_line_key)


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _line_key(line: BudgetLine) -> tuple:
    return (line.year, line.category, line.form, line.description, Decimal(line.volume), line.unit,
            Decimal(line.price), Decimal(line.amount))


def _canonical_row(line: BudgetLine) -> list:
    return [line.year, line.category, line.form, line.description, _money(line.volume), line.unit,
            _money(line.price), _money(line.amount)]


def canonical_table(lines) -> str:
    """The exact pledge table as text, the same whatever order the database returns the lines in.

    A JSON document (UTF-8, no spaces: `separators=(",", ":")`, `ensure_ascii=False`, keys in this
    order) `{"table": "civhub-pledge-table-1", "fields": [...], "lines": [[...], ...]}` where
    `fields` is `TABLE_FIELDS`: year (a number), category and form (their stored codes: "hours",
    "in_kind", ...; "" when none), description, volume, unit, price and amount, the three Decimals
    as strings with two decimals ("450000.00"). The lines are sorted by those fields in that order
    (year and the Decimals by value). No ids, no dates of change, no programme line: only what the
    partner promises. `table_hash` is the SHA-256 of this text.
    """
    rows = [_canonical_row(line) for line in sorted(lines, key=_line_key)]
    return json.dumps({"table": TABLE_VERSION, "fields": list(TABLE_FIELDS), "lines": rows},
                      ensure_ascii=False, separators=(",", ":"))


def table_hash(lines) -> str:
    """The SHA-256 (hex) of the canonical table (`canonical_table`)."""
    return hashlib.sha256(canonical_table(lines).encode("utf-8")).hexdigest()


# The table as a page shows it -----------------------------------------------------------------------------------


@dataclass
class YearGroup:
    """One year of a partner's pledges: its lines and their total, cash and in kind apart."""

    year: int
    lines: list[BudgetLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass
class PledgeTable:
    """A partner's pledge table: the lines per year, the totals, and the hash of exactly these lines."""

    years: list[YearGroup]
    lines: list[BudgetLine]
    hash: str

    @property
    def total(self) -> Decimal:
        # The total of exactly the lines shown and hashed (a handful per partner), not a second query that could
        # read another moment's table.
        return sum((line.amount for line in self.lines), ZERO)

    def total_of(self, form: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.form == form), ZERO)

    @property
    def cash(self) -> Decimal:
        return self.total_of("cash")

    @property
    def in_kind(self) -> Decimal:
        return self.total_of("in_kind")


def pledge_table(application: Application, partnership: Partnership) -> PledgeTable:
    """The partner's pledge table (one query)."""
    lines = pledge_lines_of(application, partnership)
    groups: dict[int, YearGroup] = {}
    for line in lines:
        groups.setdefault(line.year, YearGroup(line.year)).lines.append(line)
    return PledgeTable(list(groups.values()), lines, table_hash(lines))


def pledge_tables(application: Application) -> dict[int, PledgeTable]:
    """Every partner's pledge table, by partnership id (one query, for the agreement annex)."""
    grouped = defaultdict(list)
    for line in _partner_lines(application=application):
        grouped[line.partnership_id].append(line)
    tables = {}
    for partnership_id, found in grouped.items():
        lines = sorted(found, key=_line_key)
        groups: dict[int, YearGroup] = {}
        for line in lines:
            groups.setdefault(line.year, YearGroup(line.year)).lines.append(line)
        tables[partnership_id] = PledgeTable(list(groups.values()), lines, table_hash(lines))
    return tables


# Where a partner stands ----------------------------------------------------------------------------------------

NOT_YET, CONFIRMED, CHANGE_ASKED, VOID = "not_yet", "confirmed", "change_asked", "void"
STATE_LABELS = {
    NOT_YET: gettext_lazy("not yet confirmed"),
    CONFIRMED: gettext_lazy("confirmed"),
    CHANGE_ASKED: gettext_lazy("change asked"),
    VOID: gettext_lazy("changed after confirming: to be confirmed again"),
}


@dataclass
class Standing:
    """Where one partner stands with its pledge table: its newest answer and whether the table still matches it."""

    partnership: Partnership
    current_hash: str
    latest: Commitment | None

    @property
    def state(self) -> str:
        if self.latest is None:
            return NOT_YET
        same = self.latest.table_hash == self.current_hash
        if self.latest.answer == Commitment.Answer.CONFIRMED:
            return CONFIRMED if same else VOID
        # A change asked and made: the partner is asked again.
        return CHANGE_ASKED if same else NOT_YET

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def confirmed(self) -> bool:
        return self.state == CONFIRMED

    @property
    def waits_for_partner(self) -> bool:
        """The partner's signatory has something to answer: nothing answered yet, or a void confirmation."""
        return self.state in (NOT_YET, VOID)

    @property
    def counted(self) -> bool:
        """The lead applicant's own contribution is not co-financing: its confirmation is not asked."""
        return not self.partnership.is_lead_applicant

    @property
    def changed_after_request(self) -> bool:
        return (self.latest is not None and self.latest.answer == Commitment.Answer.CHANGE_ASKED
                and self.state == NOT_YET)


def _latest_answers(application_ids, partnership_ids=None, stage=Commitment.Stage.APPLICATION
                    ) -> dict[tuple[int, int], Commitment]:
    """The newest answer per (application, partner) at this stage: one query."""
    found = (Commitment.objects.filter(application_id__in=list(application_ids), stage=stage)
             .select_related("signer"))
    if partnership_ids is not None:
        found = found.filter(partnership_id__in=list(partnership_ids))
    latest: dict[tuple[int, int], Commitment] = {}
    for answer in found.order_by("application_id", "partnership_id", "-answered_at", "-pk"):
        latest.setdefault((answer.application_id, answer.partnership_id), answer)
    return latest


def _hashes(lines) -> dict[tuple[int, int], str]:
    grouped = defaultdict(list)
    for line in lines:
        grouped[(line.application_id, line.partnership_id)].append(line)
    return {key: table_hash(found) for key, found in grouped.items()}


def _partner_lines(**filters):
    return BudgetLine.objects.filter(side=BudgetSide.INCOME, source=IncomeSource.PARTNER, **filters)


def standings(application: Application) -> list[Standing]:
    """Every partner with pledges in the application, by name, with where it stands: three queries."""
    hashes = _hashes(_partner_lines(application=application))
    partners = Partnership.objects.filter(pk__in=[pid for _app, pid in hashes]).select_related("organisation")
    latest = _latest_answers([application.pk])
    return [Standing(partner, hashes[(application.pk, partner.pk)], latest.get((application.pk, partner.pk)))
            for partner in partners.order_by("organisation__name", "pk")]


def standing_of(application: Application, partnership: Partnership, table,
                stage=Commitment.Stage.APPLICATION) -> Standing:
    """Where this partner stands with the table just read (one query)."""
    latest = _latest_answers([application.pk], [partnership.pk], stage).get((application.pk, partnership.pk))
    return Standing(partnership, table.hash, latest)


def answers_of(application: Application, partnership: Partnership, stage=Commitment.Stage.APPLICATION):
    """Every answer the partner gave on this application at this stage, newest first (the history the page shows)."""
    return (Commitment.objects.filter(application=application, partnership=partnership, stage=stage)
            .select_related("signer").order_by("-answered_at", "-pk"))


def commitments_check(found: list[Standing]) -> BudgetCheck:
    """The readiness check: every counted partner with pledges confirmed its table as it stands now."""
    counted = [standing for standing in found if standing.counted]
    open_ = [standing for standing in counted if not standing.confirmed]
    if not counted:
        return BudgetCheck("commitments", False, _("No partner pledges anything in the budget yet, so no partner "
                                                   "can confirm its commitment."))
    if not open_:
        return BudgetCheck("commitments", True, _("Every counted partner (%(count)s) confirmed its pledge table.")
                           % {"count": len(counted)})
    return BudgetCheck("commitments", False, _(
        "%(open)s of %(count)s counted partners have not confirmed their pledge table as it stands: %(names)s.") % {
        "open": len(open_), "count": len(counted),
        "names": ", ".join(standing.partnership.organisation.name for standing in open_)})


def agreement_check(centre) -> BudgetCheck:
    """The readiness check: every active partner signed the current version of the cooperation agreement (two
    queries; the register is kept in `partners`)."""
    found = signature_standing(centre)
    if found.version is None:
        return BudgetCheck("agreement", False, _("The cooperation agreement is not in the register yet: the "
                                                 "programme office records its version and the signatures."))
    if found.complete:
        return BudgetCheck("agreement", True, _("Every partner (%(count)s) signed version %(version)s of the "
                                                "cooperation agreement.") % {"count": found.partners,
                                                                              "version": found.version.number})
    return BudgetCheck("agreement", False, _(
        "%(open)s of %(count)s partners have not signed version %(version)s of the cooperation agreement yet: "
        "%(names)s.") % {"open": len(found.unsigned), "count": found.partners, "version": found.version.number,
                         "names": ", ".join(partner.organisation.name for partner in found.unsigned)})


# The partner's side: the portal and the inbox ---------------------------------------------------------------


def partner_standings(centre, partnership_ids, *, drafts_only: bool = False) -> list[tuple[Application, Standing]]:
    """For the given partners: each application (of the centre) in which they pledge, with where they stand.
    Three queries, whatever the number of applications, partners and lines."""
    lines = list(_partner_lines(application__centre=centre, partnership_id__in=list(partnership_ids))
                 .select_related("application", "partnership__organisation")
                 .filter(**({"application__status": Application.Status.DRAFT} if drafts_only else {})))
    if not lines:
        return []
    hashes = _hashes(lines)
    latest = _latest_answers({line.application_id for line in lines}, partnership_ids)
    seen: dict[tuple[int, int], tuple[Application, Standing]] = {}
    for line in lines:
        key = (line.application_id, line.partnership_id)
        if key not in seen:
            seen[key] = (line.application, Standing(line.partnership, hashes[key], latest.get(key)))
    return sorted(seen.values(), key=lambda pair: (-pair[0].planned_start.toordinal(), pair[0].pk,
                                                   pair[1].partnership.organisation.name))


# Commitments after the subsidy: the partner's continuation lines ---------------------------------------------

CONTINUATION_FIELDS = ("year", "description", "amount")
CONTINUATION_VERSION = "civhub-continuation-table-1"


def _continuation_key(line: ContinuationLine) -> tuple:
    return (line.year, line.description, Decimal(line.amount))


def canonical_continuation(lines) -> str:
    """The partner's continuation table as text: like `canonical_table`, `{"table": "civhub-continuation-table-1",
    "fields": ["year", "description", "amount"], "lines": [[2026, "Cursusgelden", "10000.00"], ...]}`, sorted by
    those fields (the amount by value). `continuation_hash` is its SHA-256."""
    rows = [[line.year, line.description, _money(line.amount)] for line in sorted(lines, key=_continuation_key)]
    return json.dumps({"table": CONTINUATION_VERSION, "fields": list(CONTINUATION_FIELDS), "lines": rows},
                      ensure_ascii=False, separators=(",", ":"))


def continuation_hash(lines) -> str:
    return hashlib.sha256(canonical_continuation(lines).encode("utf-8")).hexdigest()


def _continuation_lines(**filters):
    return ContinuationLine.objects.filter(side=BudgetSide.INCOME, partnership__isnull=False, **filters)


def continuation_lines_of(application: Application, partnership: Partnership) -> list[ContinuationLine]:
    """The partner's income after the subsidy in the application's forecast, in the canonical order (one query)."""
    return sorted(_continuation_lines(application=application, partnership=partnership), key=_continuation_key)


@dataclass
class ContinuationTable:
    """A partner's commitments after the subsidy: its lines per year, their total and the hash of exactly these."""

    years: list[YearGroup]
    lines: list[ContinuationLine]
    hash: str

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def continuation_table(application: Application, partnership: Partnership) -> ContinuationTable:
    """The partner's continuation table (one query)."""
    lines = continuation_lines_of(application, partnership)
    groups: dict[int, YearGroup] = {}
    for line in lines:
        groups.setdefault(line.year, YearGroup(line.year)).lines.append(line)
    return ContinuationTable(list(groups.values()), lines, continuation_hash(lines))


def continuation_standings(application: Application) -> list[Standing]:
    """Every partner with income after the subsidy in the forecast, by name, with where it stands: three queries."""
    grouped = defaultdict(list)
    for line in _continuation_lines(application=application):
        grouped[line.partnership_id].append(line)
    hashes = {pid: continuation_hash(lines) for pid, lines in grouped.items()}
    partners = Partnership.objects.filter(pk__in=list(hashes)).select_related("organisation")
    latest = _latest_answers([application.pk], stage=Commitment.Stage.CONTINUATION)
    return [Standing(partner, hashes[partner.pk], latest.get((application.pk, partner.pk)))
            for partner in partners.order_by("organisation__name", "pk")]


def partner_continuation_standings(centre, partnership_ids) -> list[tuple[Application, Standing]]:
    """For the given partners: each awarded application of the centre whose round after the subsidy is open and
    in which they have continuation lines, with where they stand (three queries)."""
    lines = list(_continuation_lines(application__centre=centre, partnership_id__in=list(partnership_ids),
                                     application__status=Application.Status.AWARDED,
                                     application__continuation_asked_on__isnull=False)
                 .select_related("application", "partnership__organisation"))
    if not lines:
        return []
    grouped = defaultdict(list)
    for line in lines:
        grouped[(line.application_id, line.partnership_id)].append(line)
    latest = _latest_answers({line.application_id for line in lines}, partnership_ids,
                             Commitment.Stage.CONTINUATION)
    found = [(found_lines[0].application, Standing(found_lines[0].partnership, continuation_hash(found_lines),
                                                   latest.get(key)))
             for key, found_lines in grouped.items()]
    return sorted(found, key=lambda pair: (-pair[0].planned_start.toordinal(), pair[0].pk,
                                           pair[1].partnership.organisation.name))
