"""The API's personal data (see core/personal_data.py): a person's tokens and the answers kept for their
idempotency keys. Erasing the person deletes both: a token of an erased person must never work again."""

from django.utils.translation import gettext_lazy as _

from civhub.api.models import IdempotencyKey, PersonalToken
from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source


def _tokens(identity: Identity) -> list[dict]:
    return personal_data.values(PersonalToken.objects.filter(user=identity.user).order_by("pk"),
                                "name", "scope", "hint", "created", "expires", "last_used", "revoked")


def _erase_tokens(identity: Identity) -> int:
    deleted_tokens, _by_model = PersonalToken.objects.filter(user=identity.user).delete()
    deleted_keys, _by_model = IdempotencyKey.objects.filter(user=identity.user).delete()
    return deleted_tokens + deleted_keys


personal_data.register(Source(
    name="api.tokens",
    fields={"api.PersonalToken": ("user",), "api.IdempotencyKey": ("user",)},
    export=_tokens, erase=_erase_tokens,
    description=_("Your API keys: their names, access and dates (never the secret itself).")))
personal_data.impersonal("api.PersonalToken", "name", reason="the name a person gives their token")
