"""The real settings, plus a bare baseline page to compare the others with."""

from __future__ import annotations

from jobsearch.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
