"""What the partners' API keeps: personal tokens, and the answers to creates sent with an idempotency key."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "civ_"  # noqa: S105 (a prefix, not a secret): recognisable in a log or a leaked file, so a secret scanner can find it


def token_digest(secret: str) -> str:
    """The SHA-256 of a token's secret: all civhub keeps of it (the secret is shown once, when it is made)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class PersonalToken(models.Model):
    """A person's key to the API for one of their systems: it acts as that person, with their roles, until it
    expires or is revoked. `read` tokens may only read; `read_write` tokens may also create and submit.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=20, choices=Scope.choices, default=Scope.READ)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)  # the secret's first characters, to tell tokens apart
    created = models.DateTimeField(default=timezone.now, editable=False)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE


class IdempotencyKey(models.Model):
    """The first answer to a create sent with an `Idempotency-Key` header, so a retry gets it again.

    Kept for 24 hours (`KEPT_FOR`); `fingerprint` is the SHA-256 of the method, path and body, so the same key
    with another request is refused rather than answered with the wrong object.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_once_per_user")]

    def __str__(self):
        return self.key
