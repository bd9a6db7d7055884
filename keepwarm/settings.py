"""Django settings for keepwarm: one module, everything from the environment, SQLite by default."""

from pathlib import Path

from keepwarm.lib.dburl import parse_database_url
from keepwarm.lib.env import data_dir, envbool, envsecret, envstr, secret_file

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = envsecret("SECRET_KEY") or secret_file(DATA_DIR, "secret_key")
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in envstr("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in envstr("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# keepwarm's own apps, one per domain noun. cli.py and urls.py discover each app's
# `commands` and `urls` modules from this list, so adding an app never means editing those files.
KEEPWARM_APPS = [
    "keepwarm.accounts",
    "keepwarm.people",
    "keepwarm.jobs",
    "keepwarm.timeline",
    "keepwarm.followups",
    "keepwarm.archive",
    "keepwarm.demo",
    "keepwarm.web",
    "keepwarm.mail",
    "keepwarm.scams",
    "keepwarm.capture",
    "keepwarm.imports",
    "keepwarm.dav",
    "keepwarm.insights",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    *KEEPWARM_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "keepwarm.web.middleware.UserTimeZoneMiddleware",  # pages show and read times in the user's own zone
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "keepwarm.urls"
WSGI_APPLICATION = "keepwarm.wsgi.application"

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
                "keepwarm.web.context.nav",
            ],
        },
    }
]

DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": parse_database_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "keepwarm.sqlite3"),
            # WAL lets the web server read while the worker writes; IMMEDIATE avoids
            # "database is locked" upgrades when two processes write at once.
            # (`keepwarm serve` also maps the file for reading: web/server.py, map_sqlite_reads.)
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Keep a connection per server thread instead of reopening it (and rerunning the pragmas) per request.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# The first loads the user's profile with the user (one query a page); the second keeps sessions begun before.
AUTHENTICATION_BACKENDS = ["keepwarm.accounts.backends.UserWithProfileBackend",
                           "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# No STATIC_ROOT: whitenoise serves straight from the apps' static folders (WHITENOISE_USE_FINDERS), so
# there is no collectstatic step to forget.

# Production-safe cookies whenever we are not serving plain HTTP on loopback.
SECURE_SSL = envbool("SECURE_SSL", False)
SESSION_ENGINE = "keepwarm.accounts.sessions"  # Django's database sessions, read in one SQL statement
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The capture bookmarklet posts whole job-board pages (scripts stripped); the largest run to several MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "keepwarm@localhost")

# Phone numbers typed without a country code are read in this region unless the user chose another.
DEFAULT_PHONE_REGION = envstr("DEFAULT_PHONE_REGION", "US")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Whitenoise serves the vendored assets from the package itself: no collectstatic step and
    # no CDN, so `keepwarm serve` works offline on a laptop.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
