"""The expenditure pages: the list with its totals, the form, and the import (upload, preview, confirm, progress).

The programme office and the steering group read the list; the finance controller records
entries and imports files. An entry never changes: the list's "correct" action opens the
form with the amount negated, so the correction is a new entry beside the old one.
A confirmed import runs as the ledger's import task (ledger/services/import_batches.py): at once in development
and the tests, in the worker with a queue, while the batch's page shows its progress.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from civhub.core.errors import CivhubError
from civhub.core.exports import download
from civhub.core.formatting import format_date
from civhub.core.views import attempt, form_status, posted, posted_files
from civhub.grants.forms.expenditure import ExpenditureFilterForm, ExpenditureForm, ExpenditureImportForm
from civhub.grants.imports import expenditure_template_tables, preview_expenditure, preview_rows
from civhub.grants.models import Expenditure
from civhub.grants.permissions import finance_required, may_manage_finances, monitor_required
from civhub.grants.selectors import expenditure as selectors
from civhub.grants.services.expenditure import record_expenditure
from civhub.grants.views import grant_of, no_grant
from civhub.ledger.models import ImportBatch
from civhub.ledger.services import import_batches

PAGE_SIZE = 50


def _page(request, centre, template, context, status=200):
    return render(request, template, {"centre": centre, "tab": "expenditure", **context}, status=status)


def _line_choices(centre) -> list[tuple[int, str]]:
    return [(line.number, str(line)) for line in centre.programme_lines.order_by("number")]


@monitor_required
def expenditure(request, centre):
    """The grant's entries, filtered, with the total and the total per category summed by the database."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "expenditure")
    form = ExpenditureFilterForm(request.GET or None, years=list(grant.years), lines=_line_choices(centre))
    entries = selectors.expenditure_list(grant, **form.filters())
    return _page(request, centre, "grants/expenditure/list.html", {
        "grant": grant, "form": form, "totals": selectors.totals(entries),
        "page_obj": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_manage": may_manage_finances(request.user, centre), "filtered": bool(form.filters()),
    })


def _correction_of(request, grant) -> dict | None:
    """`?correct=<pk>`: the form prefilled to cancel that entry (its amount negated)."""
    pk = request.GET.get("correct", "")
    entry = Expenditure.objects.filter(grant=grant, pk=int(pk)).first() if pk.isdecimal() else None
    if entry is None:
        return None
    return {
        "date": entry.date, "category": entry.category, "programme_line": entry.programme_line_id,
        "amount": -entry.amount,
        "description": (_("Correction of “%(description)s” (%(date)s)")
                        % {"description": entry.description, "date": format_date(entry.date)})[:500],
    }


@finance_required
def expenditure_new(request, centre):
    """Record one entry of subsidy spent, or (`?correct=<pk>`) the negative entry that corrects another."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "expenditure")
    correction = _correction_of(request, grant)
    form = ExpenditureForm(posted(request), initial=correction, centre=centre)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: record_expenditure(grant=grant, actor=request.user,
                                                                 data=form.expenditure_data()),
                       lambda entry: _("The expenditure of %(date)s has been recorded.")
                       % {"date": format_date(entry.date)}, reverse("grants:expenditure", args=[centre.slug]))
        if done:
            return done
    return _page(request, centre, "grants/expenditure/form.html", {
        "grant": grant, "form": form, "correction": correction is not None,
    }, status=form_status(form))


@finance_required
def expenditure_import(request, centre):
    """GET: the upload form; POST: check the file and show the preview (nothing is written yet)."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "expenditure")
    form = ExpenditureImportForm(posted(request), posted_files(request))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: preview_expenditure(grant=grant, actor=request.user,
                                                                  upload=form.cleaned_data["file"]),
                       None, lambda batch: reverse("grants:expenditure_import_batch", args=[centre.slug, batch.pk]))
        if done:
            return done
    recent = (ImportBatch.objects.filter(centre=centre, kind=ImportBatch.Kind.EXPENDITURE, actor=request.user)
              .order_by("-created_at", "-pk")[:10])
    return _page(request, centre, "grants/expenditure/upload.html", {
        "grant": grant, "form": form, "batches": recent,
    }, status=form_status(form))


@finance_required
def expenditure_template(request, centre):
    """`grants:expenditure_template`: the blank spending file (XLSX), with the categories and programme lines."""
    return download(expenditure_template_tables(centre), "xlsx", filename=f"bestedingen-{centre.slug}")


def _batch(centre, pk) -> ImportBatch:
    batch = (ImportBatch.objects.select_related("actor")
             .filter(centre=centre, kind=ImportBatch.Kind.EXPENDITURE, pk=pk).first())
    if batch is None:
        raise Http404
    return batch


def _batch_url(centre, pk) -> str:
    return reverse("grants:expenditure_import_batch", args=[centre.slug, pk])


@finance_required
def expenditure_import_batch(request, centre, pk):
    """One expenditure import: its errors, its preview waiting for confirmation, its progress, or its outcome.

    While the import runs the page asks itself again (htmx) for the progress; once it is over the answer sends the
    browser to the outcome.
    """
    batch = _batch(centre, pk)
    if request.htmx:
        return _progress(request, centre, batch)
    grant = grant_of(centre)
    return _page(request, centre, "grants/expenditure/batch.html", {
        "grant": grant, "batch": batch, "preview": preview_rows(batch, grant) if grant else [],
        "may_confirm": batch.state == ImportBatch.State.PREVIEW and batch.actor_id == request.user.pk,
        "progress": import_batches.progress_of(batch),
    })


def _progress(request, centre, batch) -> HttpResponse:
    if batch.state == ImportBatch.State.RUNNING:
        return render(request, "grants/expenditure/batch.html#progress", {
            "centre": centre, "batch": batch, "progress": import_batches.progress_of(batch)})
    response = HttpResponse(status=204)
    response["HX-Redirect"] = _batch_url(centre, batch.pk)
    return response


OUTCOMES = {
    ImportBatch.State.DONE: (messages.SUCCESS, gettext_lazy("The file has been imported.")),
    ImportBatch.State.REFUSED: (messages.ERROR, gettext_lazy(
        "The file was refused when it was imported; nothing was written. The errors are below.")),
    ImportBatch.State.FAILED: (messages.ERROR, gettext_lazy("The import failed; nothing was written.")),
    ImportBatch.State.RUNNING: (messages.INFO, gettext_lazy(
        "The import is running. This page shows its progress.")),
}


@finance_required
@require_POST
def expenditure_import_confirm(request, centre, pk):
    """Queue the import of the checked file (its uploader only, once): all rows, or none."""
    batch = _batch(centre, pk)
    try:
        import_batches.confirm_import(batch=batch, actor=request.user)
    except CivhubError as error:
        messages.error(request, str(error))
    else:
        batch.refresh_from_db(fields=["state"])
        messages.add_message(request, *OUTCOMES.get(batch.state, OUTCOMES[ImportBatch.State.FAILED]))
    return redirect(_batch_url(centre, batch.pk))
