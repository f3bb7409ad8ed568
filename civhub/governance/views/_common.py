"""Shared bits of the governance views: loading a meeting with its access check, form pages, saving."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from civhub.governance.errors import GovernanceError
from civhub.governance.forms import show_error
from civhub.governance.models import Meeting
from civhub.governance.permissions import ensure_may_see, may_edit


def meeting_for(request, centre, pk) -> Meeting:
    """The centre's meeting (404 for another centre's, and a draft for anyone but the office), 403 without access."""
    meeting = get_object_or_404(Meeting.objects.select_related("centre", "programme_line"), centre=centre, pk=pk)
    if meeting.status == Meeting.Status.DRAFT and not may_edit(request.user, centre):
        raise Http404
    ensure_may_see(request.user, meeting)
    return meeting


def meeting_url(meeting, anchor: str = "") -> str:
    return reverse("governance:meeting", args=[meeting.centre.slug, meeting.pk]) + anchor


def posted(request):
    return request.POST if request.method == "POST" else None


def form_page(request, template: str, context: dict):
    """Render a form page; a submitted form that comes back (with errors) answers 400."""
    return render(request, template, context, status=400 if context["form"].is_bound else 200)


def attempt(request, form, call, message: str, to: str):
    """Run a service call; on a GovernanceError keep the form (None), else flash the message and go on."""
    try:
        call()
    except GovernanceError as error:
        show_error(form, error)
        return None
    messages.success(request, message)
    return redirect(to)


def confirm_or_run(request, template: str, context: dict, call, message: str, to: str):
    """GET shows a confirmation page; POST runs the call (a refusal is flashed as an error)."""
    if request.method != "POST":
        return render(request, template, context)
    try:
        call()
    except GovernanceError as error:
        messages.error(request, str(error))
        return redirect(to)
    messages.success(request, message)
    return redirect(to)
