"""Samverka's one settings module: every deployment choice is read from the environment.

Development works with no variables set. With DEBUG off, SECRET_KEY must be given.
See docs/operations.md for the full list.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samverka.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("SAMVERKA_DATA_DIR", str(BASE_DIR.parent / "data"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random string, "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    # Samverka's apps, in dependency order: the demo loader runs their demo data in this order.
    "samverka.core",
    "samverka.jobs",  # background jobs (Celery), used by the domain apps below
    "samverka.hosting",  # replica routing, health, start-up checks of the shared services
    "samverka.indicators",
    "samverka.activities",
    "samverka.readiness",
    "samverka.promises",
    "samverka.situation",
    "samverka.meetings",
    "samverka.public",
    "samverka.notices",  # what awaits a person: header count, start page, digest e-mail
    "samverka.reports",
    "samverka.people",  # invitations and the vocabularies' staff pages
    "samverka.api",
    "samverka.demo",
    "django.forms",  # the widget templates, after Samverka's own (core/templates/django/forms/)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Control characters out of every query string and form field (core/text.py).
    "samverka.core.text.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which database this request reads from (the replica, when there is one and the page may use it),
    # and the page cache of staff and public pages (hosting/pagecache.py).
    "samverka.hosting.middleware.ReplicaMiddleware",
    # A personal API token's last use, recorded also when the page cache answers (api/middleware.py).
    "samverka.api.middleware.TokenUseMiddleware",
    "samverka.hosting.middleware.PageCacheMiddleware",
    # og:/twitter: title and description from the page's own; inside the page cache, so a kept page has
    # them filled in already and a hit is not decoded and encoded again
    "samverka.core.sharing.ShareTagsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Wrong logins per address, whatever the user name (core/throttle.py); axes counts per user name.
    "samverka.core.throttle.LoginAddressMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverka.urls"
# A stack trace only for a developer on localhost, even with DEBUG on (core/debug.py).
DEFAULT_EXCEPTION_REPORTER = "samverka.core.debug.DeveloperOnlyExceptionReporter"
WSGI_APPLICATION = "samverka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverka.core.context_processors.navigation",
                "samverka.notices.inbox.header_count",
            ],
        },
    },
]

# One form style for the whole application: core/formrender.py and core/templates/forms/.
FORM_RENDERER = "samverka.core.formrender.FormRenderer"

# --- Database -------------------------------------------------------------------------------------
if not env_str("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the zero-set-up SQLite file lives here
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'samverka.sqlite3'}")),
}
if env_str("SAMVERKA_TEST_DB"):
    # Lets several test runs share one PostgreSQL server without stepping on each other.
    DATABASES["default"]["TEST"] = {"NAME": env_str("SAMVERKA_TEST_DB")}
# A streaming read replica: public pages, reports and exports read from it (samverka/hosting/replica.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL, name="DATABASE_REPLICA_URL")
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be a PostgreSQL streaming replica (postgres://...); "
            "SQLite has no replicas. Unset it to read everything from DATABASE_URL."
        )
    # A replica that is down must not hold a page for long: the primary answers instead.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("REPLICA_CONNECT_TIMEOUT", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["samverka.hosting.replica.ReplicaRouter"]
# Paths whose GET requests may read from the replica, and how long after a write the writer's own
# requests read from the primary instead (read-your-writes across nodes, by a cookie).
REPLICA_READ_PATHS = env_list("REPLICA_READ_PATHS", ["/p/", "/rapporter/", "/api/v1/"])
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Single sign-on with the municipality's identity provider (OpenID Connect), on when a client id is set.
# See docs/operations.md; the login flow lives in samverka/core/sso.py.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_LOGIN_LABEL = env_str("OIDC_LOGIN_LABEL")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("samverka.core.sso.SamverkaOIDCBackend")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "samverka.core.throttle.axes_lockout"  # the same 429 page as the limits below
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# What axes cannot express (core/throttle.py, counted in the cache): wrong logins from one address whatever
# the user names, in 15 minutes; password-reset requests from one address and for one e-mail address, in
# an hour. The load test turns these off with axes (it logs in many sessions from one address).
THROTTLE_ENABLED = env_bool("THROTTLE_ENABLED", AXES_ENABLED)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
PASSWORD_RESETS_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_ACCOUNT", 3)

# --- Internationalisation: Swedish first, English second ------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Each app keeps its own translations in <app>/locale (run makemessages inside the app folder).
LOCALE_PATHS: list = []

# --- Static and uploaded files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # Pre-compressing (gzip and Brotli) is most of collectstatic's time; STATIC_COMPRESS=false skips it.
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_COMPRESS", True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads: anything larger is refused with a clear message by the form that receives it.
SAMVERKA_MAX_UPLOAD_BYTES = env_int("SAMVERKA_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = SAMVERKA_MAX_UPLOAD_BYTES + 1024 * 1024
# What reading one uploaded file may cost (core.tabular.Limits): rows, unpacked size of XLSX/DOCX, seconds.
SAMVERKA_UPLOAD_MAX_ROWS = env_int("SAMVERKA_UPLOAD_MAX_ROWS", 200_000)
SAMVERKA_UPLOAD_MAX_UNCOMPRESSED_BYTES = env_int("SAMVERKA_UPLOAD_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
SAMVERKA_UPLOAD_MAX_SECONDS = env_int("SAMVERKA_UPLOAD_MAX_SECONDS", 120)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Kolada's API for `samverka fetch-kolada` (tests point it at a local server).
SAMVERKA_KOLADA_URL = env_str("SAMVERKA_KOLADA_URL", "https://api.kolada.se/v3")

# --- Several web nodes: object storage, Redis, background jobs (docs/operations.md) -----------------
# Files in S3-compatible object storage when all four S3_* variables are set; the local disk otherwise.
S3_SETTINGS = {
    name: env_str(name)
    for name in ("S3_ENDPOINT_URL", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")
}
S3_ENABLED = any(S3_SETTINGS.values())
if S3_ENABLED:
    missing = [name for name, value in S3_SETTINGS.items() if not value]
    if missing:
        raise ImproperlyConfigured(
            f"Object storage is half configured: {', '.join(missing)} not set. Set all of S3_ENDPOINT_URL, "
            "S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or none of them for the local disk."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": S3_SETTINGS["S3_ENDPOINT_URL"],
            "bucket_name": S3_SETTINGS["S3_BUCKET"],
            "access_key": S3_SETTINGS["S3_ACCESS_KEY_ID"],
            "secret_key": S3_SETTINGS["S3_SECRET_ACCESS_KEY"],
            "region_name": env_str("S3_REGION", "us-east-1"),
            # Every object is private: files are handed out by a permission-checked view as a
            # short-lived signed URL (samverka/core/files.py), never by a public address.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("S3_SIGNED_URL_SECONDS", 60),
            "file_overwrite": False,
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
        },
    }

# Shared cache and sessions on Redis when REDIS_URL is set, so that any web node serves any request.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, with one client per process (hosting/cache.py)
            "BACKEND": "samverka.hosting.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samverka",
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 5},
        }
    }
    # In the cache, written through to the database: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Rendered staff and public pages are kept in the cache until anything changes (hosting/pagecache.py): on
# by default, also with the per-process local-memory cache, as the version they are keyed by is in the
# database and so the same in every process. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# Background jobs on Celery (samverka/celery.py). With no broker, jobs run in the process that starts
# them, as the one-command start on SQLite does.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None  # a job's state and result live in samverka.jobs.Job
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: a worker takes one at a time
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Stockholm"
# A job queued or started this long ago with no sign of life (heartbeat) is sent again; running it
# twice does nothing twice (samverka/jobs/runner.py).
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 120)
KOLADA_SCHEDULE_KPIS = env_list("KOLADA_SCHEDULE_KPIS", [])
KOLADA_SCHEDULE_MUNICIPALITIES = env_list("KOLADA_SCHEDULE_MUNICIPALITIES", [])
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "jobs-requeue-stale": {
        "task": "samverka.jobs.requeue_stale",
        "schedule": float(env_int("JOB_REQUEUE_EVERY_SECONDS", 60)),
    },
    "follow-up-reminders": {"task": "samverka.jobs.remind", "schedule": crontab(hour=6, minute=30)},
    "digest-mail": {"task": "samverka.notices.notify", "schedule": crontab(hour=6, minute=45)},
    "promise-updates-mail": {"task": "samverka.public.send_promise_updates", "schedule": crontab(minute=20)},
    "prune-unconfirmed-subscriptions": {
        "task": "samverka.public.prune_unconfirmed",
        "schedule": crontab(hour=3, minute=30),
    },
    # Only when KOLADA_SCHEDULE_KPIS and KOLADA_SCHEDULE_MUNICIPALITIES name what to fetch.
    "fetch-kolada": {
        "task": "samverka.jobs.fetch_kolada",
        "schedule": crontab(hour=2, minute=15, day_of_week="sunday"),
    },
    # The national open-data files (/p/data.json, /p/data.csv), served from the file storage once built.
    "open-data-files": {"task": "samverka.public.build_opendata", "schedule": crontab(hour=3, minute=0)},
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# For trials: EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes every mail as a file here.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samverka <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where residents report accessibility problems (shown in the accessibility statement).
ACCESSIBILITY_CONTACT = env_str("ACCESSIBILITY_CONTACT", "")

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # embeddable public views opt out one by one
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload token only states consent; a domain enters browsers' preload lists only when its owner
    # submits the apex domain. Set SECURE_HSTS_PRELOAD=false to leave it out.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): scripts, styles, images and fonts only from our own origin, no
# inline scripts and no eval. Inline styles stay allowed because the server-side SVG charts carry a
# <style> block; styles cannot run code. Framing is governed by X-Frame-Options (embeddable views opt
# out of it one by one), so frame-ancestors is not set here.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# --- API ------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "samverka.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "samverka.api.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samverka.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["samverka.api.filters.StrictFilterBackend"],
    # JSON only: a form encoding cannot say null, so the schema could not state what a form body means
    "DEFAULT_PARSER_CLASSES": ["samverka.api.parsers.CleanJSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["samverka.api.permissions.SamverkaPermission"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": "Published and internal data of Samverka's prevention work.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samverka.api.schema.owner_rule",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own static files: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
