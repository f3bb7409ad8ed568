"""The v1 pieces of the OpenAPI schema: the bearer security scheme and the problem responses.

`problems(...)` gives an operation's error responses for `extend_schema(responses={200: X, **problems(404)})`:
401 and 403 always (a token may be missing, or its person or scope too low), plus the statuses named (any
HTTP status; those of PROBLEM_DESCRIPTIONS with civhub's own words).
"""

from http import HTTPStatus

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from civhub.api.rest.errors import PROBLEM_CONTENT_TYPE

PROBLEM_DESCRIPTIONS = {
    400: "The request has errors: `errors` names each field with its messages.",
    401: "No token, or a token that is not valid, has expired or was revoked.",
    403: "The person has no role that may do this, or the token may only read.",
    404: "No such object, or not one the person may see (another partner's or centre's objects are 404s).",
    422: "A rule refuses the request (the message says which), or the Idempotency-Key was used for another request.",
}


class ProblemDetailsSerializer(serializers.Serializer):
    """An RFC 9457 problem, as every v1 error is answered (content type application/problem+json)."""

    type = serializers.CharField(help_text="A URN naming the kind of problem, e.g. urn:civhub:problem:not-found.")
    title = serializers.CharField(help_text="The kind of problem in words, in the language asked for.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong this time.")
    instance = serializers.CharField(help_text="The path that was asked for.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False,
                                   help_text="For a 400 or 422: the messages per field (non_field_errors for all).")


def problems(*statuses: int) -> dict:
    """The problem responses of an operation: 401, 403 and `statuses` (400, 404, 422)."""
    return {(code, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemDetailsSerializer, description=PROBLEM_DESCRIPTIONS.get(code, HTTPStatus(code).phrase))
            for code in sorted({401, 403, *statuses})}


class TokenScheme(OpenApiAuthenticationExtension):
    """Describes civhub.api.rest.auth.TokenAuthentication as HTTP bearer authentication."""

    target_class = "civhub.api.rest.auth.TokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "civ_…",
                "description": "A personal token, made on the person's account page (Account → API tokens)."}
