"""The one base of the apps' domain errors: a business rule broken, with a message for people.

Each app keeps its own subclass (LedgerError, GrantError, ...) so a caller can catch one app's refusals;
views, commands and the API catch `CivhubError` to show any of them the same way (see `core/views.py`).
"""


class CivhubError(Exception):
    """A refused change: `str(error)` is the (translated) message; `field` names the form field it belongs on."""

    def __init__(self, message="", *, field: str | None = None):
        super().__init__(message)
        self.field = field
