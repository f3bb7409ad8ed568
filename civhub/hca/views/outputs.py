"""Where the Human Capital Agenda shows beyond its own page: the office dashboard's card, the public page
"De arbeidsmarkt voor analisten" and the HCA report's downloads. Each shows only published cells.

- The card: the office (the dashboard is the office's); handed to `partners` through core/dashboard.py.
- The public page: everyone, signed in or not; no partner is named.
- The report (XLSX, PDF): the HCA page's readers, the office, the steering group and the practor
  (hca/permissions.py `reader_pages_required`).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from civhub.core.exports import CONTENT_TYPES, attachment
from civhub.core.models import Centre
from civhub.hca.charts import published_chart_height, published_openings_and_supply
from civhub.hca.errors import HcaError
from civhub.hca.permissions import may_manage, may_read, reader_pages_required
from civhub.hca.report import build_report, render_report_pdf, write_report_xlsx
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.summary import headline, public_picture
from civhub.reports.pdf import svg_data_uri


def dashboard_panel(request, centre) -> dict | None:
    """The office dashboard's card: the newest round, its response and the tightest occupations (six queries)."""
    if not may_manage(request.user, centre):
        return None
    return {"headline": headline(centre), "min_partners": MIN_PARTNERS,
            "may_download": may_read(request.user, centre)}


def public(request, slug):
    """The public page: the aggregate picture of every round, published cells only (nine queries)."""
    centre = get_object_or_404(Centre, slug=slug)
    picture = public_picture(centre)
    chart_cells = picture.newest.published if picture.newest else []
    return render(request, "hca/public.html", {
        "centre": centre, "picture": picture, "min_partners": MIN_PARTNERS,
        "chart": svg_data_uri(published_openings_and_supply(chart_cells)) if chart_cells else None,
        "chart_height": published_chart_height(len(chart_cells)),
    })


def _report(centre):
    try:
        return build_report(centre)
    except HcaError:
        raise Http404 from None  # no survey round yet: nothing to download


def _name(report, extension: str) -> str:
    return f"arbeidsmarkt-{report.centre.slug}-{report.survey_round.reference_date.isoformat()}.{extension}"


@reader_pages_required
def report_xlsx(request, centre):
    """The HCA report of the newest round as a workbook (published cells only)."""
    report = _report(centre)
    response = HttpResponse(content_type=CONTENT_TYPES["xlsx"])
    write_report_xlsx(report, response)
    return attachment(response, _name(report, "xlsx"))


@reader_pages_required
def report_pdf(request, centre):
    """The HCA report of the newest round as PDF (published cells only)."""
    report = _report(centre)
    return attachment(HttpResponse(render_report_pdf(report), content_type=CONTENT_TYPES["pdf"]),
                      _name(report, "pdf"))


