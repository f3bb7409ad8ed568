"""The providers' pages: their courses and offerings, the people enrolled (with exports), demand, employees.

Partners' contacts and signatories work on their own partnership's courses; another partner's
course or offering is a 404. The programme office works on every course of the centre.
"""


from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.exports import ISO_DATES, TABLE_FORMATS, Table, download
from civhub.core.formatting import format_date
from civhub.core.sorting import sort_by
from civhub.core.views import attempt, form_status, posted
from civhub.learning import permissions as access
from civhub.learning.forms.provider import CourseForm, OfferingForm
from civhub.learning.models import Offering
from civhub.learning.permissions import provider_required
from civhub.learning.selectors import provider as selectors
from civhub.learning.selectors.catalogue import with_places
from civhub.learning.services.courses import save_course, save_offering
from civhub.learning.views import today

# A cell starting with one of these is run as a formula by spreadsheet programs; names come from a public form.


def _page(request, centre, template, context, status=200):
    return render(request, template, {"centre": centre, "tab": "manage",
                                      "is_office": access.manages_everything(request.user, centre), **context},
                  status=status)


COURSE_COLUMNS = {
    "provider": selectors.BY_PROVIDER,
    "title": ("title", "pk"),
    "status": ("status", "title", "pk"),
    "interest": ("interest_count", "title", "pk"),
}


@provider_required
def manage(request, centre):
    """`learning:manage`: the courses the user provides (all for the office), drafts included, with offerings."""
    sorting = sort_by(request, COURSE_COLUMNS, "provider")
    courses = selectors.managed_courses(access.courses_managed_by(request.user, centre), ordering=sorting.ordering)
    paths = access.paths_managed_by(request.user, centre).order_by("title", "pk")
    return _page(request, centre, "learning/manage/courses.html", {"courses": courses, "paths": paths,
                                                                  "today": today(), "sorting": sorting})


@provider_required
def course_new(request, centre):
    return _course_form(request, centre, course=None)


@provider_required
def course_edit(request, centre, pk):
    course = get_object_or_404(access.courses_managed_by(request.user, centre), pk=pk)
    return _course_form(request, centre, course=course)


def _course_form(request, centre, *, course):
    providers = access.provider_choices(request.user, centre)
    initial = {"provider": providers.first()} if course is None else None
    form = CourseForm(posted(request), instance=course, initial=initial, centre=centre, providers=providers)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: save_course(
            centre=centre, actor=request.user, data=form.course_data(), skills=form.cleaned_data["skills"],
            new_skills=form.new_skill_names(), course=course),
            lambda saved: _("The course “%(title)s” is saved.") % {"title": saved.title},
            reverse("learning:manage", args=[centre.slug]))
        if done:
            return done
    return _page(request, centre, "learning/manage/course_form.html", {"form": form, "course": course},
                 status=form_status(form))


@provider_required
def offering_new(request, centre, pk):
    course = get_object_or_404(access.courses_managed_by(request.user, centre), pk=pk)
    return _offering_form(request, centre, course=course, offering=None)


def _managed_offering(request, centre, pk) -> Offering:
    """An offering of a course the user manages, with its places counted; any other is a 404."""
    courses = access.courses_managed_by(request.user, centre)
    return get_object_or_404(with_places(Offering.objects.select_related("course__provider__organisation")),
                             pk=pk, course__in=courses)


@provider_required
def offering_edit(request, centre, pk):
    offering = _managed_offering(request, centre, pk)
    return _offering_form(request, centre, course=offering.course, offering=offering)


def _offering_form(request, centre, *, course, offering):
    form = OfferingForm(posted(request), instance=offering)
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: save_offering(course=course, actor=request.user,
                                                            data=form.offering_data(), offering=offering),
                       lambda saved: _("The offering of %(date)s is saved.")
                       % {"date": format_date(saved.start_date)},
                       reverse("learning:manage", args=[centre.slug]))
        if done:
            return done
    return _page(request, centre, "learning/manage/offering_form.html",
                 {"form": form, "course": course, "offering": offering}, status=form_status(form))


@provider_required
def offering_enrolments(request, centre, pk):
    """`learning:offering_enrolments`: the people with a place and the waiting list, in order (as in the export)."""
    offering = _managed_offering(request, centre, pk)
    rows = selectors.enrolment_rows(offering)
    return _page(request, centre, "learning/manage/enrolments.html", {
        "offering": offering, "course": offering.course, "header": next(rows), "rows": list(rows),
    })


@provider_required
def offering_export(request, centre, pk, fmt):
    """`learning:offering_export`: the same rows as the page, as CSV or XLSX."""
    if fmt not in TABLE_FORMATS:
        raise Http404
    offering = _managed_offering(request, centre, pk)
    table = Table.from_rows(selectors.enrolment_rows(offering), sheet=_("Enrolments"))
    return download([table], fmt, formats=ISO_DATES,
                    filename=f"inschrijvingen-{offering.pk}-{offering.start_date:%Y-%m-%d}")


@provider_required
def demand(request, centre):
    """`learning:demand`: interest per course and per skill, and how full the upcoming offerings are."""
    courses = access.courses_managed_by(request.user, centre)
    return _page(request, centre, "learning/manage/demand.html",
                 {"demand": selectors.demand(centre, courses, today=today()), "tab": "demand"})


@provider_required
def employees(request, centre):
    """`learning:employees`: a partner's own employees' enrolments and interest (every partner's for the office)."""
    enrolments, interests = selectors.employees(*access.employees_visible_to(request.user, centre))
    return _page(request, centre, "learning/manage/employees.html",
                 {"enrolments": enrolments, "interests": interests, "tab": "employees"})
