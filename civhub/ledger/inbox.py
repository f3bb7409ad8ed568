"""The ledger's items in the inbox (core/inbox.py): entries to approve, to accept and to correct.

Each queue grows with the ledger, so each source also counts its entries (`count_*`), gives the first few of its
queue for the page and the digest (`limit`: oldest date first, cut by the database), names the list where all of
them wait, in the same order (`more_*`), and says when the newest started waiting (`latest_*`).
"""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.core.inbox import Item
from civhub.ledger.models import Contribution
from civhub.ledger.selectors.entries import OLDEST_FIRST

Status = Contribution.Status


def _entry_title(entry: Contribution) -> str:
    return f"{entry.description} · {entry.partnership.organisation.name}"


def _items(entries, *, kind: str, group: str, action: str, since: str, order: int, centre, limit=None) -> list[Item]:
    """The entries as items, waiting since `since` (or their last change); with `limit`, the first `limit` of their
    queue (oldest date first, as the queue lists them)."""
    entries = entries.select_related("partnership__organisation", "entered_by")
    return [Item(kind=kind, group=group, title=_entry_title(entry), since=getattr(entry, since) or entry.updated_at,
                 url=reverse("ledger:contribution", args=[centre.slug, entry.pk]), action=action, order=order,
                 note=_("Entered by %(name)s") % {"name": entry.entered_by.get_full_name()})
            for entry in (_first(entries, limit) if limit else entries.order_by("pk"))]


def _first(entries, limit: int) -> list[Contribution]:
    """The first `limit` entries by date: their keys read in order off the centre's (or partner's) date index, then
    the rows by key. In one query SQLite joined the partners and people to every waiting entry before sorting
    (200 ms for the finance controller's 50,000 at a million entries); this way it reads ten."""
    keys = list(entries.order_by(*OLDEST_FIRST).values_list("pk", flat=True)[:limit])
    found = {entry.pk: entry for entry in entries.filter(pk__in=keys).order_by()}
    return [found[key] for key in keys if key in found]


def to_approve(user, centre, limit=None) -> list[Item]:
    """Submitted entries of the partners the user signs for, which another person entered (one query; two with
    `limit`)."""
    entries = _to_approve(user, centre)
    if entries is None:
        return []
    return _items(entries, kind="ledger.approve", group=_("Contributions to approve"), action=_("Approve or reject"),
                  since="updated_at", order=10, centre=centre, limit=limit)


def to_accept(user, centre, limit=None) -> list[Item]:
    """Approved entries for the finance controller, except those they entered or approved (one query;
    two with `limit`)."""
    entries = _to_accept(user, centre)
    if entries is None:
        return []
    return _items(entries, kind="ledger.accept", group=_("Contributions to accept"), action=_("Accept or reject"),
                  since="approved_at", order=20, centre=centre, limit=limit)


def to_correct(user, centre, limit=None) -> list[Item]:
    """Rejected entries the user entered, for their own partners: they correct and submit them again (one query;
    two with `limit`)."""
    entries = _to_correct(user, centre)
    if entries is None:
        return []
    return _items(entries, kind="ledger.correct", group=_("Rejected contributions to correct"),
                  action=_("Correct"), since="updated_at", order=15, centre=centre, limit=limit)


# Where all of a queue's entries wait, for the page's "see them all" link.


def more_to_approve(centre) -> str:
    return reverse("ledger:approvals", args=[centre.slug])


def more_to_accept(centre) -> str:
    return reverse("ledger:reviews", args=[centre.slug])


def more_to_correct(centre) -> str:
    return reverse("ledger:contributions", args=[centre.slug]) + "?status=rejected&sort=date"


# The querysets behind the three sources (None: the person has no such role), and their counts for the menu.


def _to_approve(user, centre):
    signs_for = access.partnerships_with_role(user, centre, Role.PARTNER_SIGNATORY)
    if not signs_for:
        return None
    return (Contribution.objects.filter(centre=centre, partnership_id__in=signs_for, status=Status.SUBMITTED)
            .exclude(entered_by=user))


def _to_accept(user, centre):
    if not access.has_role(user, centre, Role.FINANCE_CONTROLLER):
        return None
    return (Contribution.objects.filter(centre=centre, status=Status.APPROVED)
            .exclude(entered_by=user).exclude(approved_by=user))


def _to_correct(user, centre):
    own = access.partnership_ids(user, centre)
    if not own:
        return None
    return Contribution.objects.filter(centre=centre, partnership_id__in=own, status=Status.REJECTED,
                                       entered_by=user)


def _counter(queryset_of):
    def count(user, centre) -> int:
        entries = queryset_of(user, centre)
        return 0 if entries is None else entries.count()
    return count


def count_to_accept(user, centre) -> int:
    """All approved entries (counted off the monitor's index) less those the user entered or approved (off the
    indexes of those two columns): excluding them in one count made the database read every approved row."""
    if not access.has_role(user, centre, Role.FINANCE_CONTROLLER):
        return 0
    approved = Contribution.objects.filter(centre=centre, status=Status.APPROVED)
    return approved.count() - approved.filter(Q(entered_by=user) | Q(approved_by=user)).count()


count_to_approve, count_to_correct = _counter(_to_approve), _counter(_to_correct)


def _latest(queryset_of, since: str):
    """When the newest entry of the queue started waiting, as its item says (`since`, else its last change)."""
    def latest(user, centre):
        entries = queryset_of(user, centre)
        return None if entries is None else entries.aggregate(newest=Max(Coalesce(since, "updated_at")))["newest"]
    return latest


latest_to_approve, latest_to_correct = _latest(_to_approve, "updated_at"), _latest(_to_correct, "updated_at")
latest_to_accept = _latest(_to_accept, "approved_at")
