"""The office's pages to plan a line: activities, milestones, KPIs and their yearly targets.

Only the programme office (programme manager, finance controller, centre administrator);
the centre's other roles get a 403, another centre's line or record a 404. A refused
save (ProgrammeError) comes back on the form with a 400 and nothing written.
"""

from functools import partial

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.views import attempt, confirm_then_act, form_page, posted
from civhub.partners.models import Partnership
from civhub.programme.forms import (
    ActivityForm,
    KpiForm,
    MilestoneForm,
    TargetsForm,
    activity_initial,
    kpi_initial,
    milestone_initial,
)
from civhub.programme.models import Activity, Kpi, KpiTarget, Milestone
from civhub.programme.permissions import editor_required
from civhub.programme.selectors.kpis import grant_years
from civhub.programme.selectors.lines import line_of
from civhub.programme.services import kpis as kpi_services
from civhub.programme.services import work


def _line_url(line, anchor: str) -> str:
    return reverse("programme:line", args=[line.centre.slug, line.number]) + anchor


def _partnerships(centre):
    return Partnership.objects.filter(centre=centre).select_related("organisation").order_by("organisation__name")


def _confirm_delete(request, centre, *, delete, heading: str, question: str, back_url: str, done: str,
                    done_url: str):
    """GET asks (naming what goes); POST removes through the service, or flashes why it stays."""
    return confirm_then_act(request, "programme/delete.html",
                            {"centre": centre, "heading": heading, "question": question, "back_url": back_url},
                            lambda: delete(actor=request.user), done, done_url, refused_to=back_url)


# Activities -------------------------------------------------------------------------------------


def _activity_page(request, centre, line, activity=None):
    form = ActivityForm(posted(request), partnerships=_partnerships(centre),
                        initial=activity_initial(activity) if activity else None)
    if form.is_bound and form.is_valid():
        save = (partial(work.create_activity, line=line) if activity is None
                else partial(work.update_activity, activity=activity))
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The activity has been saved."), _line_url(line, "#activities"))
        if done:
            return done
    return form_page(request, "programme/activity_form.html",
                     {"centre": centre, "line": line, "activity": activity, "form": form})


@editor_required
def activity_new(request, centre, number):
    return _activity_page(request, centre, line_of(centre, number))


@editor_required
def activity_edit(request, centre, pk):
    activity = get_object_or_404(Activity.objects.select_related("programme_line__centre"), centre=centre, pk=pk)
    return _activity_page(request, centre, activity.programme_line, activity)


@editor_required
def activity_delete(request, centre, pk):
    activity = get_object_or_404(Activity.objects.select_related("programme_line__centre"), centre=centre, pk=pk)
    return _confirm_delete(
        request, centre, delete=partial(work.delete_activity, activity=activity),
        heading=_("Remove the activity"),
        question=_("Remove the activity “%(title)s”? Its milestones stay, without an activity. The change is "
                   "recorded with your name.") % {"title": activity.title},
        back_url=reverse("programme:activity_edit", args=[centre.slug, activity.pk]),
        done=_("The activity has been removed."), done_url=_line_url(activity.programme_line, "#activities"))


# Milestones -------------------------------------------------------------------------------------


def _milestone_page(request, centre, line, milestone=None):
    form = MilestoneForm(posted(request), activities=Activity.objects.filter(programme_line=line),
                         initial=milestone_initial(milestone) if milestone else None)
    if form.is_bound and form.is_valid():
        save = (partial(work.create_milestone, line=line) if milestone is None
                else partial(work.update_milestone, milestone=milestone))
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The milestone has been saved."), _line_url(line, "#milestones"))
        if done:
            return done
    return form_page(request, "programme/milestone_form.html",
                     {"centre": centre, "line": line, "milestone": milestone, "form": form})


@editor_required
def milestone_new(request, centre, number):
    return _milestone_page(request, centre, line_of(centre, number))


@editor_required
def milestone_edit(request, centre, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("programme_line__centre"), centre=centre, pk=pk)
    return _milestone_page(request, centre, milestone.programme_line, milestone)


@editor_required
def milestone_delete(request, centre, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("programme_line__centre"), centre=centre, pk=pk)
    return _confirm_delete(
        request, centre, delete=partial(work.delete_milestone, milestone=milestone),
        heading=_("Remove the milestone"),
        question=_("Remove the milestone “%(title)s”? The change is recorded with your name.")
        % {"title": milestone.title},
        back_url=reverse("programme:milestone_edit", args=[centre.slug, milestone.pk]),
        done=_("The milestone has been removed."), done_url=_line_url(milestone.programme_line, "#milestones"))


# KPIs and targets -------------------------------------------------------------------------------


def _kpi_url(kpi) -> str:
    return reverse("programme:kpi", args=[kpi.centre.slug, kpi.pk])


@editor_required
def kpi_new(request, centre, number):
    line = line_of(centre, number)
    form = KpiForm(posted(request), initial={"measure": Kpi.Measure.SUM, "baseline": 0, "position": 0})
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: kpi_services.create_kpi(line=line, actor=request.user,
                                                                      data=form.data_object()),
                       _("The KPI has been saved. Now set its target for each year."),
                       lambda created: reverse("programme:kpi_targets", args=[centre.slug, created.pk]))
        if done:
            return done
    return form_page(request, "programme/kpi_form.html", {"centre": centre, "line": line, "form": form})


def _kpi(centre, pk) -> Kpi:
    return get_object_or_404(Kpi.objects.select_related("programme_line__centre", "centre"), centre=centre, pk=pk)


@editor_required
def kpi_edit(request, centre, pk):
    kpi = _kpi(centre, pk)
    form = KpiForm(posted(request), initial=kpi_initial(kpi))
    if form.is_bound and form.is_valid():
        save = partial(kpi_services.update_kpi, kpi=kpi)
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The KPI has been saved."), _kpi_url(kpi))
        if done:
            return done
    return form_page(request, "programme/kpi_form.html",
                     {"centre": centre, "line": kpi.programme_line, "kpi": kpi, "form": form})


@editor_required
def kpi_targets(request, centre, pk):
    """The KPI's target per year of the grant."""
    kpi = _kpi(centre, pk)
    years = grant_years(centre)
    initial = {f"year_{year}": target for year, target in
               KpiTarget.objects.filter(kpi=kpi).values_list("year", "target")}
    form = TargetsForm(posted(request), years=years, initial=initial)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: kpi_services.set_targets(kpi=kpi, actor=request.user,
                                                                       targets=form.targets()),
                       _("The targets have been saved."), _kpi_url(kpi))
        if done:
            return done
    return form_page(request, "programme/kpi_targets.html",
                     {"centre": centre, "line": kpi.programme_line, "kpi": kpi, "form": form, "years": years})


@editor_required
def kpi_delete(request, centre, pk):
    kpi = _kpi(centre, pk)
    return _confirm_delete(
        request, centre, delete=partial(kpi_services.delete_kpi, kpi=kpi),
        heading=_("Remove the KPI"),
        question=_("Remove the KPI “%(name)s” and its yearly targets? The change is recorded with your name.")
        % {"name": kpi.name},
        back_url=_kpi_url(kpi), done=_("The KPI has been removed."),
        done_url=_line_url(kpi.programme_line, "#kpis"))
