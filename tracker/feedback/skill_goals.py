"""Has a feedback request already become a skill goal?

Skill goals live in the journal, and the tracker never imports the journal. So,
as with the application timeline (tracker.timeline), the journal registers a
provider from its AppConfig.ready() that answers the question, and the feedback
page asks it. With no provider registered, no request has a goal: the page
offers "Make this a skill goal" as before.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillGoalLink:
    title: str
    url: str


# Called as provider(user=…, feedback_ids=…): the goal made from each request that has one.
Provider = Callable[..., dict[int, SkillGoalLink]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def skill_goals_for(*, user, feedback_ids: Collection[int]) -> dict[int, SkillGoalLink]:
    """The skill goal made from each of these requests (the person's own), by request id."""
    found: dict[int, SkillGoalLink] = {}
    if not feedback_ids:
        return found
    for provider in providers():
        for feedback_id, link in provider(user=user, feedback_ids=feedback_ids).items():
            found.setdefault(feedback_id, link)
    return found
