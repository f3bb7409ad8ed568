"""What waits for a person in a centre ("Te doen"): items that apps further up the stack contribute.

The inbox page and the menu's count belong to `accounts`, which may not import the apps built on it
(ledger, partners, research, governance...). Each app registers a source here from its AppConfig.ready():

    inbox.register(Source(name="ledger.approve", items=entries_to_approve, order=10))

`items(user, centre)` returns the `Item`s waiting for that person in that centre (an empty list when the
person has nothing of that kind, e.g. is no signatory), in a constant number of queries, and only items the
person may act on: never another partner's. The page groups them by kind, oldest first; the daily digest
e-mail lists the same items.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone


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
    """A kind of item; `count(user, centre)`, when given, counts them without building them (the menu's number
    on every page: a queue of a large ledger holds tens of thousands of entries)."""

    name: str
    items: Callable
    order: int = 100
    count: Callable | None = None


@dataclass
class Group:
    kind: str
    label: str
    order: int
    items: list[Item] = field(default_factory=list)


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
    found = [item for source in sources() for item in source.items(user, centre)]
    return sorted(found, key=lambda item: (item.waiting_since, item.title))


def count_for(user, centre) -> int:
    """How many items `items_for` would give, counted by the database where the source can."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return sum(source.count(user, centre) if source.count else len(source.items(user, centre))
               for source in sources())


def groups(items: list[Item]) -> list[Group]:
    """The items grouped by kind, groups in their order, each group oldest first (as `items_for` sorts)."""
    grouped: dict[str, Group] = {}
    for item in items:
        grouped.setdefault(item.kind, Group(item.kind, item.group, item.order)).items.append(item)
    return sorted(grouped.values(), key=lambda group: (group.order, group.kind))
