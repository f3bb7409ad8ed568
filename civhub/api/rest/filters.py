"""The v1 lists' filters: `?from=` and `?to=` (dates, both days included) and `?status=` where a row has one.

`date_filterset(Model, date_field=..., status_field=...)` makes a django-filter FilterSet for an endpoint; a wrong
value (not a date, an unknown status) is a 400 problem naming the parameter.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

ISO_DATE = ["%Y-%m-%d"]  # only the ISO form: 03-04-2026 means one day in Dutch and another in American


def date_filterset(model, *, date_field: str = "date", status_field: str | None = None, **extra):
    """A FilterSet for `model`: `from`/`to` on `date_field` (a date or the date of a datetime), `status` on
    `status_field` (its choices), and any `extra` filters by name. ("from" is a Python keyword, hence the function.)
    """
    field = model._meta.get_field(date_field)
    on_day = f"{date_field}__date" if field.get_internal_type() == "DateTimeField" else date_field
    filters = {
        "from": django_filters.DateFilter(field_name=on_day, lookup_expr="gte", input_formats=ISO_DATE,
                                          label=_("On or after this date (YYYY-MM-DD).")),
        "to": django_filters.DateFilter(field_name=on_day, lookup_expr="lte", input_formats=ISO_DATE,
                                        label=_("On or before this date (YYYY-MM-DD).")),
    }
    if status_field:
        filters["status"] = django_filters.ChoiceFilter(field_name=status_field,
                                                        choices=model._meta.get_field(status_field).choices,
                                                        label=_("Only rows with this status."))
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), {**filters, **extra, "Meta": meta})


def partner_filter(field_name: str = "partnership__short_code"):
    """`?partner=<short code>`: only the rows of that partner (within what the person may see anyway)."""
    return django_filters.CharFilter(field_name=field_name, label=_("The partner's short code."))


@extend_schema_field(OpenApiTypes.INT)
class WholeNumberFilter(django_filters.NumberFilter):
    """A number filter for a whole number (a year): `?year=2025.5` is a 400, not a filter on nothing."""

    field_class = forms.IntegerField
