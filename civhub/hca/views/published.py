"""The office's published forecasts: the imported editions with their rows as published, the upload with a
preview or every error, and removing an edition (confirm, then act). Only the programme office (403 for the
centre's other roles); another centre's edition is a 404.
"""

import base64

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.core.views import confirm_then_act, posted, posted_files, show_error
from civhub.hca.errors import HcaError
from civhub.hca.forms.published import PublishedForecastForm
from civhub.hca.models import PublishedForecast
from civhub.hca.permissions import office_pages_required
from civhub.hca.selectors.published import imported_edition, published_editions
from civhub.hca.services import published as services


@office_pages_required
def published(request, centre):
    """GET: the editions and the upload form; POST "check": the preview or the errors; POST "import": import."""
    form = PublishedForecastForm(posted(request), posted_files(request))
    report, status = None, 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            name, content = form.content()
            if request.POST.get("action") == "import":
                try:
                    forecast = services.import_published_forecast(
                        actor=request.user, centre=centre, file_name=name, content=content, **form.edition_fields())
                except services.PublishedImportError as error:
                    report = error.report
                except HcaError as error:
                    show_error(form, error)
                else:
                    count = forecast.rows.count()
                    messages.success(request, ngettext(
                        "%(count)d row of %(edition)s has been imported.",
                        "%(count)d rows of %(edition)s have been imported.", count)
                        % {"count": count, "edition": forecast.edition})
                    return redirect(reverse("hca:published", args=[centre.slug]) + f"#edition-{forecast.pk}")
            else:
                report = services.check_published_file(centre=centre, file_name=name, content=content)
                if report.ok:
                    form, status = _checked(request, name, content), 200
    return render(request, "hca/published.html", {
        "centre": centre, "form": form, "report": report, "editions": published_editions(centre),
        "replaces": _replaces(centre, form, report)}, status=status)


def _checked(request, name: str, content: bytes) -> PublishedForecastForm:
    """The form again, carrying the checked file, so that "Import" does not ask for it a second time."""
    data = request.POST.copy()
    data["checked"], data["checked_name"] = base64.b64encode(content).decode("ascii"), name
    return PublishedForecastForm(data)


def _replaces(centre, form, report):
    if not (report and report.ok and form.is_valid()):
        return None
    return imported_edition(centre, edition=form.cleaned_data["edition"], region=form.cleaned_data["region"])


@office_pages_required
def published_delete(request, centre, pk):
    forecast = get_object_or_404(PublishedForecast, centre=centre, pk=pk)
    return confirm_then_act(
        request, "hca/published_delete.html", {"centre": centre, "forecast": forecast,
                                               "row_count": forecast.rows.count()},
        lambda: services.delete_published_forecast(actor=request.user, forecast=forecast),
        _("The edition and its rows have been removed."), reverse("hca:published", args=[centre.slug]))
