"""A paginator told its number of rows, for a list whose rows were already counted (with its totals, say)."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """Django's Paginator without its COUNT query: `count` is given by the caller, who counted the same rows."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # fills Paginator's cached property, so it never runs the query
