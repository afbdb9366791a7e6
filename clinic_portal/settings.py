"""Settings for Clinic Portal.

Every deploy-time value comes from an environment variable (see README, "Configuration").
Defaults are safe for a laptop: debug on, SQLite file, local-memory cache.
"""

import math
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def require_driver(variable, what, *modules):
    """PostgreSQL and Redis clients are optional installs: say which one is missing at start-up,
    not as an import error in the middle of the first request."""
    try:
        for module in modules:
            __import__(module)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"{variable} asks for {what}, but its Python driver is not installed ({error.name}). "
            "Install it with: pip install -r requirements-postgres.txt"
        ) from error


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Refuse to start a production server with a guessable key.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-local-development-key-only-used-when-debug-is-on"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # the form renderer below finds Django's own widget templates here
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",  # admin sign-in lockout (see docs/security.md)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "django_prose_editor",  # the admin's rich-text editor: its JS and CSS (see content/editor.py)
    "education",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files carry the same policy headers as pages.
    "csp.middleware.CSPMiddleware",
    "education.site.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # after authentication: marks users verified by a TOTP code
    "django.contrib.messages.middleware.MessageMiddleware",
    # A staff save that fails on the server's side: a 503 admin page that keeps their text.
    "education.site.staff_errors.StaffWriteFailureMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "clinic_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "education.site.context_processors.site",
            ],
        },
    },
]

# Widgets render through the project's TEMPLATES, so templates/ can override a widget template
# (templates/admin/widgets/split_datetime.html labels the admin's date and time inputs).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "clinic_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that hangs must give an error page in about a second, not hold every worker (docs/production.md,
# "Timeouts on the database"): PostgreSQL connects with a hard deadline and a back-off after a timeout
# (clinic_portal/postgresql/base.py) and limits each statement; SQLite waits a bounded time for
# another process's write lock.
DATABASE_CONNECT_DEADLINE = float(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "1"))
DATABASE_RETRY_AFTER = float(os.environ.get("DJANGO_DB_RETRY_AFTER", "5"))
_db = DATABASES["default"]
_db.setdefault("OPTIONS", {})
if _db["ENGINE"] == "django.db.backends.postgresql":
    require_driver("DATABASE_URL", "PostgreSQL", "psycopg")
    _db["ENGINE"] = "clinic_portal.postgresql"
    # psycopg's own limit (2 s at least) only ends the attempt the deadline above gave up on.
    _db["OPTIONS"].setdefault("connect_timeout", max(2, math.ceil(DATABASE_CONNECT_DEADLINE)))
    # gunicorn.conf.py makes it 5 s for web requests; management commands (migrations, bulk
    # imports, VACUUM) have no limit unless the variable is set.
    _statement_timeout_ms = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT_MS", "0"))
    if _statement_timeout_ms:
        _options = _db["OPTIONS"].get("options", "")
        _db["OPTIONS"]["options"] = f"{_options} -c statement_timeout={_statement_timeout_ms}".strip()
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    # Several staff writing at once (docs/production.md, "Several staff on SQLite"): a write transaction takes
    # SQLite's write lock when it begins (IMMEDIATE), so it waits up to the busy timeout for another
    # writer instead of failing at once with "database is locked" when a deferred read upgrades to a
    # write; WAL lets pages be read while someone writes. synchronous stays FULL: a save that was
    # answered "saved" survives a power cut.
    _db["OPTIONS"].setdefault("timeout", float(os.environ.get("DJANGO_DB_BUSY_TIMEOUT", "5")))
    _db["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    _db["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL")

# Caching (docs/caching-and-scaling.md). Correctness never depends on the cache: keys carry
# the content version kept in the database, which each process re-reads at most this often, so an
# edit shows everywhere within CONTENT_FRESHNESS_SECONDS.
CONTENT_FRESHNESS_SECONDS = float(os.environ.get("DJANGO_CACHE_FRESHNESS_SECONDS", "1"))
# Each process keeps recent pages itself (no round trip to Redis): at most this many, this big.
LOCAL_CACHE_MAX_ENTRIES = int(os.environ.get("DJANGO_LOCAL_CACHE_ENTRIES", "4096"))
LOCAL_CACHE_MAX_BYTES = int(float(os.environ.get("DJANGO_LOCAL_CACHE_MB", "32")) * 1024 * 1024)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    require_driver("REDIS_URL", "Redis", "redis", "django_redis")
    CACHES = {
        "default": {
            # django-redis with a circuit breaker: a refused or hung Redis costs one short timeout,
            # then is skipped for BREAKER_SECONDS (pages come from the process or are rendered).
            "BACKEND": "education.site.rediscache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "clinic"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.25")),
                "BREAKER_SECONDS": float(os.environ.get("DJANGO_REDIS_BREAKER_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "education.site.cachebackends.LocalMemoryCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# One readable date format across the admin and staff messages: "6 Dec 2026, 14:05" (formats/en).
FORMAT_MODULE_PATH = ["clinic_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files (docs/security.md, "Uploads"): served by the proxy from here, kept by `manage.py backup`.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded images and their renditions (docs/security.md, "Images and uploads"). `make run` serves them itself
# (DEBUG); in production the proxy serves MEDIA_URL from this directory, and several app hosts
# share one storage backend instead (django-storages, S3-compatible).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)  # Django serves MEDIA_URL itself (no proxy in front)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Staff sessions: 8 hours at most, and gone when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security (docs/security.md): HTTPS only in production, strict headers everywhere. ---
SECURE_SSL_REDIRECT = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
if not DEBUG:
    # `__Host-` cookies are only accepted over HTTPS, with Path=/ and no Domain: no subdomain can set them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Trust X-Forwarded-Proto only when told to: without a proxy that overwrites it, clients could fake HTTPS.
# gunicorn.conf.py follows the same two variables (forwarded_allow_ips), and so does the client
# address django-axes locks out (education.site.security.client_ip_address).
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
PROXY_ADDRESSES = env_list("DJANGO_PROXY_ADDRESSES", "127.0.0.1,::1") if BEHIND_TLS_PROXY else []
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe over plain HTTP and do not follow redirects.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by education.site.security.SecurityHeadersMiddleware.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "geolocation", "gyroscope",
        "hid", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    ]
)  # fmt: skip

# Content Security Policy (django-csp 4) on every response, the admin and error pages included.
# The public site has no JavaScript; the admin's scripts are static files. Images come from the
# site only: our stylesheet draws no data: icons (the radios are the browser's own).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Admin sign-in: 5 wrong passwords for one username from one IP address lock that pair out for an hour.
# Unlock early with `manage.py axes_reset_username <name>` (or `axes_reset` for everyone).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/locked_out.html"
AXES_VERBOSE = False
# Behind the proxy every request comes from its address: lock out the visitor's (X-Real-IP) instead.
AXES_CLIENT_IP_CALLABLE = "education.site.security.client_ip_address"
AXES_SENSITIVE_PARAMETERS = ["otp_token"]  # never stored with a failed attempt, like the password

# Staff two-factor sign-in (TOTP app codes) for the admin: on by default in production.
ADMIN_2FA = env_bool("DJANGO_ADMIN_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Clinic Portal"

# The admin lives under this prefix (no leading or trailing slash).
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin").strip("/") or "admin"

# The public address, e.g. https://portal.example.org, for canonical links, Open Graph and the
# sitemap (docs/search-engines.md). Empty: taken from each request.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
# A mail provider's submission port: 587 with STARTTLS (EMAIL_USE_TLS) or 465 with TLS (EMAIL_USE_SSL).
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
# Review e-mails are sent while a reviewer's request waits: a mail server that hangs must not hang it.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default gives "django" a console handler too: without this, every Django
        # message would print twice (its handler and ours, through the root) under runserver.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Request bodies never reach the logs; django.request logs only path and status.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # At DEBUG, a template variable that does not resolve is logged with the whole context,
        # which on the self-check result holds what the patient typed: never that verbose.
        "django.template": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
# Error reports mask every POST value (self-check answers) and a public POST's local variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "education.site.security.PatientDataReporterFilter"
CSRF_FAILURE_VIEW = "education.site.errors.csrf_failure"
