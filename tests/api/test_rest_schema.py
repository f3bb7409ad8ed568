"""The OpenAPI schema describes v1 (bearer tokens, every operation, its problems), and the session is CSRF-checked."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.api.rows_rest import REST_ROWS
from tests.api.rows_rest_more import REST_MORE_ROWS
from tests.test_permissions import matrix_urls


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get(reverse("api:schema") + "?format=json").json()


def v1_routes():
    return {name: route for name, (route, _) in matrix_urls().items() if name.startswith("api:v1-")}


def test_the_schema_has_no_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_every_v1_url_is_described_and_needs_a_token(schema):
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "civ_…",
        "description": "A personal token, made on the person's account page (Account → API tokens)."}
    v1_paths = {path: item for path, item in schema["paths"].items() if path.startswith("/api/v1/")}
    assert len(v1_paths) == len(v1_routes())
    for path, item in v1_paths.items():
        for method, operation in item.items():
            assert {"bearer": []} in operation["security"], (path, method)
            assert operation["summary"] and operation["operationId"], (path, method)
            assert {"401", "403"} <= set(operation["responses"]), (path, method)
            assert operation["responses"]["401"]["content"]["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/ProblemDetails"}


def test_the_feed_stays_open_to_everyone(schema):
    assert schema["paths"]["/api/ooapi/v5/courses"]["get"]["security"] == [{}]


def test_the_schema_is_english_unless_dutch_is_asked(client):
    english = client.get(reverse("api:schema") + "?format=json").json()
    dutch = client.get(reverse("api:schema") + "?format=json&lang=nl").json()
    contributions = "/api/v1/centres/{centre_slug}/contributions/"

    def status_text(document):
        return next(parameter["description"] for parameter in document["paths"][contributions]["get"]["parameters"]
                    if parameter["name"] == "status")

    assert status_text(english).startswith("Only rows with this status.")
    assert status_text(dutch).startswith("Alleen regels met deze status.")


def test_the_matrix_has_rows_for_every_v1_url():
    assert set(v1_routes()) <= {row[0] for row in REST_ROWS + REST_MORE_ROWS}


def test_a_session_write_needs_the_csrf_token(partner_a_contact, centre):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_a_contact)
    url = reverse("api:v1-contributions-list", kwargs={"centre_slug": centre.slug})
    assert client.get(url).status_code == 200  # reading with the session needs no CSRF token
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
