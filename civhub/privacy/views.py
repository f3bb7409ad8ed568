"""A person's data: their own download ("Mijn gegevens downloaden"), and the centre administrator's pages to find
a person, download their data (a subject-access request) and erase them, after confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from civhub.accounts.models import Membership
from civhub.core import search
from civhub.core.views import form_page, posted, show_error
from civhub.privacy import services
from civhub.privacy.errors import PrivacyError
from civhub.privacy.forms import EraseForm
from civhub.privacy.permissions import admin_required, people_of, person_or_404

MAX_PEOPLE = 50


def _zip_response(data: bytes, person) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{services.export_file_name(person)}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request):
    """`privacy:my_data`: GET explains, POST downloads the ZIP of the person's own data."""
    if request.method == "POST":
        return _zip_response(services.export_archive(person=request.user, actor=request.user), request.user)
    return render(request, "privacy/my_data.html")


@admin_required
@require_safe
def people(request, centre):
    """`privacy:people`: find a person of the centre by name or e-mail address."""
    query = search.parse(request.GET.get("q")).text[:100]  # a NUL read as a space, as the site's search does
    found = people_of(centre).order_by("full_name", "email")
    if query:
        found = found.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return render(request, "privacy/people.html", {"centre": centre, "q": query, "people": found[:MAX_PEOPLE],
                                                   "more": found.count() > MAX_PEOPLE})


@admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def person(request, centre, pk):
    """`privacy:person`: a person's roles and the two actions; POST downloads their data (audited)."""
    someone = person_or_404(centre, pk)
    if request.method == "POST":
        return _zip_response(services.export_archive(person=someone, actor=request.user, centre=centre), someone)
    roles = Membership.objects.filter(user=someone).select_related("centre", "partnership__organisation")
    return render(request, "privacy/person.html", {
        "centre": centre, "person": someone, "roles": roles,
        "blockers": services.erasure_blockers(person=someone, actor=request.user),
    })


@admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request, centre, pk):
    """`privacy:erase`: GET asks for the person's e-mail address as confirmation, POST erases them."""
    someone = person_or_404(centre, pk)
    blockers = services.erasure_blockers(person=someone, actor=request.user)
    form = EraseForm(posted(request), person=someone)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            erased = services.erase_person(person=someone, actor=request.user, centre=centre)
        except PrivacyError as error:
            show_error(form, error)
        else:
            # The messages name the person number only: the name is what was just erased.
            messages.success(request, _("The personal data of person %(id)s are erased.") % {"id": someone.pk})
            if erased.mentions_left:
                messages.warning(request, _(
                    "Their name or e-mail address still occurs in text written by others or sealed in the ledger: "
                    "%(places)s. Check it by hand: search for the name.") % {"places": "; ".join(erased.places())})
            return redirect(reverse("privacy:people", args=[centre.slug]))
    return form_page(request, "privacy/erase.html", {"centre": centre, "person": someone, "form": form,
                                                     "blockers": blockers})
