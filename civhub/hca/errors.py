"""The Human Capital Agenda's domain error: a rule of the survey or the forecast broken, with a message for people."""

from civhub.core.errors import CivhubError


class HcaError(CivhubError):
    """Raised by hca services; views show the message as a flash message or a form error."""
