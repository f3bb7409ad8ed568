"""The reports' pages and downloads: the funder pack (XLSX, PDF), the partner statements (PDF, ZIP) and their list,
and the progress report (its period page, XLSX, PDF).

The funder pack is for the programme office and the steering group, like the monitor it
mirrors; `?as_of=YYYY-MM-DD&year=YYYY` choose the reference date and year, and invalid
values fall back to the defaults (today, the whole grant) as on the monitor page. A
partner's statement is for that partner's own people and the office (another partner's is
a 404); the ZIP of all statements of a year is the office's.

Large files are written to a temporary file and streamed from it, never held in memory. The worker makes the
funder pack of a large ledger and every statements ZIP (reports/files.py): the page offers to ask for it, and the
status page (core:requested_file) then offers the file.
"""

import tempfile

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from civhub.accounts.permissions import acts_as_office, office_required, portal_required
from civhub.core.exports import CONTENT_TYPES, attachment, file_download
from civhub.core.models import Grant
from civhub.core.views import made_in_background
from civhub.grants.forms.monitor import MonitorForm
from civhub.grants.models import ReportSubmission
from civhub.grants.permissions import monitor_required
from civhub.grants.selectors.monitor import current_grant, monitor
from civhub.partners.permissions import partnerships_visible_to
from civhub.programme.permissions import report_required
from civhub.reports import files as worker_files
from civhub.reports import statements as statement_files
from civhub.reports.forms import PeriodForm
from civhub.reports.funder import write_funder_xlsx
from civhub.reports.pdf import PDF_LANGUAGE, render_funder_pdf, render_progress_pdf, write_progress_xlsx
from civhub.reports.selectors import grant_years, statement_years_by_partner
from civhub.reports.selectors.progress import build_report, default_period, grant_year_periods
from civhub.reports.submissions import changes_since as changes_of

FORMATS = ("xlsx", "pdf")


@monitor_required
def funder_pack(request, centre, fmt):
    """The funder pack (docs/formats.md §6) of the centre's grant as XLSX or PDF; the worker makes a large one."""
    if fmt not in FORMATS:
        raise Http404
    today = timezone.localdate()
    grant = current_grant(centre, today=today)
    if grant is None:
        raise Http404
    # The monitor page's own reading of ?as_of= and ?year=: what it shows is what the pack holds.
    as_of, year = MonitorForm(request.GET, years=list(grant.years), today=today).reference()
    name = "-".join(str(part) for part in ("financieringsrapport", centre.slug, year, as_of.isoformat()) if part)
    if worker_files.funder_pack_is_large(grant):
        parameters = worker_files.funder_pack_parameters(grant, fmt=fmt, as_of=as_of, year=year)
        return made_in_background(request, centre, kind=worker_files.FUNDER_PACK.name, name=f"{name}.{fmt}",
                                  parameters=parameters)
    if fmt == "pdf":
        with translation.override(PDF_LANGUAGE):  # the monitor's warnings and line names are texts too
            content = render_funder_pdf(monitor(grant, as_of=as_of, year=year))
        return attachment(HttpResponse(content, content_type="application/pdf"), f"{name}.pdf")
    spool = tempfile.TemporaryFile()
    write_funder_xlsx(monitor(grant, as_of=as_of, year=year), spool)
    return file_download(spool, name=f"{name}.xlsx")


def _submission(centre, pk: int) -> ReportSubmission:
    """A submitted report of one of the centre's grants; another centre's is a 404."""
    return get_object_or_404(ReportSubmission.objects.select_related("grant__centre", "submitted_by"),
                             grant__centre=centre, pk=pk)


@monitor_required
def submitted_pack(request, centre, pk, fmt):
    """The funder pack exactly as it was kept when the report was marked submitted (XLSX or PDF)."""
    submission = _submission(centre, pk)
    stored = {"xlsx": submission.xlsx, "pdf": submission.pdf}.get(fmt)
    if not stored:
        raise Http404
    handle = stored.storage.open(stored.name, "rb")
    handle.seek(0, 2)  # the Spool streams from the start and knows the size from the end
    response = file_download(handle, name=stored.name.rsplit("/", 1)[-1],
                             content_type=CONTENT_TYPES[fmt])
    response["X-Content-SHA256"] = submission.xlsx_sha256 if fmt == "xlsx" else submission.pdf_sha256
    return response


@monitor_required
def changes_since(request, centre, pk):
    """The figures a submitted report kept, beside the same figures recomputed for its date and as of today."""
    submission = _submission(centre, pk)
    rows = changes_of(submission, today=timezone.localdate(), language=translation.get_language())
    return render(request, "reports/changes_since.html", {
        "centre": centre, "submission": submission, "rows": rows, "today": timezone.localdate(),
        "reproduced": all(row.reproduced for row in rows), "changed": [row for row in rows if row.changed],
    })


def _statement_year_or_404(centre, year: int) -> int:
    if year not in grant_years(centre):
        raise Http404
    return year


@portal_required
def partner_statement(request, centre, code, year):
    """A partner's statement of one year as PDF: for its own contacts and signatories, and the office."""
    visible = partnerships_visible_to(request.user, centre).select_related("organisation", "centre")
    partnership = get_object_or_404(visible, short_code=code)
    _statement_year_or_404(centre, year)
    content = statement_files.render_statement_pdf(partnership, year)
    return attachment(HttpResponse(content, content_type="application/pdf"),
                       statement_files.file_name(partnership, year))


@office_required
def partner_statements_zip(request, centre, year):
    """Every statement of a year in one ZIP (one PDF per partner with accepted contributions that year), made by
    the worker: GET offers to ask for it, POST asks."""
    _statement_year_or_404(centre, year)
    return made_in_background(request, centre, kind=worker_files.PARTNER_STATEMENTS.name, parameters={"year": year},
                              name=f"verklaringen-{centre.slug}-{year}.zip")


@portal_required
def statements(request, centre):
    """The statements one may download: years × partners (the office all partners and a ZIP per year)."""
    office = acts_as_office(request.user, centre)
    partnerships = partnerships_visible_to(request.user, centre).select_related("organisation").order_by(
        "organisation__name", "pk")
    years = [year for year in grant_years(centre) if year <= timezone.localdate().year]
    with_entries = statement_years_by_partner(centre, partnerships)
    rows = [{"partnership": partnership, "years": [(year, year in with_entries.get(partnership.pk, ()))
                                                   for year in years]}
            for partnership in partnerships]
    return render(request, "reports/statements.html", {
        "centre": centre, "office": office, "years": years, "rows": rows,
        "zip_years": [year for year in years if any(year in found for found in with_entries.values())]
        if office else [],
    })



# The progress report ------------------------------------------------------------------------


def _period_form(request, grant: Grant) -> PeriodForm:
    return PeriodForm(request.GET, default=default_period(grant, today=timezone.localdate()))


@report_required
def progress(request, centre):
    """The progress report's page: choose the period (default: the latest grant year that has ended), download."""
    grant = current_grant(centre, today=timezone.localdate())
    form = _period_form(request, grant) if grant else None
    if form is not None:
        form.is_valid()
    context = {"centre": centre, "grant": grant, "form": form,
               "periods": grant_year_periods(grant) if grant else []}
    return render(request, "reports/progress.html", context, status=400 if form is not None and form.errors else 200)


@report_required
def progress_report(request, centre, fmt):
    """The progress report for ?from=&to= as XLSX or PDF; invalid dates give the period page with the errors."""
    grant = current_grant(centre, today=timezone.localdate())
    if fmt not in FORMATS or grant is None:
        raise Http404
    form = _period_form(request, grant)
    if not form.is_valid():
        return render(request, "reports/progress.html",
                      {"centre": centre, "grant": grant, "form": form, "periods": grant_year_periods(grant)},
                      status=400)
    period = form.period()
    if fmt == "pdf":
        with translation.override(PDF_LANGUAGE):  # line names and labels are texts too
            response = HttpResponse(render_progress_pdf(build_report(centre, period)), content_type=CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(content_type=CONTENT_TYPES[fmt])
        write_progress_xlsx(build_report(centre, period), response)
    return attachment(response, f"voortgangsrapport-{centre.slug}-{period.start.isoformat()}-"
                                f"{period.end.isoformat()}.{fmt}")
