"""The token's scope: a read token reads, a read-write token (or the person's session) may also write.

What the person may see and do at all is their roles' business (civhub/accounts/permissions.py and each app's
permissions, through `centres.CentreScoped`); the scope only narrows a token below them.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from civhub.api.models import PersonalToken


class TokenScope(permissions.BasePermission):
    """Refuses a write (anything but GET, HEAD, OPTIONS) made with a read-only token: 403."""

    message = _("This token may only read. Make a token with read and write access to change anything.")

    def has_permission(self, request, view):
        token = request.auth
        if request.method in permissions.SAFE_METHODS or not isinstance(token, PersonalToken):
            return True
        return token.may_write
