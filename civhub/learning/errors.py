"""The learning app's domain error: a rule of the catalogue or of enrolment broken, with a message for people."""

from civhub.core.errors import CivhubError


class LearningError(CivhubError):
    """Raised by learning services; views show the message as a form error or a flash message."""
