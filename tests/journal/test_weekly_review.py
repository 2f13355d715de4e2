"""The journal's side of the weekly review: its kept facts, its services and selectors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError

from journal import selectors, services
from journal.models import Draft, Entry
from journal.weekly_review import Mood, Rejection, WeekFacts, next_goal_applies
from tests.journal.factories import EntryFactory, ReflectionFactory
from tracker.models import WeeklyGoal

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)


def facts(**changes) -> WeekFacts:
    values = {
        "week_start": MONDAY,
        "counts": {"applied": (4, 2), "rejections": (1, 0), "wins": (1, 3)},
        "goal": (5, None),
        "rejections": [
            Rejection(
                company="Acme",
                role="Analyst",
                on=MONDAY,
                stage="Final round",
                reflected=True,
                application_id=7,
                event_id=9,
            )
        ],
        "wins": ["A good chat"],
        "mood": Mood.of([3, 7, 8]),
        "heavy_rejections": False,
        "heavy_mood": True,
    }
    values.update(changes)
    return WeekFacts(**values)


# --- the kept facts -----------------------------------------------------------------------------


def test_kept_facts_read_back_as_they_were_without_database_ids():
    kept = WeekFacts.from_json(facts().as_json(), week_start=MONDAY)
    assert kept.counts["applied"] == (4, 2)
    assert kept.goal == (5, None)
    assert kept.rejections == [
        Rejection(company="Acme", role="Analyst", on=MONDAY, stage="Final round", reflected=True)
    ]
    assert kept.mood == Mood(count=3, average=6.0, low=3, high=8)
    assert kept.heavy and kept.heavy_mood


def test_the_facts_read_as_sentences_beside_the_week_before():
    rows = {row.key: row for row in facts().rows()}
    assert (rows["applied"].this, rows["applied"].before) == ("4 of 5", "2")
    assert rows["rejections"].note == "With a reflection."
    assert rows["mood"].this == "6 on average, from 3 to 8"
    assert rows["mood"].before == "None logged"
    met = {row.key: row for row in facts(counts={"applied": (5, 0)}).rows()}
    assert met["applied"].note == "You reached the week’s goal."


@pytest.mark.parametrize(
    "damaged",
    [
        {"counts": "many", "goal": "five", "rejections": [1, None, {"on": "soon"}]},
        {"counts": {"applied": [-1, True]}, "mood": {"count": 2, "average": "x"}},
        {"wins": [None, 3, "Kept"], "mood": {"count": 1, "average": 5, "low": "a", "high": 5}},
    ],
)
def test_damaged_kept_facts_read_as_nothing_rather_than_failing(damaged):
    kept = WeekFacts.from_json({"version": 1, **damaged}, week_start=MONDAY)
    assert kept is not None
    assert all(isinstance(row.this, str) for row in kept.rows())
    assert kept.mood == Mood()


def test_a_review_without_kept_facts_says_so():
    assert WeekFacts.from_json({}, week_start=MONDAY) is None
    assert WeekFacts.from_json("nonsense", week_start=MONDAY) is None


def test_the_goal_is_only_set_while_next_week_is_not_over():
    assert next_goal_applies(week_start=MONDAY, today=FRIDAY)
    assert next_goal_applies(week_start=MONDAY, today=MONDAY + timedelta(weeks=1, days=3))
    assert not next_goal_applies(week_start=MONDAY, today=MONDAY + timedelta(weeks=2))


# --- services ----------------------------------------------------------------------------------


def test_saving_a_review_sets_the_goal_from_next_week_and_retires_the_draft(owner):
    services.weekly_review_draft_save(user=owner, week_start=MONDAY, data={"went_well": "So"})
    entry = services.weekly_review_create(
        user=owner,
        week_start=MONDAY,
        facts=facts(),
        went_well="So far so good",
        next_goal=4,
        today=FRIDAY,
    )
    assert entry.kind == Entry.Kind.WEEKLY_REVIEW and entry.on == FRIDAY
    assert entry.facts["counts"]["applied"] == [4, 2]
    assert WeeklyGoal.objects.get(user=owner).week_start == MONDAY + timedelta(weeks=1)
    assert not Draft.objects.exists()


def test_one_review_a_week(owner):
    services.weekly_review_create(
        user=owner, week_start=MONDAY, facts=facts(), went_well="Once", today=FRIDAY
    )
    with pytest.raises(ValidationError, match="already reviewed that week"):
        services.weekly_review_create(
            user=owner, week_start=MONDAY, facts=facts(), went_well="Twice", today=FRIDAY
        )


def test_a_week_not_yet_begun_cannot_be_reviewed(owner):
    with pytest.raises(ValidationError):
        services.weekly_review_create(
            user=owner, week_start=MONDAY + timedelta(weeks=1), facts=facts(), today=FRIDAY
        )


def test_a_half_written_save_leaves_nothing_behind(owner):
    services.weekly_review_draft_save(user=owner, week_start=MONDAY, data={"went_well": "Kept"})
    with (
        mock.patch.object(services, "weekly_goal_set", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        services.weekly_review_create(
            user=owner, week_start=MONDAY, facts=facts(), went_well="x", next_goal=3, today=FRIDAY
        )
    assert not Entry.objects.exists()
    assert Draft.objects.get().data == {"went_well": "Kept"}


def test_one_draft_a_week_kept_as_typed(owner):
    services.weekly_review_draft_save(user=owner, week_start=MONDAY, data={"went_well": "a\x00b"})
    services.weekly_review_draft_save(user=owner, week_start=MONDAY, data={"went_well": "ab c"})
    services.weekly_review_draft_save(user=owner, week_start=MONDAY - timedelta(weeks=1), data={})
    assert Draft.objects.filter(user=owner).count() == 2
    assert selectors.weekly_review_draft_for(user=owner, monday=MONDAY).data == {
        "went_well": "ab c"
    }
    # Not an unfinished reflection.
    assert list(selectors.draft_list(user=owner)) == []


def test_the_review_pages_state_is_the_saved_review_and_the_draft_in_one_query(
    owner, stranger, django_assert_num_queries
):
    services.weekly_review_draft_save(user=owner, week_start=MONDAY, data={"went_well": "Half"})
    services.weekly_review_draft_save(user=stranger, week_start=MONDAY, data={"went_well": "No"})
    with django_assert_num_queries(1):
        saved_id, draft = selectors.weekly_review_page_state(user=owner, monday=MONDAY)
    assert saved_id is None
    assert draft.data == {"went_well": "Half"}
    assert (
        draft.updated_at == selectors.weekly_review_draft_for(user=owner, monday=MONDAY).updated_at
    )
    entry = services.weekly_review_create(
        user=owner, week_start=MONDAY, facts=facts(), went_well="Done", next_goal=3, today=FRIDAY
    )
    assert selectors.weekly_review_page_state(user=owner, monday=MONDAY)[0] == entry.pk
    assert selectors.weekly_review_page_state(user=stranger, monday=MONDAY)[0] is None


def test_changing_a_review_keeps_its_facts(owner):
    entry = services.weekly_review_create(
        user=owner, week_start=MONDAY, facts=facts(), went_well="First", today=FRIDAY
    )
    services.weekly_review_update(
        entry=entry, went_well="Second", do_differently="", next_focus="Rest"
    )
    entry.refresh_from_db()
    assert (entry.went_well, entry.next_focus) == ("Second", "Rest")
    assert entry.facts["counts"]["applied"] == [4, 2]


# --- selectors ------------------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 11, 27, 12, 0, tzinfo=UTC), tick=False)
def test_the_journals_week_counts_moods_wins_and_skills_by_date(owner, stranger):
    EntryFactory(user=owner, mood=6, on=MONDAY + timedelta(days=6))  # Sunday: this week
    EntryFactory(user=owner, mood=2, on=MONDAY + timedelta(days=7))  # next Monday: not
    ReflectionFactory(user=owner, on=MONDAY - timedelta(days=1))  # last Sunday: the week before
    EntryFactory(user=stranger, mood=1, on=MONDAY)
    before, this = selectors.week_journal(user=owner, monday=MONDAY)
    assert this.moods == [6]
    assert sorted(before.moods) == [3, 5]


def test_the_mood_rule_is_the_nudges():
    assert selectors.mood_dipped([5], [7])
    assert not selectors.mood_dipped([6], [7])
    assert not selectors.mood_dipped([], [7])
