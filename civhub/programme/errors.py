"""The programme's domain error: a rule of activities, milestones or KPIs broken, with a message for people."""


class ProgrammeError(Exception):
    """Raised by programme services; views show the message (on `field` when one is named), nothing is written."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field
