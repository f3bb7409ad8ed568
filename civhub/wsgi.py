"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
application = get_wsgi_application()


def _load_before_the_first_request() -> None:
    """Import every URL's view (DRF and the schema generator among them) and read each language's catalogue now,
    while the worker boots, so that its first request does not wait for them."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    get_resolver().url_patterns  # noqa: B018 - the property's side effect: the URLconf is imported
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # reads and keeps the language's catalogue


_load_before_the_first_request()
