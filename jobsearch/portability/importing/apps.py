from __future__ import annotations

from django.apps import AppConfig


class ImportingConfig(AppConfig):
    """Its own small app only so an upload can wait, per person, between the steps."""

    name = "jobsearch.portability.importing"
    label = "importing"
    verbose_name = "Imports in progress"
