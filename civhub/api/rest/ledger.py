"""v1 pledges, rate cards and contributions: read within the ledger's rules, contributions also recorded.

Who sees what is the ledger's own rule (`contributions_visible_to`, `pledges_visible_to`, `rate_cards_visible_to`):
the programme office every partner's, a partner's contacts and signatories their own; the centre's other roles a
403. A partner's system records contributions as drafts and submits them (`create_contribution`,
`submit_contribution`, with the token's person as actor); approving and accepting stay people's work on the pages
(the two keys), so there is no endpoint for them.
"""

import datetime
from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from civhub.api.rest.centres import (
    PARTNERS,
    PORTAL,
    CentreActionView,
    CentreDetailView,
    CentreListCreateView,
    CentreListView,
)
from civhub.api.rest.filters import WholeNumberFilter, date_filterset, partner_filter
from civhub.api.rest.schema import problems
from civhub.core.choices import ContributionKind
from civhub.core.models import ProgrammeLine
from civhub.ledger.models import Contribution, Pledge, RateCard
from civhub.ledger.permissions import may_enter, pledges_visible_to, rate_cards_visible_to
from civhub.ledger.selectors.entries import contribution_list, enterable_partnerships
from civhub.ledger.services.entries import EntryData, create_contribution, submit_contribution
from civhub.ledger.services.reference import with_validity
from civhub.programme.models import Activity

# Pledges ----------------------------------------------------------------------------------------------------------


class PledgeSerializer(serializers.ModelSerializer):
    """A partner's pledge for one subsidy year and kind of contribution, in EUR."""

    partner = serializers.CharField(source="partnership.short_code", read_only=True)

    class Meta:
        model = Pledge
        fields = ["id", "partner", "year", "kind", "amount"]
        read_only_fields = fields


class PledgeScope:
    model = Pledge
    serializer_class = PledgeSerializer
    centre_roles = PORTAL

    def scoped_queryset(self, centre):
        return pledges_visible_to(self.request.user, centre).select_related("partnership").order_by(
            "partnership__short_code", "year", "kind", "pk")


class PledgeFilter(django_filters.FilterSet):
    partner = partner_filter()
    year = WholeNumberFilter(label=gettext_lazy("The subsidy year."))

    class Meta:
        model = Pledge
        fields = ["year", "kind"]


@extend_schema_view(get=extend_schema(
    operation_id="listPledges", summary="Pledges",
    description="What partners pledged per subsidy year and kind: every partner's for the programme office, their "
                "own for a partner. Filter by `year`, `kind` and `partner` (short code).",
    responses={200: PledgeSerializer(many=True), **problems(400, 404)}))
class PledgeList(PledgeScope, CentreListView):
    filterset_class = PledgeFilter


@extend_schema_view(get=extend_schema(
    operation_id="getPledge", summary="One pledge", responses={200: PledgeSerializer, **problems(404)}))
class PledgeDetail(PledgeScope, CentreDetailView):
    pass


# Rate cards -------------------------------------------------------------------------------------------------------


class RateCardSerializer(serializers.ModelSerializer):
    """A partner's hourly rate for a staff category, from `valid_from` until `valid_until` (null: still in force)."""

    partner = serializers.CharField(source="partnership.short_code", read_only=True)
    valid_until = serializers.SerializerMethodField()

    class Meta:
        model = RateCard
        fields = ["id", "partner", "category", "hourly_rate", "valid_from", "valid_until"]
        read_only_fields = fields

    def get_valid_until(self, card) -> datetime.date | None:
        return card.next_from - timedelta(days=1) if card.next_from else None  # `with_validity`'s next card


class RateCardScope:
    model = RateCard
    serializer_class = RateCardSerializer
    centre_roles = PORTAL

    def scoped_queryset(self, centre):
        cards = with_validity(rate_cards_visible_to(self.request.user, centre)).select_related("partnership")
        return cards.order_by("partnership__short_code", "category", "valid_from", "pk")


RateCardFilter = date_filterset(RateCard, date_field="valid_from", partner=partner_filter(),
                                category=django_filters.CharFilter(label=gettext_lazy("The staff category.")))


@extend_schema_view(get=extend_schema(
    operation_id="listRateCards", summary="Rate cards",
    description="Hourly rates per partner and staff category: every partner's for the programme office, only "
                "their own for a partner. `from`/`to` filter on `valid_from`; also `partner` and `category`.",
    responses={200: RateCardSerializer(many=True), **problems(400, 404)}))
class RateCardList(RateCardScope, CentreListView):
    filterset_class = RateCardFilter


@extend_schema_view(get=extend_schema(
    operation_id="getRateCard", summary="One rate card", responses={200: RateCardSerializer, **problems(404)}))
class RateCardDetail(RateCardScope, CentreDetailView):
    pass


# Contributions ----------------------------------------------------------------------------------------------------


class ContributionSerializer(serializers.ModelSerializer):
    """One contribution: hours valued at the partner's rate, or an amount; its status in the two keys."""

    partner = serializers.CharField(source="partnership.short_code", read_only=True)
    programme_line = serializers.IntegerField(source="programme_line.number", allow_null=True, read_only=True)
    activity = serializers.IntegerField(source="activity_id", allow_null=True, read_only=True)
    # Empty for an amount or a fixed rate: a plain string, not the model's slug (whose pattern refuses "").
    category = serializers.CharField(read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Contribution
        fields = ["id", "partner", "extern_id", "date", "kind", "programme_line", "activity", "category", "hours",
                  "hourly_rate", "amount", "description", "status", "rejection_reason", "has_evidence",
                  "accepted_on", "created_at", "updated_at"]
        read_only_fields = fields

    def get_has_evidence(self, entry) -> bool:
        return bool(entry.evidence)


class NewContributionSerializer(serializers.Serializer):
    """A contribution to record as a draft: `hours` (with a staff `category`, unless the grant fixes the rate) or
    an `amount`, never both. `partner` (a short code) is needed only by someone who records for several partners.
    """

    partner = serializers.CharField(required=False, min_length=1, max_length=40,
                                    help_text="The partner's short code; default: your own.")
    extern_id = serializers.CharField(required=False, allow_blank=True, max_length=100, default="",
                                      help_text="Your own system's id for this entry: unique per partner.")
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    programme_line = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=32767,
                                              help_text="The line's number.")
    activity = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1,
                                        help_text="A programme activity's id.")
    category = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    hours = serializers.DecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    description = serializers.CharField(max_length=500)

    def validate(self, data):
        centre, user = self.context["centre"], self.context["request"].user
        partnerships = enterable_partnerships(user, centre)
        code = data.get("partner")
        chosen = [p for p in partnerships if p.short_code == code] if code else partnerships[:1]
        if not chosen or (not code and len(partnerships) > 1):
            raise serializers.ValidationError({"partner": [_("Name one of your own organisations by its short "
                                                             "code.")]})
        data["partnership"] = chosen[0]
        data["programme_line"], data["activity"] = self._line_and_activity(centre, data)
        if data["extern_id"] and Contribution.objects.filter(partnership=chosen[0],
                                                             extern_id=data["extern_id"]).exists():
            raise serializers.ValidationError({"extern_id": [_("Your organisation already has an entry with this "
                                                               "external id.")]})
        return data

    @staticmethod
    def _line_and_activity(centre, data):
        """The programme line by number and the activity by id, within the centre; an activity names its line."""
        line = activity = None
        if data.get("programme_line") is not None:
            line = ProgrammeLine.objects.filter(centre=centre, number=data["programme_line"]).first()
            if line is None:
                raise serializers.ValidationError({"programme_line": [_("The centre has no programme line with "
                                                                        "this number.")]})
        if data.get("activity") is not None:
            activity = Activity.objects.filter(centre=centre, pk=data["activity"]).select_related(
                "programme_line").first()
            if activity is None:
                raise serializers.ValidationError({"activity": [_("The centre has no activity with this id.")]})
            if line is not None and activity.programme_line_id != line.pk:
                raise serializers.ValidationError({"activity": [
                    _("This activity belongs to programme line %(number)s: choose that line or another activity.")
                    % {"number": activity.programme_line.number}]})
            line = activity.programme_line
        return line, activity

    def entry_data(self) -> EntryData:
        data = self.validated_data
        return EntryData(date=data["date"], kind=data["kind"], description=data["description"].strip(),
                         hours=data.get("hours"), amount=data.get("amount"), category=data["category"],
                         programme_line=data["programme_line"], activity=data["activity"],
                         extern_id=data["extern_id"])


class ContributionScope:
    model = Contribution
    serializer_class = ContributionSerializer
    centre_roles = PORTAL

    def scoped_queryset(self, centre):
        return contribution_list(self.request.user, centre)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "centre": self.centre}


ContributionFilter = date_filterset(
    Contribution, date_field="date", status_field="status", partner=partner_filter(),
    kind=django_filters.ChoiceFilter(choices=ContributionKind.choices, label=gettext_lazy("The kind of contribution.")))


@extend_schema_view(
    get=extend_schema(
        operation_id="listContributions", summary="Contributions",
        description="The contributions the person may see, newest first: every partner's for the programme office, "
                    "their own organisation's for a partner. Filter by `from`/`to` (the contribution's date), "
                    "`status`, `kind` and `partner`.",
        responses={200: ContributionSerializer(many=True), **problems(400, 404)}),
    post=extend_schema(
        operation_id="createContribution", summary="Record a contribution as a draft",
        description="For a partner's contact or signatory: records a draft for their own organisation, valued as "
                    "on the pages (hours at the rate of that day, or an amount). Submit it with "
                    "`POST .../contributions/{id}/submit/`. Send an `Idempotency-Key` to retry safely.",
        request=NewContributionSerializer, responses={201: ContributionSerializer, **problems(400, 404, 422)}),
)
class ContributionList(ContributionScope, CentreListCreateView):
    filterset_class = ContributionFilter
    create_serializer_class = NewContributionSerializer
    create_roles = PARTNERS  # as the page: the office never records for a partner

    def create_object(self, incoming):
        return create_contribution(partnership=incoming.validated_data["partnership"], actor=self.request.user,
                                   data=incoming.entry_data())


@extend_schema_view(get=extend_schema(
    operation_id="getContribution", summary="One contribution",
    responses={200: ContributionSerializer, **problems(404)}))
class ContributionDetail(ContributionScope, CentreDetailView):
    pass


@extend_schema_view(post=extend_schema(
    operation_id="submitContribution", summary="Submit a draft to the partner's signatory",
    description="For the partner's own people: sends a draft for approval, as the page's “Submit” button does. "
                "The signatory's approval and the finance controller's acceptance are done by people on the pages.",
    request=None, responses={200: ContributionSerializer, **problems(404, 422)}))
class ContributionSubmit(ContributionScope, CentreActionView):
    def act(self, entry):
        if not may_enter(self.request.user, entry.partnership):
            raise PermissionDenied  # the office sees the entry but does not submit for the partner, as on the page
        return submit_contribution(entry=entry, actor=self.request.user)
