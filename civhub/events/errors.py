"""The events app's domain error: a rule of registration broken, with a message for people."""

from civhub.core.errors import CivhubError


class EventError(CivhubError):
    """Raised by events services; views show the message as a form error or a flash message."""
