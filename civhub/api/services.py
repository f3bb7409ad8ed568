"""Making and revoking personal API tokens: each step audited, the secret returned once and never stored."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.api.errors import TokenError
from civhub.api.models import TOKEN_PREFIX, PersonalToken, token_digest
from civhub.core.audit import record_event

# A year: the page offers up to the end of the same date next year, which over a 29 February is 366.99 days away.
MAX_LIFETIME = timedelta(days=367)
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh token: the prefix and 32 random bytes, URL-safe (no characters a header or a shell would mangle)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(SECRET_BYTES)


def create_token(*, actor, name: str, scope: str, expires) -> tuple[PersonalToken, str]:
    """A new token of the actor's own, and its secret: show the secret once, civhub keeps only its hash."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Give the token a name, for example the system that will use it."), field="name")
    now = timezone.now()
    if not now < expires <= now + MAX_LIFETIME:
        raise TokenError(_("A token expires within a year from today, and not today or earlier."), field="expires")
    secret = new_secret()
    with transaction.atomic():
        token = PersonalToken.objects.create(user=actor, name=name, scope=scope, expires=expires,
                                             digest=token_digest(secret), hint=secret[:len(TOKEN_PREFIX) + 4])
        record_event(token, actor=actor, action="api_token_created",
                     summary=f"{token.name} ({token.get_scope_display()}) until {expires:%Y-%m-%d}")
    return token, secret


def revoke_token(*, actor, token: PersonalToken) -> PersonalToken:
    """Stop a token at once; a revoked token stays listed, so the person sees when it stopped."""
    with transaction.atomic():
        token = PersonalToken.objects.select_for_update().get(pk=token.pk)
        if token.user_id != actor.pk:
            raise TokenError(_("You can only revoke your own tokens."))
        if token.revoked is None:
            token.revoked = timezone.now()
            token.save(update_fields=["revoked"])
            record_event(token, actor=actor, action="api_token_revoked", summary=token.name)
    return token
