from __future__ import annotations

import random

import pytest
from django.utils import timezone

from journal import demo as journal_demo
from journal.models import Emotion, Entry, Tag
from tracker import demo as tracker_demo
from tracker.models import FollowUp


def fill(user) -> None:
    """Months of a search (the demo's), plus the links the demo leaves out."""
    today = timezone.localdate()
    rng = random.Random(12)
    tracker_demo.seed(user=user, today=today, rng=rng)
    journal_demo.seed(user=user, today=today, rng=rng)
    first, second = FollowUp.objects.filter(user=user).order_by("pk")[:2]
    second.source_followup = first
    second.save(update_fields=["source_followup"])
    entry = Entry.objects.filter(user=user).order_by("pk").first()
    entry.tags.add(Tag.objects.create(user=user, name="Backups"))
    entry.emotions.add(Emotion.objects.create(user=user, name="Wistful"))
    entry.followups.add(first)


@pytest.fixture
def full_owner(owner):
    fill(owner)
    return owner
