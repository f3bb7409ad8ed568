"""The register of the cooperation agreement: the office's register page (versions and who signed the current one),
its forms (a new version, a signature on paper, an accession, a departure), the downloads, and the partner's
section in the portal with its signatory's confirmation in civhub.

The office keeps the register; a partner's people read their own partner's status and the agreement's text. A
scan of a signed agreement is the office's only. Another partner or another centre's object is a 404.
"""

import io
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import office_required, portal_required
from civhub.core.views import attempt, confirm_then_act, form_page, posted, posted_files
from civhub.partners.forms.agreement import AccessionForm, DepartureForm, SignatureForm, VersionForm
from civhub.partners.models import AgreementSignature, AgreementVersion, Partnership
from civhub.partners.permissions import partnerships_visible_to, signs_agreement_for
from civhub.partners.selectors import agreement as selectors
from civhub.partners.services import agreement as services


def _register_url(centre) -> str:
    return reverse("office:agreement", args=[centre.slug])


def _current_or_back(request, centre):
    """The current version, or None after a message when there is none yet (the caller goes back to the page)."""
    version = selectors.current_version(centre)
    if version is None:
        messages.error(request, _("Add the first version of the agreement before recording signatures."))
    return version


@office_required
def register(request, centre):
    return render(request, "partners/office/agreement.html",
                  {"centre": centre, "register": selectors.register(centre)})


@office_required
def version_new(request, centre):
    """GET: the form for a new version; POST: record it, and it becomes the current one."""
    form = VersionForm(posted(request), posted_files(request))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: services.add_version(centre=centre, actor=request.user,
                                                                   data=form.data_for_service()),
                       lambda version: _("Version %(number)s of the agreement is recorded. Every partner signs it "
                                         "anew.") % {"number": version.number},
                       _register_url(centre))
        if done:
            return done
    return form_page(request, "partners/office/agreement_version.html", {"centre": centre, "form": form})


@office_required
def signature_new(request, centre, code):
    """GET: the form for a partner's signature on paper under the current version; POST: record it with its scan."""
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), centre=centre,
                                    short_code=code)
    version = _current_or_back(request, centre)
    if version is None:
        return redirect(_register_url(centre))
    form = SignatureForm(posted(request), posted_files(request))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: services.record_signature(
            version=version, partnership=partnership, actor=request.user, data=form.data_for_service()),
            _("The signature of %(name)s under version %(number)s is recorded.")
            % {"name": partnership.organisation.name, "number": version.number},
            _register_url(centre))
        if done:
            return done
    return form_page(request, "partners/office/agreement_signature.html",
                     {"centre": centre, "partnership": partnership, "version": version, "form": form})


@office_required
def accession_new(request, centre):
    """GET: the accession form (a partner joining later); POST: record its signature and the date it counts from."""
    version = _current_or_back(request, centre)
    if version is None:
        return redirect(_register_url(centre))
    form = AccessionForm(posted(request), posted_files(request),
                         partners=selectors.unsigned_staying(centre, version))
    if form.is_bound and form.is_valid():
        partnership = form.cleaned_data["partnership"]
        done = attempt(request, form, lambda: services.record_signature(
            version=version, partnership=partnership, actor=request.user, data=form.data_for_service()),
            _("The accession of %(name)s is recorded. Its pledges count from the date you gave.")
            % {"name": partnership.organisation.name},
            _register_url(centre))
        if done:
            return done
    return form_page(request, "partners/office/agreement_accession.html",
                     {"centre": centre, "version": version, "form": form})


@office_required
def departure(request, centre, code):
    """GET: the date the partner leaves; POST: a confirmation page; POST with `confirmed`: record the departure."""
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), centre=centre,
                                    short_code=code)
    if partnership.status == Partnership.Status.LEFT:
        messages.error(request, _("This partner has already left."))
        return redirect(_register_url(centre))
    form = DepartureForm(posted(request))
    context = {"centre": centre, "partnership": partnership, "form": form}
    if form.is_bound and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            return render(request, "partners/office/agreement_departure_confirm.html", context)
        done = attempt(request, form, lambda: services.record_departure(
            partnership=partnership, actor=request.user, left_on=form.cleaned_data["left_on"]),
            _("The departure of %(name)s is recorded. Its pledges count until the date you gave.")
            % {"name": partnership.organisation.name},
            _register_url(centre))
        if done:
            return done
    return form_page(request, "partners/office/agreement_departure.html", context)


def _download(field) -> FileResponse:
    """A stored file as a download (read whole and closed now: at most 20 MB)."""
    try:
        with field.open("rb") as handle:
            content = io.BytesIO(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(content, as_attachment=True, filename=Path(field.name).name)


@office_required
def scan(request, centre, number, code):
    """The scan of a partner's signed agreement: the office's only."""
    signature = get_object_or_404(AgreementSignature.objects.exclude(scan=""), version__centre=centre,
                                  version__number=number, partnership__short_code=code)
    return _download(signature.scan)


@portal_required
def document(request, centre, number):
    """The text of a version of the agreement: for the office and the centre's partners."""
    version = get_object_or_404(AgreementVersion.objects.exclude(document=""), centre=centre, number=number)
    return _download(version.document)


# The partner portal.


def portal_section(request, partnership) -> dict | None:
    """The portal's section: the partner's signature under the current version (two queries); none without a
    version or for a partner that left."""
    if partnership.status == Partnership.Status.LEFT:
        return None
    version = selectors.current_version(partnership.centre)
    if version is None:
        return None
    return {"partnership": partnership, "version": version,
            "signature": selectors.signature_of(version, partnership),
            "signs": signs_agreement_for(request.user, partnership)}


@portal_required
def confirm(request, centre, code):
    """GET: what the signatory confirms; POST: the partner signs the current version in civhub. Only the partner's
    own signatory: another partner is a 404, a contact or the office a 403."""
    partnership = get_object_or_404(partnerships_visible_to(request.user, centre).select_related("organisation"),
                                    short_code=code)
    if not signs_agreement_for(request.user, partnership):
        raise PermissionDenied
    version = selectors.current_version(centre)
    if version is None:
        raise Http404
    back = reverse("portal:partner", args=[centre.slug, partnership.short_code])
    signature = selectors.signature_of(version, partnership)
    if signature is not None and request.method != "POST":
        messages.info(request, _("Your organisation has already signed this version."))
        return redirect(back)
    return confirm_then_act(
        request, "partners/portal/agreement_confirm.html",
        {"centre": centre, "partnership": partnership, "version": version},
        lambda: services.confirm_signature(version=version, partnership=partnership, actor=request.user),
        _("Thank you: %(name)s has signed version %(number)s of the cooperation agreement. The programme office "
          "sees your confirmation.") % {"name": partnership.organisation.name, "number": version.number},
        back)

