"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
application = get_wsgi_application()
# Import every URL's view now (DRF and the schema generator among them), while the worker boots, so that its
# first request is not the one that waits for them.
get_resolver().url_patterns  # noqa: B018 - the property's side effect: the URLconf is imported
