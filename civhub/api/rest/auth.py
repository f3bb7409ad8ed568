"""Who is calling the API: a personal token (`Authorization: Bearer civ_…`), or the person's own session.

A token acts as the person who made it, with their roles; an expired or revoked one is refused with a 401, the
same as a wrong one (the answer does not tell which). The session is accepted for the browsable schema and the
person trying things in a browser, with Django's CSRF check on every write (DRF's SessionAuthentication).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from civhub.api.models import TOKEN_PREFIX, PersonalToken, token_digest

KEYWORD = "Bearer"
LAST_USED_PRECISION = timedelta(minutes=1)  # one write a minute at most, not one per request


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` with a personal token; `request.auth` is the PersonalToken."""

    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].decode("latin-1").lower() != KEYWORD.lower():
            return None  # no token: the next authentication (the session) may still know the person
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        try:
            secret = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or was revoked.")) from None
        return self.authenticate_secret(secret)

    def authenticate_secret(self, secret: str):
        token = None
        if secret.startswith(TOKEN_PREFIX):
            token = PersonalToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
        if token is None or not token.is_active or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or was revoked."))
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_PRECISION:
            PersonalToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return token.user, token

    def authenticate_header(self, request):
        """The WWW-Authenticate of a 401: what makes DRF answer 401 (not 403) to a request without credentials."""
        return f'{KEYWORD} realm="api"'
