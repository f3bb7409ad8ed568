"""Signing in and out, setting a password from an invitation, and the personal start page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from civhub.accounts import permissions
from civhub.accounts.forms import EmailAuthenticationForm


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


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")


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
