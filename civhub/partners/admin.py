"""Admin for organisations, partnerships, contacts and applications, scoped to the centre admin's centres.

Deciding on an application is done on the office pages (through the onboarding service), so
the admin shows an application's decision but does not change it. A partner's request to change
an organisation that other centres share is decided by each centre's office on its pages, so the
requests and their answers are read-only here.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from simple_history.admin import SimpleHistoryAdmin

from civhub.accounts.permissions import admin_centre_ids
from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin, ReadOnlyAdminMixin
from civhub.partners.models import (
    AgreementSignature,
    AgreementVersion,
    Contact,
    Organisation,
    OrganisationChange,
    OrganisationChangeDecision,
    PartnerApplication,
    Partnership,
)


@admin.register(Organisation)
class OrganisationAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    """Organisations are global: a centre admin sees those partnering in their centres, and unlinked ones."""

    list_display = ["name", "kind", "city", "kvk_number"]
    list_filter = ["kind"]
    search_fields = ["name", "kvk_number", "city"]

    def scope_rows(self, queryset, centre_ids):
        here = Partnership.objects.filter(organisation=OuterRef("pk"), centre__in=centre_ids)
        anywhere = Partnership.objects.filter(organisation=OuterRef("pk"))
        return queryset.filter(Exists(here) | ~Exists(anywhere))

    def has_delete_permission(self, request, obj=None):
        """Not an organisation that is also another centre's partner."""
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None or request.user.is_superuser:
            return allowed
        return not obj.partnerships.exclude(centre__in=admin_centre_ids(request.user)).exists()


@admin.register(Partnership)
class PartnershipAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["organisation", "short_code", "cluster", "status", "joined_on", "is_lead_applicant", "centre"]
    list_filter = ["centre", "cluster", "status", "is_lead_applicant", "cofinancing_group"]
    search_fields = ["organisation__name", "short_code"]
    list_select_related = ["organisation", "centre"]


@admin.register(Contact)
class ContactAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "partnership__centre"
    list_display = ["name", "email", "phone", "partnership", "is_primary"]
    list_filter = ["partnership__centre", "is_primary"]
    search_fields = ["name", "email", "partnership__organisation__name"]
    list_select_related = ["partnership__organisation", "partnership__centre"]


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(CentreScopedAdmin):
    list_display = ["organisation_name", "kind", "city", "contact_email", "status", "created_at", "centre"]
    list_filter = ["centre", "status", "kind"]
    search_fields = ["organisation_name", "kvk_number", "contact_email"]
    list_select_related = ["centre"]
    date_hierarchy = "created_at"
    readonly_fields = ["status", "decided_by", "decided_at", "decision_reason", "partnership", "consent_given_at",
                       "created_at"]

    def has_add_permission(self, request, *args):
        # Applications come from the public form, with the applicant's consent; nobody types them in here.
        return False


@admin.register(OrganisationChange)
class OrganisationChangeAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "partnership__centre"
    list_display = ["organisation", "partnership", "requested_by", "requested_at", "status", "closed_at"]
    list_filter = ["partnership__centre", "status"]
    list_select_related = ["organisation", "partnership__organisation", "partnership__centre", "requested_by"]


@admin.register(OrganisationChangeDecision)
class OrganisationChangeDecisionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["change", "centre", "decision", "decided_by", "decided_at"]
    list_filter = ["centre", "decision"]
    list_select_related = ["change__organisation", "centre", "decided_by"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: versions are recorded by the register's service, which numbers them and writes the audit row."""

    list_display = ["centre", "number", "dated", "created_by"]
    list_filter = ["centre"]
    list_select_related = ["centre", "created_by"]


@admin.register(AgreementSignature)
class AgreementSignatureAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: a signature is recorded once (by the office from a scan, or by the partner in civhub)."""

    centre_path = "version__centre"
    list_display = ["partnership", "version", "way", "signed_by_name", "signed_on", "is_accession"]
    list_filter = ["version__centre", "way"]
    list_select_related = ["partnership__organisation", "version"]
