"""The web import: upload, preview with every error, confirm, and watch the progress of a large file.

Partners import their own organisation's contributions; the office imports for the whole
centre, and the finance controller may import entries approved before civhub as accepted.
Rate cards are imported by the programme manager and the finance controller. Nothing is
written before the confirmation, and then everything or nothing (see services.import_batches).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from civhub.accounts.permissions import acts_as_office, portal_required
from civhub.core.exports import download
from civhub.core.views import attempt, form_page
from civhub.ledger.errors import LedgerError
from civhub.ledger.forms.imports import ContributionImportForm, RateImportForm
from civhub.ledger.imports.template_files import contribution_template, rates_template
from civhub.ledger.models import ImportBatch
from civhub.ledger.permissions import batches_visible_to, is_finance_controller
from civhub.ledger.selectors.office import recent_batches
from civhub.ledger.services import import_batches as service
from civhub.ledger.views.office import reference_editors_required
from civhub.partners.permissions import partnerships_visible_to

State = ImportBatch.State


def _batch_url(centre, pk) -> str:
    return reverse("ledger:import_batch", args=[centre.slug, pk])


def _upload_page(request, centre, form, template, **context):
    return form_page(request, template, {"centre": centre, "form": form, "office": acts_as_office(request.user, centre),
                                         "batches": recent_batches(request.user, centre), **context})


@portal_required
def upload(request, centre):
    """GET: the upload form; POST: check the file and show the preview (nothing is written yet)."""
    own = None if acts_as_office(request.user, centre) else list(
        partnerships_visible_to(request.user, centre).select_related("organisation").order_by("organisation__name"))
    choices = partnerships_visible_to(request.user, centre).select_related("organisation").order_by(
        "organisation__name") if own and len(own) > 1 else None
    form = ContributionImportForm(request.POST or None, request.FILES or None, partnerships=choices,
                                  may_accept=is_finance_controller(request.user, centre))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        partnership = data.get("partnership") or (own[0] if own else None)
        done = attempt(request, form, lambda: service.preview_contributions(
            centre=centre, actor=request.user, upload=data["file"], partnership=partnership,
            as_accepted=data.get("as_accepted", False), reference=data.get("reference", "")),
            None, lambda batch: _batch_url(centre, batch.pk))
        if done:
            return done
    return _upload_page(request, centre, form, "ledger/imports/upload.html")


def _partners(request, centre):
    return partnerships_visible_to(request.user, centre).select_related("organisation").order_by("organisation__name")


@portal_required
def template(request, centre):
    """`ledger:import_template`: the blank contributions file (XLSX), with the kinds and the user's partners."""
    return download(contribution_template(_partners(request, centre)), "xlsx", filename=f"bijdragen-{centre.slug}")


@reference_editors_required
def rates_template_file(request, centre):
    """`ledger:rates_template`: the blank rate-card file (XLSX), with the centre's partners."""
    return download(rates_template(_partners(request, centre)), "xlsx", filename=f"tarieven-{centre.slug}")


@reference_editors_required
def rates_upload(request, centre):
    """GET: the rate-card upload form; POST: check the file and show the preview."""
    form = RateImportForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: service.preview_rates(centre=centre, actor=request.user,
                                                                    upload=form.cleaned_data["file"]),
                       None, lambda batch: _batch_url(centre, batch.pk))
        if done:
            return done
    return _upload_page(request, centre, form, "ledger/imports/rates_upload.html")


def _batch(request, centre, pk) -> ImportBatch:
    """A batch the user may see (404 otherwise); a preview whose import has run leads to the import's batch."""
    found = batches_visible_to(request.user, centre).select_related("actor", "partnership__organisation").filter(
        pk=pk).first()
    if found is not None:
        return found
    moved = service.moved_to(pk)
    if moved is not None and batches_visible_to(request.user, centre).filter(pk=moved).exists():
        raise _Moved(moved)
    raise Http404


class _Moved(Exception):  # noqa: N818 - not an error: the batch lives on under another number
    def __init__(self, pk: int):
        self.pk = pk


@portal_required
def batch(request, centre, pk):
    """One import: its preview and errors, its progress while it runs, or its outcome."""
    try:
        batch = _batch(request, centre, pk)
    except _Moved as moved:
        return redirect("ledger:import_batch", centre.slug, moved.pk)
    return render(request, "ledger/imports/batch.html", {
        "centre": centre, "batch": batch, "office": acts_as_office(request.user, centre),
        "preview": service.preview_rows(batch), "progress": service.progress_of(batch),
        "may_confirm": batch.state == State.PREVIEW and batch.actor_id == request.user.pk,
        # A page opened while the import runs polls, and reloads itself when the import is over.
        "polling": batch.state == State.RUNNING, "then": "reload",
    })


OUTCOMES = {
    State.DONE: (messages.SUCCESS, _("The file has been imported.")),
    State.REFUSED: (messages.ERROR, _("The file was refused when it was imported; nothing was written. "
                                      "The errors are below.")),
    State.FAILED: (messages.ERROR, _("The import failed; nothing was written.")),
    State.RUNNING: (messages.INFO, _("The import is running. This page shows its progress.")),
}


@portal_required
@require_POST
def confirm(request, centre, pk):
    """Run the import of a checked file (its uploader only, once)."""
    try:
        batch = _batch(request, centre, pk)
    except _Moved as moved:
        return _to_batch(request, centre, moved.pk)
    try:
        shown = service.confirm_import(batch=batch, actor=request.user)
    except LedgerError as error:
        messages.error(request, str(error))
        return _to_batch(request, centre, batch.pk)
    state = ImportBatch.objects.filter(pk=shown).values_list("state", flat=True).first()
    level, text = OUTCOMES.get(state, OUTCOMES[State.FAILED])
    messages.add_message(request, level, text)
    return _to_batch(request, centre, shown)


def _to_batch(request, centre, pk) -> HttpResponse:
    """To the batch page: a redirect, or for htmx (the confirmation sent in the background) an HX-Redirect."""
    if not request.htmx:
        return redirect("ledger:import_batch", centre.slug, pk)
    response = HttpResponse(status=204)
    response["HX-Redirect"] = reverse("ledger:import_batch", args=[centre.slug, pk])
    return response


@portal_required
def progress(request, centre, pk):
    """The progress bar (an htmx fragment). It keeps polling while the import runs; when it is over it
    reloads the page (`?then=reload`, on a page opened while running) or offers a link to the outcome."""
    try:
        batch = _batch(request, centre, pk)
    except _Moved as moved:
        return _finished(request, centre, moved.pk)
    if batch.state not in (State.PREVIEW, State.RUNNING):
        return _finished(request, centre, batch.pk)
    return render(request, "ledger/imports/batch.html#progress", {
        "centre": centre, "batch": batch, "progress": service.progress_of(batch), "polling": True,
        "then": request.GET.get("then", ""),
    })


def _finished(request, centre, pk) -> HttpResponse:
    if request.GET.get("then") == "reload":
        return _to_batch(request, centre, pk)
    # The confirmation itself is still on its way back and will open the outcome; offer a link meanwhile.
    return render(request, "ledger/imports/_finished.html",
                  {"url": reverse("ledger:import_batch", args=[centre.slug, pk])})
