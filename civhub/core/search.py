"""Search in a centre ("Zoeken"): hits that apps further up the stack contribute.

The search page belongs to `accounts` (it needs the access rules), which may not import the apps built on it
(partners, ledger, learning, governance...). Each app registers a source here from its AppConfig.ready():

    search.register(Source(name="ledger.contribution", label=_("Contributions"), search=contributions, order=30))

`search(user, centre, query)` returns a `Found`: at most `PER_GROUP` hits and how many there are, in a constant
number of queries (two at most: the rows and, when there are more, their count). A source starts from the app's
scoped queryset, so that it never finds what the person may not open (docs/style.md §5), and links each hit to a
page that opens for them.

`matching(queryset, fields, query)` is the match every source shares. On PostgreSQL it is the database's full-text
search: the fields in one vector with the Dutch dictionary (so "vergaderingen" finds "vergadering") and the simple
one (so names, e-mail addresses and beginnings of words match as typed), the query in the web-search syntax
(`"exact words"`, `or`, `-not`), the best match first. Elsewhere (SQLite) every word must occur, in any case, in one
of the fields. A field is a path (`"partnership__organisation__name"`) or an expression: `choice_label` turns a
choice field into its label in the reader's language, and a translated JSON field ({"nl": ..., "en": ...}) is
searched as text with `Cast(field, TextField())`.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connections
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.db.models.expressions import Expression

# The most hits a group shows; the page tells how many more there are.
PER_GROUP = 10
# A query longer than this is cut; more words than this are not searched for.
MAX_LENGTH = 200
MAX_WORDS = 10

_OPERATORS = {"or"}  # the web-search syntax's own words on PostgreSQL, not words to find


@dataclass(frozen=True)
class Query:
    """What a person typed (trimmed and cut to MAX_LENGTH) and the words in it to find (and to highlight)."""

    text: str
    words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)


def parse(text: str | None) -> Query:
    """The query in `text`: its words without quotes and brackets; `or` and words with a leading minus are the
    web-search syntax (PostgreSQL honours them), not words that must occur."""
    # A NUL is no text, and PostgreSQL refuses it in a query: it separates words like a space.
    text = " ".join((text or "").replace("\x00", " ").split())[:MAX_LENGTH]
    words: list[str] = []
    for token in text.split():
        if token.startswith("-") or token.lower() in _OPERATORS:
            continue
        word = token.strip("\"'()")
        if word and word.lower() not in (known.lower() for known in words):
            words.append(word)
    return Query(text=text, words=tuple(words[:MAX_WORDS]))


@dataclass(frozen=True)
class Hit:
    """One thing found: what it is called, a short line of context, where it opens, and its day if it has one."""

    title: str
    url: str  # a path on this site that opens for the person who searched
    context: str = ""
    when: date | datetime | None = None


@dataclass(frozen=True)
class Found:
    """What one source found: its first hits and how many there are in all."""

    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class Source:
    name: str
    label: str  # the group's heading (a lazy translation)
    search: Callable[..., Found]  # (user, centre, query: Query) -> Found
    order: int = 100


@dataclass(frozen=True)
class Group:
    name: str
    label: str
    hits: list[Hit]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add a source; registering the same name again replaces it (ready() may run twice in tests)."""
    _SOURCES[source.name] = source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.name))


def search(user, centre, text: str | Query) -> list[Group]:
    """What `user` may see in `centre` that matches `text`, by kind in the sources' order (kinds without hits
    left out); nothing for an anonymous visitor or a query without words."""
    query = text if isinstance(text, Query) else parse(text)
    if not query or not getattr(user, "is_authenticated", False):
        return []
    groups = []
    for source in sources():
        found = source.search(user, centre, query)
        if found.total:
            groups.append(Group(source.name, str(source.label), found.hits, found.total))
    return groups


# The match ---------------------------------------------------------------------------------------------------------


Field = str | Expression


def choice_label(path: str, choices: Sequence[tuple[str, str]]) -> Case:
    """A choice field as its label in the active language, so "gemeente" finds the municipalities."""
    return Case(*(When(**{path: value}, then=Value(str(label))) for value, label in choices),
                default=Value(""), output_field=CharField())


def matching(queryset: QuerySet, fields: Sequence[Field], query: Query, *, order: Sequence[str] = ()) -> QuerySet:
    """The rows of `queryset` that match `query` in `fields`: the best match first on PostgreSQL, then `order`."""
    if connections[queryset.db].vendor == "postgresql":
        return _full_text(queryset, fields, query).order_by("-search_rank", *order)
    return _every_word(queryset, fields, query).order_by(*order)


def found(queryset: QuerySet, hit: Callable[..., Hit]) -> Found:
    """The first PER_GROUP rows as hits, and their number: counted by the database only when there are more."""
    rows = list(queryset[:PER_GROUP])
    total = len(rows) if len(rows) < PER_GROUP else queryset.count()
    return Found([hit(row) for row in rows], total)


def _every_word(queryset: QuerySet, fields: Sequence[Field], query: Query) -> QuerySet:
    """Every word in one of the fields, ignoring case (SQLite: ASCII letters only)."""
    paths = []
    for number, field in enumerate(fields):
        if isinstance(field, str):
            paths.append(field)
        else:
            queryset = queryset.alias(**{f"search_field_{number}": field})
            paths.append(f"search_field_{number}")
    condition = Q()
    for word in query.words:
        condition &= _any_of(Q(**{f"{path}__icontains": word}) for path in paths)
    return queryset.filter(condition)


def _any_of(conditions) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _full_text(queryset: QuerySet, fields: Sequence[Field], query: Query) -> QuerySet:
    """PostgreSQL's full-text search over the fields, with Dutch stemming and words as typed; ranked."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector  # needs psycopg: PostgreSQL only

    vector = SearchVector(*fields, config="dutch") + SearchVector(*fields, config="simple")
    wanted = (SearchQuery(query.text, search_type="websearch", config="dutch")
              | SearchQuery(query.text, search_type="websearch", config="simple"))
    prefixes = _prefixes(query)
    if prefixes:
        wanted |= SearchQuery(prefixes, search_type="raw", config="simple")
    return queryset.alias(search_vector=vector).filter(search_vector=wanted).annotate(
        search_rank=SearchRank(vector, wanted))


def _prefixes(query: Query) -> str:
    """The words as beginnings of words ("arnh" finds Arnhem), for a query without web-search syntax.

    A raw tsquery: only letters and digits of each word go in, so nothing the person typed is read as syntax.
    """
    if query.text != " ".join(query.words):
        return ""  # quotes, `or` or `-`: the web-search syntax decides alone
    parts = [part for word in query.words for part in re.findall(r"[^\W_]+", word)]
    return " & ".join(f"{part}:*" for part in parts)


# Showing a hit -----------------------------------------------------------------------------------------------------


def joined(*parts) -> str:
    """A hit's context line: the parts that are not empty, with a dot between them."""
    return " · ".join(str(part) for part in parts if part)
