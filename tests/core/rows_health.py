"""Permission rows for the health check (healthz), in the shape of tests/test_permissions.py.

Anyone may ask, signed in or not: it tells a load balancer whether the database, cache and migrations are fine,
and nothing else.
"""

from tests.conftest import PERSONAS


def no_args(get):
    return {}


HEALTH_ROWS = [
    *[("healthz", no_args, "GET", persona, 200) for persona in PERSONAS],
]
