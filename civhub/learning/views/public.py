"""The public pages: the catalogue, a course with its interest form, enrolling, one's own enrolment, the paths.

Anyone may use them without an account. A partner's signed-in contact who registers someone
has the employer preset to their own organisation.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from civhub.core.clients import client_address
from civhub.core.models import Centre
from civhub.core.public_cache import cached_for_visitors
from civhub.core.views import act, confirm_then_act, posted
from civhub.learning.errors import LearningError
from civhub.learning.forms.public import CatalogueFilterForm, EnrolmentForm, RegistrationForm
from civhub.learning.ical import offerings_calendar
from civhub.learning.models import Enrolment
from civhub.learning.permissions import courses_managed_by, courses_visible_to, may_provide, own_employers
from civhub.learning.selectors import catalogue as selectors
from civhub.learning.services.enrolment import (
    HOLD,
    cancel_enrolment,
    confirm_enrolment,
    enrol,
    register_interest,
    terms_text,
    waiting_position,
)
from civhub.learning.views import today

PAGE_SIZE = 20


def _centre(slug) -> Centre:
    return get_object_or_404(Centre, slug=slug)


@cached_for_visitors
def catalogue(request, slug):
    """`learning:catalogue`: published courses with their upcoming offerings, filtered and paged."""
    centre = _centre(slug)
    choices = selectors.catalogue_choices(centre)
    form = CatalogueFilterForm(request.GET or None, skills=choices.skills, providers=choices.providers,
                               offer_stap=choices.has_stap)
    filters = form.filters()
    courses = selectors.catalogue(centre, filters, today=today())
    return render(request, "learning/catalogue.html", {
        "centre": centre, "form": form, "filtered": filters != type(filters)(),
        "page_obj": Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_provide": may_provide(request.user, centre), "tab": "catalogue",
    })


def _registration_form(request, centre) -> RegistrationForm:
    """The form, bound on POST; a partner's contact finds their own organisation chosen as employer."""
    own = own_employers(request.user, centre)
    initial = {"employer": own[0]} if len(own) == 1 else {}
    return RegistrationForm(posted(request), centre=centre, initial=initial)


def course(request, slug, pk):
    """`learning:course`: the course, its offerings and paths, and the interest form (POSTed here)."""
    centre = _centre(slug)
    course = selectors.course_detail(courses_visible_to(request.user, centre), pk, today=today())
    if course is None:
        raise Http404
    form = _registration_form(request, centre)
    status = 200
    if request.method == "POST":
        status = _register_interest(request, course, form)
        if status == 302:
            return redirect("learning:course", centre.slug, course.pk)
    return render(request, "learning/course.html", {
        "centre": centre, "course": course, "form": form, "paths": selectors.paths_with(course),
        "can_edit": courses_managed_by(request.user, centre).filter(pk=course.pk).exists(), "tab": "catalogue",
    }, status=status)


def _register_interest(request, course, form) -> int:
    """Register the form's interest: 302 when done (or a bot was ignored), else the status for the page."""
    if not form.is_valid():
        return 400
    if not form.is_spam():
        try:
            register_interest(course=course, data=form.registration(), actor=request.user,
                              ip_address=client_address(request))
        except LearningError as error:
            form.add_error(None, str(error))
            return 400
    messages.success(request, _("Thank you: the interest of %(name)s in this course is registered. "
                                "The provider uses it to plan new offerings.") % {"name": form.cleaned_data["name"]})
    return 302


def enrol_page(request, slug, pk):
    """`learning:enrol`: enrol in an offering; says before sending when it means the waiting list."""
    centre = _centre(slug)
    offering = selectors.offering_for_enrolment(centre, pk)
    if offering is None:
        raise Http404
    form = _enrolment_form(request, offering.course)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif form.is_spam():
            messages.success(request, _("Thank you for registering."))
            return redirect("learning:course", centre.slug, offering.course_id)
        else:
            try:
                enrolment = enrol(offering=offering, data=form.registration(), actor=request.user,
                                  ip_address=client_address(request), language=get_language())
            except LearningError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
                status = 400
            else:
                return _after_enrolling(request, centre, enrolment)
    return render(request, "learning/enrol.html", {
        "centre": centre, "offering": offering, "course": offering.course, "form": form,
        "closed": offering.start_date < today(), "position": offering.waiting + 1, "tab": "catalogue",
        "terms": terms_text(offering.course), "hold_hours": int(HOLD.total_seconds() // 3600),
    }, status=status)


def _enrolment_form(request, course) -> EnrolmentForm:
    """The enrolment form, bound on POST; a partner's contact finds their own organisation chosen as employer."""
    own = own_employers(request.user, course.centre)
    initial = {"employer": own[0]} if len(own) == 1 else {}
    return EnrolmentForm(posted(request), course=course, initial=initial)


def _after_enrolling(request, centre, enrolment):
    """A known person sees their enrolment; anyone else is told to confirm by the e-mail link.

    The personal link is not shown in the browser: it reaches them only by e-mail, which is what makes the
    confirmation prove that the address is theirs (double opt-in, as for events).
    """
    if enrolment.status != Enrolment.Status.PENDING:
        return redirect("learning:enrolment", centre.slug, enrolment.token)
    if enrolment.hold_until:
        messages.warning(request, _("Almost done: we have sent an e-mail to %(email)s. Open the link in it within "
                                    "%(hours)s hours to confirm the enrolment; until then the place is held for "
                                    "you.") % {"email": enrolment.email, "hours": int(HOLD.total_seconds() // 3600)})
    else:
        messages.warning(request, _("Almost done: we have sent an e-mail to %(email)s. Open the link in it to "
                                    "confirm; you then join the waiting list.") % {"email": enrolment.email})
    return redirect("learning:course", centre.slug, enrolment.offering.course_id)


def confirm(request, slug, token):
    """`learning:confirm`: the e-mail link; GET asks to confirm (mail scanners open links), POST confirms."""
    centre = _centre(slug)
    enrolment = _enrolment_by_token(centre, token)
    return confirm_then_act(
        request, "learning/confirm.html", {
            "centre": centre, "enrolment": enrolment, "offering": enrolment.offering,
            "course": enrolment.offering.course, "tab": "catalogue"},
        lambda: confirm_enrolment(enrolment=enrolment, actor=request.user),
        _("Thank you: your e-mail address is confirmed. We have sent you an e-mail with the details."),
        reverse("learning:enrolment", args=[centre.slug, enrolment.token]))


def _enrolment_by_token(centre, token) -> Enrolment:
    """The enrolment behind a personal link; any wrong or foreign token is a 404."""
    return get_object_or_404(Enrolment.objects.select_related("offering__course__provider__organisation",
                                                              "employer__organisation"),
                             token=token, offering__course__centre=centre)


def enrolment(request, slug, token):
    """`learning:enrolment`: what someone's personal link shows: their place, or their place on the waiting list."""
    centre = _centre(slug)
    enrolment = _enrolment_by_token(centre, token)
    return render(request, "learning/enrolment.html", {
        "centre": centre, "enrolment": enrolment, "offering": enrolment.offering, "course": enrolment.offering.course,
        "position": waiting_position(enrolment), "tab": "catalogue",
    })


def cancel(request, slug, token):
    """`learning:cancel`: GET shows what will be cancelled, POST cancels (no account needed, the link is the key)."""
    centre = _centre(slug)
    enrolment = _enrolment_by_token(centre, token)
    if request.method == "POST":
        return act(request, lambda: cancel_enrolment(enrolment=enrolment, actor=request.user),
                   _("Your registration is cancelled. You will receive a confirmation by e-mail."),
                   reverse("learning:enrolment", args=[centre.slug, enrolment.token]))
    return render(request, "learning/cancel.html", {
        "centre": centre, "enrolment": enrolment, "offering": enrolment.offering, "course": enrolment.offering.course,
        "position": waiting_position(enrolment), "tab": "catalogue",
    })


def paths(request, slug):
    """`learning:paths`: the published learning paths as routes of courses."""
    centre = _centre(slug)
    return render(request, "learning/paths.html", {
        "centre": centre, "paths": selectors.published_paths(centre), "tab": "paths",
        "may_provide": may_provide(request.user, centre),
    })


def path(request, slug, pk):
    """`learning:path`: one published learning path, step by step."""
    centre = _centre(slug)
    path = get_object_or_404(selectors.published_paths(centre), pk=pk)
    return render(request, "learning/path.html", {
        "centre": centre, "path": path, "tab": "paths", "may_provide": may_provide(request.user, centre),
    })


def offerings_ics(request, slug):
    """`learning:offerings_ics`: the upcoming offerings as an iCalendar feed to subscribe to."""
    centre = _centre(slug)
    response = HttpResponse(offerings_calendar(centre, selectors.feed_offerings(centre, today=today())),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="aanbod-{centre.slug}.ics"'
    return response
