"""The partners app's domain error: a business rule broken, with a message for people."""

from civhub.core.errors import CivhubError


class PartnerError(CivhubError):
    """Raised by partner services; views show the message, the API returns it with a 400/409."""
