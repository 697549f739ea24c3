"""Liaison settings, read from the environment.

Every setting a deployment may change comes from a `LIAISON_*` variable or
`DATABASE_URL`; a bad value stops the start with a message saying what is expected.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import secrets
import warnings
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value: use one of true, false, 1, 0, yes, no, on, off."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ImproperlyConfigured(f"{name}={raw!r} must be a whole number greater than 0.")
    return value


def env_renamed_positive_int(name: str, old_name: str, default: int) -> int:
    """`env_positive_int` for a setting that was renamed: the old name still works, with a
    DeprecationWarning naming the new one; when both are set, the new name wins."""
    if name not in os.environ and old_name in os.environ:
        warnings.warn(
            f"{old_name} is deprecated: set {name} instead (same meaning).",
            DeprecationWarning,
            stacklevel=2,
        )
        return env_positive_int(old_name, default)
    return env_positive_int(name, default)


DATA_DIR = Path(os.environ.get("LIAISON_DATA_DIR", "./var")).expanduser().resolve()
try:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
except OSError as error:
    raise ImproperlyConfigured(
        f"LIAISON_DATA_DIR={str(DATA_DIR)!r} cannot be created ({error.strerror}): "
        "point it to a writable directory."
    ) from error


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data directory."""
    key = os.environ.get("LIAISON_SECRET_KEY", "").strip()
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("LIAISON_SECRET_KEY must be at least 50 characters long.")
        return key
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(64)
    # Create the file readable by its owner only, before writing the key into it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("LIAISON_DEBUG", False)
# Behind TLS (the default): secure cookies, HSTS and a redirect to https. The local
# quick start turns it off because it serves plain http on 127.0.0.1.
HTTPS = env_bool("LIAISON_HTTPS", True)
ALLOWED_HOSTS = env_list("LIAISON_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("LIAISON_CSRF_TRUSTED_ORIGINS", [])

for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"LIAISON_CSRF_TRUSTED_ORIGINS entry {origin!r} must start with https:// or http://."
        )

INSTALLED_APPS = [
    # Django's admin, on Liaison's own site: for administrators, behind the second factor.
    "liaison.core.admin_apps.LiaisonAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "auditlog",
    "csp",
    "liaison.core",
    "liaison.sources",
    "liaison.journal",
    "liaison.partners",
    "liaison.instruments",
    "liaison.reference",
    "liaison.transfers",
    "liaison.contacts",
    "liaison.strategy",
    "liaison.engagements",
    "liaison.exports",
    "liaison.notifications",
    # The job queue (django-q2): large exports and the scheduled work.
    "django_q",
    "liaison.cases",
    "liaison.necessity",
    "liaison.search",
]

MIDDLEWARE = [
    # Before all others, so that its time covers theirs (Prometheus figures at /metrics).
    "liaison.core.metrics.MetricsMiddleware",
    # First, so that every later step and every log line can name the request.
    "liaison.core.middleware.RequestIdMiddleware",
    "liaison.core.middleware.NulInPathMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in person's saved language wins over the browser's (LocaleMiddleware above).
    "liaison.core.middleware.UserLanguageMiddleware",
    # An htmx fragment refused for want of a login sends the whole page to log in.
    "liaison.core.middleware.HtmxLoginRedirectMiddleware",
    # Every page needs a logged-in user unless its view says otherwise (the login page).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: every change written during the request names its user and id.
    "liaison.core.middleware.HistoryMiddleware",
    # A login whose role needs a second factor reaches nothing until the code is given.
    "liaison.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its refusal page.
    "axes.middleware.AxesMiddleware",
]
# Only for scripts/benchmark: each answer says how many SQL queries it took (X-Query-Count).
BENCHMARK = env_bool("LIAISON_BENCHMARK", False)
if BENCHMARK:
    MIDDLEWARE.insert(0, "liaison.core.middleware.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "liaison.core.context_processors.navigation",
                "liaison.notifications.context_processors.notifications",
            ],
        },
    },
]

_DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'liaison.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip() or _DEFAULT_DATABASE_URL
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL Liaison understands ({error}). "
        "Expected e.g. postgres://user:password@host:5432/liaison or sqlite:////path/liaison.sqlite3."
    ) from error
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}:
    raise ImproperlyConfigured(
        "DATABASE_URL must point to PostgreSQL (postgres://...) or SQLite (sqlite:///...)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web workers and the job worker share the file: with write-ahead logging a long
    # read (an export) does not hold up writes, and a writer waits its turn for 20 s.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # The database holds personal data: a new database file is its owner's only (0600), and
    # SQLite gives its write-ahead log and shared memory files the database file's mode. An
    # existing file keeps the mode its operator gave it.
    _sqlite_name = str(DATABASES["default"].get("NAME") or "")
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        # Already there: kept as it is; cannot be made: SQLite will say why when it opens it.
        with contextlib.suppress(OSError):
            os.close(os.open(_sqlite_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
# An optional PostgreSQL streaming replica for heavy reads (reports, figures): read only
# where the code asks (liaison/core/replica.py); decisions and writes use the primary.
REPLICA_DATABASE_URL = os.environ.get("LIAISON_REPLICA_DATABASE_URL", "").strip()
if REPLICA_DATABASE_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=60)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"LIAISON_REPLICA_DATABASE_URL is not a database URL ({error})."
        ) from error
    if (
        DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql"
        or DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    ):
        raise ImproperlyConfigured(
            "LIAISON_REPLICA_DATABASE_URL needs PostgreSQL for DATABASE_URL and for itself."
        )
    # Tests read the replica through the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["liaison.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses to even check a password while its user name and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After this many failed logins for one user name from one address, lock them out.
AXES_FAILURE_LIMIT = env_positive_int("LIAISON_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_positive_int("LIAISON_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# Production mode: debug off and served behind TLS (the defaults).
PRODUCTION_MODE = HTTPS and not DEBUG
# In production mode administrators confirm every login with a one-time code unless
# the deployment says otherwise; other roles need it where their role policy says so.
ADMINISTRATOR_SECOND_FACTOR = env_bool("LIAISON_ADMINISTRATOR_SECOND_FACTOR", PRODUCTION_MODE)
OTP_TOTP_ISSUER = "Liaison"
# Nobody, administrators included, may read another person's authenticator key in /admin/.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong one-time codes slow down further attempts (1 s, 2 s, 4 s, ... between tries).
OTP_TOTP_THROTTLE_FACTOR = 1
# API tokens: how long a new one lasts unless its owner chooses, and the longest allowed.
API_TOKEN_DEFAULT_DAYS = env_positive_int("LIAISON_API_TOKEN_DAYS", 90)
API_TOKEN_MAX_DAYS = env_positive_int("LIAISON_API_TOKEN_MAX_DAYS", 365)
if API_TOKEN_DEFAULT_DAYS > API_TOKEN_MAX_DAYS:
    raise ImproperlyConfigured(
        f"LIAISON_API_TOKEN_DAYS ({API_TOKEN_DEFAULT_DAYS}) cannot be longer than "
        f"LIAISON_API_TOKEN_MAX_DAYS ({API_TOKEN_MAX_DAYS})."
    )
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "/login/?logged_out=1"

LANGUAGE_CODE = "en"
# The languages of Liaison's network. Each is named in its own language (the switcher
# shows it so to someone who cannot read the current one). The catalogues are committed
# as .po under LOCALE_PATHS and compiled to .mo at install (scripts/_venv.sh).
# Addresses carry no language prefix: a link pasted to a colleague opens in their own
# language (their saved preference, else their browser's).
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("pt", "Português"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "liaison" / "locale"]
TIME_ZONE = os.environ.get("LIAISON_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# Documents attached to sources: kept here, served only through Liaison's own view to
# people who may read the source (never as public static files).
MEDIA_ROOT = DATA_DIR / "media"
MAX_UPLOAD_MB = env_positive_int("LIAISON_MAX_UPLOAD_MB", 20)
FILE_UPLOAD_PERMISSIONS = 0o600

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Exports: up to this many rows stream in the request; more become a background job whose
# file is kept (privately, under the data directory or in the bucket) for EXPORT_DAYS days.
EXPORT_MAX_ROWS_INLINE = env_positive_int("LIAISON_EXPORT_MAX_ROWS_INLINE", 50_000)
EXPORT_DAYS = env_positive_int("LIAISON_EXPORT_DAYS", 7)
EXPORT_ROOT = DATA_DIR / "exports"
# Bulk imports from spreadsheets: the largest file and the most rows one import takes; the
# file of a preview is kept (privately, by its digest) until it is confirmed.
IMPORT_MAX_BYTES = env_positive_int("LIAISON_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_positive_int("LIAISON_IMPORT_MAX_ROWS", 5_000)
IMPORT_ROOT = DATA_DIR / "imports"


def s3_storage_options(prefix: str) -> dict[str, Any]:
    """django-storages' S3 options from LIAISON_S3_*: every object private (no public ACL,
    no public URL), reached only through Liaison's own views, under `prefix` in the bucket."""
    bucket = os.environ.get("LIAISON_S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("LIAISON_STORAGE=s3 needs LIAISON_S3_BUCKET (the bucket name).")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": prefix,
        "default_acl": "private",
        "querystring_auth": True,
        # A name written twice (an export tried again) replaces the object, as on disk.
        "file_overwrite": True,
        "region_name": os.environ.get("LIAISON_S3_REGION", "").strip() or None,
        "endpoint_url": os.environ.get("LIAISON_S3_ENDPOINT_URL", "").strip() or None,
        "access_key": os.environ.get("LIAISON_S3_ACCESS_KEY_ID", "").strip() or None,
        "secret_key": os.environ.get("LIAISON_S3_SECRET_ACCESS_KEY", "").strip() or None,
        # Path-style addressing (http://host/bucket/key) suits MinIO, Ceph and the like.
        "addressing_style": os.environ.get("LIAISON_S3_ADDRESSING_STYLE", "path").strip(),
    }
    endpoint = options["endpoint_url"]
    if endpoint and not endpoint.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"LIAISON_S3_ENDPOINT_URL={endpoint!r} must start with https:// or http://."
        )
    if options["addressing_style"] not in {"path", "virtual", "auto"}:
        raise ImproperlyConfigured("LIAISON_S3_ADDRESSING_STYLE must be path, virtual or auto.")
    return options


def private_folder_storage(location: Path) -> dict[str, Any]:
    """A folder of this machine that only Liaison's own account may read (files 0600)."""
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": location,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
            "allow_overwrite": True,
        },
    }


# Where documents attached to sources and finished export files are kept: the data directory
# ("local", the default) or an S3-compatible bucket ("s3"), shared by every instance.
STORAGE = os.environ.get("LIAISON_STORAGE", "local").strip().lower() or "local"
if STORAGE == "local":
    STORAGES: dict[str, Any] = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "exports": private_folder_storage(EXPORT_ROOT),
        # The files of import previews, kept by digest until confirmed (any instance may
        # confirm what another previewed, so they go where exports go).
        "imports": private_folder_storage(IMPORT_ROOT),
    }
elif STORAGE == "s3":
    _S3_BACKEND = "storages.backends.s3.S3Storage"
    STORAGES = {
        "default": {"BACKEND": _S3_BACKEND, "OPTIONS": s3_storage_options("documents")},
        "exports": {"BACKEND": _S3_BACKEND, "OPTIONS": s3_storage_options("exports")},
        "imports": {"BACKEND": _S3_BACKEND, "OPTIONS": s3_storage_options("imports")},
    }
else:
    raise ImproperlyConfigured(f"LIAISON_STORAGE={STORAGE!r} must be local or s3.")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# The job queue (django-q2). By default its queue is a table of Liaison's own database, so
# nothing else needs to run; LIAISON_JOB_BROKER_URL=redis://host:6379/0 uses Redis instead.
# A job that fails is left in the queue and tried again after JOB_TIMEOUT + 60 seconds, at
# most JOB_ATTEMPTS times in all; every failure is listed in /admin/ (Failed jobs).
JOB_BROKER_URL = os.environ.get("LIAISON_JOB_BROKER_URL", "").strip()
if JOB_BROKER_URL and not JOB_BROKER_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"LIAISON_JOB_BROKER_URL={JOB_BROKER_URL!r} must be empty (the database) or a "
        "redis:// or rediss:// URL."
    )
JOB_WORKERS = env_positive_int("LIAISON_JOB_WORKERS", 1)
JOB_TIMEOUT = env_positive_int("LIAISON_JOB_TIMEOUT", 3600)
JOB_ATTEMPTS = env_positive_int("LIAISON_JOB_ATTEMPTS", 3)
Q_CLUSTER: dict[str, Any] = {
    "name": "liaison",
    "label": "Jobs",
    "workers": JOB_WORKERS,
    "timeout": JOB_TIMEOUT,
    "retry": JOB_TIMEOUT + 60,
    "max_attempts": JOB_ATTEMPTS,
    # A failed job stays in the queue to be tried again, up to max_attempts.
    "ack_failures": False,
    # A missed period (workers stopped) runs once when they return, not once per period.
    "catch_up": False,
    "save_limit": 1000,
    "poll": 1,
    "bulk": 1,
    "orm": "default",
}
if JOB_BROKER_URL:
    del Q_CLUSTER["orm"]
    Q_CLUSTER["redis"] = JOB_BROKER_URL

# The documentation site (docs/, Sphinx) is built into <data dir>/docs by `liaison serve`
# when its sources or the API have changed, and served at /help/ to signed-in users.
BUILD_DOCS_ON_START = env_bool("LIAISON_BUILD_DOCS", True)

# Mail (notifications and their digests) through Django's SMTP backend. The address mails
# link back to is BASE_URL; digests go out at the first run of the notifications job from
# NOTIFICATION_DIGEST_HOUR (local time) on, daily ones each day, weekly ones each ISO week.
EMAIL_HOST = os.environ.get("LIAISON_EMAIL_HOST", "localhost").strip()
EMAIL_PORT = env_positive_int("LIAISON_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("LIAISON_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LIAISON_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("LIAISON_EMAIL_TLS", False)
EMAIL_TIMEOUT = env_positive_int("LIAISON_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("LIAISON_EMAIL_FROM", "liaison@localhost").strip()
SERVER_EMAIL = DEFAULT_FROM_EMAIL
BASE_URL = os.environ.get(
    "LIAISON_BASE_URL", f"{'https' if HTTPS else 'http'}://{(ALLOWED_HOSTS or ['localhost'])[0]}"
).strip()
if not BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"LIAISON_BASE_URL={BASE_URL!r} must start with https:// or http:// "
        "(the address of Liaison that mails link to)."
    )
_digest_hour = os.environ.get("LIAISON_NOTIFICATION_DIGEST_HOUR", "7").strip()
if not _digest_hour.isdigit() or not 0 <= int(_digest_hour) <= 23:
    raise ImproperlyConfigured(
        f"LIAISON_NOTIFICATION_DIGEST_HOUR={_digest_hour!r} must be an hour from 0 to 23."
    )
NOTIFICATION_DIGEST_HOUR = int(_digest_hour)

# The cache every instance shares, and where django-axes counts failed logins: Redis when
# LIAISON_REDIS_URL is set (several instances), else a table of Liaison's own database (made
# by core's migration 0007), so that one machine needs nothing but Python.
REDIS_URL = os.environ.get("LIAISON_REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"LIAISON_REDIS_URL={REDIS_URL!r} must be empty (the database) or a redis://, "
        "rediss:// or unix:// URL."
    )
CACHE_TABLE = "liaison_cache"
if REDIS_URL:
    CACHES: dict[str, Any] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "liaison",
            # A Redis that does not answer fails the request (or /readyz) in seconds.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Monitoring. /healthz and /readyz answer anyone (ready or not, nothing more); /metrics
# (Prometheus) answers a request bearing LIAISON_METRICS_TOKEN or coming from one of the
# LIAISON_METRICS_ALLOW networks (CIDRs, e.g. 10.0.0.0/8), and is not found otherwise.
METRICS_TOKEN = os.environ.get("LIAISON_METRICS_TOKEN", "").strip()
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("LIAISON_METRICS_TOKEN must be at least 32 characters long.")
METRICS_ALLOW: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
for _network in env_list("LIAISON_METRICS_ALLOW", []):
    try:
        METRICS_ALLOW.append(ipaddress.ip_network(_network, strict=False))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"LIAISON_METRICS_ALLOW entry {_network!r} is not a network ({error}): "
            "write e.g. 10.0.0.0/8 or 192.0.2.7/32."
        ) from error
# The figures of every process of an instance (gunicorn's workers) are written to files
# here and summed when /metrics is read (prometheus_client's multiprocess mode, which reads
# PROMETHEUS_MULTIPROC_DIR before any figure exists: hence set here). `liaison serve`
# empties it when it starts; instances sharing a data directory need one each.
METRICS_DIR = (
    Path(os.environ.get("LIAISON_METRICS_DIR", DATA_DIR / "metrics")).expanduser().resolve()
)
METRICS_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(METRICS_DIR))
# Load balancers and Prometheus ask an instance over plain http: no redirect to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# Only behind a proxy that sets (or overwrites) X-Request-ID on every request: a well-formed
# one becomes the request's id, so the proxy's log and Liaison's name a request alike.
TRUST_X_REQUEST_ID = env_bool("LIAISON_TRUST_X_REQUEST_ID", False)
# Log lines: plain text by default; LIAISON_LOG_FORMAT=json writes one JSON object a line,
# each naming the request it belongs to (request_id).
LOG_FORMAT = os.environ.get("LIAISON_LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LIAISON_LOG_FORMAT={LOG_FORMAT!r} must be plain or json.")

# Where `liaison load-reference` reads the reference dataset by default.
REFERENCE_DATA_DIR = Path(
    os.environ.get("LIAISON_REFERENCE_DIR", BASE_DIR / "data" / "reference")
).resolve()

# Whether an instrument applied provisionally (not yet in force) counts as a legal basis for
# transfers of operational personal data; by default the engine refers such transfers to the
# DPO and the legal service (legal-basis.md 8.5).
PROVISIONAL_APPLICATION_COUNTS = env_bool("LIAISON_PROVISIONAL_APPLICATION_COUNTS", False)
# Contact points: their contact activity and how long lapsed ones keep their details.
# Regular: at least CONTACT_ACTIVITY_REGULAR_MIN interactions in the last
# CONTACT_ACTIVITY_WINDOW_MONTHS months; sporadic: at least one; dormant: none. (Formerly
# LIAISON_ENGAGEMENT_*: "engagement" is the engagements app's word for events.)
CONTACT_ACTIVITY_REGULAR_MIN = env_renamed_positive_int(
    "LIAISON_CONTACT_ACTIVITY_REGULAR_MIN", "LIAISON_ENGAGEMENT_REGULAR_MIN", 4
)
CONTACT_ACTIVITY_WINDOW_MONTHS = env_renamed_positive_int(
    "LIAISON_CONTACT_ACTIVITY_WINDOW_MONTHS", "LIAISON_ENGAGEMENT_WINDOW_MONTHS", 12
)
# A lapsed or withdrawn contact point is anonymised this many days after it ended.
CONTACT_RETENTION_DAYS = env_positive_int("LIAISON_CONTACT_RETENTION_DAYS", 730)
# The same rule for people who took part in engagements: their names are anonymised this
# many days after the engagement ended.
# Where people report an accessibility problem (the accessibility statement names it).
ACCESSIBILITY_CONTACT = os.environ.get("LIAISON_ACCESSIBILITY_CONTACT", "").strip()
if ACCESSIBILITY_CONTACT and (
    "@" not in ACCESSIBILITY_CONTACT or any(c.isspace() for c in ACCESSIBILITY_CONTACT)
):
    raise ImproperlyConfigured(
        f"LIAISON_ACCESSIBILITY_CONTACT={ACCESSIBILITY_CONTACT!r} must be an e-mail address."
    )
# The domain part of calendar event UIDs: one per installation, whatever host name serves it.
CALENDAR_UID_DOMAIN = os.environ.get("LIAISON_CALENDAR_UID_DOMAIN", "liaison.invalid")
ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = env_positive_int(
    "LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS", 730
)

SESSION_COOKIE_HTTPONLY = True

# Change history (liaison.core.history registers the models): the request id groups the
# changes of one request; foreign keys are shown by name, not number.
AUDITLOG_CID_GETTER = "liaison.core.history.current_correlation_id"
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
AUDITLOG_DISABLE_REMOTE_ADDR = True


# A session ends after this many minutes without a request (each request renews it).
SESSION_COOKIE_AGE = env_positive_int("LIAISON_SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
# The Content-Security-Policy of every answer (set by django-csp's middleware): scripts only
# from Liaison's own files, no inline script, no eval, no other host, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Inline styles only (htmx and Swagger UI set some); never inline scripts.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    if env_bool("LIAISON_TRUST_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision for the deploying organisation's domain, not for Liaison.
    "security.W021",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request gets 401 with WWW-Authenticate.
        "liaison.core.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["liaison.core.api.permissions.LiaisonPermission"],
    "DEFAULT_PAGINATION_CLASS": "liaison.core.api.pagination.LiaisonPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "liaison.core.api.schema.LiaisonAutoSchema",
    # JSON too deep, or holding a NUL or a lone surrogate, is a 400 naming the field.
    "DEFAULT_PARSER_CLASSES": [
        "liaison.core.api.parsers.LiaisonJSONParser",
        "liaison.core.api.parsers.LiaisonFormParser",
        "liaison.core.api.parsers.LiaisonMultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison API",
    "DESCRIPTION": (
        "The partner register of a criminal justice cooperation agency: partners, "
        "regions, instruments with their dated events, and the sources they rest on."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["liaison.core.api.permissions.HasRole"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No online validator badge: the docs page must not call another host.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "InstrumentStatusEnum": "liaison.instruments.choices.InstrumentStatus",
        "InstrumentTypeEnum": "liaison.instruments.choices.InstrumentType",
        "EventKindEnum": "liaison.instruments.choices.EventKind",
        "PartnerKindEnum": "liaison.partners.choices.PartnerKind",
        "DatePrecisionEnum": "liaison.core.choices.DatePrecision",
        "ConfidenceEnum": "liaison.sources.choices.Confidence",
        "DocumentTypeEnum": "liaison.sources.choices.DocumentType",
        "MemberStateEnum": "liaison.transfers.choices.EU_MEMBER_STATES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "liaison.core.log_format.JsonFormatter"},
    },
    # Secret addresses (calendar keys) are masked in every line, whichever logger wrote it;
    # each line knows the request it was written for.
    "filters": {
        "secret_paths": {"()": "liaison.core.log_masking.SecretPathFilter"},
        "refusals": {"()": "liaison.core.log_refusals.RefusalFilter"},
        "request_id": {"()": "liaison.core.log_format.RequestIdFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "secret_paths"],
        }
    },
    # A refused request (403) is one line with its user and request id, no traceback.
    "loggers": {
        "django.request": {"filters": ["refusals"]},
        "django.security.csrf": {"filters": ["refusals"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LIAISON_LOG_LEVEL", "INFO")},
}
