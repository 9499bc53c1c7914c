"""Settings for the ASEM Customs meeting secretariat application.

Every setting that differs between machines is read once, here, from the environment
(through django-environ). `.env.example` and the README list each variable with its default.
"""

import email.utils
import os
from collections.abc import Mapping
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


class _LiteralEnviron(Mapping):
    """The process environment as django-environ sees it, with every `$` escaped.

    django-environ reads a value that starts with `$` as the name of another variable
    (`DJANGO_SECRET_KEY=$abc` would be the value of `abc`, usually empty). Django's own
    random secret keys start with `$` once in 50, and passwords in URLs may too. With
    `escape_proxy` on, django-environ turns `\\$` back into `$` after that look-up, so
    escaping every `$` here makes it return each value exactly as written."""

    def __getitem__(self, key):
        return os.environ[key].replace("$", "\\$")

    def __iter__(self):
        return iter(os.environ)

    def __len__(self):
        return len(os.environ)


# Every value is read literally: no `$OTHER` references (see _LiteralEnviron).
env = environ.Env()
env.ENVIRON = _LiteralEnviron()
env.escape_proxy = True
# A `.env` file in the project folder is read when present (`make run` writes one for the
# demo); the real environment wins. DJANGO_ENV_FILE names another file, or none when empty
# (the test suite reads none: a demo's `.env` must not turn debug on in tests).
ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Port of `make run` (the demo); mailed links follow it unless SITE_URL says otherwise.
try:
    PORT = env.int("PORT", default=8000)
except ValueError as error:
    raise ImproperlyConfigured(
        f"PORT must be a port number such as 8000, not {os.environ['PORT']!r}."
    ) from error
# Absolute address of the site, used in links sent by email (no request at hand there).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")

INSTALLED_APPS = [
    # Before the admin: its translated fields and admin classes patch the models first.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "accounts",
    "mail",
    "meetings",
    "action_plans",
    "delegates",
    "documents",
    "accreditation",
    "logistics",
    "side_events",
    "secretariat",
    "public",
    "communications",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "asem_customs.middleware.RejectNulCharactersMiddleware",
    # Before anything reads the body (CSRF, forms): an oversized upload is refused unread.
    "asem_customs.request_guards.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "asem_customs.request_guards.NoStoreForPrivatePagesMiddleware",
    # Second factor (django-otp) for those who may see passport details: see accounts.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "asem_customs.middleware.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it turns a lockout raised anywhere in a login view into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asem_customs.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "asem_customs.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "asem_customs.wsgi.application"

# The embedded default is an SQLite file in the project folder; production sets a
# postgres:// address. CONN_MAX_AGE keeps connections open between requests.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database server that accepts connections but never answers must not hold a request
# until the app server kills it: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds and
# PostgreSQL cancels any statement running longer than DATABASE_STATEMENT_TIMEOUT_MS; both end
# in the friendly 503 page (asem_customs.middleware.DatabaseUnavailableMiddleware).
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=15000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _options["options"] = " ".join(filter(None, [
        _options.get("options", ""), f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
    ]))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A second connection to the same database for the progress of background jobs: an
    # import reports progress while its own transaction is still open (secretariat/services).
    DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default (one process); `redis://127.0.0.1:6379/1` shares it between
# app servers.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://asem-customs")}


def private_directory(path):
    """`path`, created readable and writable by this process's user only, or an error when
    it exists and another user owns it or may write to it: the page cache unpickles what
    it finds there, so nobody else may place files in it."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.mkdir(mode=0o700, exist_ok=True)
    for folder in (path.parent, path):
        status = folder.lstat()
        if folder.is_symlink() or status.st_uid != os.getuid() or status.st_mode & 0o022:
            raise ImproperlyConfigured(
                f"{folder} must be a folder of the user running the site that nobody else"
                " may write to (chmod 700): it holds the public page cache's versions."
            )
    return path


if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Public pages are cached per process; the versions that invalidate them must be seen by
    # every process (gunicorn workers, management commands), so they live in files, one
    # folder per database, in a private folder of the project (never a shared temporary
    # folder where another local user could plant them). With Redis both live there
    # (asem_customs/page_versions.py).
    import hashlib

    _database_key = hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:12]
    CACHES["public_versions"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(private_directory(BASE_DIR / "var" / f"public-versions-{_database_key}")),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# The interface speaks English, French and Vietnamese, each named in its own language in the
# switcher. A visitor's choice (the switcher, Django's set_language, kept in a cookie) comes
# first, then the browser's Accept-Language, then English. Catalogues: locale/<code>/LC_MESSAGES
# (README, "Languages").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content in several languages (django-modeltranslation): each translated field has one column
# per language (`title_en`, `title_fr`, `title_vi`); English is always written and is what a
# page shows, marked as English, where the visitor's language is not (docs/architecture.md,
# "Content in several languages").
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A record made with `title=...` (a command, the import, the demo) always has its English text.
MODELTRANSLATION_AUTO_POPULATE = "default"
# Slugs are made from the English title, whatever language the admin is read in.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
# Dates read one way on every page and in the admin: "14 February 2027", "14 February
# 2027, 09:30" (asem_customs/formats/en/formats.py).
FORMAT_MODULE_PATH = ["asem_customs.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploaded files (meeting documents, progress-report attachments, job results) go through
# Django's storage API: the file system under MEDIA_ROOT by default, any S3-compatible store
# (AWS S3, MinIO, Scaleway…) through django-storages when DOCUMENTS_S3_BUCKET is set. Files are
# never served from MEDIA_URL: the views that check access stream them.
DOCUMENTS_S3_BUCKET = env.str("DOCUMENTS_S3_BUCKET", default="")
if DOCUMENTS_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env.str("DOCUMENTS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DOCUMENTS_S3_REGION", default="") or None,
            "access_key": env.str("DOCUMENTS_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("DOCUMENTS_S3_SECRET_KEY", default="") or None,
            # Private objects, reached only through the application's views.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# What a client may send. A request announcing a larger body (Content-Length) is answered
# 413 before anything reads it; the default fits a progress report with its five attachments
# of 10 MB. The proxy in front should refuse the same (nginx `client_max_body_size 55m`).
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=55 * 1024 * 1024)
# Form fields (not files) held in memory, files per request, and the size from which an
# uploaded file goes to a private temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Meeting documents (`documents`): the largest file accepted, and an optional virus scanner,
# the dotted path of a callable taking the uploaded file and returning None when it is clean
# or a short reason when it is not (see README, "Virus scanning"). Off by default.
DOCUMENTS_MAX_UPLOAD_BYTES = env.int("DOCUMENTS_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
DOCUMENTS_VIRUS_SCANNER = env.str("DOCUMENTS_VIRUS_SCANNER", default="")
# The symbol proposed for a new document of a series that has no pattern of its own.
DOCUMENTS_SYMBOL_PATTERN = env.str("DOCUMENTS_SYMBOL_PATTERN", default="ASEM/DGC/{number}/{seq}")
# Photos for badges (`delegates.photos`): the largest file and the most pixels an upload may
# have (a larger image is refused before it is decoded: a "decompression bomb" stays small on
# disk and fills the memory once opened).
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)

# Mail: printed on the console by default; `smtp+tls://user:password@host:587` for a server.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="ASEM Customs Secretariat <secretariat@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the secretariat itself is mailed (progress reports submitted for review): by default
# the address part of DEFAULT_FROM_EMAIL.
SECRETARIAT_EMAIL = env.str(
    "SECRETARIAT_EMAIL", default=email.utils.parseaddr(DEFAULT_FROM_EMAIL)[1]
)
# Seconds the site waits for the mail server on each step of sending before giving up (the
# message stays queued). Short: without a broker a request sends its mail after commit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=5)
# Documents attached to one mail (the practical information) weigh at most this in all; the
# mail lists every document's address, so one left out is still reached.
MAIL_ATTACHMENTS_MAX_BYTES = env.int("MAIL_ATTACHMENTS_MAX_BYTES", default=10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "signed_in"
LOGOUT_REDIRECT_URL = "public:home"
# The name authenticator apps show for the secretariat's sign-in codes.
OTP_TOTP_ISSUER = "ASEM Customs Secretariat"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# Production hardening: on whenever debug is off. Behind a TLS-terminating proxy, the
# proxy must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Password guessing: django-axes counts failed sign-ins (admin and /accounts/login/) per
# username and client address, in the database so that every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_CLIENT_IP_CALLABLE = "asem_customs.middleware.client_ip"
AXES_USERNAME_CALLABLE = "asem_customs.middleware.axes_username"
# Proxies in front of the app that append to X-Forwarded-For (0: use the socket's address).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Content-Security-Policy: only this site's own scripts, styles, fonts and images; no inline
# script or style anywhere (templates keep JS in static/js and CSS in static/css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws some icons (select arrows, the menu toggler) from data: SVG.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Public registration form: POSTs allowed per client address, as "<count>/<s|m|h|d>"; "off"
# disables the limit. Counted by django-ratelimit after the CSRF check, in the cache
# RATELIMIT_USE_CACHE (CACHE_URL): shared by all workers only when that is Redis.
REGISTRATION_RATE_LIMIT = env.str("REGISTRATION_RATE_LIMIT", default="60/h")
# "Lost your link?" page: requests per client address, same format.
LOST_LINK_RATE_LIMIT = env.str("LOST_LINK_RATE_LIMIT", default="10/h")
RATELIMIT_USE_CACHE = "default"
# django-ratelimit refuses a per-process cache on every command (runserver included); the demo
# runs one process, where that is harmless. `check --deploy` warns instead (delegates.checks,
# asem_customs.W010), where several workers would each count apart.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# A registration from the public form holds a seat only once its address is confirmed through
# the link in the first mail; unconfirmed ones expire after this many hours.
REGISTRATION_CONFIRM_HOURS = env.int("REGISTRATION_CONFIRM_HOURS", default=48)

# Personal data of registrations is anonymised this many days after the meeting ends
# (management command `anonymise_registrations`, run nightly).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=365)

# Bulk import of a delegation: most rows of people one spreadsheet may hold (the file is
# refused beyond, while it is read).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)

# Background work on Celery. With a broker (`redis://127.0.0.1:6379/3`) tasks go to the
# workers (`celery -A asem_customs worker`, schedule `celery -A asem_customs beat`); unset,
# they run eagerly in the calling process, which needs no server (`make run`, tests).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# A task is acknowledged once it has run, so a job whose worker dies is run again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# A message not acknowledged this long after delivery (its worker was killed) is delivered
# again; longer than any job runs, so a slow job is never run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Periodic work run by `celery -A asem_customs beat`; each app adds its entries here.
CELERY_BEAT_SCHEDULE = {
    "secretariat-fail-stale-jobs": {
        "task": "secretariat.fail_stale_jobs", "schedule": crontab(minute="*/5"),
    },
    "secretariat-remove-old-jobs": {
        "task": "secretariat.remove_old_jobs", "schedule": crontab(hour=3, minute=15),
    },
    "delegates-anonymise-registrations": {
        "task": "secretariat.anonymise_registrations", "schedule": crontab(hour=2, minute=30),
    },
}
# The outbox sweep: sends mail a worker missed and retries failures once their wait is over.
CELERY_BEAT_SCHEDULE["mail.send_due_mail"] = {
    "task": "mail.tasks.send_due_mail", "schedule": 60.0,
}
# Unconfirmed registrations from the public form expire (REGISTRATION_CONFIRM_HOURS).
CELERY_BEAT_SCHEDULE["delegates.expire_unconfirmed_registrations"] = {
    "task": "delegates.tasks.expire_unconfirmed_registrations", "schedule": 15 * 60.0,
}
# The silence procedure: a circulated record whose deadline passed without objection is adopted.
CELERY_BEAT_SCHEDULE["documents.adopt_records_by_silence"] = {
    "task": "documents.tasks.adopt_records_by_silence", "schedule": crontab(minute=5),
}
# Circulars a worker left half queued (it died, the broker was down) are finished.
CELERY_BEAT_SCHEDULE["communications.resume_circulars"] = {
    "task": "communications.tasks.resume_circulars", "schedule": 5 * 60.0,
}
# Reminders of meetings whose day has come are sent (each once: communications.ReminderRun).
CELERY_BEAT_SCHEDULE["communications.send_due_reminders"] = {
    "task": "communications.tasks.send_due_reminders", "schedule": crontab(minute=5),
}
# A running background job (badges, import) that has not reported for this many minutes is
# shown failed, with a retry button: its worker stopped.
JOBS_STALE_MINUTES = env.int("JOBS_STALE_MINUTES", default=5)

# Change history (django-simple-history) is on; restoring a dump with `loaddata` turns it off
# (SIMPLE_HISTORY_ENABLED=0) so that the restore adds no history rows of its own.
SIMPLE_HISTORY_ENABLED = env.bool("SIMPLE_HISTORY_ENABLED", default=True)

# The REST API (`api/`, Django REST framework): read-only public data for anyone, personal
# API tokens (django-rest-knox, stored hashed) for focal points and the secretariat. Errors
# are problem details (RFC 9457, `api.problems`). Requests allowed per client address
# (anonymous) and per token, as "<count>/<second|minute|hour|day>".
API_ANONYMOUS_RATE = env.str("API_ANONYMOUS_RATE", default="120/minute")
API_TOKEN_RATE = env.str("API_TOKEN_RATE", default="600/minute")
# Days a new personal API token may live at most (the person picks 30, 90 or this).
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.PersonalTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyPublic"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle", "api.throttling.PersonalTokenThrottle",
    ],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
REST_KNOX = {
    # `Authorization: Bearer asem_…`; the prefix lets secret scanners recognise a leaked one.
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_PREFIX": "asem_",
    "TOKEN_TTL": None,  # every token gets the expiry its owner chose (api.services)
    "AUTO_REFRESH": False,
}
KNOX_TOKEN_MODEL = "api.ApiToken"  # noqa: S105 - a model name, not a secret
# knox's own migrations would create its unused `knox_authtoken` table even with the model
# swapped for ours; without them no table of knox's is made.
MIGRATION_MODULES = {"knox": None}
SPECTACULAR_SETTINGS = {
    "TITLE": "ASEM Customs Meetings API",
    "DESCRIPTION": (
        "Public data of the meetings (read-only, anonymous) and, with a personal API token, "
        "registrations of a delegation or of the secretariat, and documents as their readers may "
        "see them (managed by secretariat editors). Errors are problem details "
        "(RFC 9457, application/problem+json)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator (swagger.io) from the page.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "meetings.enums.MeetingStatus",
        "RegistrationStatusEnum": "delegates.enums.RegistrationStatus",
        "ActionPointStatusEnum": "action_plans.enums.ActionPointStatus",
        "DocumentKindEnum": "documents.enums.DocumentKind",
        "MemberKindEnum": "meetings.enums.MemberKind",
        "AgendaItemKindEnum": "meetings.enums.AgendaItemKind",
        "QuestionKindEnum": "accreditation.enums.QuestionKind",
    },
}

# Webhooks (api.webhooks): deliveries signed with HMAC-SHA256, sent by Celery after commit,
# retried with growing waits. Endpoints must be https:// addresses that resolve to public
# addresses; WEBHOOKS_ALLOW_PRIVATE_ADDRESSES (tests, local development only) also allows
# http:// and loopback or private addresses.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)
WEBHOOK_TIMEOUT = env.int("WEBHOOK_TIMEOUT", default=5)
CELERY_BEAT_SCHEDULE["api.deliver_due_webhooks"] = {
    "task": "api.tasks.deliver_due_webhooks", "schedule": 60.0,
}
