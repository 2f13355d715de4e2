"""Settings for pytest: the real settings, made fast and kept out of ./var."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "only-for-tests-" + "x" * 40)
# A zone with daylight saving, so "today" is not simply the UTC date;
# make test-clock runs the suite in others.
os.environ.setdefault("JOBSEARCH_TIME_ZONE", "Europe/London")
os.environ.setdefault(
    "JOBSEARCH_DATA_DIR", str(Path(tempfile.gettempdir()) / "jobsearch-test-data")
)

from jobsearch.settings import *  # noqa: E402, F403
from jobsearch.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic first and 404s under live_server.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files straight from static/ (there is no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
