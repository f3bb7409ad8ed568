"""The ledger's reference data, kept by the programme office: partners' pledges and rate cards.

Only the programme manager and the finance controller change them. Every write runs in one
transaction, names the actor in the row's history and records an audit event. A rate card
that valued accepted entries stays as it is: the auditor must be able to see the rate those
entries were accepted at, so a new rate is a new card from a later date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.core.choices import ContributionKind
from civhub.core.formatting import format_date
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution, Pledge, RateCard
from civhub.ledger.permissions import may_edit_reference

MAX_RATE = Decimal("500")
MAX_PLEDGE = Decimal("9999999999.99")  # what the column holds (12 digits, 2 decimals)
CENT = Decimal("0.01")
# Entries whose value counted as accepted: accepted ones, and accepted ones later reversed.
ACCEPTED_STATUSES = (Contribution.Status.ACCEPTED, Contribution.Status.REVERSED)


def _ensure_editor(actor, centre) -> None:
    if not may_edit_reference(actor, centre):
        raise LedgerError(_("Only the programme manager or the finance controller changes pledges and rates."))


def _ensure_cents(value: Decimal, message: str) -> None:
    if value != value.quantize(CENT):
        raise LedgerError(message)


# Pledges ----------------------------------------------------------------------------------


@dataclass
class PledgeData:
    """What the office says about one pledge: the year, the kind and the amount promised."""

    year: int
    kind: str
    amount: Decimal


def grant_years(centre) -> list[int]:
    """The calendar years covered by the centre's grants, in order."""
    years = set()
    for start, end in centre.grants.values_list("start", "end"):
        years.update(range(start.year, end.year + 1))
    return sorted(years)


def _check_pledge(partnership, data: PledgeData) -> None:
    if data.year not in grant_years(partnership.centre):
        raise LedgerError(_("The year %(year)s lies outside the grant period.") % {"year": data.year})
    if data.kind not in ContributionKind.values:
        raise LedgerError(_("Unknown kind of contribution: %(kind)s.") % {"kind": data.kind})
    if data.amount is None or data.amount < 0:
        raise LedgerError(_("A pledge is EUR 0 or more."))
    if data.amount > MAX_PLEDGE:
        raise LedgerError(_("A pledge can be at most EUR 9,999,999,999.99."))
    _ensure_cents(data.amount, _("A pledge has at most two decimals (whole cents)."))


def _ensure_pledge_free(partnership, data: PledgeData, pledge: Pledge | None) -> None:
    others = Pledge.objects.filter(partnership=partnership, year=data.year, kind=data.kind)
    if pledge is not None:
        others = others.exclude(pk=pledge.pk)
    if others.exists():
        raise LedgerError(
            _("%(partner)s already has a pledge for %(year)s of this kind; change that one instead.")
            % {"partner": partnership.organisation.name, "year": data.year}
        )


def create_pledge(*, partnership, actor, data: PledgeData) -> Pledge:
    """Record a partner's pledge for a year and kind of contribution."""
    _ensure_editor(actor, partnership.centre)
    _check_pledge(partnership, data)
    with transaction.atomic():
        _ensure_pledge_free(partnership, data, None)
        pledge = Pledge(partnership=partnership, year=data.year, kind=data.kind, amount=data.amount)
        pledge._history_user = actor
        _save_unique(pledge, lambda: _ensure_pledge_free(partnership, data, None))
        record_event(pledge, actor=actor, action="pledge_created", centre=partnership.centre,
                     summary=str(pledge))
    return pledge


def update_pledge(*, pledge: Pledge, actor, data: PledgeData) -> Pledge:
    """Change a pledge's year, kind or amount; nothing is written when nothing changed."""
    partnership = pledge.partnership
    _ensure_editor(actor, partnership.centre)
    _check_pledge(partnership, data)
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().select_related("partnership__organisation").get(pk=pledge.pk)
        changes = field_changes(pledge, {"year": data.year, "kind": data.kind, "amount": data.amount})
        if not changes:
            return pledge
        _ensure_pledge_free(partnership, data, pledge)
        pledge.year, pledge.kind, pledge.amount = data.year, data.kind, data.amount
        pledge._history_user = actor
        _save_unique(pledge, lambda: _ensure_pledge_free(partnership, data, pledge))
        record_event(pledge, actor=actor, action="pledge_updated", centre=partnership.centre,
                     summary=str(pledge), changes=changes)
    return pledge


def _save_unique(instance, recheck) -> None:
    """Save; when a twin was written at the same moment, `recheck()` raises the same refusal as before."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        recheck()
        raise


def delete_pledge(*, pledge: Pledge, actor) -> None:
    """Remove a pledge (its history keeps what it was and who removed it)."""
    _ensure_editor(actor, pledge.partnership.centre)
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().select_related("partnership__centre").get(pk=pledge.pk)
        record_event(pledge, actor=actor, action="pledge_deleted", centre=pledge.partnership.centre,
                     summary=str(pledge))
        pledge._history_user = actor
        pledge.delete()


# Rate cards -------------------------------------------------------------------------------


@dataclass
class RateData:
    """What the office says about one rate: the staff category, the hourly rate and from when."""

    category: str
    hourly_rate: Decimal
    valid_from: datetime.date


def with_validity(cards: QuerySet[RateCard]) -> QuerySet[RateCard]:
    """Annotate each card with `next_from` (the next card's valid_from, or None) and `in_use`.

    A card is in use when an accepted (or accepted and later reversed) entry of that partner
    and category lies in its span: from its own date until the next card's.
    """
    later = RateCard.objects.filter(partnership=OuterRef("partnership"), category=OuterRef("category"),
                                    valid_from__gt=OuterRef("valid_from")).order_by("valid_from")
    cards = cards.annotate(next_from=Subquery(later.values("valid_from")[:1]))
    cards = cards.annotate(span_end=Coalesce("next_from", Value(datetime.date.max), output_field=DateField()))
    accepted_in_span = Contribution.objects.filter(
        partnership=OuterRef("partnership"), category=OuterRef("category"), status__in=ACCEPTED_STATUSES,
        date__gte=OuterRef("valid_from"), date__lt=OuterRef("span_end"),
    )
    return cards.annotate(in_use=Exists(accepted_in_span))


def _check_rate(data: RateData) -> str:
    """The category as a slug; raise when the rate or category is not acceptable."""
    category = slugify(data.category or "")
    if not category or len(category) > 40:
        raise LedgerError(_("Give a staff category of 1 to 40 letters, digits, hyphens or underscores."))
    if data.hourly_rate is None or not Decimal("0") < data.hourly_rate <= MAX_RATE:
        raise LedgerError(_("An hourly rate is more than EUR 0 and at most EUR 500."))
    _ensure_cents(data.hourly_rate, _("An hourly rate has at most two decimals (whole cents)."))
    if data.valid_from is None:
        raise LedgerError(_("Give the date from which the rate applies."))
    return category


def _ensure_rate_free(partnership, category: str, valid_from, card: RateCard | None) -> None:
    others = RateCard.objects.filter(partnership=partnership, category=category, valid_from=valid_from)
    if card is not None:
        others = others.exclude(pk=card.pk)
    if others.exists():
        raise LedgerError(
            _("%(partner)s already has a rate for “%(category)s” from %(date)s; change that one instead.")
            % {"partner": partnership.organisation.name, "category": category,
               "date": format_date(valid_from)}
        )


def _ensure_not_in_use(card: RateCard, doing: str) -> None:
    in_use = with_validity(RateCard.objects.filter(pk=card.pk)).values_list("in_use", flat=True).get()
    if in_use:
        raise LedgerError(
            _("This rate cannot be %(doing)s: accepted entries were valued at it, and the auditor must be able "
              "to see the rate they were accepted at. Add a new rate from a later date instead.")
            % {"doing": doing}
        )


def create_rate_card(*, partnership, actor, data: RateData) -> RateCard:
    """Add an hourly rate for a partner's staff category from a date (until the next one)."""
    _ensure_editor(actor, partnership.centre)
    category = _check_rate(data)
    with transaction.atomic():
        _ensure_rate_free(partnership, category, data.valid_from, None)
        card = RateCard(partnership=partnership, category=category, hourly_rate=data.hourly_rate,
                        valid_from=data.valid_from)
        card._history_user = actor
        _save_unique(card, lambda: _ensure_rate_free(partnership, category, data.valid_from, None))
        record_event(card, actor=actor, action="rate_card_created", centre=partnership.centre,
                     summary=str(card))
    return card


def update_rate_card(*, card: RateCard, actor, data: RateData) -> RateCard:
    """Correct a rate card that no accepted entry was valued at; nothing is written when nothing changed."""
    partnership = card.partnership
    _ensure_editor(actor, partnership.centre)
    category = _check_rate(data)
    with transaction.atomic():
        card = RateCard.objects.select_for_update().select_related("partnership__organisation").get(pk=card.pk)
        wanted = {"category": category, "hourly_rate": data.hourly_rate, "valid_from": data.valid_from}
        changes = field_changes(card, wanted)
        if not changes:
            return card
        _ensure_not_in_use(card, _("changed"))
        _ensure_rate_free(partnership, category, data.valid_from, card)
        for name, value in wanted.items():
            setattr(card, name, value)
        card._history_user = actor
        _save_unique(card, lambda: _ensure_rate_free(partnership, category, data.valid_from, card))
        record_event(card, actor=actor, action="rate_card_updated", centre=partnership.centre,
                     summary=str(card), changes=changes)
    return card


def delete_rate_card(*, card: RateCard, actor) -> None:
    """Remove a rate card that no accepted entry was valued at."""
    _ensure_editor(actor, card.partnership.centre)
    with transaction.atomic():
        card = RateCard.objects.select_for_update().select_related("partnership__centre").get(pk=card.pk)
        _ensure_not_in_use(card, _("deleted"))
        record_event(card, actor=actor, action="rate_card_deleted", centre=card.partnership.centre,
                     summary=str(card))
        card._history_user = actor
        card.delete()
