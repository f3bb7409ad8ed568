from civhub.core.errors import CivhubError


class PrivacyError(CivhubError):
    """A refused export or erasure of a person's data (the person still holds a role the centre needs...)."""
