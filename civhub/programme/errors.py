"""The programme's domain error: a rule of activities, milestones or KPIs broken, with a message for people."""

from civhub.core.errors import CivhubError


class ProgrammeError(CivhubError):
    """Raised by programme services; views show the message (on `field` when one is named), nothing is written."""
