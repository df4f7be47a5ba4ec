"""Settings for the court work report portal.

Everything that differs between machines comes from the environment (``PORTAL_*``,
``DATABASE_URL``); all runtime state lives under ``PORTAL_DATA_DIR``.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("PORTAL_DATA_DIR") or BASE_DIR / "var").resolve()
# SQLite cannot create the folder of its database file: make sure it exists on a fresh clone.
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("PORTAL_DEBUG", False)
# The key in the repository is for development and tests only: with DEBUG off, the WSGI
# application refuses to start on it and `check --deploy` fails (reports/checks.py).
DEVELOPMENT_SECRET_KEY = "dev-insecure-key-set-PORTAL_SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("PORTAL_SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PORTAL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PORTAL_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "haystack",
    "simple_history",
    "axes",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reports.input_checks.DropNulCharacters",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "reports.throttling.SearchRateLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("PORTAL_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the one writer (ingest, admin) commits.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0


def cache_from_url(url: str) -> dict:
    """``PORTAL_CACHE_URL``: empty → files under PORTAL_DATA_DIR/cache (shared by the server
    processes of one machine); ``redis://host:6379/0``, ``memcached://host:11211``,
    ``db://table_name`` (after ``createcachetable``), ``locmem://`` (one process only)."""
    scheme, _, rest = url.partition("://")
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    backends = {
        "redis": ("django.core.cache.backends.redis.RedisCache", url),
        "rediss": ("django.core.cache.backends.redis.RedisCache", url),
        "memcached": ("django.core.cache.backends.memcached.PyMemcacheCache", rest),
        "db": ("django.core.cache.backends.db.DatabaseCache", rest),
        "locmem": ("django.core.cache.backends.locmem.LocMemCache", rest),
    }
    if scheme not in backends:
        raise ValueError(
            f"PORTAL_CACHE_URL: unknown cache {scheme!r} (redis, memcached, db, locmem)"
        )
    backend, location = backends[scheme]
    return {"BACKEND": backend, "LOCATION": location}


# Shared by every server process: suggestions and court names per content version
# (reports/search/content_cache.py), rate-limit counters, login lockouts.
CACHES = {"default": cache_from_url(os.environ.get("PORTAL_CACHE_URL", "").strip())}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes: after PORTAL_LOGIN_FAILURES wrong passwords for one account from one client,
# that login is refused for PORTAL_LOGIN_COOLOFF_MINUTES (the page says so in Chinese).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURES", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("PORTAL_LOGIN_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = "reports.throttling.client_ip"
AXES_VERBOSE = False

# Requests to /search/ and /api/ per client (reports/throttling.py): "120/m", "10/s";
# empty or 0 for no limit. PORTAL_PROXY_COUNT: reverse proxies in front (X-Forwarded-For).
PORTAL_SEARCH_RATE = os.environ.get("PORTAL_SEARCH_RATE", "120/m").strip()
if PORTAL_SEARCH_RATE in ("", "0"):
    PORTAL_SEARCH_RATE = None
elif not re.fullmatch(r"[1-9]\d*/\d*[smhd]", PORTAL_SEARCH_RATE):
    raise ValueError(f"PORTAL_SEARCH_RATE={PORTAL_SEARCH_RATE!r}: expected e.g. 120/m, 10/s or 0")
PORTAL_PROXY_COUNT = int(os.environ.get("PORTAL_PROXY_COUNT", "0"))
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "reports.throttling.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from static/ in development and tests, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "uploads"

# Upload limit for report files (bytes); the ingest pipeline refuses larger files.
PORTAL_MAX_UPLOAD_BYTES = int(os.environ.get("PORTAL_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# Larger files (a quarter of it for PDFs) are parsed by `manage.py ingest_worker`, not in the
# web request; the worker gives each file PORTAL_INGEST_TIMEOUT seconds and
# PORTAL_INGEST_MEMORY_MB of memory.
PORTAL_INLINE_PARSE_BYTES = int(os.environ.get("PORTAL_INLINE_PARSE_BYTES", str(256 * 1024)))
PORTAL_INGEST_TIMEOUT = int(os.environ.get("PORTAL_INGEST_TIMEOUT", "300"))
PORTAL_INGEST_MEMORY_MB = int(os.environ.get("PORTAL_INGEST_MEMORY_MB", "2048"))
# Worker processes a large build_index writes with (0: one per core; 1: a single writer).
PORTAL_INDEX_PROCESSES = int(os.environ.get("PORTAL_INDEX_PROCESSES") or 0)
# Decoded posting lists of common words kept per server process (whoosh_fast.PostingCache).
PORTAL_POSTINGS_CACHE_MB = int(os.environ.get("PORTAL_POSTINGS_CACHE_MB") or 128)
DATA_UPLOAD_MAX_MEMORY_SIZE = PORTAL_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The court directory (GB/T 2260 derived) that court detection, the jieba dictionary and
# the Court table all read.
PORTAL_COURTS_FILE = BASE_DIR / "fixtures" / "courts.json"
PORTAL_LEGAL_TERMS_FILE = BASE_DIR / "fixtures" / "legal_terms.txt"

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "reports.search.backend.ChineseWhooshEngine",
        "PATH": str(DATA_DIR / "whoosh_index"),
        "STORAGE": "file",
        "BATCH_SIZE": 500,
        "INCLUDE_SPELLING": False,
    },
}
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 10
# Searches go to Elasticsearch/OpenSearch at this URL instead of Whoosh (reports.search.engine;
# the search seam only: see README, "Search engines").
PORTAL_SEARCH_URL = os.environ.get("PORTAL_SEARCH_URL", "")
PORTAL_SEARCH_INDEX = os.environ.get("PORTAL_SEARCH_INDEX", "sections")
# Index sync is done by reports.search.signals after commit, not by haystack's processor.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PORTAL_LOG_LEVEL", "WARNING")},
    "loggers": {"reports": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")}},
}

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the site's own
# files only — no inline script or style anywhere, so a report text that slipped through
# escaping could not run. The admin's icons are data: URIs in its stylesheets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# PORTAL_HTTPS=1: the site is served over HTTPS (directly or behind a proxy that terminates
# TLS and sets X-Forwarded-Proto): cookies only over HTTPS, HTTP redirected, and HSTS
# (PORTAL_HSTS_SECONDS, a year by default; start lower when first enabling it).
HTTPS = env_bool("PORTAL_HTTPS", False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("PORTAL_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("PORTAL_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PORTAL_HSTS_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = False
