"""The office's ledger pages: pledges and rate cards (kept by the programme office), and a partner's summary.

The office sees every partner; a partner's people see only their own summary (another
partner's is a 404). Pledges and rates are changed by the programme manager and the
finance controller; the centre administrator reads them.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override

from civhub.accounts.permissions import (
    acts_as_office,
    office_required,
    portal_required,
)
from civhub.core.charts import CHART_CSP
from civhub.core.exports import download
from civhub.core.sorting import sort_by
from civhub.core.views import attempt, confirm_then_act, form_page
from civhub.ledger import charts
from civhub.ledger.exports import LEDGER_FORMATS, ledger_table
from civhub.ledger.forms.office import PledgeForm, RateCardForm
from civhub.ledger.models import Pledge, RateCard
from civhub.ledger.permissions import contributions_visible_to, may_edit_reference, reference_editors_required
from civhub.ledger.selectors import office as selectors
from civhub.ledger.services import reference
from civhub.partners.models import Partnership
from civhub.partners.permissions import partnerships_visible_to


def _partnerships(centre):
    return Partnership.objects.filter(centre=centre).select_related("organisation").order_by("organisation__name")


def _back_to(name, centre, partnership) -> str:
    return f"{reverse(name, args=[centre.slug])}#partner-{partnership.short_code}"


# Pledges ----------------------------------------------------------------------------------


PLEDGE_COLUMNS = {"partner": selectors.BY_PARTNER, "total": ("pledged", "organisation__name", "pk")}


@office_required
def pledges(request, centre):
    """Every partner's pledges per year and kind, by partner or total; editors get links to add, change, remove."""
    sorting = sort_by(request, PLEDGE_COLUMNS, "partner")
    return render(request, "ledger/office/pledges.html", {
        "centre": centre, "table": selectors.pledge_table(centre, ordering=sorting.ordering), "sorting": sorting,
        "may_edit": may_edit_reference(request.user, centre),
    })


@reference_editors_required
def pledge_new(request, centre):
    initial = {name: request.GET.get(key) for name, key in
               (("partnership", "partner"), ("year", "year"), ("kind", "kind")) if request.GET.get(key)}
    form = PledgeForm(request.POST or None, initial=initial, years=reference.grant_years(centre),
                      partnerships=_partnerships(centre))
    if form.is_bound and form.is_valid():
        partnership = form.cleaned_data["partnership"]
        done = attempt(request, form, lambda: reference.create_pledge(partnership=partnership, actor=request.user,
                                                                      data=form.pledge_data()),
                       _("The pledge of %(partner)s has been saved.") % {"partner": partnership.organisation.name},
                       _back_to("ledger:pledges", centre, partnership))
        if done:
            return done
    return form_page(request, "ledger/office/pledge_form.html", {"centre": centre, "form": form})


def _pledge(centre, pk) -> Pledge:
    return get_object_or_404(Pledge.objects.select_related("partnership__organisation", "partnership__centre"),
                             partnership__centre=centre, pk=pk)


@reference_editors_required
def pledge_edit(request, centre, pk):
    pledge = _pledge(centre, pk)
    initial = {"year": pledge.year, "kind": pledge.kind, "amount": pledge.amount}
    form = PledgeForm(request.POST or None, initial=initial, years=reference.grant_years(centre))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: reference.update_pledge(pledge=pledge, actor=request.user,
                                                                      data=form.pledge_data()),
                       _("The pledge of %(partner)s has been saved.")
                       % {"partner": pledge.partnership.organisation.name},
                       _back_to("ledger:pledges", centre, pledge.partnership))
        if done:
            return done
    return form_page(request, "ledger/office/pledge_form.html", {"centre": centre, "form": form, "pledge": pledge})


@reference_editors_required
def pledge_delete(request, centre, pk):
    """GET: what will be removed; POST: remove it."""
    pledge = _pledge(centre, pk)
    return confirm_then_act(request, "ledger/office/pledge_delete.html", {"centre": centre, "pledge": pledge},
                            lambda: reference.delete_pledge(pledge=pledge, actor=request.user),
                            _("The pledge has been removed."), _back_to("ledger:pledges", centre, pledge.partnership))


# Rate cards -------------------------------------------------------------------------------


@office_required
def rates(request, centre):
    """The partners' hourly rates per staff category, each valid from its date until the next one."""
    return render(request, "ledger/office/rates.html", {
        "centre": centre, "cards": selectors.rate_cards(centre), "fixed_rates": selectors.fixed_rates(centre),
        "may_edit": may_edit_reference(request.user, centre),
    })


@reference_editors_required
def rate_new(request, centre):
    initial = {"partnership": request.GET["partner"]} if request.GET.get("partner") else {}
    form = RateCardForm(request.POST or None, initial=initial, partnerships=_partnerships(centre))
    if form.is_bound and form.is_valid():
        partnership = form.cleaned_data["partnership"]
        done = attempt(request, form, lambda: reference.create_rate_card(partnership=partnership, actor=request.user,
                                                                         data=form.rate_data()),
                       _("The rate of %(partner)s has been saved.") % {"partner": partnership.organisation.name},
                       _back_to("ledger:rates", centre, partnership))
        if done:
            return done
    return form_page(request, "ledger/office/rate_form.html", {"centre": centre, "form": form})


def _card(centre, pk) -> RateCard:
    return get_object_or_404(RateCard.objects.select_related("partnership__organisation", "partnership__centre"),
                             partnership__centre=centre, pk=pk)


@reference_editors_required
def rate_edit(request, centre, pk):
    card = _card(centre, pk)
    initial = {"category": card.category, "hourly_rate": card.hourly_rate, "valid_from": card.valid_from}
    form = RateCardForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: reference.update_rate_card(card=card, actor=request.user,
                                                                         data=form.rate_data()),
                       _("The rate of %(partner)s has been saved.") % {"partner": card.partnership.organisation.name},
                       _back_to("ledger:rates", centre, card.partnership))
        if done:
            return done
    return form_page(request, "ledger/office/rate_form.html", {"centre": centre, "form": form, "card": card})


@reference_editors_required
def rate_delete(request, centre, pk):
    """GET: what will be removed (or why it cannot be); POST: remove it."""
    card = _card(centre, pk)
    return confirm_then_act(request, "ledger/office/rate_delete.html", {"centre": centre, "card": card},
                            lambda: reference.delete_rate_card(card=card, actor=request.user),
                            _("The rate has been removed."), _back_to("ledger:rates", centre, card.partnership))


# A partner's summary ----------------------------------------------------------------------


def _visible_partnership(request, centre, code) -> Partnership:
    """The partnership with this code if the user may see it: the office any, a partner its own; else 404."""
    partnerships = partnerships_visible_to(request.user, centre).select_related("organisation", "centre")
    return get_object_or_404(partnerships, short_code=code)


@portal_required
def summary(request, centre, code):
    """Per year and kind: pledged, submitted, approved, accepted and the share of the pledge realised."""
    partnership = _visible_partnership(request, centre, code)
    return render(request, "ledger/office/summary.html", {
        "centre": centre, "summary": selectors.partner_summary(partnership),
        "office": acts_as_office(request.user, centre),
    })


@csp_override(CHART_CSP)
@portal_required
def summary_chart(request, centre, code):
    """The summary's bar chart (pledged against accepted per year) as an SVG image."""
    partnership = _visible_partnership(request, centre, code)
    totals = [year.total for year in selectors.partner_summary(partnership).years]
    response = HttpResponse(charts.pledged_vs_accepted(totals), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


# The export ---------------------------------------------------------------------------------



@portal_required
def export(request, centre, fmt):
    """The ledger the user may see (docs/formats.md §5): the office all of it, a partner its own entries.

    `?partner=CODE` narrows it to one partner, as on that partner's summary page.
    """
    if fmt not in ("csv", "xlsx"):
        raise Http404
    entries, code = contributions_visible_to(request.user, centre), request.GET.get("partner", "")
    if code:
        entries = entries.filter(partnership=_visible_partnership(request, centre, code))
    name = "-".join(part for part in ("bijdragen", centre.slug, code, f"{timezone.localdate():%Y-%m-%d}") if part)
    return download([ledger_table(entries)], fmt, filename=name, formats=LEDGER_FORMATS, excel=False, stream=True)
