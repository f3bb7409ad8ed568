"""The budget pages: the versions with their totals, one version, two versions side by side, a revision.

The programme office and the steering group read them; only the finance controller revises
the budget and chooses the current version (services.budget does the writing).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.views import act, form_status, posted
from civhub.grants.errors import GrantError
from civhub.grants.forms.budget import CompareForm, RevisionForm, cell_formset
from civhub.grants.permissions import finance_required, may_manage_finances, monitor_required
from civhub.grants.rules import check_version
from civhub.grants.selectors import budget as selectors
from civhub.grants.services import budget as service
from civhub.grants.services.budget import RevisionRefused, RulesBroken
from civhub.grants.views import grant_of, no_grant


def _page(request, centre, template, context, status=200):
    context = {"centre": centre, "tab": "budget", **context}
    return render(request, template, context, status=status)


def _version(grant, number):
    version = selectors.version_by_number(grant, number)
    if version is None:
        raise Http404
    return version


@monitor_required
def budget(request, centre):
    """Every version with its totals per source, which one is current, and the current one per year and source."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "budget")
    current = selectors.current_version(grant)
    return _page(request, centre, "grants/budget/overview.html", {
        "grant": grant, "versions": selectors.versions(grant), "current": current,
        "table": selectors.year_source_table(current) if current else None,
        "checks": check_version(current) if current else [],
        "sources": selectors.SOURCES, "may_manage": may_manage_finances(request.user, centre),
    })


@monitor_required
def budget_version(request, centre, number):
    """One version's cells grouped by year, with each year's total."""
    grant = grant_of(centre)
    if grant is None:
        raise Http404
    version = _version(grant, number)
    return _page(request, centre, "grants/budget/version.html", {
        "grant": grant, "version": version, "years": selectors.version_years(version),
        "checks": check_version(version),
        "table": selectors.year_source_table(version), "may_manage": may_manage_finances(request.user, centre),
    })


@monitor_required
def budget_compare(request, centre):
    """Two versions side by side (default: the one before the current, and the current), changes marked."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "budget")
    versions = list(grant.budget_versions.order_by("number"))
    a, b = selectors.default_pair(grant)
    form = CompareForm(request.GET or None, versions=versions,
                       initial={"a": a.number if a else None, "b": b.number if b else None})
    if form.is_bound and form.is_valid():
        numbers = {version.number: version for version in versions}
        a, b = numbers[form.cleaned_data["a"]], numbers[form.cleaned_data["b"]]
    return _page(request, centre, "grants/budget/compare.html", {
        "grant": grant, "form": form, "versions": versions,
        "comparison": selectors.compare(a, b) if a and b else None,
    })


@finance_required
def budget_revise(request, centre):
    """A new version from a base (`?base=N`, default the current one): every cell prefilled, a name and a reason."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "budget")
    versions = list(grant.budget_versions.order_by("number"))
    if not versions:
        messages.info(request, _("The grant has no budget yet to revise: it is loaded with the centre definition."))
        return redirect("grants:budget", centre.slug)
    base = _base(request, grant, versions)
    lines = [(line.number, str(line)) for line in centre.programme_lines.order_by("number")]
    form = RevisionForm(posted(request), numbers=[version.number for version in versions],
                        initial={"base": base.number, "name": "", "reason": ""})
    cells = cell_formset(posted(request), base_lines=selectors.version_lines(base), years=list(grant.years),
                         lines=lines)
    if form.is_bound and form.is_valid() and cells.is_valid():
        base = next(version for version in versions if version.number == form.cleaned_data["base"])
        try:
            version = service.revise_budget(
                grant=grant, actor=request.user, base=base, name=form.cleaned_data["name"],
                reason=form.cleaned_data["reason"], cells=[cell for f in cells.forms if (cell := f.cell())],
                deviation_reason=form.cleaned_data["deviation_reason"])
        except RevisionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        except RulesBroken as broken:
            form.add_error("deviation_reason", _("This revision breaks a rule of the regulation: %(rules)s Say why "
                                                 "it is saved all the same.") % {"rules": str(broken)})
        except GrantError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Budget version %(number)s has been saved. It becomes the current budget "
                                        "when you make it current.") % {"number": version.number})
            return redirect("grants:budget_version", centre.slug, version.number)
    return _page(request, centre, "grants/budget/revise.html", {
        "grant": grant, "form": form, "cells": cells, "base": base, "versions": versions,
    }, status=form_status(form))


def _base(request, grant, versions):
    """The version a revision starts from: the one posted or asked for, else the current one, else the newest."""
    wanted = request.POST.get("base") or request.GET.get("base") or ""
    by_number = {str(version.number): version for version in versions}
    current = next((version for version in versions if version.is_current), versions[-1])
    return by_number.get(wanted.strip(), current)


@finance_required
def budget_make_current(request, centre, number):
    """GET: what changes; POST: make this version the current budget."""
    grant = grant_of(centre)
    if grant is None:
        raise Http404
    version = _version(grant, number)
    if request.method == "POST":
        return act(request, lambda: service.make_current(version=version, actor=request.user),
                   _("Budget version %(number)s is now the current budget.") % {"number": version.number},
                   reverse("grants:budget", args=[centre.slug]))
    return _page(request, centre, "grants/budget/make_current.html", {
        "grant": grant, "version": version, "current": selectors.current_version(grant),
    })
