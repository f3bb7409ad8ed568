"""The practorate's domain error: a rule of the research pipeline broken, with a message for people."""

from civhub.core.errors import CivhubError


class ResearchError(CivhubError):
    """Raised by research services; views show the message as a flash message or a form error."""
