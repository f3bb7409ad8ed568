"""Sorting a list by a column (core/sorting.py and its template tags): what the address may ask, and the links."""

import pytest
from django.db.models import F
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from civhub.core.sorting import sort_by

COLUMNS = {"date": ("date", "pk"), "partner": ("partnership__organisation__name", "-date"), "value": ("amount",)}


def sorting_for(query: str = "", default: str = "-date", **kwargs):
    return sort_by(RequestFactory().get(f"/lijst/{query}"), COLUMNS, default, **kwargs)


def test_without_a_sort_the_default_order_is_used():
    sorting = sorting_for()
    assert (sorting.key, sorting.descending, sorting.value, sorting.is_default) == ("date", True, "-date", True)
    assert sorting.ordering == ("-date", "-pk")


def test_a_column_sorts_ascending_and_a_minus_sorts_it_descending():
    assert sorting_for("?sort=value").ordering == ("amount",)
    assert sorting_for("?sort=-value").ordering == ("-amount",)
    assert sorting_for("?sort=-partner").ordering == ("-partnership__organisation__name", "date")


@pytest.mark.parametrize("asked", ["nonsense", "--date", "-", "", "pk", "entered_by__password", "date;drop"])
def test_an_unknown_key_falls_back_to_the_default_silently(asked):
    sorting = sorting_for(f"?sort={asked}")
    assert sorting.value == "-date" and sorting.ordering == ("-date", "-pk")


def test_a_default_that_is_not_a_column_is_a_programming_error():
    with pytest.raises(ValueError, match="not one of the columns"):
        sorting_for(default="title")


def test_expressions_turn_round_and_keep_where_empty_values_go():
    sorting = sort_by(RequestFactory().get("/", {"sort": "-hours"}),
                      {"hours": (F("hours").asc(nulls_last=True), F("pk"))}, "hours")
    hours, pk = sorting.ordering
    assert hours.descending and hours.nulls_last and pk.descending


def test_the_sorted_column_turns_round_and_another_column_starts_ascending():
    sorting = sorting_for("?sort=date")
    assert sorting.direction("date") == "ascending" and sorting.direction("value") is None
    assert sorting.next_value("date") == "-date"
    assert sorting.next_value("value") == "value"
    assert sorting_for("?sort=-date").next_value("date") == "date"


def test_the_links_keep_the_filters_and_start_again_on_the_first_page():
    sorting = sorting_for("?status=submitted&year=2025&page=3&sort=date")
    assert sorting.url("date") == "?status=submitted&year=2025&sort=-date"
    assert sorting.url("value") == "?status=submitted&year=2025&sort=value"


def test_a_list_may_read_its_order_from_another_parameter():
    sorting = sorting_for("?order=value&sort=date", param="order")
    assert sorting.value == "value" and sorting.url("value") == "?order=-value&sort=date"


def render(source: str, sorting) -> str:
    with translation.override("nl"):
        return Template("{% load sorting %}" + source).render(Context({"sorting": sorting}))


def test_the_header_cell_links_to_the_other_direction_and_says_so():
    html = render('{% sort_header sorting "date" _("Date") %}{% sort_header sorting "value" _("Value") css="num" %}',
                  sorting_for("?sort=-date&year=2025"))
    date_cell, value_cell = html.split("</th>")[:2]
    assert date_cell.startswith('<th scope="col" aria-sort="descending">'
                                '<a class="sort-link" href="?sort=date&amp;year=2025">')
    assert 'aria-hidden="true">▼</span>' in date_cell and "sorteer oplopend" in date_cell
    assert "aria-sort" not in value_cell and 'class="num"' in value_cell
    assert 'href="?sort=value&amp;year=2025"' in value_cell and 'aria-hidden="true">↕</span>' in value_cell


def test_a_link_outside_a_table_says_whether_it_is_the_order_now():
    sorting = sorting_for("?sort=value")
    html = render('{% sort_link sorting "value" _("Value") %} {% sort_link sorting "date" _("Date") %}', sorting)
    value_link, date_link = html.split("</a> ")
    assert 'aria-current="true"' in value_link and "oplopend gesorteerd" in value_link
    assert "sorteer aflopend" in value_link
    assert "aria-current" not in date_link and "gesorteerd" not in date_link


def test_a_filter_form_keeps_a_chosen_order_but_not_the_default():
    assert render("{% sort_field sorting %}", sorting_for("?sort=value")) == (
        '<input type="hidden" name="sort" value="value">')
    assert render("{% sort_field sorting %}", sorting_for()) == ""
