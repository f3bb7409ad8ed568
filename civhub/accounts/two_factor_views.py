"""Two-step verification pages: the code after the password, setting up an authenticator app, the recovery codes
shown once, the person's own settings, and the centre administrator's list of people with the reset."""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from civhub.accounts import permissions, two_factor
from civhub.accounts.forms import OneTimeCodeForm
from civhub.accounts.models import Membership, Role, User
from civhub.core.views import act, confirm_then_act, form_page, posted, show_error

ENROL_KEY = "civhub_otp_enrol_key"  # the new key, until the first code confirms it
CODES_KEY = "civhub_otp_recovery_codes"  # the new recovery codes, until the person says they saved them
CODES_NEXT_KEY = "civhub_otp_recovery_next"


def _next(request) -> str:
    """Where to go after the code: the page the person asked for (on this site), else their start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("accounts:home")


@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if two_factor.authenticator(user) is None:  # nothing to ask a code of: set one up if the role requires it
        if two_factor.required_for(user):
            return redirect_to_login(_next(request), "accounts:otp_enrol")
        return redirect(_next(request))
    form = OneTimeCodeForm(posted(request))
    if form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _("This code is not right, or it was used already. Type the code your app shows now, "
                                 "or a recovery code. After each wrong code you wait a little longer."))
    return form_page(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with its first code."""
    user = request.user
    if two_factor.authenticator(user) is not None and not user.is_verified():
        # A new app replaces the old one only for a session that proved it has the old one (or a recovery code).
        return redirect_to_login(_next(request), "accounts:otp_verify")
    key = request.session.get(ENROL_KEY) or two_factor.new_secret()
    request.session[ENROL_KEY] = key
    form = OneTimeCodeForm(posted(request))
    if form.is_valid():
        try:
            device, codes = two_factor.enrol(user=user, key=key, code=form.cleaned_data["code"])
        except two_factor.TwoFactorError as error:
            show_error(form, error)
        else:
            del request.session[ENROL_KEY]
            django_otp.login(request, device)
            request.session[CODES_KEY] = codes
            request.session[CODES_NEXT_KEY] = _next(request)
            return redirect("accounts:otp_recovery_codes")
    return form_page(request, "accounts/otp_enrol.html", {
        "form": form, "next": _next(request), "qr_code": two_factor.qr_code_svg(user, key),
        "secret": two_factor.secret_text(key), "required": two_factor.required_for(user),
        "replacing": two_factor.authenticator(user) is not None})


@login_required
def recovery_codes(request):
    """The new recovery codes, shown until the person says they saved them; then they are gone from the session."""
    codes = request.session.get(CODES_KEY)
    if not codes:
        return redirect("accounts:two_factor")
    if request.method == "POST":
        del request.session[CODES_KEY]
        messages.success(request, _("Two-step verification is on."))
        return redirect(request.session.pop(CODES_NEXT_KEY, None) or reverse("accounts:home"))
    return render(request, "accounts/otp_recovery_codes.html", {"codes": [two_factor.shown(code) for code in codes]})


@login_required
@require_safe
def recovery_codes_download(request):
    codes = request.session.get(CODES_KEY)
    if not codes:
        return redirect("accounts:two_factor")
    lines = [_("civhub recovery codes for %(email)s") % {"email": request.user.email},
             _("Each code works once, instead of a code from your app."), ""]
    response = HttpResponse("\n".join(lines + [two_factor.shown(code) for code in codes]) + "\n",
                            content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="civhub-herstelcodes.txt"'
    return response


@login_required
def settings_page(request):
    """The person's own two-step verification: on or off, how many recovery codes are left, set up a new app."""
    user = request.user
    return render(request, "accounts/two_factor.html", {
        "authenticator": two_factor.authenticator(user), "required": two_factor.required_for(user),
        "codes_left": two_factor.recovery_codes_left(user)})


@login_required
@require_POST
def turn_off(request):
    return act(request, lambda: two_factor.turn_off(user=request.user), _("Two-step verification is off."),
               "accounts:two_factor")


def _people(centre):
    """Everyone with a role in the centre, their roles here, and whether they have an authenticator app."""
    return (User.objects.filter(memberships__centre=centre).distinct()
            .annotate(has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
            .prefetch_related(Prefetch("memberships", queryset=Membership.objects.filter(centre=centre)
                                       .select_related("partnership__organisation"), to_attr="roles_here"))
            .order_by("full_name", "email"))


@permissions.centre_role_required(Role.CENTRE_ADMIN)
@require_safe
def people(request, centre):
    return render(request, "accounts/people.html", {"centre": centre, "people": _people(centre)})


@permissions.centre_role_required(Role.CENTRE_ADMIN)
@require_safe
def person(request, centre, pk):
    return render(request, "accounts/person.html", {
        "centre": centre, "person": get_object_or_404(_people(centre), pk=pk)})


@permissions.centre_role_required(Role.CENTRE_ADMIN)
def person_reset_two_factor(request, centre, pk):
    """Confirm, then remove the person's authenticator and recovery codes; they set up a new app at next sign-in."""
    subject = get_object_or_404(_people(centre), pk=pk)
    back = reverse("core:person", args=[centre.slug, subject.pk])
    return confirm_then_act(
        request, "accounts/person_reset_two_factor.html", {"centre": centre, "person": subject},
        lambda: two_factor.reset(actor=request.user, user=subject, centre=centre),
        _("The two-step verification of %(name)s is reset. They set it up again when they next sign in.")
        % {"name": subject}, back)
