"""The feed's errors in OOAPI's shape (RFC 7807 problem details: `{"status", "title", "detail"}`); TokenError.

The partners' API (v1) answers its errors in RFC 9457's shape: see civhub/api/rest/errors.py.
"""

from http import HTTPStatus

from rest_framework import exceptions
from rest_framework.response import Response

from civhub.core.errors import CivhubError

PROBLEM_CONTENT_TYPE = "application/problem+json"


class BadQuery(exceptions.APIException):
    """A query parameter the feed cannot use (paging out of range, not a number): HTTP 400."""

    status_code = 400
    default_code = "bad_query"


def problem(status: int, detail: str) -> Response:
    """A problem-details response: the status, its standard reason phrase as title, and what went wrong."""
    body = {"status": status, "title": HTTPStatus(status).phrase, "detail": detail}
    return Response(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def handle_exception(exc, context) -> Response | None:
    """DRF's exception handler for the feed: every API error (400, 404, 405, 406) as a problem response.

    Anything else is left to Django (a 500 with the site's error page and a logged traceback).
    """
    if isinstance(exc, exceptions.APIException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc)
        response = problem(exc.status_code, str(detail))
        if isinstance(exc, exceptions.MethodNotAllowed):
            response["Allow"] = "GET, HEAD"
        return response
    return None


class TokenError(CivhubError):
    """A personal token that cannot be made or revoked as asked."""
