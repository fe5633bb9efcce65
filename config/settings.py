"""Settings of the VIP platform: one file, driven by environment variables.

Production differs from development only by its environment; see the README's
"Configuration" section for every variable. Defaults are safe: without
``DEBUG=1`` the platform refuses to start without a real ``SECRET_KEY`` and
``FIELD_ENCRYPTION_KEYS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from vip.core.env import env_bool, env_int, env_list, env_str, mailers_setting

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)
TESTING = "pytest" in sys.modules or env_bool("VIP_TESTING", default=False)

# --- Secrets -----------------------------------------------------------------

_DEV_SECRET = "insecure-development-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if (DEBUG or TESTING) else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# Keys for encrypted personal-data fields: a comma-separated list of Fernet
# keys. The first encrypts; all of them decrypt, so a new key is put first and
# the old one kept until `manage.py rotate_encryption_keys` has run.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS and not (DEBUG or TESTING):
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DEBUG is off.")

# --- Hosts and HTTPS -----------------------------------------------------------

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

_HTTPS = SITE_URL.startswith("https://")
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=_HTTPS)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
LANGUAGE_COOKIE_SECURE = _HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere: every script is a static file from our origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Applications ----------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "ninja",
    "vip.core",
    "vip.audit",
    "vip.registry",
    "vip.accounts",
    "vip.network",
    "vip.vipu",
    "vip.events",
    "vip.materials",
    "vip.demo",
]

MIDDLEWARE = [
    "vip.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "vip.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vip.accounts.middleware.SessionLifetimeMiddleware",
    "vip.accounts.middleware.TwoFactorEnrolmentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# In production WhiteNoise serves the collected, hashed static files; in
# development and tests Django's staticfiles does it from the source folders.
if not (DEBUG or TESTING):
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vip.core.context_processors.shell",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "django.contrib.humanize.templatetags.humanize",
                "vip.core.templatetags.vip",
            ],
        },
    }
]
FORM_RENDERER = "vip.core.forms.GovukFormRenderer"

# --- Database --------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vip.sqlite3'}")
# Tests close every connection after use, so that the live server's threads leave
# none behind when the test database is dropped.
_db = dj_database_url.parse(
    DATABASE_URL, conn_max_age=0 if TESTING else env_int("DB_CONN_MAX_AGE", 60)
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # WAL lets readers continue while one writer commits; FULL makes a
        # commit durable across power loss; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on the busy timeout instead of deadlocking.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
    }
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sessions ---------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A session ends after 30 minutes without activity and 12 hours after sign-in,
# whichever comes first (enforced by SessionLifetimeMiddleware).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Sign-in throttling: failures counted per account and per address.
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
# Registrations to events need no account: at most this many from one client address
# within the window (seconds); 0 turns the limit off (benchmarks).
EVENTS_REGISTRATIONS_PER_ADDRESS = env_int("EVENTS_REGISTRATIONS_PER_ADDRESS", 30)
EVENTS_REGISTRATION_WINDOW = env_int("EVENTS_REGISTRATION_WINDOW", 10 * 60)

# Roles whose holders must use a second factor, in addition to those whose
# definition already demands it (see vip/accounts/roles.py).
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES")

# Personal API tokens live at most this many days.
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)

# --- E-mail ------------------------------------------------------------------------

EMAIL_URL = env_str("EMAIL_URL", "locmem://" if TESTING else "console://")
MAILERS = mailers_setting(EMAIL_URL, BASE_DIR)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VIP-verkosto <noreply@vip-verkosto.fi>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[VIP] "

# --- Languages and time ------------------------------------------------------------

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Retention -----------------------------------------------------------------------

# Audit events are kept five years, then `manage.py purge_audit_events` deletes them.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 5 * 365)
# Answers to sensitive registration questions (e.g. dietary needs) are deleted this
# many days after the event ends, and registrations are anonymised this many months
# after it; `manage.py purge_event_data` does both (run it daily).
EVENTS_SENSITIVE_ANSWER_DAYS = env_int("EVENTS_SENSITIVE_ANSWER_DAYS", 30)
EVENTS_REGISTRATION_RETENTION_MONTHS = env_int("EVENTS_REGISTRATION_RETENTION_MONTHS", 12)

# --- Static files --------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "vip.core.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files larger than this are refused with a clear message.
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 50)
# Django's own limit on a request body must let such a file through.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- API -----------------------------------------------------------------------------

API_MAX_PAGE_SIZE = 100
API_DEFAULT_PAGE_SIZE = 25

# --- Logging ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "vip.core.logging.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replace Django's own console handler so each record is printed once.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []

# Number of reverse proxies in front of the application whose X-Forwarded-For
# entries are trusted when recording a client's address in the audit trail.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if _HTTPS else 0)

# Contact addresses shown in the accessibility statement and privacy notice.
FEEDBACK_EMAIL = env_str("FEEDBACK_EMAIL", "saavutettavuus@vip-verkosto.fi")
PRIVACY_EMAIL = env_str("PRIVACY_EMAIL", "tietosuoja@oph.fi")

FORMAT_MODULE_PATH = ["config.formats"]
CSRF_FAILURE_VIEW = "vip.core.views.csrf_failure"

# --- Caching ---------------------------------------------------------------------------------

# Rendered public pages are cached per process, keyed by the version of their data
# (see vip/core/page_cache.py), so nothing stale is served and no shared cache is needed.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 0 if TESTING else 300)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 5000)},
    }
}
