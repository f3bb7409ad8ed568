"""What a client sends, bound safely: ids in filters, and creates that go through a page's own form.

Binding the page's form (rather than repeating its checks in a serializer) keeps one set of rules for a
registration or an enrolment, whether it comes from the page or from a partner's system. An id in a filter is
a whole number the database can hold: a larger one is a 400, not a database error.
"""

import django_filters
from django import forms
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from civhub.api.rest.errors import NON_FIELD


def form_errors(form, *, renamed: dict[str, str] | None = None) -> ValidationError:
    """The form's errors as the API's validation problem; `renamed` maps form fields to the API's names."""
    renamed = renamed or {}
    errors = {}
    for name, messages in form.errors.items():
        key = NON_FIELD if name == "__all__" else renamed.get(name, name)
        errors.setdefault(key, []).extend(messages)
    return ValidationError(errors)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


MAX_ID = 2**63 - 1  # the largest key a 64-bit integer column holds (SQLite and PostgreSQL's bigint)


class IdFilter(django_filters.NumberFilter):
    """`?<name>=<id>`: a whole number from 1 to MAX_ID."""

    field_class = forms.IntegerField

    def __init__(self, field_name: str, **kwargs):
        super().__init__(field_name=field_name, min_value=1, max_value=MAX_ID, **kwargs)


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
    description="A unique key (1 to 255 characters, e.g. a UUID): sent again with the same request, the first answer "
                "comes back and nothing is made twice.")
