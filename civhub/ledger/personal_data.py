"""The ledger's personal data (see core/personal_data.py): who entered, approved and accepted each contribution,
who imported, closed a period or recorded a chain head. Only keys to the user: erasing the user row erases them,
and the hash chain, which covers the user ids, still verifies."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by


def _ledger(identity) -> list[dict]:
    return (entered_by("ledger.Contribution", ("entered_by", "approved_by", "accepted_by"), "centre__slug",
                       "partnership__organisation__name", "extern_id", "date", "kind", "hours", "amount",
                       "description", "status")(identity)
            + entered_by("ledger.StatusEvent", ("actor",), "contribution_id", "action", "from_status", "to_status",
                         "reason", "created_at")(identity)
            + entered_by("ledger.PeriodLock", ("closed_by", "reopened_by"), "centre__slug", "starts_on", "ends_on",
                         "closed_at", "reopened_at", "reopen_reason")(identity)
            + entered_by("ledger.ImportBatch", ("actor",), "centre__slug", "kind", "file_name", "created_at",
                         "created_rows")(identity)
            + entered_by("ledger.ChainHead", ("recorded_by",), "centre__slug", "occasion", "recorded_at")(identity))


personal_data.register(Source(
    name="ledger.contributions",
    fields={"ledger.Contribution": ("entered_by", "approved_by", "accepted_by"), "ledger.StatusEvent": ("actor",),
            "ledger.PeriodLock": ("closed_by", "reopened_by"), "ledger.ImportBatch": ("actor",),
            "ledger.ChainHead": ("recorded_by",)},
    export=_ledger,
    description=_("Contributions you entered, approved or accepted, the steps you took on them, the imports you "
                  "made and the periods you closed.")))
personal_data.impersonal("ledger.ImportBatch", "file_name", reason="the name of an uploaded file")
