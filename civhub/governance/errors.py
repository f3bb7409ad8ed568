"""The governance app's domain error: a rule of meetings, minutes, decisions or actions broken."""

from civhub.core.errors import CivhubError


class GovernanceError(CivhubError):
    """Raised by governance services; views show the message (on `field` when one is named), nothing is written."""
