"""The co-financing monitor: the office's and steering group's page with every figure, and a partner's own line.

The office and the steering group see the whole grant. A partner's contact or signatory
sees only their own partner's figures: the selector is asked for those partners only, so
no centre total or other partner's figure reaches the template.
"""

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csp import csp_override

from civhub.accounts import fragments
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
    """The monitor at a reference date (`?as_of=`, default today), for the whole grant or one `?year=`.

    The whole-grant page's body is kept rendered until the centre's records change (accounts/fragments.py): the
    figures, deadlines and accounts are read only when it is rendered."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "monitor")
    if monitor_partnership_ids(request.user, centre) is not None:
        return _partner_page(request, centre, grant)
    body = fragments.rendered(request, centre, "monitor-page", "grants/monitor/_body.html",
                              lambda: _office_context(request, centre, grant))
    return render(request, "grants/monitor/page.html", {"centre": centre, "body": body})


def _partner_page(request, centre, grant):
    """A partner's own line: their figures by year, nothing of the centre's or another partner's."""
    form, figures = _figures(request, centre, grant)
    year_rows = [(year, [partner.by_year.get(year, 0) for partner in figures.partners])
                 for year in figures.year_list]
    return render(request, "grants/monitor/partner.html", {
        "centre": centre, "grant": grant, "form": form, "figures": figures, "query": form.query(), "tab": "monitor",
        "year_rows": year_rows})


def _office_context(request, centre, grant) -> dict:
    """The whole-grant page's figures, per-partner year columns, the deadlines and the annual accounts."""
    form, figures = _figures(request, centre, grant)
    submissions = submissions_of(grant)  # for the deadlines and the last report submitted: one query
    return {
        "centre": centre, "grant": grant, "form": form, "figures": figures, "query": form.query(), "tab": "monitor",
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
