"""Paging of every v1 list: `?page=` (from 1) and `?page_size=` (1–100, default 25).

The answer: `count`, `next` and `previous` (whole URLs, or null) and `results`. A page or page size that is not a
whole number in range is a 400 naming it; a page past the last (however far) is a 404.
"""

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 25, 100
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}")


class PagePagination(PageNumberPagination):
    """DRF's page-number paging with a page size the client may choose, up to 100, and strict about both."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        page, size = (request.query_params.get(name) for name in (self.page_query_param, self.page_size_query_param))
        if page is not None and not (page.isascii() and page.isdigit() and page.strip("0")):  # no int(): 5,000 digits
            errors[self.page_query_param] = [_("A page is a whole number of 1 or more.")]
        if size is not None and not (_WHOLE_NUMBER.fullmatch(size) and 1 <= int(size) <= MAX_PAGE_SIZE):
            errors[self.page_size_query_param] = [_("A page size is a whole number from 1 to %(max)s.")
                                                  % {"max": MAX_PAGE_SIZE}]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] |= {"minimum": 1}
                parameter["description"] = "The page, from 1. A page past the last is a 404."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] |= {"minimum": 1, "maximum": MAX_PAGE_SIZE}
                parameter["description"] = f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
        return parameters
