"""Sorting a list by one of its columns: `?sort=date` ascending, `?sort=-date` descending (docs/style.md §17).

A view declares the columns a person may sort by, as a mapping from a short key (what the
address shows) to the ORM ordering the database uses, and the default:

    COLUMNS = {"date": ("date", "pk"), "partner": ("partnership__organisation__name", "date", "pk")}
    sorting = sort_by(request, COLUMNS, default="-date")
    entries = selectors.contribution_list(user, centre, ordering=sorting.ordering)

Only the declared keys are read from the address: an unknown key, or none, falls back to the
default without a word, so no field name ever travels from the URL to `order_by`. The
database sorts (one ORDER BY), so a page takes the same queries in any order. The header
cells are drawn by `{% sort_header %}` (`templatetags/sorting.py`).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import OrderBy
from django.http import QueryDict

ASCENDING, DESCENDING = "ascending", "descending"
PAGE = "page"  # a new order starts on its first page


def _parse(value: str) -> tuple[str, bool]:
    """"-date" → ("date", True); "date" → ("date", False)."""
    return (value[1:], True) if value.startswith("-") else (value, False)


def _flip(term):
    """The same ordering term the other way round: "date" ↔ "-date", an expression's asc() ↔ desc()."""
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    if isinstance(term, OrderBy):
        flipped = term.copy()
        flipped.descending = not term.descending
        return flipped
    return term.desc()


@dataclass(frozen=True)
class Sorting:
    """The order a list is shown in: which column, which way, and the links that change it."""

    columns: Mapping[str, tuple]
    key: str
    descending: bool
    query: QueryDict
    param: str = "sort"
    default: str = ""

    @property
    def value(self) -> str:
        """The address's form of this order: "date" or "-date"."""
        return f"-{self.key}" if self.descending else self.key

    @property
    def is_default(self) -> bool:
        return self.value == self.default

    @property
    def ordering(self) -> tuple:
        """What `order_by` takes: the column's terms, each reversed when descending."""
        terms = tuple(self.columns[self.key])
        return tuple(_flip(term) for term in terms) if self.descending else terms

    def direction(self, key: str) -> str | None:
        """"ascending" or "descending" for the sorted column (its `aria-sort`), None for the others."""
        if key != self.key:
            return None
        return DESCENDING if self.descending else ASCENDING

    def next_value(self, key: str) -> str:
        """What a click on `key` asks for: the sorted column turns round, another column starts ascending."""
        return key if key != self.key or self.descending else f"-{key}"

    def url(self, key: str) -> str:
        """`?…` for the link on column `key`: every other parameter kept (filters), the page number left out."""
        query = self.query.copy()
        query[self.param] = self.next_value(key)
        query.pop(PAGE, None)
        return f"?{query.urlencode()}"


def sort_by(request, columns: Mapping[str, tuple], default: str, *, param: str = "sort") -> Sorting:
    """The order `request` asks for among `columns` (`?sort=key` or `?sort=-key`), else `default` ("-date")."""
    key, descending = _parse(request.GET.get(param, ""))
    if key not in columns:
        key, descending = _parse(default)
    if key not in columns:
        raise ValueError(f"The default order {default!r} is not one of the columns {sorted(columns)}.")
    return Sorting(columns=columns, key=key, descending=descending, query=request.GET, param=param,
                   default=default)
