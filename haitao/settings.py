"""Django settings for haitao: 12-factor, every knob an environment variable (see docs/operations.md)."""

import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("HAITAO_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file (and test database) live here


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("HAITAO_DEBUG", False)
# The demo and tests run with the built-in development secrets; production must set its own
# (`haitao serve` refuses to start with the development secret unless HAITAO_DEMO=1).
DEV_SECRET = "haitao-development-secret-do-not-use-in-production"  # noqa: S105 - refused in production
SECRET_KEY = os.environ.get("HAITAO_SECRET_KEY", DEV_SECRET)
ALLOWED_HOSTS = _env_list("HAITAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("HAITAO_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI at /api/docs from its own static files rather than a CDN
    "haitao.brands",
    "haitao.catalog",
    "haitao.inventory",
    "haitao.accounts",
    "haitao.checkout",
    "haitao.orders",
    "haitao.payments",
    "haitao.compliance",
    "haitao.declarations",
    "haitao.returns",
    "haitao.tasks",
    "haitao.consolidation",
    "haitao.throttle",
    "haitao.web",
    "haitao.operators",  # roles, brand scope and the audit log of every admin page
    "haitao.marketplace",  # commission, exchange rates, settlements, merchant portal logins (docs/marketplace.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "haitao.api.middleware.ApiErrorShapeMiddleware",
    "haitao.common.hygiene.InputHygieneMiddleware",
    "haitao.common.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "haitao.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "haitao.throttle.middleware.ThrottledMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "haitao.urls"
WSGI_APPLICATION = "haitao.wsgi.application"

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
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'haitao.sqlite3'}"
DATABASE_URL = os.environ.get("HAITAO_DATABASE_URL", DEFAULT_DATABASE_URL)
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("HAITAO_DB_CONN_MAX_AGE", "60")))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing
    # half-way with "database is locked"; WAL lets readers run beside the writer.
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Threaded tests need a file, not the default in-memory test database; one per process so
    # concurrent test runs on one machine do not share it.
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-haitao-{os.getpid()}.sqlite3")}
else:
    _db["CONN_HEALTH_CHECKS"] = True
    _db.setdefault("OPTIONS", {})
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("HAITAO_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "haitao"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/account/login/"
# Every sign-in (API token, storefront, admin) goes through the back-off (haitao.throttle).
AUTHENTICATION_BACKENDS = ["haitao.accounts.backends.ThrottledBackend"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True

# --- production mode: transport security (issue 10; CSP lives in its own block) ---------------
# HAITAO_ENV=production (which `haitao serve` / `haitao worker` default to outside the demo) turns
# every HTTPS protection on; each can still be set alone from the environment (docs/operations.md).
PRODUCTION = os.environ.get("HAITAO_ENV", "development").strip().lower() == "production"
SESSION_COOKIE_SECURE = _env_bool("HAITAO_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _env_bool("HAITAO_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("HAITAO_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("HAITAO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = _env_bool("HAITAO_HSTS_PRELOAD", PRODUCTION)
# The TLS-terminating proxy says the original scheme in this header (e.g. "X-Forwarded-Proto").
_proxy_header = os.environ.get("HAITAO_PROXY_SSL_HEADER", "X-Forwarded-Proto" if PRODUCTION else "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
if PRODUCTION:
    X_FRAME_OPTIONS = "DENY"  # nothing of haitao is meant to be framed

# --- haitao's own settings -------------------------------------------------------------------
# Fernet keys for personal data at rest; the first encrypts, all decrypt (rotation: prepend a new key,
# run `haitao rotate-keys`, then drop the old one).
FIELD_ENCRYPTION_KEYS = _env_list("HAITAO_FIELD_KEYS", "x8ib0WOG4ZQc1V3c3Cg9L2m0X6vZ6oSxQxw2hIhWl2k=")  # = DEV_FIELD_KEY
# Keyed hash of ID numbers (quota ledger, customer linking). Changing it orphans the ledger: never rotate.
ID_HASH_KEY = os.environ.get("HAITAO_ID_HASH_KEY", "haitao-development-id-hash-key").encode()

# --- payments (issue 10) ---------------------------------------------------------------------
# The development values above and here are published in the repository: `haitao serve`/`worker`
# refuse to start with any of them (haitao/readiness.py); the demo generates its own under var/.
DEV_FIELD_KEY = "x8ib0WOG4ZQc1V3c3Cg9L2m0X6vZ6oSxQxw2hIhWl2k="
DEV_ID_HASH_KEY = "haitao-development-id-hash-key"
DEV_SANDBOX_SECRET = "sandbox-development-secret"  # noqa: S105 - published on purpose; production refuses it
PAYMENT_SANDBOX_SECRET = os.environ.get("HAITAO_PAYMENT_SANDBOX_SECRET", DEV_SANDBOX_SECRET).encode()
# The sandbox provider (a hosted page that moves no money) only when switched on: the demo and tests.
PAYMENT_SANDBOX = _env_bool("HAITAO_PAYMENT_SANDBOX", False)
# Real providers in use, e.g. "alipay,wechatpay"; each reads its own HAITAO_ALIPAY_* / HAITAO_WECHATPAY_*.
PAYMENT_PROVIDERS = _env_list("HAITAO_PAYMENT_PROVIDERS", "")
UNPAID_ORDER_TTL_MINUTES = int(os.environ.get("HAITAO_UNPAID_ORDER_TTL_MINUTES", "30"))
MAX_LINE_QUANTITY = 99  # the customs message allows 99 lines; per-line quantities above this are not retail
# CBEC limits with dated history (docs/rules.md, rule 5); JSON list overrides the defaults.
CBEC_LIMITS = json.loads(os.environ["HAITAO_CBEC_LIMITS"]) if os.environ.get("HAITAO_CBEC_LIMITS") else None
CBEC_LIMIT_BASIS = os.environ.get("HAITAO_CBEC_LIMIT_BASIS", "dutiable_value")
# Abuse controls (docs/operations.md). Rate limits: name -> [requests, window seconds]; the JSON in
# HAITAO_RATE_LIMITS overrides single entries. login_*: failed sign-ins before the back-off starts.
RATE_LIMITS = {"login_account": [5, 900], "login_address": [20, 900], "register": [10, 3600],
               "checkout": [30, 600], "search": [120, 60],
               **json.loads(os.environ.get("HAITAO_RATE_LIMITS") or "{}")}
LOGIN_BACKOFF_SECONDS = int(os.environ.get("HAITAO_LOGIN_BACKOFF_SECONDS", "30"))  # doubles per further failure
LOGIN_BACKOFF_MAX_SECONDS = int(os.environ.get("HAITAO_LOGIN_BACKOFF_MAX_SECONDS", "3600"))
CLIENT_IP_HEADER = os.environ.get("HAITAO_CLIENT_IP_HEADER", "")  # e.g. X-Forwarded-For behind a trusted proxy
MAX_UNPAID_ORDERS_PER_ACCOUNT = int(os.environ.get("HAITAO_MAX_UNPAID_ORDERS_PER_ACCOUNT", "5"))
MAX_UNPAID_ORDERS_PER_BUYER = int(os.environ.get("HAITAO_MAX_UNPAID_ORDERS_PER_BUYER", "5"))
PER_BUYER_LIMIT_WINDOW_DAYS = int(os.environ.get("HAITAO_PER_BUYER_LIMIT_WINDOW_DAYS", "30"))
API_TOKEN_TTL_DAYS = int(os.environ.get("HAITAO_API_TOKEN_TTL_DAYS", "30"))
# Content-Security-Policy of every answer ({nonce}: a fresh nonce per response); empty turns it off.
CONTENT_SECURITY_POLICY = os.environ.get("HAITAO_CSP", (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"))
CSP_REPORT_ONLY = _env_bool("HAITAO_CSP_REPORT_ONLY", False)
PLATFORM = {
    "ebp_code": os.environ.get("HAITAO_EBP_CODE", "3301960HTO"),
    "ebp_name": os.environ.get("HAITAO_EBP_NAME", "海淘跨境电商平台有限公司"),
}
PUBLIC_BASE_URL = os.environ.get("HAITAO_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "haitao.common.logging.MaskPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["mask_personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("HAITAO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
