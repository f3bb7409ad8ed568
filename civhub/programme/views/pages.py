"""The programme's reading pages: the overview of the lines, a line's page, a KPI's page and its chart.

Every role in the centre reads them (the office, the practor, communications, the steering
group and the partners); another centre's line or KPI is a 404. Outside the office, partners'
money and KPI figures show only as the viewer's own or in totals of at least three partners
(permissions.partner_figures).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.csp import csp_override

from civhub.core.charts import CHART_CSP
from civhub.programme import charts
from civhub.programme.models import Kpi
from civhub.programme.permissions import (
    MIN_PARTNERS,
    editable_actuals,
    listed_actuals,
    may_download_report,
    may_edit,
    may_record_actuals,
    partner_figures,
    reader_required,
)
from civhub.programme.selectors.kpis import BEHIND_SHARE, grant_years, kpi_years
from civhub.programme.selectors.lines import SOON_DAYS, attention, line_page, overview


def _centre_kpi(centre, pk) -> Kpi:
    return get_object_or_404(Kpi.objects.select_related("programme_line"), centre=centre, pk=pk)


def _rights(request, centre) -> dict:
    return {"may_edit": may_edit(request.user, centre), "may_record": may_record_actuals(request.user, centre),
            "may_report": may_download_report(request.user, centre), "behind_percent": int(BEHIND_SHARE * 100),
            "min_partners": MIN_PARTNERS}


@reader_required
def programme_overview(request, centre):
    """The centre's lines: their work in numbers, the KPIs behind target and the next milestones."""
    summary = overview(centre, today=timezone.localdate(), figures=partner_figures(request.user, centre))
    return render(request, "programme/overview.html", {"centre": centre, "overview": summary,
                                                        **_rights(request, centre)})


@reader_required
def line(request, centre, number):
    """One line: activities, the milestone timeline, KPI charts with their tables, and its co-financing."""
    page = line_page(centre, number, today=timezone.localdate(), figures=partner_figures(request.user, centre))
    return render(request, "programme/line.html", {"centre": centre, "page": page, "line": page.line,
                                                    **_rights(request, centre)})


@reader_required
def kpi(request, centre, pk):
    """One KPI: its targets and actuals per year, and the recorded actuals the user may see one by one.

    Other partners' actuals are not listed outside the office; the page counts them.
    """
    found = _centre_kpi(centre, pk)
    row = kpi_years(Kpi.objects.filter(pk=found.pk), years=grant_years(centre), as_of=timezone.localdate(),
                    figures=partner_figures(request.user, centre))[0]
    listed, unlisted = listed_actuals(request.user, centre, found)
    actuals = listed.select_related("partnership__organisation", "recorded_by").order_by("-date", "-pk")
    editable = set(editable_actuals(request.user, centre).filter(kpi=found).values_list("pk", flat=True))
    return render(request, "programme/kpi.html", {
        "centre": centre, "kpi": found, "line": found.programme_line, "row": row,
        "actuals": [(actual, actual.pk in editable) for actual in actuals], "unlisted": unlisted.count(),
        **_rights(request, centre),
    })


@csp_override(CHART_CSP)
@reader_required
def kpi_chart(request, centre, pk):
    """A KPI's chart (target against actual per year) as an SVG image."""
    found = _centre_kpi(centre, pk)
    row = kpi_years(Kpi.objects.filter(pk=found.pk), years=grant_years(centre), as_of=timezone.localdate(),
                    figures=partner_figures(request.user, centre))[0]
    response = HttpResponse(charts.kpi_chart(row), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def dashboard_panel(request, centre) -> dict | None:
    """The office dashboard's "Programme" card: milestones overdue or due within 30 days, KPIs behind target."""
    if not centre.programme_lines.exists():
        return None
    return {"attention": attention(centre, today=timezone.localdate()), "soon_days": SOON_DAYS}
