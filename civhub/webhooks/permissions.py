"""Who manages the centre's webhooks: the centre administrator and the programme manager (not the finance
controller, and never a partner: a subscription is the office's own connection to its own systems)."""

from civhub.accounts.models import Role
from civhub.accounts.permissions import centre_role_required, has_role

MANAGERS = (Role.CENTRE_ADMIN, Role.PROGRAMME_MANAGER)

manager_required = centre_role_required(*sorted(MANAGERS))


def may_manage(user, centre) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, centre, *MANAGERS)
