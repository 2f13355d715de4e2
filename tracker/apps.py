from __future__ import annotations

from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"

    def ready(self) -> None:
        # The tracker's own timeline providers register as their modules load:
        # steps, interviews and follow-ups, then feedback requests, in that order.
        from tracker import selectors  # noqa: F401
        from tracker.feedback import selectors as feedback_selectors  # noqa: F401
