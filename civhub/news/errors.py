"""The news app's domain error: a rule of news or public texts broken, with a message for people."""

from civhub.core.errors import CivhubError


class NewsError(CivhubError):
    """Raised by news services; views show the message as a form error."""
