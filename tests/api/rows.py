"""Permission rows for the api app (same shape as tests/test_permissions.py).

The catalogue feed and its OpenAPI schema are public and read-only: every persona gets a
200 for a GET and a 405 for a POST, signed in or not.
"""

from tests.api.builders import course
from tests.conftest import PERSONAS


def no_args(get):
    return {}


def published_course(get):
    return {"course_id": str(course(get("partner_a")).pk)}


def rows(url_name, args, method, status):
    return [(url_name, args, method, persona, status) for persona in PERSONAS]


API_ROWS = [
    *[row for name in ("api:courses", "api:offerings", "api:organizations", "api:schema")
      for method, status in (("GET", 200), ("POST", 405))
      for row in rows(name, no_args, method, status)],
    *[row for name in ("api:course", "api:course_offerings")
      for method, status in (("GET", 200), ("POST", 405))
      for row in rows(name, published_course, method, status)],
]
