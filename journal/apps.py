from __future__ import annotations

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self) -> None:
        # The tracker shows journal entries on an application's timeline without
        # importing the journal: the journal hands it a provider.
        from journal.selectors import timeline_items
        from tracker import timeline

        timeline.register(timeline_items)
