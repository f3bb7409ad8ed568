"""The programme office: applications and shared-organisation changes to decide on, and the partners."""


from django.contrib import messages
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.accounts.permissions import office_required
from civhub.core.dashboard import panels as dashboard_panels
from civhub.core.exports import ISO_DATES, TABLE_FORMATS, Table, download
from civhub.core.sorting import sort_by
from civhub.core.views import act, attempt, form_page, posted
from civhub.partners.forms.office import (
    ApplicationFilterForm,
    ApproveForm,
    CofinancingGroupForm,
    DeclineForm,
    OrganisationChangeDecisionForm,
    PartnerFilterForm,
)
from civhub.partners.models import CofinancingGroup, Contact, OrganisationChange, PartnerApplication, Partnership
from civhub.partners.permissions import organisation_changes_for
from civhub.partners.selectors import office as selectors
from civhub.partners.selectors import organisation_changes as change_selectors
from civhub.partners.services.onboarding import approve_application, decline_application, resend_invitation
from civhub.partners.services.organisation_changes import approve_organisation_change, decline_organisation_change
from civhub.partners.services.partnerships import change_cofinancing_group


@office_required
def dashboard(request, centre):
    return render(request, "partners/office/dashboard.html", {
        "centre": centre, "dashboard": selectors.dashboard(centre), "panels": dashboard_panels(request, centre),
    })


@office_required
def applications(request, centre):
    """All applications, new ones first; a badge marks those that look like a known organisation."""
    form = ApplicationFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    rows = selectors.application_list(centre, status=status or None)
    return render(request, "partners/office/applications.html",
                  {"centre": centre, "form": form, "applications": rows})


def _application(centre, pk) -> PartnerApplication:
    return get_object_or_404(PartnerApplication.objects.select_related("decided_by", "partnership"),
                             centre=centre, pk=pk)


@office_required
def application(request, centre, pk):
    application = _application(centre, pk)
    return render(request, "partners/office/application.html", {
        "centre": centre, "application": application, "duplicates": selectors.possible_duplicates(application),
    })


@office_required
def application_approve(request, centre, pk):
    """GET: a confirmation page; POST: approve, which creates the partner and invites the contact."""
    application = _application(centre, pk)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return act(request, lambda: approve_application(application=application, actor=request.user,
                                                        reason=form.cleaned_data["reason"]),
                   _("%(name)s is now a partner. We have sent the contact an invitation.")
                   % {"name": application.organisation_name},
                   reverse("office:application", args=[centre.slug, application.pk]))
    return _decision_page(request, centre, application, form, "partners/office/application_approve.html")


@office_required
def application_decline(request, centre, pk):
    """GET: the reason form; POST: decline and e-mail the reason to the applicant."""
    application = _application(centre, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return act(request, lambda: decline_application(application=application, actor=request.user,
                                                        reason=form.cleaned_data["reason"]),
                   _("The application of %(name)s has been declined. We have e-mailed the reason.")
                   % {"name": application.organisation_name},
                   reverse("office:application", args=[centre.slug, application.pk]))
    return _decision_page(request, centre, application, form, "partners/office/application_decline.html")


def _decision_page(request, centre, application, form, template):
    """The confirmation page, or the form again with its errors; a decided application is sent back."""
    if application.status != PartnerApplication.Status.NEW:
        messages.error(request, _("This application has already been decided."))
        return redirect("office:application", centre.slug, application.pk)
    return form_page(request, template, {"centre": centre, "application": application, "form": form})


# The partner list's sortable columns (the `sort` keys of `selectors.office.partner_columns`).
PARTNER_COLUMNS = {
    "code": ("short_code", "pk"),
    "organisation": selectors.BY_NAME,
    "city": ("organisation__city", "organisation__name", "pk"),
    "joined": (F("joined_on").asc(nulls_last=True), "organisation__name", "pk"),  # no date: last, either way
    "contacts": ("contact_count", "organisation__name", "pk"),
}


def _partner_rows(request, centre, filters):
    sorting = sort_by(request, PARTNER_COLUMNS, "organisation")
    return sorting, selectors.partner_export_rows(centre, filters, ordering=sorting.ordering)


@office_required
def partners(request, centre):
    """All partners of the centre, filtered by cluster, status and kind, sorted by a column; the same rows as the
    exports."""
    form = PartnerFilterForm(request.GET or None)
    sorting, rows = _partner_rows(request, centre, form.filters())
    header = next(rows)
    rows = [list(zip(header, row, strict=True)) for row in rows]  # each cell with its column, for alignment
    return render(request, "partners/office/partners.html", {
        "centre": centre, "form": form, "header": header, "rows": rows, "sorting": sorting,
        "query": request.GET.urlencode(),
    })


@office_required
def partners_export(request, centre, fmt):
    """The partner list as CSV or XLSX, with the filters and the order of the page it was asked from."""
    if fmt not in TABLE_FORMATS:
        raise Http404
    _sorting, rows = _partner_rows(request, centre, PartnerFilterForm(request.GET or None).filters())
    table = Table.from_rows(rows, sheet=_("Partners"))
    return download([table], fmt, formats=ISO_DATES,
                    filename=f"partners-{centre.slug}-{timezone.localdate():%Y-%m-%d}")


@office_required
def organisation_changes(request, centre):
    """Changes to organisations this centre shares with others, asked for by another centre's partner."""
    rows = change_selectors.change_list(organisation_changes_for(request.user, centre), centre)
    return render(request, "partners/office/organisation_changes.html", {"centre": centre, "changes": rows})


@office_required
def organisation_change(request, centre, pk):
    """GET: the change with old and new values and the decision form; POST: approve or decline for this centre."""
    change = get_object_or_404(organisation_changes_for(request.user, centre), pk=pk)
    form = OrganisationChangeDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        # The decision flashes its own message: it depends on whether every centre has now approved.
        return act(request, lambda: _decide_change(request, centre, change, form.cleaned_data), None,
                   reverse("office:organisation_change", args=[centre.slug, change.pk]))
    change = change_selectors.change_detail(change)
    decision_here = change.decision_of(centre)
    return form_page(request, "partners/office/organisation_change.html", {
        "centre": centre, "change": change, "decision_here": decision_here, "form": form,
        "open_here": change.is_pending and decision_here.is_waiting,
    })


def _decide_change(request, centre, change, data) -> None:
    name = change.organisation.name
    if data["decision"] == OrganisationChangeDecisionForm.APPROVE:
        change = approve_organisation_change(change=change, centre=centre, actor=request.user, note=data["reason"])
        if change.status == OrganisationChange.Status.APPROVED:
            messages.success(request, _("You approved the change. Every centre has now approved it, so the new "
                                        "details of %(name)s are in use.") % {"name": name})
        else:
            messages.success(request, _("You approved the change to %(name)s. It is applied once the other "
                                        "centres have approved it too.") % {"name": name})
        return
    decline_organisation_change(change=change, centre=centre, actor=request.user, reason=data["reason"])
    messages.success(request, _("You declined the change to %(name)s. Its details stay as they were; the partner "
                                "sees your reason.") % {"name": name})


@office_required
def partner_cofinancing(request, centre, code):
    """GET: the current co-financing group and a reason field; POST: move the partner to the chosen group."""
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), centre=centre,
                                    short_code=code)
    form = CofinancingGroupForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, form, lambda: change_cofinancing_group(
            partnership=partnership, actor=request.user, group=form.cleaned_data["group"],
            reason=form.cleaned_data["reason"]),
            _("The co-financing of %(name)s now counts as: %(group)s. The reason has been recorded.")
            % {"name": partnership.organisation.name, "group": CofinancingGroup(form.cleaned_data["group"]).label},
            reverse("portal:partner", args=[centre.slug, partnership.short_code]))
        if done:
            return done
    return form_page(request, "partners/office/partner_cofinancing.html",
                     {"centre": centre, "partnership": partnership, "form": form})


@office_required
@require_POST
def contact_invitation(request, centre, code, pk):
    """Send a contact of this centre's partner, who never chose a password, the invitation again."""
    contact = get_object_or_404(Contact.objects.select_related("partnership__centre", "user"),
                                partnership__centre=centre, partnership__short_code=code, pk=pk)
    return act(request, lambda: resend_invitation(contact=contact, actor=request.user),
               _("The invitation has been sent to %(email)s again, with a new link.") % {"email": contact.email},
               reverse("portal:partner", args=[centre.slug, code]) + "#contacts")
