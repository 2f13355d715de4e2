"""Mood, reflections and feelings for Insights, against hand-worked expectations.

Every selector takes the day it counts up to; these tests pass `TODAY`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from journal import insight_selectors as insights
from journal.models import Emotion
from tests.journal.factories import EntryFactory, ReflectionFactory, WinFactory
from tests.tracker.factories import ApplicationFactory, StatusEventFactory
from tracker.models import RejectionChannel, RejectionStage, Status

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
LAST_90 = TODAY - dt.timedelta(days=89)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_a_days_mood_averages_check_ins_and_both_moods_of_a_reflection(owner, stranger):
    EntryFactory(user=owner, on=days_ago(3), mood=4)
    ReflectionFactory(user=owner, on=days_ago(3), mood=3, mood_after=7)
    WinFactory(user=owner, on=days_ago(3))
    EntryFactory(user=owner, on=days_ago(1), mood=8)
    EntryFactory(user=owner, on=days_ago(120), mood=1)  # before the period
    EntryFactory(user=stranger, on=days_ago(1), mood=1)

    journal = insights.mood_journal(user=owner, since=LAST_90, today=TODAY)

    assert [(d.on, d.mood, d.moods, d.wins) for d in journal.days] == [
        (days_ago(3), 4.7, 3, 1),  # (4 + 3 + 7) / 3
        (days_ago(1), 8.0, 1, 0),
    ]
    assert journal.moods == 4
    assert journal.mood_entries == 3  # two check-ins and a reflection
    assert journal.average == 5.5  # (4 + 3 + 7 + 8) / 4
    assert journal.usual == 6  # to the nearest point, a half rounding up


def test_the_mood_lift_compares_a_reflections_own_moods(owner):
    for before, after in ((2, 5), (3, 4), (4, 4), (5, 8), (1, 4)):
        ReflectionFactory(user=owner, on=days_ago(5), mood=before, mood_after=after)
    ReflectionFactory(user=owner, on=days_ago(5), mood=2, mood_after=None)  # unfinished: left out

    lift = insights.mood_journal(user=owner, since=LAST_90, today=TODAY).lift

    assert lift.reflections == 5
    assert (lift.before, lift.after, lift.change) == (3.0, 5.0, 2.0)  # 15/5 → 25/5
    assert lift.enough


def test_four_reflections_are_too_few_for_a_lift(owner):
    for _ in range(4):
        ReflectionFactory(user=owner, on=days_ago(5), mood=3, mood_after=6)
    lift = insights.mood_journal(user=owner, since=LAST_90, today=TODAY).lift
    assert lift.reflections == 4 and not lift.enough


def test_thinking_traps_are_counted_once_per_reflection(owner):
    ReflectionFactory(user=owner, on=days_ago(2), thinking_traps=["mind_reading", "labelling"])
    ReflectionFactory(user=owner, on=days_ago(9), thinking_traps=["mind_reading"])
    ReflectionFactory(user=owner, on=days_ago(9), thinking_traps=[])
    journal = insights.mood_journal(user=owner, since=LAST_90, today=TODAY)
    assert journal.trap_reflections == 2
    assert journal.traps == [("Mind reading", 2), ("Labelling", 1)]


def test_feelings_are_counted_once_per_entry(owner, stranger):
    tired = Emotion.objects.create(user=owner, name="tired")
    hopeful = Emotion.objects.create(user=owner, name="hopeful")
    for names in ((tired, hopeful), (tired,), (tired,)):
        EntryFactory(user=owner, on=days_ago(4)).emotions.add(*names)
    EntryFactory(user=owner, on=days_ago(200)).emotions.add(hopeful)
    theirs = Emotion.objects.create(user=stranger, name="proud")
    EntryFactory(user=stranger, on=days_ago(4)).emotions.add(theirs)

    assert insights.emotions_named(user=owner, since=LAST_90, today=TODAY) == [
        ("tired", 3),
        ("hopeful", 1),
    ]
    assert insights.emotions_named(user=owner, since=None, today=TODAY) == [
        ("tired", 3),
        ("hopeful", 2),
    ]


def rejection(user, on: dt.date, channel: str = RejectionChannel.EMAIL) -> None:
    StatusEventFactory(
        application=ApplicationFactory(user=user, applied_on=on - dt.timedelta(days=10)),
        status=Status.REJECTED,
        happened_on=on,
        rejection_stage=RejectionStage.TECHNICAL,
        rejection_channel=channel,
    )


def test_recovery_counts_the_days_until_the_mood_is_back_at_its_usual_level(owner):
    # Usual level 6. Rejected 40 days ago: 3 that day, 4 the next, 6 three days on → 3 days.
    rejection(owner, days_ago(40))
    EntryFactory(user=owner, on=days_ago(40), mood=3)
    EntryFactory(user=owner, on=days_ago(39), mood=4)
    EntryFactory(user=owner, on=days_ago(37), mood=6)
    # Rejected 30 days ago and a reflection ended at 7 that very day → 0 days.
    rejection(owner, days_ago(30))
    ReflectionFactory(user=owner, on=days_ago(30), mood=4, mood_after=7)
    # Rejected 20 days ago: back at 6 ten days later → 10 days.
    rejection(owner, days_ago(20))
    EntryFactory(user=owner, on=days_ago(10), mood=6)
    # A silence is not a rejection that arrived: not measured.
    rejection(owner, days_ago(12), channel=RejectionChannel.NO_REPLY)
    # Rejected yesterday, not back yet: counted, but not measured.
    rejection(owner, days_ago(1))
    EntryFactory(user=owner, on=days_ago(1), mood=2)

    recovery = insights.mood_recovery(user=owner, usual=6, since=LAST_90, today=TODAY)

    assert recovery.rejections == 4
    assert recovery.measured == 3
    assert recovery.by_days == {0: 1, 3: 1, 10: 1}
    assert recovery.median_days is None  # three are too few to say "usually"
    assert not recovery.enough


def test_recovery_is_the_median_of_five_or_more(owner):
    for start, wait in ((80, 0), (70, 1), (60, 2), (50, 5), (40, 9)):
        rejection(owner, days_ago(start))
        EntryFactory(user=owner, on=days_ago(start), mood=3)
        EntryFactory(user=owner, on=days_ago(start - wait), mood=7)
    recovery = insights.mood_recovery(user=owner, usual=6, since=LAST_90, today=TODAY)
    assert recovery.measured == 5
    assert recovery.median_days == 2


def test_no_usual_mood_means_no_recovery_to_measure(owner):
    rejection(owner, days_ago(3))
    recovery = insights.mood_recovery(user=owner, usual=None, since=LAST_90, today=TODAY)
    assert (recovery.rejections, recovery.measured, recovery.median_days) == (1, 0, None)
