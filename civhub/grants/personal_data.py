"""The grant's personal data (see core/personal_data.py): who made a budget version, entered expenditure or
recorded a report. Only keys to the user; the expenditure chain covers the user id and still verifies."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by


def _grant(identity) -> list[dict]:
    return (entered_by("grants.BudgetVersion", ("created_by",), "grant_id", "number", "name", "created_at")(identity)
            + entered_by("grants.Expenditure", ("entered_by",), "grant_id", "extern_id", "date", "amount",
                         "description")(identity)
            + entered_by("grants.ReportSubmission", ("submitted_by",), "grant_id", "kind", "submitted_on",
                         "note")(identity))


personal_data.register(Source(
    name="grants.records",
    fields={"grants.BudgetVersion": ("created_by",), "grants.Expenditure": ("entered_by",),
            "grants.ReportSubmission": ("submitted_by",)},
    export=_grant,
    description=_("Budget versions, expenditure and reports to the funder that you recorded.")))
personal_data.impersonal("grants.BudgetVersion", "name", reason="the name of a budget version")
