"""Admin for the ledger, scoped to the centre admin's centres.

Pledges and rate cards can be corrected here (their history keeps who did it). Everything
else is read-only: contributions are sealed in the hash chain once accepted and change only
through their services (a correction is a reversal plus a new entry), their status events are
the audit of who did what, period locks are closed and reopened with a reason on the
finance controller's page, import batches are the record of an import, and chain heads are
what an auditor relies on. The admin shows them for looking up, never to edit.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin, ReadOnlyAdminMixin
from civhub.ledger.models import ChainHead, Contribution, ImportBatch, PeriodLock, Pledge, RateCard, StatusEvent


@admin.register(RateCard)
class RateCardAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "partnership__centre"
    list_display = ["partnership", "category", "hourly_rate", "valid_from"]
    list_filter = ["partnership__centre", "category"]
    search_fields = ["partnership__organisation__name", "category"]
    list_select_related = ["partnership__organisation", "partnership__centre"]


@admin.register(Pledge)
class PledgeAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "partnership__centre"
    list_display = ["partnership", "year", "kind", "amount"]
    list_filter = ["partnership__centre", "year", "kind"]
    search_fields = ["partnership__organisation__name"]
    list_select_related = ["partnership__organisation", "partnership__centre"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["date", "partnership", "kind", "hours", "amount", "status", "provenance", "extern_id"]
    list_filter = ["centre", "status", "kind", "provenance"]
    list_select_related = ["partnership__organisation", "partnership__centre"]
    search_fields = ["description", "extern_id", "partnership__organisation__name"]
    date_hierarchy = "date"


@admin.register(StatusEvent)
class StatusEventAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "contribution__centre"
    list_display = ["created_at", "contribution", "action", "from_status", "to_status", "actor"]
    list_filter = ["contribution__centre", "action"]
    list_select_related = ["contribution__partnership", "actor"]
    date_hierarchy = "created_at"


@admin.register(PeriodLock)
class PeriodLockAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["__str__", "span", "closed_by", "closed_at", "reopened_by", "reopened_at"]
    list_filter = ["centre", "span"]
    list_select_related = ["centre", "closed_by", "reopened_by"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["__str__", "partnership", "actor", "created_rows", "existing_rows", "created_at", "finished_at"]
    list_filter = ["centre", "kind", "state"]
    list_select_related = ["partnership__organisation", "partnership__centre", "actor"]
    date_hierarchy = "created_at"


@admin.register(ChainHead)
class ChainHeadAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["__str__", "grant", "occasion", "recorded_by", "recorded_at"]
    list_filter = ["centre"]
    list_select_related = ["centre", "grant", "recorded_by"]
