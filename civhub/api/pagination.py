"""OOAPI paging: `pageSize` (1–100, default 10) and `pageNumber` (from 1) in, a Pagination object out.

A page past the last one is not an error: it comes back with no items, `hasNextPage` false
and `hasPreviousPage` true, so a client walking the pages simply stops.
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from civhub.api.errors import BadQuery

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 10, 100
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # nine digits: large enough for any page, small enough for any database


@dataclass(frozen=True)
class PageRequest:
    """Which page a client asked for."""

    size: int
    number: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def _whole_number(params, name: str, default: int) -> int | None:
    text = params.get(name)
    if text is None:
        return default
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def page_request(params) -> PageRequest:
    """The page asked for in the query string; BadQuery (HTTP 400) when it is not a valid page."""
    size = _whole_number(params, "pageSize", DEFAULT_PAGE_SIZE)
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadQuery(_("pageSize must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE})
    number = _whole_number(params, "pageNumber", 1)
    if number is None or number < 1:
        raise BadQuery(_("pageNumber must be a whole number of 1 or more."))
    return PageRequest(size=size, number=number)


def page_items(queryset, request: PageRequest, rows=None) -> list:
    """The objects on one page of `queryset`, in its order.

    With `rows` (a function from a list of keys to those objects) the page's keys are
    picked first and `rows` fetches them by key: the database then sorts and skips
    small keys instead of whole rows with their joins, which keeps a deep page
    (offset 25,000 of 50,000 offerings by start date) close to the first one's speed.
    """
    window = slice(request.offset, request.offset + request.size)
    if rows is None:
        return list(queryset[window])
    keys = list(queryset.values_list("pk", flat=True)[window])
    by_key = {item.pk: item for item in rows(keys)}
    return [by_key[key] for key in keys if key in by_key]


def paginate(queryset, request: PageRequest, rows=None) -> dict:
    """The Pagination object for one page of `queryset`: a COUNT and, unless past the end, the page's queries."""
    total = queryset.count()
    total_pages = math.ceil(total / request.size)
    items = page_items(queryset, request, rows) if request.number <= total_pages else []
    return {
        "pageSize": request.size,
        "pageNumber": request.number,
        "hasPreviousPage": request.number > 1,
        "hasNextPage": request.number < total_pages,
        "totalPages": total_pages,
        "items": items,
    }
