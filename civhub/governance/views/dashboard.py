"""The office dashboard's governance card: overdue actions and the next meeting (three queries)."""

from django.utils import timezone

from civhub.governance.permissions import may_edit
from civhub.governance.selectors.registers import overdue_panel


def dashboard_panel(request, centre) -> dict | None:
    if not may_edit(request.user, centre):
        return None
    return overdue_panel(centre, today=timezone.localdate(), now=timezone.now())
