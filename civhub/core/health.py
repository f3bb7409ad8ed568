"""The health check for a load balancer or monitor: GET /healthz.

200 with {"database": "ok", "cache": "ok", "migrations": "ok"}, or 503 with the failing part named ("unreachable",
"unapplied"). It answers in `HealthCheckMiddleware`, before the host check, the SSL redirect and the session, so a
load balancer may probe a process by its own address over plain HTTP; nothing it says is secret. It is cheap:
one query, one cache write and read, and the migration plan only until it was once found complete (new migrations
come with new code, hence a restarted process).
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"
_migrations_complete = False


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return "unreachable"
    return "ok"


def cache_status() -> str:
    try:
        cache.set("civhub:healthz", "ok", 30)
        ok = cache.get("civhub:healthz") == "ok"
    except Exception:  # the cache backends raise their client's own errors (redis.ConnectionError, ...)
        logger.exception("Health check: the cache is unreachable")
        return "unreachable"
    return "ok" if ok else "unreachable"


def migrations_status() -> str:
    global _migrations_complete
    if not _migrations_complete:
        executor = MigrationExecutor(connection)
        _migrations_complete = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if _migrations_complete else "unapplied"


def healthz(request):
    status = {"database": database_status(), "cache": cache_status()}
    status["migrations"] = migrations_status() if status["database"] == "ok" else "unknown"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503, headers={"Cache-Control": "no-store"})


class HealthCheckMiddleware:
    """Answer GET /healthz before the rest of MIDDLEWARE (host check, SSL redirect, session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
