from __future__ import annotations

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self) -> None:
        # The tracker shows journal entries on an application's timeline without
        # importing the journal: the journal hands it a provider.
        from journal.selectors import skill_goals_from_feedback, timeline_items
        from tracker import timeline
        from tracker.feedback import skill_goals

        timeline.register(timeline_items)
        # The same for "is this feedback already a skill goal?" on the feedback page.
        skill_goals.register(skill_goals_from_feedback)
