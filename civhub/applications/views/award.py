"""The award: the office types the decision, sees what the grant will be (the scaled figures of a partial award in
the way it chooses, the budget version 1, the pledges, the report calendar) and confirms; the application becomes
the grant. Choosing another way of scaling posts back to the confirmation page, which shows that way's figures."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.forms.award import AwardForm
from civhub.applications.models import Application
from civhub.applications.permissions import office_required
from civhub.applications.selectors.applications import application_of
from civhub.applications.services import award as services
from civhub.applications.views import workspace_url
from civhub.core.views import attempt, form_page, posted, show_error


def _initial(application: Application) -> dict:
    copy = getattr(application, "submitted_copy", None)
    return {"amount_granted": copy.subsidy_asked if copy else None}


@office_required
def award(request, centre, pk):
    """GET: the decision's form. POST: the confirmation page with the plan in the way of scaling chosen (`scaling`,
    in proportion by default; `show` switches); POST with `confirm`: award, or the confirmation page with the reason."""
    application = application_of(centre, pk)
    if application.status != Application.Status.SUBMITTED:
        messages.error(request, _("Only a submitted application that has not been awarded yet can be awarded."))
        return redirect(workspace_url(application))
    form = AwardForm(posted(request), initial=_initial(application))
    context = {"centre": centre, "application": application, "form": form, "tab": "workspace"}
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)  # a refusal put on a field takes it out of cleaned_data
        if "confirm" in request.POST:
            done = attempt(request, form, lambda: services.award_application(
                application=application, actor=request.user, **data),
                _("The application has been awarded: it is now the grant, with budget version 1, the pledges and "
                  "the report calendar."), lambda made: reverse("grants:monitor", args=[centre.slug]))
            if done:
                return done
        try:
            plan = services.plan_award(application, **data)
        except ApplicationError as error:
            if not form.errors:
                show_error(form, error)
        else:
            # The confirmation page, again with the refusal when confirming failed (status 400 then).
            return render(request, "applications/award_confirm.html", {**context, "plan": plan},
                          status=400 if form.errors else 200)
    return form_page(request, "applications/award_form.html", context)
