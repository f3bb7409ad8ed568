"""What the entry, queue and period pages read: scoped querysets, totals per status, an entry's actions.

Every queryset starts from `contributions_visible_to`, so another partner's entry is never
in it (the views answer 404). Totals are summed by the database, never in a Python loop.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import BooleanField, Case, CharField, ExpressionWrapper, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.ledger import tally
from civhub.ledger.counting import cofinancing
from civhub.ledger.models import Contribution, PeriodLock, RateCard
from civhub.ledger.permissions import (
    contributions_visible_to,
    is_finance_controller,
    may_approve,
    may_enter,
    signs_for,
    tally_visible_to,
)
from civhub.partners.permissions import partnerships_visible_to

Status = Contribution.Status
LIST_RELATED = ("partnership__organisation", "programme_line", "entered_by")
PAGE_RELATED = ("partnership__organisation",)  # what the contributions page's table shows of other rows
DETAIL_RELATED = (*LIST_RELATED, "centre", "activity", "partnership__centre", "approved_by", "accepted_by",
                  "reversal_of", "reversal")
COUNTED = cofinancing()

# What each StatusEvent.action means, for the history table.
EVENT_LABELS = {
    "created": _("saved as draft"),
    "edited": _("edited"),
    "submitted": _("submitted for approval"),
    "approved": _("approved by the partner"),
    "rejected": _("rejected"),
    "accepted": _("accepted by the finance controller"),
    "reversed": _("reversed"),
    "reversal": _("recorded as reversal"),
}

OWN_ENTRY = _("You entered this contribution yourself: another signatory of your organisation approves it.")
OWN_APPROVAL = _("You entered or approved this contribution yourself: another finance controller accepts it.")


NEWEST_FIRST = ("-date", "-pk")
OLDEST_FIRST = ("date", "pk")


def contribution_list(user, centre, *, status="", year=None, kind="", partner="",
                      ordering=NEWEST_FIRST, related=LIST_RELATED) -> QuerySet[Contribution]:
    """The entries the user may see, filtered, in `ordering` (newest first), with the `related` rows a table
    shows (the API's: programme line and who entered them too)."""
    entries = _filtered(contributions_visible_to(user, centre), "date", status=status, year=year, kind=kind,
                        partner=partner)
    return entries.select_related(*related).order_by(*ordering)


def _filtered(rows: QuerySet, date_field: str, *, status, year, kind, partner) -> QuerySet:
    """The list's filters, for its entries and for their tally alike (the totals must count what the list shows);
    `date_field` is the entry's date or the tally's month."""
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(**{f"{date_field}__year": year})
    if kind:
        rows = rows.filter(kind=kind)
    if partner:
        rows = rows.filter(partnership__short_code=partner)
    return rows


@dataclass(frozen=True)
class StatusTotal:
    """Number, hours and value of the entries in one status; `counted` leaves out not-counted partners."""

    status: str
    label: str
    count: int
    hours: Decimal
    amount: Decimal
    counted: Decimal


def totals_by_status(user, centre, *, status="", year=None, kind="", partner="") -> list[StatusTotal]:
    """One row per status (zeros included) of the entries `contribution_list` gives for the same filters, summed
    from the ledger's tally (ledger/tally.py): a few thousand rows at a million entries, in one GROUP BY query."""
    cells = _filtered(tally_visible_to(user, centre), "date_month", status=status, year=year, kind=kind,
                      partner=partner)
    rows = cells.order_by().values("status").annotate(
        n=Sum("entries"), hours=Sum("hours_hundredths"), amount=Sum("amount_cents"),
        counted=Sum("amount_cents", filter=COUNTED))
    by_status = {row["status"]: row for row in rows}
    return [_status_total(status, by_status.get(status, {})) for status in Status]


@dataclass(frozen=True)
class Realised:
    """What counts: accepted entries, where a reversed entry and its (accepted, negative) reversal net to zero.

    Summing only the accepted status would subtract a correction twice: the original leaves
    `accepted` for `reversed` while its reversal joins `accepted`. Reversals carry no hours.
    """

    hours: Decimal
    amount: Decimal
    counted: Decimal


def realised(totals: list[StatusTotal]) -> Realised:
    by_status = {total.status: total for total in totals}
    accepted, reversed_ = by_status[Status.ACCEPTED], by_status[Status.REVERSED]
    return Realised(hours=accepted.hours, amount=accepted.amount + reversed_.amount,
                    counted=accepted.counted + reversed_.counted)


def _status_total(status, row: dict) -> StatusTotal:
    return StatusTotal(status=status.value, label=status.label, count=row.get("n", 0),
                       hours=tally.decimal(row.get("hours")), amount=tally.decimal(row.get("amount")),
                       counted=tally.decimal(row.get("counted")))


def entry_for(user, centre, pk: int) -> Contribution:
    """One entry the user may see, with everything the detail page shows; any other is a 404."""
    return get_object_or_404(contributions_visible_to(user, centre).select_related(*DETAIL_RELATED), pk=pk)


def _status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value


def history(entry: Contribution) -> list:
    """The entry's status changes, oldest first, each with readable labels for what happened."""
    events = list(entry.events.select_related("actor"))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
        event.from_label = _status_label(event.from_status) if event.from_status else ""
        event.to_label = _status_label(event.to_status)
    return events


def evidence_name(entry: Contribution) -> str:
    """The evidence file's own name, without the folder it is stored in."""
    return Path(entry.evidence.name).name if entry.evidence else ""


# What a browser shows of an evidence file by its extension (the upload checks the content matches it): a PDF in a
# frame, an image as an image; any other file (a migrated one, say) is only downloaded.
PREVIEWS = {".pdf": "pdf", ".png": "image", ".jpg": "image", ".jpeg": "image"}


def evidence_preview(entry: Contribution) -> str:
    """"pdf", "image", "file" (download only) or "" (no evidence): how the entry's evidence can be looked at."""
    if not entry.evidence:
        return ""
    return PREVIEWS.get(Path(entry.evidence.name).suffix.lower(), "file")


def _evidence_preview_sql() -> Case:
    """`evidence_preview` computed by the database, for a list (the same answer as the function above)."""
    return Case(*(When(evidence__iendswith=suffix, then=Value(kind)) for suffix, kind in PREVIEWS.items()),
                When(~Q(evidence=""), then=Value("file")), default=Value(""), output_field=CharField())


def signatory_entries(user, centre) -> QuerySet[Contribution]:
    """Entries of the partnerships the user signs for (any status): what the approval queue acts on."""
    return contributions_visible_to(user, centre).filter(
        partnership__memberships__user=user, partnership__memberships__role=Role.PARTNER_SIGNATORY,
    )


def approval_queue(user, centre, *, ordering=OLDEST_FIRST) -> QuerySet[Contribution]:
    """Submitted entries waiting for this signatory (oldest first); `entered_by_me` marks those they may not approve."""
    return (
        signatory_entries(user, centre).filter(status=Status.SUBMITTED)
        .annotate(entered_by_me=ExpressionWrapper(Q(entered_by=user), output_field=BooleanField()))
        .select_related(*LIST_RELATED).order_by(*ordering)
    )


def review_queue(user, centre, *, ordering=OLDEST_FIRST) -> QuerySet[Contribution]:
    """Approved entries waiting for the finance controller, oldest first, each with its `evidence_preview`."""
    return (
        contributions_visible_to(user, centre).filter(status=Status.APPROVED)
        .annotate(evidence_preview=_evidence_preview_sql())
        .select_related(*LIST_RELATED, "approved_by").order_by(*ordering)
    )


def enterable_partnerships(user, centre) -> list:
    """The partnerships the user records contributions for (their own, as contact or signatory)."""
    own = partnerships_visible_to(user, centre).filter(pk__in=access.partnership_ids(user, centre))
    return list(own.select_related("organisation", "centre").order_by("organisation__name"))


def staff_categories(partnerships) -> list[str]:
    """The staff categories the partners' rate cards name, for the entry form's choices."""
    return list(
        RateCard.objects.filter(partnership__in=partnerships).order_by("category")
        .values_list("category", flat=True).distinct()
    )


def grant_years(centre) -> list[int]:
    """The years of the centre's grants, for the year filters and the period form."""
    years = set()
    for start, end in centre.grants.values_list("start", "end"):
        years.update(range(start.year, end.year + 1))
    return sorted(years)


def all_grants_fix_the_rate(centre) -> bool:
    """True when every grant of the centre values hours at one fixed rate (the category is then not needed)."""
    rates = list(centre.grants.values_list("fixed_hourly_rate", flat=True))
    return bool(rates) and all(rate is not None for rate in rates)


def period_label(lock: PeriodLock) -> str:
    """“2026” for a year, “Q2 2026” for a quarter."""
    if lock.span == PeriodLock.Span.YEAR:
        return str(lock.starts_on.year)
    return _("Q%(quarter)d %(year)d") % {"quarter": (lock.starts_on.month - 1) // 3 + 1, "year": lock.starts_on.year}


def period_locks(centre) -> list[PeriodLock]:
    """The centre's closed (and reopened) periods, newest first, each with its label."""
    locks = list(PeriodLock.objects.filter(centre=centre).select_related("closed_by", "reopened_by").order_by(
        "-starts_on", "-closed_at"))
    for lock in locks:
        lock.label = period_label(lock)
    return locks


@dataclass(frozen=True)
class Actions:
    """What the viewer may do with one entry now; the services check again when they act."""

    edit: bool = False
    submit: bool = False
    delete: bool = False
    approve: bool = False
    reject: bool = False
    accept: bool = False
    reverse: bool = False
    correct: bool = False
    approve_blocked: str = ""

    def __bool__(self) -> bool:
        return any((self.edit, self.submit, self.delete, self.approve, self.reject, self.accept, self.reverse,
                    self.correct))


def actions_for(user, entry: Contribution) -> Actions:
    """The buttons the detail page shows this viewer."""
    status, enters = entry.status, may_enter(user, entry.partnership)
    controller = is_finance_controller(user, entry.centre)
    own = user.pk in (entry.entered_by_id, entry.approved_by_id)
    approver = status == Status.SUBMITTED and may_approve(user, entry)
    signatory = signs_for(user, entry)
    return Actions(
        edit=enters and status in (Status.DRAFT, Status.REJECTED),
        submit=enters and status == Status.DRAFT,
        delete=enters and status == Status.DRAFT,
        approve=approver,
        reject=approver or (status == Status.APPROVED and controller),
        accept=status == Status.APPROVED and controller and not own,
        reverse=status == Status.ACCEPTED and controller and not entry.is_reversal,
        correct=enters and status == Status.REVERSED,
        approve_blocked=(str(OWN_ENTRY) if status == Status.SUBMITTED and signatory and not approver
                         else str(OWN_APPROVAL) if status == Status.APPROVED and controller and own else ""),
    )
