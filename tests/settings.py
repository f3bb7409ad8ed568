"""The suite's settings: production's (civhub/settings.py) with what tests need instead.

pyproject.toml points pytest-django here, so civhub/settings.py never asks what is imported: tests get a fixed
key and hosts, the fast MD5 hasher, mail kept in memory, the login throttle off (the tests of the throttle turn it
on), plain HTTP for the live server of the browser tests, and static files straight from the apps' folders.
"""

import os

os.environ.setdefault("SECRET_KEY", "civhub-tests-only-not-secret-" + "x" * 32)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
# No line per request and task in the suite's output; tests/core/test_logs.py turns them on where it reads them.
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")

from civhub.settings import *  # noqa: E402, F403 - the suite overrides a few of production's settings
from civhub.settings import STATIC_ROOT, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AXES_ENABLED = False
# Sessions a module builds once and shares (the permission matrix) outlive 30 minutes on a slow run; the tests of the
# idle timeout set both themselves (tests/accounts/test_sessions.py).
SESSION_IDLE_TIMEOUT = 24 * 3600
# Nor does a session save its last-activity stamp in the middle of a test: query counts compare two requests.
SESSION_ACTIVITY_STAMP_INTERVAL = 24 * 3600
SITE_URL_FROM_REQUEST = False

# The live server of the browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# whitenoise serves straight from the apps' static folders (no collectstatic); it warns when STATIC_ROOT is missing.
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
