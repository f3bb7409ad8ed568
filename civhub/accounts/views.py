"""Signing in and out, setting a password from an invitation, the personal start page, the inbox ("Te doen"),
the search ("Zoeken"), the files made in the background (their status and download) and the choice of e-mail
notifications."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from civhub.accounts import notifications, permissions, throttle
from civhub.accounts.context_processors import remember_inbox_count
from civhub.accounts.forms import EmailAuthenticationForm, NotificationForm, PasswordLinkForm
from civhub.accounts.models import Membership
from civhub.core import inbox as registry
from civhub.core import requested_files, revisions
from civhub.core import search as finder
from civhub.core.clients import client_address
from civhub.core.exports import file_download
from civhub.core.views import form_page, posted


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The link in an invitation (or a reset e-mail) leads here to choose a password."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:password_set")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        response = super().form_valid(form)
        # The office's portal pages say who was invited and has no password yet; they are kept under the token of
        # each centre the person holds a role in.
        for centre_id in set(Membership.objects.filter(user=self.user).values_list("centre_id", flat=True)):
            revisions.touch(centre_id)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """A link to choose a password, for a forgotten one or an expired invitation; limited per address per hour.

    The limit counts in the shared cache, so it holds across all server processes. Both counts go up whether or not
    the address has an account, so the refusal tells nobody which addresses have one.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")
    form_class = PasswordLinkForm

    def form_valid(self, form):
        if not throttle.password_reset_allowed(client_address(self.request), form.cleaned_data["email"]):
            form.add_error(None, _("There have been too many requests for a new password from here or for this "
                                   "e-mail address. Try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@login_required
def home(request):
    """Send a person to their work: straight into their only centre, else a choice of centres."""
    centres = list(permissions.centres_of(request.user))
    if len(centres) == 1:
        centre = centres[0]
        return redirect(reverse(permissions.landing_url_name(request.user, centre), args=[centre.slug]))
    choices = [
        (centre, reverse(permissions.landing_url_name(request.user, centre), args=[centre.slug])) for centre in centres
    ]
    return render(request, "accounts/home.html", {"choices": choices})


@login_required
def password_set(request):
    return render(request, "accounts/password_set.html")


@permissions.centre_role_required()
@require_safe
def inbox(request, centre):
    """What waits for the person in this centre, grouped by kind, oldest first, each with the way to do it: of a
    long queue the oldest few, how many wait and a link to the queue itself."""
    groups = registry.page_groups(request.user, centre)
    count = sum(group.total for group in groups)
    remember_inbox_count(request, count)  # the menu shows the same number: counted once
    return render(request, "accounts/inbox.html", {
        "centre": centre, "groups": groups, "count": count, "frequency": notifications.frequency_of(request.user)})


@permissions.centre_role_required()
@require_safe
def search(request, centre):
    """What the person may open in this centre that matches `q`, grouped by kind, each group's best first."""
    query = finder.parse(request.GET.get("q"))
    groups = finder.search(request.user, centre, query)
    return render(request, "accounts/search.html", {
        "centre": centre, "query": query, "groups": groups, "count": sum(group.total for group in groups)})


def _requested_file(request, centre, pk):
    return get_object_or_404(permissions.requested_files_visible_to(request.user, centre).select_related(
        "requested_by"), pk=pk)


@permissions.centre_role_required()
@require_safe
def requested_file(request, centre, pk):
    """A file the worker makes: waiting, being made (with its progress), ready (the download) or failed (why).

    While it is not over the page asks itself again (htmx) for its status part, inside a live region.
    """
    requested = _requested_file(request, centre, pk)
    context = {"centre": centre, "requested": requested, "title": requested_files.kind_of(requested.kind).label,
               "progress": requested_files.progress_of(requested), "kept_days": requested_files.KEPT_DAYS}
    template = "accounts/requested_file.html#status" if request.htmx else "accounts/requested_file.html"
    return render(request, template, context)


@permissions.centre_role_required()
@require_safe
def requested_file_download(request, centre, pk):
    """The ready file, with the name it was asked for under and its SHA-256; 404 while it is not ready."""
    requested = _requested_file(request, centre, pk)
    if requested.status != requested.Status.DONE or not requested.file:
        raise Http404
    handle = requested.file.storage.open(requested.file.name, "rb")
    handle.seek(0, 2)  # the Spool streams from the start and knows the size from the end
    response = file_download(handle, name=requested.name)
    response["X-Content-SHA256"] = requested.sha256
    return response


@login_required
def notification_settings(request):
    """The person's own choice: an e-mail at once for each step handed to them, a daily digest, or none."""
    form = NotificationForm(posted(request), initial={"frequency": notifications.frequency_of(request.user)})
    if form.is_valid():
        notifications.set_frequency(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your choice is saved."))
        return redirect("accounts:notifications")
    return form_page(request, "accounts/notifications.html", {"form": form})
