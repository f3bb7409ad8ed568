"""Paging a long list: a paginator told its number of rows, which reads a deep page without walking the list.

`?page=N` is an OFFSET: to show page 10,000 of a million entries the database would build (join, read from
the table) the 500,000 rows before it, only to skip them. `CountedPaginator` reads a page from whichever end
of the list is nearer (the last page is as cheap as the first), and when it must still skip many rows it reads
only their keys off the order's index first, then the page's rows by key: the same page links, the same rows.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet

DEEP = 1_000  # rows skipped, beyond which a page's keys are read first (one query more)


class CountedPaginator(Paginator):
    """Django's Paginator without its COUNT query (`count` is given by the caller, who counted the same rows), that
    reads a page from the nearer end of the list, and a deep page by its keys first."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # fills Paginator's cached property, so it never runs the query

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if not isinstance(rows, QuerySet) or not rows.ordered:
            return self._get_page(rows[bottom:top], number, self)
        return self._get_page(_rows(rows, bottom, top, self.count), number, self)


def _rows(rows: QuerySet, bottom: int, top: int, count: int) -> list:
    """Rows bottom..top of the ordered `rows`, read from the nearer end; keys first when that end is far."""
    if count - top < bottom:  # nearer the end: the same rows in the reverse order, turned round
        return _rows_from_start(rows.reverse(), count - top, count - bottom)[::-1]
    return _rows_from_start(rows, bottom, top)


def _rows_from_start(rows: QuerySet, bottom: int, top: int) -> list:
    if bottom < DEEP:
        return list(rows[bottom:top])
    keys = list(rows.values_list("pk", flat=True)[bottom:top])
    found = {row.pk: row for row in rows.filter(pk__in=keys).order_by()}  # by key: no order to walk
    return [found[key] for key in keys if key in found]
