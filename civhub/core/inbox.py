"""What waits for a person in a centre ("Te doen"): items that apps further up the stack contribute.

The inbox page and the menu's count belong to `accounts`, which may not import the apps built on it
(ledger, partners, research, governance...). Each app registers a source here from its AppConfig.ready():

    inbox.register(Source(name="ledger.approve", items=entries_to_approve, order=10))

`items(user, centre)` returns the `Item`s waiting for that person in that centre (an empty list when the
person has nothing of that kind, e.g. is no signatory), in a constant number of queries, and only items the
person may act on: never another partner's. The page (`page_groups`) and the daily digest e-mail show at most
`PER_GROUP` of a kind, oldest first, with how many wait: a source whose queue can grow with the ledger (tens of
thousands of entries at a million) gives `count`, `more` (the list where all of them wait), `first` (the first of
that list, read by the database) and `latest` (when its newest item started waiting: the digest's "anything new?"),
so neither ever builds them all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

PER_GROUP = 10  # items a group shows on the page; the rest are a link away


@dataclass(frozen=True)
class Item:
    """One thing that waits for someone: what it is, since when it waits, and where it is done."""

    kind: str  # the group it belongs to, e.g. "ledger.approve"
    group: str  # the group's heading, translated ("Contributions to approve")
    title: str
    since: datetime | date
    url: str  # a path on this site (the page where it is done)
    action: str  # the button's text ("Approve")
    note: str = ""  # a line under the title: the partner, the due date...
    order: int = 100  # the group's place on the page

    @property
    def waiting_since(self) -> datetime:
        """`since` as an aware datetime, so dates and datetimes sort together."""
        if isinstance(self.since, datetime):
            return self.since
        return timezone.make_aware(datetime.combine(self.since, time.min))

    def days_waiting(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - timezone.localtime(self.waiting_since).date()).days)


@dataclass(frozen=True)
class Source:
    """A kind of item. For a queue that grows with the ledger: `count(user, centre)` counts the items without
    building them (the menu's number on every page), `more(centre)` is the path of the list where every one of them
    waits (the page links to it), `first(user, centre, limit)` gives the first `limit` of that list, in its
    order (its oldest first), and `latest(user, centre)` when its newest item started waiting (None when none)."""

    name: str
    items: Callable
    order: int = 100
    count: Callable | None = None
    first: Callable | None = None
    more: Callable | None = None
    latest: Callable | None = None


@dataclass
class Group:
    """The items of one kind the page shows (the oldest), how many wait in all, and where they all are."""

    kind: str
    label: str
    order: int
    items: list[Item] = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def hidden(self) -> int:
        """How many wait beyond those shown."""
        return max(0, self.total - len(self.items))


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add a source; registering the same name again replaces it (ready() may run twice in tests)."""
    _SOURCES[source.name] = source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.name))


def items_for(user, centre) -> list[Item]:
    """Everything waiting for `user` in `centre`, oldest first; nothing for an anonymous visitor."""
    if not getattr(user, "is_authenticated", False):
        return []
    return _oldest_first([item for source in sources() for item in source.items(user, centre)])


def count_for(user, centre) -> int:
    """How many items `items_for` would give, counted by the database where the source can."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return sum(source.count(user, centre) if source.count else len(source.items(user, centre))
               for source in sources())


def groups(items: list[Item]) -> list[Group]:
    """The items grouped by kind, groups in their order, each group oldest first (as `items_for` sorts)."""
    grouped: dict[str, Group] = {}
    for item in _oldest_first(items):
        group = grouped.setdefault(item.kind, Group(item.kind, item.group, item.order))
        group.items.append(item)
        group.total += 1
    return sorted(grouped.values(), key=lambda group: (group.order, group.kind))


def page_groups(user, centre, *, limit: int | None = None) -> list[Group]:
    """The inbox page, in a constant number of queries however long the queues are: of a source with `first`, the
    oldest `limit` items with the number that wait; of the others (a few reports, actions, questions), every item."""
    if not getattr(user, "is_authenticated", False):
        return []
    limit, found = limit or PER_GROUP, []
    for source in sources():
        found += _bounded(source, user, centre, limit) if source.first else groups(source.items(user, centre))
    return sorted(found, key=lambda group: (group.order, group.kind))


def arrived_since(user, centre, groups: list[Group], since: datetime) -> bool:
    """Whether anything in `groups` (`page_groups`) started waiting after `since`: a long queue, of which the groups
    hold only the oldest, is asked for its newest."""
    long_queues = {source.name: source for source in sources() if source.first and source.latest}
    for group in groups:
        source = long_queues.get(group.kind)
        newest = source.latest(user, centre) if source else max(item.waiting_since for item in group.items)
        if newest is not None and newest > since:
            return True
    return False


def _bounded(source: Source, user, centre, limit: int) -> list[Group]:
    total = source.count(user, centre)
    if not total:
        return []
    shown = source.first(user, centre, limit)  # in the order of the list it leads to
    if not shown:  # the last one was done between the count and the look
        return []
    more_url = source.more(centre) if source.more else ""
    return [Group(shown[0].kind, shown[0].group, shown[0].order, shown, total=total, more_url=more_url)]


def _oldest_first(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: (item.waiting_since, item.title))
