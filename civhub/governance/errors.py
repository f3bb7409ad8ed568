"""The governance app's domain error: a rule of meetings, minutes, decisions or actions broken."""


class GovernanceError(Exception):
    """Raised by governance services; views show the message (on `field` when one is named), nothing is written."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field
