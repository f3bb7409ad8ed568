"""Every v1 error as an RFC 9457 problem (`application/problem+json`), in Dutch or English per `Accept-Language`.

A problem has `type` (a URN naming the kind, listed in docs/api.md), `title` (the kind in words), `status`,
`detail` (this occurrence) and `instance` (the path asked for); a validation problem adds `errors`,
`{field: [messages]}` (`non_field_errors` for the request as a whole). The language is the one Django's
LocaleMiddleware chose from the header (Dutch without one; core/middleware.py keeps the header for the API).
A business rule a service refuses (a `CivhubError`) is a 422 with its message, on its field when it names one.
Anything else (a bug) is left to Django: a 500 and a logged traceback.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from civhub.core.errors import CivhubError

PROBLEM_CONTENT_TYPE = "application/problem+json"
NON_FIELD = "non_field_errors"


def problem_type(code: str) -> str:
    return f"urn:civhub:problem:{code}"


class Refused(exceptions.APIException):
    """A business rule refused the request (a service's CivhubError, or a reused idempotency key): HTTP 422."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "refused"
    default_detail = gettext_lazy("The request was understood, but a rule does not allow it.")

    def __init__(self, detail=None, code=None, *, errors=None):
        super().__init__(detail, code)
        self.errors = errors


# (exception class, the problem's code, its title); the first that matches is used.
KINDS = [
    (exceptions.ValidationError, "validation", gettext_lazy("The request has errors")),
    (exceptions.ParseError, "malformed", gettext_lazy("The request could not be read")),
    (exceptions.NotAuthenticated, "not-authenticated", gettext_lazy("Not signed in")),
    (exceptions.AuthenticationFailed, "not-authenticated", gettext_lazy("Not signed in")),
    (exceptions.PermissionDenied, "forbidden", gettext_lazy("Not allowed")),
    (exceptions.NotFound, "not-found", gettext_lazy("Not found")),
    (exceptions.MethodNotAllowed, "method-not-allowed", gettext_lazy("Method not allowed")),
    (exceptions.NotAcceptable, "not-acceptable", gettext_lazy("Cannot answer in that format")),
    (exceptions.UnsupportedMediaType, "unsupported-media-type", gettext_lazy("Send JSON")),
    (exceptions.Throttled, "throttled", gettext_lazy("Too many requests")),
    (Refused, "refused", gettext_lazy("Refused")),
]

KINDS_BY_CODE = {code: title for _kind, code, title in KINDS}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as `{"field": [...], "lines.0.amount": [...]}`."""
    if isinstance(detail, dict):
        found = {}
        for key, value in detail.items():
            found |= _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return found
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        found = {}
        for index, value in enumerate(detail):
            found |= _flatten(value, f"{prefix}.{index}" if prefix else str(index))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or NON_FIELD: [str(message) for message in messages]} if messages else {}


def problem_response(exc: exceptions.APIException, request=None) -> Response:
    """The problem+json answer to an APIException."""
    code, title = next(((code, title) for kind, code, title in KINDS if isinstance(exc, kind)),
                       ("error", gettext_lazy("Error")))
    body = {"type": problem_type(code), "title": str(title), "status": exc.status_code}
    errors = getattr(exc, "errors", None)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        body["detail"] = _("Check the fields named in “errors”.")
    else:
        body["detail"] = str(exc.detail)
    if request is not None:
        body["instance"] = request.path
    if errors:
        body["errors"] = errors
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def refusal(error: CivhubError) -> Refused:
    """A service's refusal as a 422, its message on the field it names (or on the request as a whole)."""
    return Refused(str(error), errors={error.field or NON_FIELD: [str(error)]})


def problem_exception_handler(exc, context) -> Response | None:
    """DRF's EXCEPTION_HANDLER for v1: Django's 404 and 403, DRF's errors and services' refusals as problems."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):  # a role too low for this (centre_with_role, an app's rule)
        exc = exceptions.PermissionDenied(_("Your role in this centre does not allow this."))
    elif isinstance(exc, CivhubError):
        exc = refusal(exc)
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()  # as DRF's own handler: a request in ATOMIC_REQUESTS leaves nothing half-written
    return problem_response(exc, context.get("request"))


@csrf_exempt  # it changes nothing; a POST without a CSRF token gets the same 404 problem, not the CSRF page
def unknown_address(request, *args, **kwargs):
    """Any address under /api/v1/ that names no endpoint (`contributions/abc/`): a 404 problem, not the site's page."""
    body = {"type": problem_type("not-found"), "title": str(KINDS_BY_CODE["not-found"]), "status": 404,
            "detail": _("There is no endpoint at this address."), "instance": request.path}
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)
