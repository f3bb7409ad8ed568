"""The grant's items in the inbox (core/inbox.py): reports to the funder due soon or overdue."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.core.formatting import format_date
from civhub.core.inbox import Item
from civhub.grants.permissions import REPORTING_ROLES
from civhub.grants.selectors.deadlines import deadlines
from civhub.grants.selectors.monitor import current_grant

# A report appears in the inbox this many days before it is due (and stays until it is marked submitted).
NOTICE = timedelta(days=60)


def reports_due(user, centre) -> list[Item]:
    """Open reports of the centre's grant due within two months, for those who record them (two queries)."""
    if not access.has_role(user, centre, *REPORTING_ROLES):
        return []
    today = timezone.localdate()
    grant = current_grant(centre, today=today)
    if grant is None:
        return []
    url = reverse("grants:deadlines", args=[centre.slug])
    return [Item(kind="grants.report", group=_("Reports due to the funder"),
                 title=render_to_string("grants/deadlines/_report_name.html", {"report": row.report}).strip(),
                 since=row.report.due - NOTICE, url=url, action=_("Open the reports"), order=60,
                 note=_("Due %(date)s") % {"date": format_date(row.report.due)})
            for row in deadlines(grant, today=today) if row.is_open and row.report.due - NOTICE <= today]
