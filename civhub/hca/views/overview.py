"""The HCA page (office, steering group, practor): the forecast per occupation of a survey round (`?ronde=<pk>`,
default the newest), its trend over the rounds, the skills heatmap and the published forecast beside ours; its
two charts; and the office's button that records the round's ITAs as KPIs of the programme.

Another centre's round is a 404. Outside the office only published cells reach the template and the charts.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.csp import csp_override

from civhub.core.charts import CHART_CSP
from civhub.core.views import confirm_then_act
from civhub.hca import charts
from civhub.hca.models import SurveyRound
from civhub.hca.permissions import may_manage, office_pages_required, reader_pages_required, sees_every_cell
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.overview import hca_overview
from civhub.hca.services.kpis import record_ita_kpis

ROUND_PARAMETER = "ronde"


def _round_pk(request) -> int | None:
    value = request.GET.get(ROUND_PARAMETER, "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


def _page(request, centre, **parts):
    page = hca_overview(centre, round_pk=_round_pk(request), office=sees_every_cell(request.user, centre), **parts)
    if page is None:
        raise Http404
    return page


@reader_pages_required
def overview(request, centre):
    page = _page(request, centre)
    chart_query = f"?{ROUND_PARAMETER}={page.chosen.pk}" if page.chosen else ""
    return render(request, "hca/overview.html", {
        "centre": centre, "page": page, "may_manage": may_manage(request.user, centre),
        "chart_query": chart_query, "openings_chart_height": charts.openings_chart_height(page),
        "min_partners": MIN_PARTNERS, "round_parameter": ROUND_PARAMETER,
    })


@csp_override(CHART_CSP)
@reader_pages_required
def overview_chart(request, centre, chart):
    """One of the page's charts as an SVG image, for the same round and audience as the page."""
    draw = charts.CHARTS.get(chart)
    if draw is None:
        raise Http404
    response = HttpResponse(draw(_page(request, centre, skills=False, published=False)),
                            content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@office_pages_required
def record_kpis(request, centre, pk):
    """Confirm, then record the round's published ITAs as KPIs of programme line 1."""
    survey_round = get_object_or_404(SurveyRound, centre=centre, pk=pk)
    back = f"{reverse('hca:overview', args=[centre.slug])}?{ROUND_PARAMETER}={survey_round.pk}"
    return confirm_then_act(
        request, "hca/record_kpis.html", {"centre": centre, "survey_round": survey_round, "back": back},
        lambda: record_ita_kpis(actor=request.user, survey_round=survey_round),
        lambda count: ngettext("The ITA of %(count)d occupation has been recorded as a KPI of the programme.",
                               "The ITAs of %(count)d occupations have been recorded as KPIs of the programme.",
                               count) % {"count": count},
        back + "#kpis")

