"""Settings for the job-search journal, read from environment variables.

Everything has a default that suits one person running the app on their own
machine (`make run`); the README lists every variable.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from jobsearch.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    private_directory,
    secret_key_from_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# The SQLite database and the generated secret key live here. Back it up to
# back up everything.
DATA_DIR = Path(env_str("JOBSEARCH_DATA_DIR") or BASE_DIR / "var").resolve()
private_directory(DATA_DIR)

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or secret_key_from_file(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "jobsearch",
    "journal",
    "tracker",
    # An upload waiting between the steps of an import.
    "jobsearch.portability.importing",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobsearch.middleware.htmx_logged_out",
    "jobsearch.middleware.user_time_zone",
    "jobsearch.middleware.vary_on_htmx",
    "jobsearch.middleware.private_pages_not_stored",
]

ROOT_URLCONF = "jobsearch.urls"
WSGI_APPLICATION = "jobsearch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobsearch.context_processors.nav_section",
                "jobsearch.context_processors.today",
                "jobsearch.context_processors.here",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    },
]
FORM_RENDERER = "jobsearch.formtools.FormRenderer"

# --- database -----------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "jobsearch.sqlite3",
            # Measured in ../shared/FACTS.md: WAL, a long busy timeout and
            # IMMEDIATE transactions together remove "database is locked" under
            # concurrent writes. IMMEDIATE applies inside transaction.atomic(),
            # which is why every write goes through a service.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts -------------------------------------------------------------------

AUTH_USER_MODEL = "jobsearch.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "jobsearch.passwords.MinimumLengthValidator"},
    {"NAME": "jobsearch.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "jobsearch.passwords.CommonPasswordValidator"},
    {"NAME": "jobsearch.passwords.NumericPasswordValidator"},
]
# Log-in tries (password checks) allowed per username and address in the window
# before a pause, and for all usernames together from one address. A right
# password clears that username's count.
LOGIN_FAILURE_LIMIT = env_int("JOBSEARCH_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_LIMIT = env_int("JOBSEARCH_LOGIN_ADDRESS_LIMIT", 20)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("JOBSEARCH_LOGIN_FAILURE_WINDOW_MINUTES", 15)
# Sign-up tries allowed per address in the window.
SIGNUP_LIMIT = env_int("JOBSEARCH_SIGNUP_LIMIT", 10)
SIGNUP_WINDOW_MINUTES = env_int("JOBSEARCH_SIGNUP_WINDOW_MINUTES", 60)
# Django's admin (/admin/) is mounted only when this is on; its log-in has the
# same limit as ours.
ADMIN_ENABLED = env_bool("JOBSEARCH_ADMIN", default=False)

# --- time -------------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
USE_I18N = False
USE_TZ = True
# A new account starts in this zone (the sign-up page offers the browser's own);
# each person can change theirs in Settings.
TIME_ZONE = env_str("JOBSEARCH_TIME_ZONE", "UTC")

# --- static files ---------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where `collectstatic` gathers files for whitenoise to serve (`make run` does it).
STATIC_ROOT = Path(env_str("JOBSEARCH_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- security -------------------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "jobsearch.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Set JOBSEARCH_HTTPS=1 when the app is served over HTTPS (a shared or hosted
# install behind a TLS proxy): cookies become secure and browsers are told to
# use HTTPS only.
HTTPS = env_bool("JOBSEARCH_HTTPS", default=False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("JOBSEARCH_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("JOBSEARCH_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JOBSEARCH_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("JOBSEARCH_HSTS_PRELOAD", default=True)
if env_bool("JOBSEARCH_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- mail ---------------------------------------------------------------------------

# Where Django's own mail (error reports, and password-reset links when an SMTP
# host is set) goes: somewhere real on a hosted install, the console locally.
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "JOBSEARCH_EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if HTTPS
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": env_str("JOBSEARCH_EMAIL_HOST"),
                "port": env_int("JOBSEARCH_EMAIL_PORT", 0) or None,
                "username": env_str("JOBSEARCH_EMAIL_USER"),
                "password": env_str("JOBSEARCH_EMAIL_PASSWORD"),
                "use_tls": env_bool("JOBSEARCH_EMAIL_USE_TLS", default=False) or None,
            }.items()
            if value
        },
    }
}
# Forgotten passwords are reset by email only where mail really goes out (an
# SMTP host is set); elsewhere the log-in page explains `manage.py changepassword`.
PASSWORD_RESET_BY_EMAIL = env_bool(
    "JOBSEARCH_PASSWORD_RESET_BY_EMAIL",
    default=bool(env_str("JOBSEARCH_EMAIL_HOST"))
    and MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("JOBSEARCH_EMAIL_FROM", "jobsearch@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- logging ------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("JOBSEARCH_LOG_LEVEL", "INFO")},
}
