"""The co-financing monitor: the office's and steering group's page with every figure, and a partner's own line.

The office and the steering group see the whole grant. A partner's contact or signatory
sees only their own partner's figures: the selector is asked for those partners only, so
no centre total or other partner's figure reaches the template.
"""

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csp import csp_override

from civhub.accounts.permissions import memberships_in
from civhub.core import revisions
from civhub.core.charts import CHART_CSP
from civhub.grants import charts
from civhub.grants.forms.monitor import MonitorForm
from civhub.grants.permissions import may_record_reports, monitor_or_partner_required, monitor_partnership_ids
from civhub.grants.sections import sections_for
from civhub.grants.selectors.accounts import model_g
from civhub.grants.selectors.deadlines import deadlines, last_submission, next_open, obligations, submissions_of
from civhub.grants.selectors.monitor import cached_monitor
from civhub.grants.views import grant_of, no_grant

CHARTS = {
    "year-bars": charts.year_bars,
    "partners": partial(charts.partner_bullets, width=charts.PAGE_PARTNER_CHART_WIDTH),
    "ratio": charts.cumulative_ratio,
}


def _figures(request, centre, grant):
    """The reference form and the monitor it asks for, limited to the user's partners unless office or steering."""
    today = timezone.localdate()
    form = MonitorForm(request.GET, years=list(grant.years), today=today)
    as_of, year = form.reference()
    partners = monitor_partnership_ids(request.user, centre)
    figures = cached_monitor(grant, as_of=as_of, year=year, partnership_ids=partners)
    return form, figures


@monitor_or_partner_required
def monitor_page(request, centre):
    """The monitor at a reference date (`?as_of=`, default today), for the whole grant or one `?year=`."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "monitor")
    form, figures = _figures(request, centre, grant)
    context = {"centre": centre, "grant": grant, "form": form, "figures": figures, "query": form.query(),
               "tab": "monitor"}
    if figures.partnership_ids is not None:
        year_rows = [(year, [partner.by_year.get(year, 0) for partner in figures.partners])
                     for year in figures.year_list]
        return render(request, "grants/monitor/partner.html", {**context, "year_rows": year_rows})
    context.update(_office_context(request, centre, grant, figures))
    return render(request, "grants/monitor/page.html", {**context, "figures_tables": _tables(request, context)})


def _tables(request, context) -> str:
    """The whole-grant page's tables (_tables.html), rendered once per state of the centre's records, reference,
    grant bounds, viewer and language: most of the page's rendering, and they change only with the figures, which
    are kept under the same token (cached_monitor). The viewer's roles say which partners' summaries they may open;
    the centre's slug is in every link."""
    centre, grant, figures, user = context["centre"], context["grant"], context["figures"], request.user
    parts = (centre.slug, grant.pk, grant.employer_share_min, grant.employer_share_max, grant.other_share_max,
             figures.as_of.isoformat(), context["query"], user.pk, user.is_superuser, memberships_in(user, centre))
    html = revisions.cached(centre.pk, "monitor-tables", parts,
                            lambda: render_to_string("grants/monitor/_tables.html", context, request))
    return mark_safe(html)  # noqa: S308 - the template's own output, escaped when it was rendered


def _office_context(request, centre, grant, figures) -> dict:
    """What only the whole-grant page shows: per-partner year columns, the deadlines and the annual accounts."""
    submissions = submissions_of(grant)  # for the deadlines and the last report submitted: one query
    return {
        "partner_rows": [(partner, partner.year_amounts(figures.year_list)) for partner in figures.partners],
        "budget_cofinancing": figures.total_budget - figures.subsidy_budget,
        "partner_chart_height": charts.partner_chart_height(figures),
        "partner_chart_width": charts.PAGE_PARTNER_CHART_WIDTH,
        "deadlines": deadlines(grant, today=timezone.localdate(), submissions=submissions),
        "obligations": obligations(grant), "accounts": model_g(grant, as_of=figures.as_of),
        "last_submission": last_submission(submissions),
        "advance_first": grant.first_advance_share * 100, "advance_quarterly": grant.quarterly_advance_share * 100,
        "may_record": may_record_reports(request.user, centre),
        "extra_sections": sections_for(request, grant),
    }


@csp_override(CHART_CSP)
@monitor_or_partner_required
def monitor_chart(request, centre, chart):
    """One of the monitor's charts as an SVG image, for the same reference date and year as the page."""
    draw = CHARTS.get(chart)
    grant = grant_of(centre)
    if draw is None or grant is None:
        raise Http404
    _form, figures = _figures(request, centre, grant)
    response = HttpResponse(draw(figures), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def dashboard_panel(request, centre) -> dict | None:
    """The office dashboard's "Subsidy" card: ratio, forecast, warnings and the next report due (None: no grant)."""
    grant = grant_of(centre)
    if grant is None:
        return None
    today = timezone.localdate()
    return {"grant": grant, "figures": cached_monitor(grant, as_of=today),
            "next_deadline": next_open(deadlines(grant, today=today))}
