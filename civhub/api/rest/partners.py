"""v1 partners and contacts: the office sees every partner of the centre, a partner's people their own.

The rule is the portal's (`portal_required`, `partnerships_visible_to`): the centre's other roles get a 403, and
another partner's partnership or contact is a 404.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from civhub.api.rest.centres import PORTAL, CentreDetailView, CentreListView
from civhub.api.rest.schema import problems
from civhub.partners.models import Contact, Partnership
from civhub.partners.permissions import partnerships_visible_to


class PartnerSerializer(serializers.ModelSerializer):
    """A partnership: an organisation taking part in this centre."""

    organisation = serializers.CharField(source="organisation.name", read_only=True)
    kind = serializers.CharField(source="organisation.kind", read_only=True)
    city = serializers.CharField(source="organisation.city", read_only=True)
    kvk_number = serializers.CharField(source="organisation.kvk_number", read_only=True)

    class Meta:
        model = Partnership
        fields = ["id", "short_code", "organisation", "kind", "city", "kvk_number", "cluster", "status",
                  "joined_on", "left_on", "is_lead_applicant", "cofinancing_group"]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer):
    """A person at a partner organisation whom the office can reach."""

    partner = serializers.CharField(source="partnership.short_code", read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "partner", "name", "function", "email", "phone", "is_primary"]
        read_only_fields = fields


class PartnerScope:
    model = Partnership
    serializer_class = PartnerSerializer
    centre_roles = PORTAL

    def scoped_queryset(self, centre):
        return partnerships_visible_to(self.request.user, centre).select_related("organisation").order_by(
            "organisation__name", "pk")


@extend_schema_view(get=extend_schema(
    operation_id="listPartners", summary="Partners",
    description="The centre's partners for the programme office; for a partner's contact or signatory, their own "
                "partnership only. Filter by `status` (prospect, active, left).",
    responses={200: PartnerSerializer(many=True), **problems(400, 404)}))
class PartnerList(PartnerScope, CentreListView):
    filterset_fields = ["status", "cluster"]


@extend_schema_view(get=extend_schema(
    operation_id="getPartner", summary="One partner", description="A partner the person may see; else 404.",
    responses={200: PartnerSerializer, **problems(404)}))
class PartnerDetail(PartnerScope, CentreDetailView):
    pass


class ContactFilter(django_filters.FilterSet):
    partner = django_filters.CharFilter(field_name="partnership__short_code", label=_("The partner's short code."))

    class Meta:
        model = Contact
        fields = []


class ContactScope:
    model = Contact
    serializer_class = ContactSerializer
    centre_roles = PORTAL

    def scoped_queryset(self, centre):
        visible = partnerships_visible_to(self.request.user, centre)
        return Contact.objects.filter(partnership__in=visible).select_related("partnership").order_by(
            "partnership__short_code", "-is_primary", "name", "pk")


@extend_schema_view(get=extend_schema(
    operation_id="listContacts", summary="Contacts",
    description="The contacts of the partners the person may see: every partner's for the office, their own "
                "organisation's for a partner. Filter by `partner` (the short code).",
    responses={200: ContactSerializer(many=True), **problems(400, 404)}))
class ContactList(ContactScope, CentreListView):
    filterset_class = ContactFilter


@extend_schema_view(get=extend_schema(
    operation_id="getContact", summary="One contact", description="A contact the person may see; else 404.",
    responses={200: ContactSerializer, **problems(404)}))
class ContactDetail(ContactScope, CentreDetailView):
    pass
