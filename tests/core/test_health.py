"""The health check, GET /healthz (civhub/core/health.py): 200 when database, cache and migrations are fine, else
503 naming what failed; answered before the host check, the SSL redirect and the session."""

import pytest
from django.db import OperationalError

from civhub.core import health

pytestmark = pytest.mark.django_db

ALL_OK = {"database": "ok", "cache": "ok", "migrations": "ok"}


@pytest.fixture(autouse=True)
def _ask_for_the_migration_plan():
    health._migrations_complete = False  # each test asks afresh (a process remembers a complete plan)
    yield
    health._migrations_complete = False


def test_healthy_site_answers_200_with_each_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_the_plan_is_read_once_a_process(client, django_assert_num_queries):
    client.get("/healthz")
    with django_assert_num_queries(1):  # SELECT 1 only
        assert client.get("/healthz").status_code == 200


def test_unreachable_database_is_a_503(client, monkeypatch):
    class Down:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Down())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unreachable", "cache": "ok", "migrations": "unknown"}


def test_unreachable_cache_is_a_503(client, settings):
    # Nothing listens on port 1: the Redis client's connection fails at once.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/9"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "cache": "unreachable"}


def test_unapplied_migrations_are_a_503(client, monkeypatch):
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [("core", "0099_new")])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "migrations": "unapplied"}


def test_a_load_balancer_may_probe_by_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["civhub.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # every other page still checks the host
