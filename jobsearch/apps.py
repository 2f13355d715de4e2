from __future__ import annotations

from django.apps import AppConfig


class JobsearchConfig(AppConfig):
    name = "jobsearch"
    verbose_name = "Accounts and overview"
