"""The header cells and links that sort a list (`core/sorting.py`, docs/style.md §17).

    {% load sorting %}
    {% sort_header sorting "date" _("Date") %}
    {% sort_header sorting "value" _("Value") css="num" %}
    {% sort_link sorting "title" _("Title") %}    a list of cards: the same link, outside a table
    {% sort_field sorting %}                     in a filter form: keeps the chosen order when filtering
"""

from django import template

register = template.Library()


def _link(sorting, key: str, label) -> dict:
    direction = sorting.direction(key)
    return {"href": sorting.url(key), "label": label, "direction": direction,
            "next_descending": sorting.next_value(key).startswith("-")}


@register.inclusion_tag("core/_sort_header.html")
def sort_header(sorting, key: str, label, css: str = ""):
    """A column's `<th>`: a link that sorts by it (or turns it round); `aria-sort` on the sorted column only."""
    return {**_link(sorting, key, label), "css": css}


@register.inclusion_tag("core/_sort_link.html")
def sort_link(sorting, key: str, label):
    """The same link outside a table (cards have no `aria-sort`): it says in words whether it is the order now."""
    return _link(sorting, key, label)


@register.inclusion_tag("core/_sort_field.html")
def sort_field(sorting):
    """A hidden field with the chosen order, for a GET filter form (nothing for the default order)."""
    return {"sorting": sorting}
