"""Paging of every v1 list: `?page=` (from 1) and `?page_size=` (1–100, default 25).

The answer: `count`, `next` and `previous` (whole URLs, or null) and `results`. A page past the last is a 404.
"""

from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 25, 100


class PagePagination(PageNumberPagination):
    """DRF's page-number paging with a page size the client may choose, up to 100."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
