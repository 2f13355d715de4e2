from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from journal import selectors, services
from journal.models import Entry, SkillGoal
from tests.html import text
from tests.journal.factories import (
    DraftFactory,
    EntryFactory,
    ReflectionFactory,
    SkillGoalFactory,
    WinFactory,
)
from tests.tracker.factories import ApplicationFactory
from tracker import timeline
from tracker.models import Status
from tracker.selectors import application_timeline

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 11)


# --- the list ----------------------------------------------------------------------------


def test_the_list_is_newest_first_and_only_the_persons_own(owner, stranger):
    old = EntryFactory(user=owner, on=TODAY - timedelta(days=3))
    new = EntryFactory(user=owner, on=TODAY)
    EntryFactory(user=stranger, on=TODAY)
    assert list(selectors.entry_list(user=owner)) == [new, old]


def test_search_looks_through_every_text_and_needs_every_word(owner):
    reframe = ReflectionFactory(user=owner, reframe="The panel liked my portfolio.")
    answer = EntryFactory(user=owner, prompt_answer="Finished the portfolio site")
    EntryFactory(user=owner, body="Nothing to see")
    assert set(selectors.entry_list(user=owner, search="portfolio")) == {reframe, answer}
    assert list(selectors.entry_list(user=owner, search="PANEL portfolio")) == [reframe]


def test_a_thousand_word_search_still_answers_by_its_first_words(owner):
    words = [f"word{n}" for n in range(1000)]
    first = ReflectionFactory(user=owner, reframe=" ".join(words[:10]))
    ReflectionFactory(user=owner, reframe=" ".join(words[:9]))
    # One condition per word would be deeper than SQLite allows (FACTS.md): the
    # first words are looked for, and only they.
    assert list(selectors.entry_list(user=owner, search=" ".join(words))) == [first]


def test_filters_by_kind_feeling_tag_and_application(owner):
    application = ApplicationFactory(user=owner)
    win = WinFactory(user=owner, application=application)
    sad = services.entry_create(
        user=owner, kind=Entry.Kind.CHECK_IN, mood=3, emotions=["sad"], tags=["interviews"]
    )
    assert list(selectors.entry_list(user=owner, kind=Entry.Kind.WIN)) == [win]
    assert list(selectors.entry_list(user=owner, emotion="Sad")) == [sad]
    assert list(selectors.entry_list(user=owner, tag="interviews")) == [sad]
    assert list(selectors.entry_list(user=owner, application=application)) == [win]
    assert list(selectors.application_filter_choices(user=owner)) == [application]


# --- drafts, wins, mood ---------------------------------------------------------------------


def test_drafts_are_listed_most_recently_touched_first(owner, stranger):
    older = DraftFactory(user=owner)
    newer = DraftFactory(user=owner)
    DraftFactory(user=stranger)
    services.draft_save(user=owner, data={"what_happened": "more"}, step=3, draft=older)
    assert list(selectors.draft_list(user=owner)) == [older, newer]


def test_recent_wins_include_skill_goals_done(owner, stranger):
    WinFactory(user=owner, title="Got a reply from Acme", on=TODAY - timedelta(days=4))
    goal = SkillGoalFactory(user=owner, title="SQL joins")
    services.skill_goal_set_status(
        goal=goal, status=SkillGoal.Status.DONE, today=TODAY - timedelta(days=1)
    )
    SkillGoalFactory(user=owner, title="Still planned")
    WinFactory(user=stranger, title="Not mine")
    wins = selectors.win_list_recent(user=owner)
    assert [(w.title, w.is_skill) for w in wins] == [
        ("Learned: SQL joins", True),
        ("Got a reply from Acme", False),
    ]


def test_recent_wins_stop_at_the_limit(owner):
    for n in range(4):
        WinFactory(user=owner, on=TODAY - timedelta(days=n))
    assert len(selectors.win_list_recent(user=owner, limit=3)) == 3


def test_mood_has_a_point_per_day_averaging_every_mood_logged(owner, stranger):
    EntryFactory(user=owner, on=TODAY, mood=4)
    EntryFactory(user=owner, on=TODAY, mood=7)
    ReflectionFactory(user=owner, on=TODAY - timedelta(days=2), mood=2, mood_after=6)
    WinFactory(user=owner, on=TODAY - timedelta(days=1))
    EntryFactory(user=stranger, on=TODAY, mood=10)
    EntryFactory(user=owner, on=TODAY - timedelta(days=20), mood=1)
    summary = selectors.mood_recent(user=owner, days=14, today=TODAY)
    assert len(summary.days) == 14
    assert summary.days[0].on == TODAY - timedelta(days=13)
    assert [(d.mood, d.count) for d in summary.days[-3:]] == [(4, 2), (None, 0), (6, 2)]
    assert summary.logged == 4
    assert summary.average == 4.8
    assert not summary.dipping


def test_a_clearly_lower_week_is_noticed(owner):
    for n in range(7, 13):
        EntryFactory(user=owner, on=TODAY - timedelta(days=n), mood=7)
    for n in range(0, 4):
        EntryFactory(user=owner, on=TODAY - timedelta(days=n), mood=4)
    assert selectors.mood_recent(user=owner, today=TODAY).dipping


# --- the application's timeline --------------------------------------------------------------


def test_reflections_show_on_the_applications_timeline(owner):
    application = ApplicationFactory(user=owner, status=Status.REJECTED)
    entry = ReflectionFactory(user=owner, application=application, mood=3, mood_after=6)
    EntryFactory(user=owner)  # not about it
    items = [item for item in application_timeline(application) if item.kind == "reflection"]
    assert len(items) == 1
    assert items[0].title == "Reflection written"
    assert items[0].url == f"/journal/{entry.pk}/"
    assert "Mood 3 → 6." in items[0].detail


def test_the_journal_registers_its_timeline_provider(owner):
    assert selectors.timeline_items in timeline.providers()


@pytest.mark.parametrize("count", [1, 6])
def test_the_timeline_provider_runs_one_query(owner, django_assert_num_queries, count):
    application = ApplicationFactory(user=owner)
    for _ in range(count):
        WinFactory(user=owner, application=application)
    with django_assert_num_queries(1):
        items = list(selectors.timeline_items(application))
    assert len(items) == count


def test_an_entry_written_on_its_own_day_sits_at_the_time_it_was_written(owner):
    application = ApplicationFactory(user=owner)
    today = ReflectionFactory(user=owner, application=application, on=timezone.localdate())
    earlier = ReflectionFactory(
        user=owner, application=application, on=timezone.localdate() - timedelta(days=5)
    )
    items = {item.url: item for item in selectors.timeline_items(application)}
    assert items[f"/journal/{today.pk}/"].at == today.created_at
    assert items[f"/journal/{earlier.pk}/"].at is None


# --- the dashboard's pieces -------------------------------------------------------------------


def test_the_dashboard_partials_render_what_the_selectors_give(owner):
    application = ApplicationFactory(user=owner, company="Acme", role="Data analyst")
    DraftFactory(user=owner, application=application, data={"what_happened": "The call came"})
    WinFactory(user=owner, title="Finished the SQL course")
    EntryFactory(user=owner, mood=6)
    context = {
        "journal_drafts": selectors.draft_list(user=owner),
        "journal_wins": selectors.win_list_recent(user=owner),
        "journal_mood": selectors.mood_recent(user=owner),
    }
    drafts = text(render_to_string("journal/_dashboard.html#drafts", context))
    assert "Data analyst at Acme" in drafts and "Continue" in drafts
    assert "The call came" in drafts
    wins = text(render_to_string("journal/_dashboard.html#wins", context))
    assert "Finished the SQL course" in wins
    mood = text(render_to_string("journal/_dashboard.html#mood", context))
    assert "On average 6.0 out of 10, from 1 mood logged" in mood


def test_the_dashboard_partials_say_something_kind_when_empty(owner):
    context = {
        "journal_drafts": selectors.draft_list(user=owner),
        "journal_wins": selectors.win_list_recent(user=owner),
        "journal_mood": selectors.mood_recent(user=owner),
    }
    assert "Nothing unfinished" in text(render_to_string("journal/_dashboard.html#drafts", context))
    assert "small wins you log gather here" in text(
        render_to_string("journal/_dashboard.html#wins", context)
    )
    assert "No moods logged" in text(render_to_string("journal/_dashboard.html#mood", context))
