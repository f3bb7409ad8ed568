"""What the tests of the events, learning, governance and monitor endpoints share: reading lists, counting
queries, posting with an Idempotency-Key; `token_client` and the URLs are tests/api/support.py's."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.support import v1


def url(resource: str, centre, pk=None) -> str:
    """`/api/v1/centres/<slug>/<resource>/` (or the detail of `pk`); the monitor is a detail without a pk."""
    if resource == "monitor":
        return reverse("api:v1-monitor-detail", kwargs={"centre_slug": centre.slug})
    return v1(resource, centre, pk)


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
