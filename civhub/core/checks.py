"""Deployment checks (`manage.py check --deploy`): the public address and the shared cache."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@register(Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    # Plain HTTP only on this machine (`make serve`): e-mailed links elsewhere must not leak over HTTP.
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return []
    return [Error(f"SITE_URL ({settings.SITE_URL}) does not start with https://.",
                  hint="Links in e-mails use it; serve civhub over HTTPS and set SITE_URL=https://…",
                  id="civhub.E001")]


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    # A warning, not an error: one web process with the immediate task backend works with local memory.
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith("LocMemCache"):
        return []
    return [Warning("CACHE_URL is not set: the cache is each process's own memory.",
                    hint="The hourly limits and an import's progress then count per process; with more than one "
                         "web process or a task worker set CACHE_URL=redis://… (docs/deployment.md).",
                    id="civhub.W001")]
