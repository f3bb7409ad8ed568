"""civhub settings: one module, configured by environment variables.

With no environment at all civhub refuses to start (DEBUG is off and there is no
SECRET_KEY). `make run` sets DEBUG=1, which gives a zero-setup development site on
an SQLite file under var/. Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
the SMTP variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name).lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off civhub needs SECRET_KEY (a long random string) "
            "and ALLOWED_HOSTS (comma-separated host names) in the environment."
        )
    SECRET_KEY = "civhub-development-only-not-secret-" + "x" * 32  # noqa: S105 - development only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off civhub needs the site's host names, "
            "comma-separated, e.g. ALLOWED_HOSTS=civhub.example.org."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

SITE_URL = env("SITE_URL").rstrip("/")
if not SITE_URL:
    if not DEBUG:
        # Links in e-mails and calendar feeds start with it; a guessed default would send broken links.
        raise ImproperlyConfigured(
            "SITE_URL is not set. With DEBUG off civhub needs the site's public address for the links in its "
            "e-mails, e.g. SITE_URL=https://civhub.example.org."
        )
    SITE_URL = "http://127.0.0.1:8000"
# In development without SITE_URL, links in e-mails take the address the server answered on (core/mail.py).
SITE_URL_FROM_REQUEST = DEBUG and not env("SITE_URL")

INSTALLED_APPS = [
    "civhub.core",
    "civhub.accounts",
    "civhub.partners",
    "civhub.ledger",
    "civhub.grants",
    "civhub.programme",
    "civhub.research",
    "civhub.learning",
    "civhub.governance",
    "civhub.applications",
    "civhub.events",
    "civhub.news",
    "civhub.hca",
    "civhub.reports",
    "civhub.api",
    "civhub.loader",
    "civhub.webhooks",
    "civhub.privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "civhub.core.logs.RequestLogMiddleware",  # first: it times and logs every request, the health check's too
    "civhub.core.health.HealthCheckMiddleware",  # before the host check, SSL redirect and sessions (core/health.py)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "civhub.core.middleware.DutchUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "civhub.core.mail.SiteAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "civhub.accounts.middleware.SessionTimeoutMiddleware",  # after messages: it says why it signed the person out
    "django_otp.middleware.OTPMiddleware",
    "civhub.accounts.middleware.SecondFactorMiddleware",  # after OTPMiddleware: it asks request.user.is_verified()
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "civhub.urls"
WSGI_APPLICATION = "civhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "civhub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "civhub.accounts.context_processors.inbox",
            ],
            # The filters for money and dates (eur, when) are everywhere, like |date (docs/style.md §16).
            "builtins": ["civhub.core.templatetags.civhub"],
        },
    },
    {
        # E-mails are plain text: nothing in them is HTML-escaped ("R&D" stays "R&D"); core/mail.py renders with it.
        "NAME": "mail",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "civhub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False, "builtins": ["civhub.core.templatetags.civhub"]},
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://..., sqlite:///...).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # temp_store: a statement that fires a trigger (the ledger's tally, ledger/tally.py) keeps a statement journal
    # to undo itself; in memory rather than in a temporary file (bench/imports.py, a raw insert of 100,000
    # entries: 16.8 s → 9.9 s).
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
}
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "var" / "civhub.sqlite3"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "civhub.accounts.passwords.UserAttributeSimilarityValidator"},  # Dutch messages (passwords.py)
    {"NAME": "civhub.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:home"
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600  # an invitation link stays valid for a week
# At most this many reset e-mails an hour for one address and for one e-mail address (accounts/throttle.py).
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)

# Sessions: signed out after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE seconds after
# signing in whatever happens (accounts/middleware.py).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ACTIVITY_STAMP_INTERVAL = 60  # the last-activity stamp is saved at most once a minute
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)

# Two factors (django-otp): an authenticator app (TOTP) plus single-use recovery codes; the office, signatories and
# superusers must use them (accounts/two_factor.py). The issuer names civhub in the app's list.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "civhub")

# Login throttling: five failures for one account (from any address) lock that account, and five failures from one
# address (for any account) lock that address, each for 30 minutes (docs/security.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost of them put in
# X-Forwarded-For (core/clients.py); the login throttle and the public forms' rate limits use the same function.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "civhub.core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form names the e-mail field "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
if DEBUG:
    # whitenoise serves straight from the apps' static folders; it warns when STATIC_ROOT is missing.
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# E-mail: SMTP in production (EMAIL_HOST, default localhost), files under var/mail in development.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "civhub <noreply@example.org>")
if env("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "civhub.core.mail.EmlFileBackend",  # one readable .eml file per message
            "OPTIONS": {"file_path": str(BASE_DIR / "var" / "mail")},
        }
    }

# Content Security Policy: everything from our own origin; no CDN, no inline script.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer probes the health check over plain HTTP (core/health.py answers it before the redirect).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Secure cookies unless the site is served over plain HTTP on this machine (`make serve`; the deploy check
    # refuses SITE_URL over HTTP anywhere else, core/checks.py).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SITE_URL.startswith("https://")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

# Webhooks (civhub/webhooks, docs/webhooks.md): a target on this machine or a private network is refused unless
# this is on; it is on in development, and the webhook tests switch it on for their local receiver.
WEBHOOKS_ALLOW_LOCAL_TARGETS = env_bool("WEBHOOKS_ALLOW_LOCAL_TARGETS", default=DEBUG)

# Public application form: at most this many applications per IP address per hour.
APPLICATION_RATE_LIMIT = env_int("APPLICATION_RATE_LIMIT", 5)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}}
    # With a cache every process shares, a signed-in request reads its session from there, not from the database
    # (a query per request); the database keeps every session too, so one survives a restart of the cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The centre menus, rendered once per role, menu item and language (accounts/templatetags/access.viewer_access):
# in each process's memory, as they depend on nothing another process could change.
CACHES["menus"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "civhub-menus",
                   "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 2000}}

# Background work (django.tasks; where tasks live: docs/architecture.md). TASKS_BACKEND=database queues them in
# the database (django-tasks-db) for `manage.py db_worker`; unset, the immediate backend runs a task at once, inside
# the request (development and the tests). TASKS_BACKEND may also name a backend class.
INSTALLED_APPS += ["django_tasks_db"]
_TASK_BACKENDS = {"immediate": "django.tasks.backends.immediate.ImmediateBackend",
                  "database": "django_tasks_db.DatabaseBackend"}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS.get(env("TASKS_BACKEND", "immediate"), env("TASKS_BACKEND"))}}
# Downloads the worker makes above a size (core/requested_files.py), below which they download at once: the funder
# pack when the centre's ledger and the grant's expenditure hold more entries than this, the meeting pack when it
# lists more agenda items and documents. The partner statements' ZIP is always made by the worker.
FUNDER_PACK_DIRECT_ENTRIES = env_int("FUNDER_PACK_DIRECT_ENTRIES", 20000)
MEETING_PACK_DIRECT_ROWS = env_int("MEETING_PACK_DIRECT_ROWS", 60)
# Several sites (or test runs) sharing one Redis keep apart by a prefix on every key.
if env("CACHE_KEY_PREFIX"):
    CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX")

# Logs go to standard error: one JSON object a line in production (LOG_FORMAT=json), plain lines with DEBUG
# (LOG_FORMAT=text). Every request and every task writes one line at INFO (core/logs.py).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "civhub.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # The request and task lines are the access log (gunicorn's own is off, gunicorn.conf.py).
    "loggers": {"civhub.requests": {"level": env("REQUEST_LOG_LEVEL", "INFO")},
                "civhub.tasks": {"level": env("REQUEST_LOG_LEVEL", "INFO")}},
}

# The REST API (civhub/api): JSON only, documented by drf-spectacular. The defaults are the partners' API's (v1,
# civhub/api/rest): a personal token or the session, a signed-in person, paged and filterable lists, RFC 9457
# errors. The public OOAPI feed sets its own (anonymous, its own paging and errors) in civhub/api/views.py.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "civhub.api.rest.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "civhub.api.rest.permissions.TokenScope",
    ],
    "DEFAULT_PAGINATION_CLASS": "civhub.api.rest.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "civhub.api.rest.errors.problem_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "civhub API",
    "DESCRIPTION": (
        "The partners' API (v1, under /api/v1/centres/<centre>/): a person's systems read and write what the "
        "person may on the pages, with a personal token (Authorization: Bearer civ_…). And the public catalogue "
        "feed in the shape of the Open Education API (OOAPI) v5, under /api/ooapi/v5/. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a `kind`; the contributions' and pledges' kind is shared, so it gets its own name.
    "ENUM_NAME_OVERRIDES": {"ContributionKindEnum": "civhub.core.choices.ContributionKind"},
}
