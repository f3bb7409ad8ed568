"""Calling the partners' API (v1) in tests: a client carrying a personal token, and the URLs of a centre."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civhub.api.models import PersonalToken
from civhub.api.services import create_token


def make_token(user, *, scope=PersonalToken.Scope.READ_WRITE, days=30, name="Our ERP"):
    """A token of `user` and its secret, made as the account page makes it."""
    return create_token(actor=user, name=name, scope=scope, expires=timezone.now() + timedelta(days=days))


def token_client(user, *, scope=PersonalToken.Scope.READ_WRITE, language=None) -> Client:
    """A client that sends `user`'s new token (and `Accept-Language: language`) with every request."""
    _, secret = make_token(user, scope=scope)
    headers = {"Authorization": f"Bearer {secret}"}
    if language:
        headers["Accept-Language"] = language
    return Client(headers=headers)


def v1(resource: str, centre, pk=None, action=None) -> str:
    """The URL of a v1 list (`pk` None), a detail or an action of `resource` in `centre`."""
    kwargs = {"centre_slug": centre.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"api:v1-{resource}-{action or ('detail' if pk is not None else 'list')}", kwargs=kwargs)
