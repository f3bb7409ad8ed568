"""The partner portal: a partner's own organisation, its contacts and its role in the centre."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts import fragments
from civhub.accounts.permissions import portal_required
from civhub.core import portal
from civhub.core.views import attempt, form_page, posted
from civhub.partners.forms.portal import ContactFormSet, OrganisationDetailsForm
from civhub.partners.permissions import is_office_of, may_change_cofinancing_group, partnerships_visible_to
from civhub.partners.selectors.organisation_changes import other_centres_sharing, pending_change_of
from civhub.partners.selectors.portal import portal_page, portal_partnerships
from civhub.partners.services.organisations import update_partner


def _partnership(request, centre, code):
    """The partnership with this short code, if the user may see it; anything else is a 404."""
    return get_object_or_404(partnerships_visible_to(request.user, centre).select_related("organisation"),
                             short_code=code)


@portal_required
def home(request, centre):
    """Straight to the user's only partnership; the office goes to its partner list."""
    if is_office_of(request.user, centre):
        return redirect("office:partners", centre.slug)
    partnerships = list(portal_partnerships(partnerships_visible_to(request.user, centre)))
    if len(partnerships) == 1:
        return redirect("portal:partner", centre.slug, partnerships[0].short_code)
    return render(request, "partners/portal/home.html", {"centre": centre, "partnerships": partnerships})


@portal_required
def partner(request, centre, code):
    """The partner's page; its body is kept rendered until the centre's records change (accounts/fragments.py), so
    the contacts, people and the other apps' sections are read only when it is rendered."""
    partnership = _partnership(request, centre, code)
    partnership.centre = centre  # the sections read it: the centre the decorator found, not a query of their own
    body = fragments.rendered(request, centre, "portal-page", "partners/portal/_body.html", lambda: {
        "centre": centre, "page": portal_page(partnership),
        "may_change_group": may_change_cofinancing_group(request.user, partnership),
        "sections": portal.sections(request, partnership),
        # The short code is the office's key for imports and exports; partners know themselves by name.
        "shows_code": is_office_of(request.user, centre),
    })
    return render(request, "partners/portal/partner.html", {"centre": centre, "partnership": partnership,
                                                             "body": body})


@portal_required
def partner_edit(request, centre, code):
    """Edit the organisation's details and contacts; every change is audited by the service.

    When other centres share the organisation, its details change only once their offices approved;
    the form then starts from the change still waiting, so saving the contacts keeps that request.
    """
    partnership = _partnership(request, centre, code)
    organisation = partnership.organisation
    data = posted(request)
    pending = pending_change_of(partnership)
    form = OrganisationDetailsForm(data, organisation=organisation, wanted=pending.wanted if pending else None)
    contacts = ContactFormSet(data, queryset=partnership.contacts.order_by("-is_primary", "name"), prefix="contacts")
    if data is not None and form.is_valid() and contacts.is_valid():
        done = attempt(request, form, lambda: update_partner(
            partnership=partnership, actor=request.user, details=form.cleaned_data,
            contacts=_changed_contacts(contacts), new_contacts=_new_contacts(contacts)),
            _saved_message, reverse("portal:partner", args=[centre.slug, partnership.short_code]))
        if done:
            return done
    context = {"centre": centre, "partnership": partnership, "form": form, "contacts": contacts, "pending": pending,
               "sharing": list(other_centres_sharing(organisation, centre))}
    return form_page(request, "partners/portal/partner_edit.html", context)


def _saved_message(pending) -> str:
    if pending is None:
        return _("The details of your organisation have been saved.")
    centres = ", ".join(centre.name for centre in pending.waiting_centres())
    return _("Your changes have been saved. The new organisation details wait for approval by the programme office "
             "of %(centres)s; until then every centre shows the current details.") % {"centres": centres}


def _contact_data(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "id"}


def _changed_contacts(formset) -> list:
    """(contact, data) for every existing contact whose fields were changed."""
    return [(form.instance, _contact_data(form)) for form in formset.initial_forms if form.has_changed()]


def _new_contacts(formset) -> list[dict]:
    return [_contact_data(form) for form in formset.extra_forms if form.has_changed()]
