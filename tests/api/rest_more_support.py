"""What the tests of the events, learning, governance and monitor endpoints share: token clients, URLs, rows.

`token_client(user)` is a test client that sends a fresh personal token of `user` (read-write unless asked),
so the tests go through the API's own authentication rather than a session.
"""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civhub.api.models import PersonalToken
from civhub.api.services import create_token


def bearer(user, *, scope=PersonalToken.Scope.READ_WRITE) -> str:
    """A new personal token of `user` for the test, as the value of an Authorization header."""
    _token, secret = create_token(actor=user, name="Test", scope=scope, expires=timezone.now() + timedelta(days=30))
    return f"Bearer {secret}"


def token_client(user, *, scope=PersonalToken.Scope.READ_WRITE) -> Client:
    return Client(headers={"Authorization": bearer(user, scope=scope)})


def url(resource: str, centre, pk=None) -> str:
    """`/api/v1/centres/<slug>/<resource>/` (or the detail of `pk`)."""
    if pk is None:
        return reverse(f"api:v1-{resource}-list", kwargs={"centre_slug": centre.slug})
    return reverse(f"api:v1-{resource}-detail", kwargs={"centre_slug": centre.slug, "pk": pk})


def results(client, address, **params) -> list[dict]:
    """The rows of the first page of a list (asserting a 200)."""
    response = client.get(address, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(client, address, **params) -> set[int]:
    return {row["id"] for row in results(client, address, **params)}


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def post(client, address, body: dict, *, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(address, body, content_type="application/json", headers=headers)
