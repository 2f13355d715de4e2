from __future__ import annotations

from django.apps import AppConfig


class JobsearchConfig(AppConfig):
    name = "jobsearch"
    verbose_name = "Accounts and overview"

    def ready(self) -> None:
        from jobsearch import checks  # noqa: F401  (registers the system checks)
