"""Admin for partners' pledges and rate cards, scoped to the centre admin's centres."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdminMixin
from civhub.ledger.models import Pledge, RateCard


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
