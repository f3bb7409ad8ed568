"""The ledger's domain error: a rule of the ledger broken, with a message for people."""

from civhub.core.errors import CivhubError


class LedgerError(CivhubError):
    """Raised by ledger services; views show the message, the API answers 400/409 with it."""
