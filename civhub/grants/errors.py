"""The grant's domain error: a rule of the budget or the subsidy broken, with a message for people."""

from civhub.core.errors import CivhubError


class GrantError(CivhubError):
    """Raised by grant services; views show the message, commands print it and exit 1."""
