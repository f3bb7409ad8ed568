"""The co-financing monitor's figures in the partners' API, read only: what the monitor page shows, as JSON.

The figures come from the page's own selector (`grants.selectors.monitor.monitor`), asked for the same
partners as the page (`monitor_partnership_ids`): the office and the steering group get the whole grant
(totals, years, programme lines, kinds, partners and composition groups); a partner's contact or signatory gets
their own partner's line and kinds only, and `totals`, `years`, `lines` and `groups` are null, as the partner's
page shows no centre figure. Amounts are decimal strings in euros.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from civhub.accounts.models import PARTNER_ROLES
from civhub.api.rest.centres import CentreScoped
from civhub.api.rest.schema import problems
from civhub.grants.forms.monitor import MonitorForm
from civhub.grants.permissions import MONITOR_ROLES, monitor_partnership_ids
from civhub.grants.selectors.monitor import current_grant, monitor

AMOUNT = {"max_digits": 14, "decimal_places": 2, "read_only": True}


def figures_for(user, centre, params):
    """The monitor for the centre's current grant at `?as_of=` and `?year=` (the page's form), or None without
    a grant. Invalid values fall back to the defaults as on the page (today, the whole grant)."""
    today = timezone.localdate()
    grant = current_grant(centre, today=today)
    if grant is None:
        return None
    form = MonitorForm(params, years=list(grant.years), today=today)
    as_of, year = form.reference()
    if as_of == date.max:  # the monitor counts what was entered before the next day began, and there is none
        as_of = today
    return monitor(grant, as_of=as_of, year=year, partnership_ids=monitor_partnership_ids(user, centre))


class MonitorTotalsSerializer(serializers.Serializer):
    """The whole grant's (or the year's) totals against the subsidy, as the top of the monitor page."""

    subsidy_granted = serializers.DecimalField(**AMOUNT)
    subsidy_budget = serializers.DecimalField(**AMOUNT)
    total_budget = serializers.DecimalField(**AMOUNT)
    subsidy_spent = serializers.DecimalField(**AMOUNT)
    cofinancing_realised = serializers.DecimalField(**AMOUNT)
    cofinancing_counted = serializers.DecimalField(**AMOUNT)
    cofinancing_excess = serializers.DecimalField(**AMOUNT)
    cofinancing_required = serializers.DecimalField(**AMOUNT)
    not_counted = serializers.DecimalField(**AMOUNT)
    shortfall = serializers.DecimalField(**AMOUNT)
    ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, allow_null=True)
    required_ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    forecast_cofinancing = serializers.DecimalField(**AMOUNT, allow_null=True)
    forecast_ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, allow_null=True)
    commitment_forecast = serializers.DecimalField(**AMOUNT)
    commitment_ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, allow_null=True)
    subsidy_carried = serializers.DecimalField(**AMOUNT)
    subsidy_at_risk = serializers.DecimalField(**AMOUNT)
    migrated = serializers.DecimalField(**AMOUNT)


class YearFiguresSerializer(serializers.Serializer):
    """One calendar year: budget, subsidy spent, co-financing realised and counted, and the cumulative ratio."""

    year = serializers.IntegerField(read_only=True)
    budget_subsidy = serializers.DecimalField(**AMOUNT)
    budget_cofinancing = serializers.DecimalField(**AMOUNT)
    subsidy_spent = serializers.DecimalField(**AMOUNT)
    cofinancing_realised = serializers.DecimalField(**AMOUNT)
    cofinancing_counted = serializers.DecimalField(**AMOUNT)
    ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, allow_null=True)
    cumulative_ratio = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, allow_null=True)


class LineFiguresSerializer(serializers.Serializer):
    """A programme line (number null: booked to no line), its budget and what was spent and realised on it."""

    number = serializers.IntegerField(read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True)
    budget_subsidy = serializers.DecimalField(**AMOUNT)
    budget_cofinancing = serializers.DecimalField(**AMOUNT)
    subsidy_spent = serializers.DecimalField(**AMOUNT)
    cofinancing_realised = serializers.DecimalField(**AMOUNT)


class KindFiguresSerializer(serializers.Serializer):
    """One kind of contribution: pledged, accepted hours and value; `counted` false for BPV."""

    kind = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    counted = serializers.BooleanField(read_only=True)
    pledged = serializers.DecimalField(**AMOUNT)
    hours = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    amount = serializers.DecimalField(**AMOUNT)


class YearAmountSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    amount = serializers.DecimalField(**AMOUNT)


class PartnerFiguresSerializer(serializers.Serializer):
    """One partner: pledged, due so far, realised (cash, in kind, migrated; BPV apart), waiting, and per year."""

    partnership = serializers.IntegerField(source="partnership.pk", read_only=True)
    code = serializers.CharField(source="partnership.short_code", read_only=True)
    name = serializers.CharField(source="partnership.organisation.name", read_only=True)
    counted = serializers.BooleanField(read_only=True)
    pledged = serializers.DecimalField(**AMOUNT)
    pro_rata_pledge = serializers.DecimalField(**AMOUNT)
    realised = serializers.DecimalField(**AMOUNT)
    cash = serializers.DecimalField(**AMOUNT)
    in_kind = serializers.DecimalField(**AMOUNT)
    migrated = serializers.DecimalField(**AMOUNT)
    bpv = serializers.DecimalField(**AMOUNT)
    waiting = serializers.DecimalField(**AMOUNT)
    behind = serializers.BooleanField(read_only=True)
    by_year = serializers.SerializerMethodField()

    @extend_schema_field(YearAmountSerializer(many=True))
    def get_by_year(self, partner):
        years = self.context["years"]
        return YearAmountSerializer([{"year": year, "amount": amount}
                                     for year, amount in zip(years, partner.year_amounts(years), strict=True)],
                                    many=True).data


class GroupFiguresSerializer(serializers.Serializer):
    """A composition group: realised, counted within its maximum, the excess, its bounds and forecasts."""

    group = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    realised = serializers.DecimalField(**AMOUNT)
    counted = serializers.DecimalField(**AMOUNT)
    excess = serializers.DecimalField(**AMOUNT)
    minimum = serializers.DecimalField(**AMOUNT, allow_null=True)
    maximum = serializers.DecimalField(**AMOUNT, allow_null=True)
    forecast = serializers.DecimalField(**AMOUNT, allow_null=True)
    commitment = serializers.DecimalField(**AMOUNT, allow_null=True)


class MonitorSerializer(serializers.Serializer):
    """The monitor at a reference date, for the whole grant or one year (`year` null: the whole grant)."""

    as_of = serializers.DateField(read_only=True)
    year = serializers.IntegerField(source="period.year", read_only=True, allow_null=True)
    start = serializers.DateField(source="period.start", read_only=True)
    end = serializers.DateField(source="period.end", read_only=True)
    whole_grant = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()
    years = serializers.SerializerMethodField()
    lines = serializers.SerializerMethodField()
    kinds = KindFiguresSerializer(many=True, read_only=True)
    partners = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()

    def get_whole_grant(self, figures) -> bool:
        return figures.partnership_ids is None

    @extend_schema_field(MonitorTotalsSerializer(allow_null=True))
    def get_totals(self, figures):
        return MonitorTotalsSerializer(figures).data if figures.partnership_ids is None else None

    @extend_schema_field(YearFiguresSerializer(many=True, allow_null=True))
    def get_years(self, figures):
        return YearFiguresSerializer(figures.years, many=True).data if figures.partnership_ids is None else None

    @extend_schema_field(LineFiguresSerializer(many=True, allow_null=True))
    def get_lines(self, figures):
        return LineFiguresSerializer(figures.lines, many=True).data if figures.partnership_ids is None else None

    @extend_schema_field(PartnerFiguresSerializer(many=True))
    def get_partners(self, figures):
        return PartnerFiguresSerializer(figures.partners, many=True, context={"years": figures.year_list}).data

    @extend_schema_field(GroupFiguresSerializer(many=True, allow_null=True))
    def get_groups(self, figures):
        return GroupFiguresSerializer(figures.groups, many=True).data if figures.partnership_ids is None else None


class MonitorView(CentreScoped, generics.GenericAPIView):
    """The monitor's figures for those who see the monitor page: the office, the steering group, and a partner's
    people for their own partner; anyone else in the centre gets a 403, a centre without a grant a 404."""

    centre_roles = tuple(sorted(MONITOR_ROLES | PARTNER_ROLES))
    serializer_class = MonitorSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        operation_id="getMonitor", summary="The co-financing monitor's figures",
        description="The monitor page's figures at a reference date, for the whole grant or one year: totals, years, "
                    "programme lines, kinds, partners and composition groups for the office and the steering group; "
                    "a partner's contact or signatory gets their own partner's figures and kinds only (the centre's "
                    "figures are null). A value that is not valid falls back to its default, as on the page. "
                    "Amounts are in euros.",
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="The reference date (default: today)."),
            OpenApiParameter("year", int, description="One calendar year of the grant (default: the whole grant)."),
        ],
        responses={200: MonitorSerializer, **problems(404)})
    def get(self, request, *args, **kwargs):
        figures = figures_for(request.user, self.centre, request.query_params)
        if figures is None:
            raise NotFound(_("This centre has no grant yet."))
        return Response(MonitorSerializer(figures).data)
