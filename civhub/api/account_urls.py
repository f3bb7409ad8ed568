"""The person's API tokens, mounted at /account/api-sleutels/ in the "api_tokens" namespace."""

from django.urls import path

from civhub.api import account

app_name = "api_tokens"
urlpatterns = [
    path("", account.tokens, name="list"),
    path("nieuw/", account.token_new, name="create"),
    path("<int:pk>/intrekken/", account.token_revoke, name="revoke"),
]
