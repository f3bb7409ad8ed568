"""Permission rows for the agreement annex and the commitments after the subsidy (same shape as
tests/test_permissions.py).

The agreement annex is a file of the application: its readers (office and steering group) download it.
Asking the partners for their commitments after the subsidy is the office's (GET the confirmation, POST it).
A partner's continuation table is read by its own people and the office; only its signatory confirms it or
asks for a change: partner A's contact and the office get a 403, partner B a 404, GET and POST alike.
"""

from datetime import date

from civhub.applications.models import Application
from tests.applications.rows import EDITORS, READERS, REFUSED, crossing, other_centres_application_here, rows
from tests.applications.rows_commitments import SIGNATORY, SIGNATORY_REFUSED, TABLE_READERS, an_application
from tests.applications.support import application, forecast


def an_awarded_application(get):
    return {"slug": get("centre").slug, "pk": application(get("centre"), status=Application.Status.AWARDED).pk}


def partner_as_continuation(get):
    made = application(get("centre"), status=Application.Status.AWARDED, continuation_asked_on=date(2025, 3, 1))
    forecast(made, 2026, "4000.00", partnership=get("partner_a"))
    return {"slug": get("centre").slug, "pk": made.pk, "code": get("partner_a").short_code}


def other_centres_continuation_here(get):
    made = application(get("other_centre"), status=Application.Status.AWARDED,
                       continuation_asked_on=date(2025, 3, 1))
    return {"slug": get("centre").slug, "pk": made.pk, "code": get("partner_a").short_code}


CONTINUATION_ROWS = [
    *rows("applications:agreement_annex", an_application, READERS),
    *crossing("applications:agreement_annex", other_centres_application_here, post=False),
    *rows("applications:continuation_open", an_awarded_application, EDITORS),
    *rows("applications:continuation_open", an_awarded_application, REFUSED, "POST"),
    *crossing("applications:continuation_open", other_centres_application_here),
    *rows("applications:continuation_pledge", partner_as_continuation, TABLE_READERS),
    *crossing("applications:continuation_pledge", other_centres_continuation_here, post=False),
    *[row for name in ("applications:continuation_confirm", "applications:continuation_change") for row in [
        *rows(name, partner_as_continuation, SIGNATORY),
        *rows(name, partner_as_continuation, SIGNATORY_REFUSED, "POST"),
        *crossing(name, other_centres_continuation_here),
    ]],
]
