"""The ledger's items in the inbox (core/inbox.py): entries to approve, to accept and to correct."""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.core.inbox import Item
from civhub.ledger.models import Contribution

Status = Contribution.Status


def _entry_title(entry: Contribution) -> str:
    return f"{entry.description} · {entry.partnership.organisation.name}"


def _items(entries, *, kind: str, group: str, action: str, since: str, order: int, centre) -> list[Item]:
    return [Item(kind=kind, group=group, title=_entry_title(entry), since=getattr(entry, since) or entry.updated_at,
                 url=reverse("ledger:contribution", args=[centre.slug, entry.pk]), action=action, order=order,
                 note=_("Entered by %(name)s") % {"name": entry.entered_by.get_full_name()})
            for entry in entries.select_related("partnership__organisation", "entered_by").order_by("pk")]


def to_approve(user, centre) -> list[Item]:
    """Submitted entries of the partners the user signs for, which another person entered (one query)."""
    signs_for = access.partnerships_with_role(user, centre, Role.PARTNER_SIGNATORY)
    if not signs_for:
        return []
    entries = (Contribution.objects.filter(centre=centre, partnership_id__in=signs_for, status=Status.SUBMITTED)
               .exclude(entered_by=user))
    return _items(entries, kind="ledger.approve", group=_("Contributions to approve"), action=_("Approve or reject"),
                  since="updated_at", order=10, centre=centre)


def to_accept(user, centre) -> list[Item]:
    """Approved entries for the finance controller, except those they entered or approved (one query)."""
    if not access.has_role(user, centre, Role.FINANCE_CONTROLLER):
        return []
    entries = (Contribution.objects.filter(centre=centre, status=Status.APPROVED)
               .exclude(entered_by=user).exclude(approved_by=user))
    return _items(entries, kind="ledger.accept", group=_("Contributions to accept"), action=_("Accept or reject"),
                  since="approved_at", order=20, centre=centre)


def to_correct(user, centre) -> list[Item]:
    """Rejected entries the user entered, for their own partners: they correct and submit them again (one query)."""
    own = access.partnership_ids(user, centre)
    if not own:
        return []
    entries = Contribution.objects.filter(centre=centre, partnership_id__in=own, status=Status.REJECTED,
                                          entered_by=user)
    return _items(entries, kind="ledger.correct", group=_("Rejected contributions to correct"),
                  action=_("Correct"), since="updated_at", order=15, centre=centre)
