"""The applications app's domain error: a rule of the funding application, its parts or its budget broken."""

from civhub.core.errors import CivhubError


class ApplicationError(CivhubError):
    """Raised by the applications services; views show the message (on `field` when one is named), nothing is
    written."""
