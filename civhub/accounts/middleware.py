"""Two middlewares around a signed-in session: how long it lasts, and the second factor before anything else.

Order in settings.MIDDLEWARE: AuthenticationMiddleware, MessageMiddleware, SessionTimeoutMiddleware (it signs out and
leaves a message), django-otp's OTPMiddleware (it gives request.user `is_verified()`), SecondFactorMiddleware.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from civhub.accounts import two_factor

SIGNED_IN_AT = "civhub_signed_in_at"
LAST_SEEN_AT = "civhub_last_seen_at"


def stamp_sign_in(sender, request, user, **kwargs):
    """On every sign-in the session's clocks start again (connected to user_logged_in in apps.py)."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN_AT] = time.time()


class SessionTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE seconds after
    signing in whatever they do; the sign-in page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            if now - signed_in_at > settings.SESSION_COOKIE_AGE:
                return self._sign_out(request, _("You have been signed out: a session lasts at most %(hours)d hours. "
                                                 "Sign in again to continue.")
                                      % {"hours": settings.SESSION_COOKIE_AGE // 3600})
            if now - last_seen_at > settings.SESSION_IDLE_TIMEOUT:
                return self._sign_out(request, _("You have been signed out after %(minutes)d minutes without "
                                                 "activity. Sign in again to continue.")
                                      % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60})
            # Written at most every SESSION_ACTIVITY_STAMP_INTERVAL seconds, not on every request (a session save).
            if LAST_SEEN_AT not in session or now - last_seen_at >= settings.SESSION_ACTIVITY_STAMP_INTERVAL:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def _sign_out(request, message):
        path = request.get_full_path()
        logout(request)
        messages.info(request, message)
        return redirect_to_login(path)


# Reachable between the password and the second factor: signing in and out, and the public site.
SIGN_IN_PAGES = frozenset({
    "accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_enrol", "accounts:password_reset",
    "accounts:password_reset_sent", "accounts:set_password", "set_language",
})
# Not the API: a session that has only the password must not read what the pages would not show it.
PUBLIC_NAMESPACES = frozenset({"public"})
PUBLIC_MODULES = frozenset({"public", "feeds"})  # the apps' civhub.<app>.views.public modules and the feeds
PUBLIC_PAGES = frozenset({"research:public", "hca:public", "governance:public_steering_group", "news:public_texts"})


def open_before_second_factor(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 stays a 404
    return (match.view_name in SIGN_IN_PAGES or match.view_name in PUBLIC_PAGES
            or match.namespace in PUBLIC_NAMESPACES
            or getattr(match.func, "__module__", "").rsplit(".", 1)[-1] in PUBLIC_MODULES)


class SecondFactorMiddleware:
    """After the password, a person with an authenticator is asked for a code, and a person who must have one and
    has none is led to set it up; until then every other page redirects there (the public site stays open)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not open_before_second_factor(request.path_info):
            if two_factor.authenticator(user) is not None:
                return redirect_to_login(request.get_full_path(), "accounts:otp_verify")
            if two_factor.required_for(user):
                return redirect_to_login(request.get_full_path(), "accounts:otp_enrol")
        return self.get_response(request)
