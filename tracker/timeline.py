"""An application's timeline: everything that happened to it, merged by date.

The tracker supplies status steps, interviews and follow-ups. Other apps add
their own items (the journal adds reflections) by registering a provider from
their AppConfig.ready(), so the tracker never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from tracker.models import Application


@dataclass(frozen=True)
class TimelineItem:
    on: date
    kind: str  # "status", "interview", "followup", or what a provider names
    title: str
    detail: str = ""
    url: str = ""
    # Order within a day; an item without a time sorts by its `order`.
    at: datetime | None = None
    order: int = 0
    badge: str = ""  # a status value, for the status badge
    remove_url: str = ""  # where to POST to take this item back, if it can be

    @property
    def sort_key(self) -> tuple:
        moment = self.at or timezone.make_aware(datetime.combine(self.on, time.min))
        return (self.on, moment, self.order)


Provider = Callable[[Application], Iterable[TimelineItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)
