"""The weekly review: the week's facts from both apps, and the page that saves a review.

Every test pins the clock: the week under review depends on the day.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jobsearch.weekly_review import lighter_goal, week_facts, week_to_review
from journal.models import Draft, Entry, SkillGoal
from tests.html import text
from tests.journal.factories import DraftFactory, EntryFactory, ReflectionFactory, WinFactory
from tests.tracker.factories import (
    ApplicationFactory,
    FeedbackRequestFactory,
    FollowUpFactory,
    InterviewFactory,
    StatusEventFactory,
    WeeklyGoalFactory,
)
from tracker.models import FeedbackRequest, FollowUp, RejectionStage, Status, WeeklyGoal

pytestmark = pytest.mark.django_db

# A Friday afternoon in the week of Monday 23 November 2026.
FRIDAY = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 23)
LAST_MONDAY = date(2026, 11, 16)
HTMX = {"HTTP_HX_REQUEST": "true"}
URL = reverse("weekly_review")


@pytest.fixture(autouse=True)
def friday():
    with time_machine.travel(FRIDAY, tick=False):
        yield


def page_text(response) -> str:
    return text(response.content.decode())


def rejected(user, on: date, company: str = "Acme") -> object:
    application = ApplicationFactory(user=user, company=company, role="Data analyst", applied_on=on)
    return StatusEventFactory(
        application=application,
        status=Status.REJECTED,
        happened_on=on,
        rejection_stage=RejectionStage.TECHNICAL,
    )


def done_at(user, moment: datetime) -> FollowUp:
    followup = FollowUpFactory(user=user)
    FollowUp.objects.filter(pk=followup.pk).update(done_at=moment)
    return followup


# --- the week's facts --------------------------------------------------------------------


def test_the_facts_count_the_week_beside_the_week_before(owner):
    WeeklyGoalFactory(user=owner, week_start=LAST_MONDAY, target=4)
    for day in (MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)):
        ApplicationFactory(user=owner, applied_on=day)
    ApplicationFactory(user=owner, applied_on=LAST_MONDAY)
    ApplicationFactory(user=owner, applied_on=MONDAY - timedelta(weeks=3))  # long ago
    done_at(owner, datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    done_at(owner, datetime(2026, 11, 17, 10, 0, tzinfo=UTC))
    done_at(owner, datetime(2026, 11, 18, 10, 0, tzinfo=UTC))
    FollowUpFactory(user=owner)  # not done: not counted
    # Applied on Friday: in UTC, the zone the facts are read in below (the factory's
    # own "today" is the run's zone, which may already be Saturday).
    InterviewFactory(
        user=owner,
        application__user=owner,
        application__applied_on=MONDAY + timedelta(days=4),
        scheduled_at=FRIDAY,
    )
    moved_on = ApplicationFactory(user=owner, applied_on=LAST_MONDAY)
    StatusEventFactory(application=moved_on, status=Status.SCREENING, happened_on=MONDAY)
    # A screen then an interview in the same week is one reply.
    StatusEventFactory(
        application=moved_on, status=Status.INTERVIEWING, happened_on=MONDAY + timedelta(1)
    )
    first = rejected(owner, MONDAY, company="Acme")
    rejected(owner, MONDAY + timedelta(days=1), company="Globex")
    ReflectionFactory(user=owner, application=first.application, status_event=first, on=MONDAY)
    FeedbackRequestFactory(
        user=owner,
        application=first.application,
        state=FeedbackRequest.State.REPLIED,
        sent_on=LAST_MONDAY,
        replied_on=MONDAY + timedelta(days=2),
    )
    WinFactory(user=owner, title="A recruiter called back", on=MONDAY)
    WinFactory(user=owner, title="Finished the course", on=LAST_MONDAY)
    SkillGoal.objects.create(
        user=owner, title="SQL window functions", status="done", done_on=MONDAY
    )
    EntryFactory(user=owner, mood=4, on=MONDAY)
    EntryFactory(user=owner, mood=8, on=MONDAY + timedelta(days=3))
    EntryFactory(user=owner, mood=7, on=LAST_MONDAY)

    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        facts = week_facts(user=owner, monday=MONDAY)

    # Three sent, and the three the interview and rejections are about; the week
    # before, two (the one long ago counts in neither).
    assert facts.counts["applied"] == (6, 2)
    assert facts.goal == (4, 4)
    assert facts.counts["followups_done"] == (1, 2)
    assert facts.counts["interviews"] == (1, 0)
    assert facts.counts["replies"] == (1, 0)
    assert facts.counts["rejections"] == (2, 0)
    assert [(r.company, r.reflected) for r in facts.rejections] == [
        ("Acme", True),
        ("Globex", False),
    ]
    assert facts.counts["feedback"] == (1, 0)
    assert facts.wins == ["A recruiter called back", "Learned: SQL window functions"]
    assert facts.counts["wins"] == (2, 1)
    assert facts.counts["skills_done"] == (1, 0)
    assert facts.counts["skills_set"] == (1, 0)
    # The reflection's two moods (3 and 5) count too.
    assert (facts.mood.average, facts.mood.low, facts.mood.high) == (5.0, 3, 8)
    assert facts.mood_before.words == "7 out of 10"


def test_another_persons_week_never_counts(owner, stranger):
    ApplicationFactory(user=stranger, applied_on=MONDAY)
    rejected(stranger, MONDAY)
    WinFactory(user=stranger, on=MONDAY)
    facts = week_facts(user=owner, monday=MONDAY)
    assert facts.quiet
    assert facts.rejections == []


def test_week_boundaries_follow_the_persons_zone(owner):
    auckland = zoneinfo.ZoneInfo("Pacific/Auckland")
    # Sunday 22 November, 23:30 in Auckland is still Sunday morning in UTC…
    done_at(owner, datetime(2026, 11, 22, 23, 30, tzinfo=auckland))
    # …and Monday 23 November, 00:30 in Auckland is Sunday in UTC.
    done_at(owner, datetime(2026, 11, 23, 0, 30, tzinfo=auckland))
    InterviewFactory(
        user=owner,
        application__user=owner,
        scheduled_at=datetime(2026, 11, 23, 0, 15, tzinfo=auckland),
    )
    with timezone.override(auckland):
        facts = week_facts(user=owner, monday=MONDAY)
    assert facts.counts["followups_done"] == (1, 1)
    assert facts.counts["interviews"] == (1, 0)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        # In UTC both moments fall on Sunday: the week before.
        assert week_facts(user=owner, monday=MONDAY).counts["followups_done"] == (0, 2)


def test_the_week_to_review_is_this_one_from_friday_and_the_last_one_before():
    assert week_to_review(date(2026, 11, 27)) == MONDAY  # Friday
    assert week_to_review(date(2026, 11, 29)) == MONDAY  # Sunday
    assert week_to_review(date(2026, 11, 30)) == MONDAY  # Monday: the week just ended
    assert week_to_review(date(2026, 11, 26)) == LAST_MONDAY  # Thursday


def test_a_heavy_week_follows_the_nudges_rules(owner):
    for n in range(3):
        rejected(owner, MONDAY + timedelta(days=n), company=f"Company {n}")
    assert week_facts(user=owner, monday=MONDAY).heavy_rejections
    assert not week_facts(user=owner, monday=LAST_MONDAY).heavy


def test_a_falling_mood_makes_a_heavy_week(owner):
    EntryFactory(user=owner, mood=8, on=LAST_MONDAY)
    EntryFactory(user=owner, mood=5, on=MONDAY)
    facts = week_facts(user=owner, monday=MONDAY)
    assert facts.heavy_mood and not facts.heavy_rejections


def test_a_lighter_goal_is_smaller_but_never_nothing():
    assert lighter_goal(6) == 4
    assert lighter_goal(1) == 1
    assert lighter_goal(None) is None


# --- the page: who sees what ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(URL, {"went_well": "x"}).status_code == 302
    assert not Entry.objects.exists()


def test_the_owner_sees_their_week_first(owner_client, owner):
    rejected(owner, MONDAY, company="Acme")
    WeeklyGoalFactory(user=owner, week_start=LAST_MONDAY, target=5)
    response = owner_client.get(URL)
    words = page_text(response)
    assert response.status_code == 200
    assert "Review your week" in words
    assert "Monday 23 November to Sunday 29 November 2026" in words
    assert "Applications sent 1 of 5 0 of 5" in words
    rejection = "Data analyst at Acme, Monday 23 November (technical interview) — write a"
    assert rejection in words
    assert words.index("The week in facts") < words.index("What went well?")
    # Next week's goal starts as this week's.
    assert 'value="5"' in response.content.decode()


def test_another_person_sees_only_their_own_week_and_not_the_saved_review(owner, stranger_client):
    rejected(owner, MONDAY, company="Acme")
    review = EntryFactory(
        user=owner, kind=Entry.Kind.WEEKLY_REVIEW, week_start=MONDAY, mood=None, went_well="Mine"
    )
    words = page_text(stranger_client.get(URL))
    assert "Acme" not in words and "Mine" not in words
    assert stranger_client.get(reverse("journal:entry_detail", args=[review.pk])).status_code == 404
    assert stranger_client.get(reverse("journal:entry_edit", args=[review.pk])).status_code == 404


# --- saving ------------------------------------------------------------------------------


def test_saving_a_review_keeps_the_facts_and_sets_next_weeks_goal(owner_client, owner):
    WeeklyGoalFactory(user=owner, week_start=LAST_MONDAY, target=5)
    ApplicationFactory(user=owner, applied_on=MONDAY, company="Initech")
    response = owner_client.post(
        URL,
        {
            "week": MONDAY.isoformat(),
            "went_well": "Two good conversations.",
            "do_differently": "Start earlier in the day.",
            "next_focus": "Ask Sam for an introduction.",
            "next_goal": "3",
        },
        follow=True,
    )
    words = page_text(response)
    assert "Your weekly review is saved. Next week’s goal is 3 applications." in words
    review = Entry.objects.get(user=owner, kind=Entry.Kind.WEEKLY_REVIEW)
    assert review.week_start == MONDAY
    assert review.facts["counts"]["applied"] == [1, 0]
    assert "Weekly review: the week of 23 November 2026" in words
    assert "As they were when you wrote this" in words
    assert "Ask Sam for an introduction." in words
    goal = WeeklyGoal.objects.get(user=owner, week_start=MONDAY + timedelta(weeks=1))
    assert goal.target == 3
    # This week keeps its own goal.
    assert WeeklyGoal.objects.get(user=owner, week_start=LAST_MONDAY).target == 5

    # A later change to that week does not rewrite the review.
    ApplicationFactory(user=owner, applied_on=MONDAY)
    detail = page_text(owner_client.get(reverse("journal:entry_detail", args=[review.pk])))
    assert "Applications sent 1 of 5 0 of 5" in detail


def test_a_review_needs_a_few_words_and_keeps_everything_typed(owner_client, owner):
    response = owner_client.post(
        URL, {"week": MONDAY.isoformat(), "went_well": "  ", "next_goal": "lots"}
    )
    words = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in words
    assert "Write a few words in at least one of the three questions" in words
    assert "Enter applications to aim for next week as a number." in words
    assert "<title>Error:" in response.content.decode()
    assert 'value="lots"' in response.content.decode()
    assert not Entry.objects.filter(kind=Entry.Kind.WEEKLY_REVIEW).exists()
    # What was typed is kept as the week's draft.
    assert Draft.objects.get(user=owner, kind=Draft.Kind.WEEKLY_REVIEW).data["next_goal"] == "lots"


def test_a_goal_out_of_range_is_explained(owner_client):
    response = owner_client.post(
        URL, {"week": MONDAY.isoformat(), "went_well": "Fine.", "next_goal": "500"}
    )
    assert "needs to be 200 or less" in page_text(response)


def test_an_empty_goal_clears_it_from_next_week(owner_client, owner):
    WeeklyGoalFactory(user=owner, week_start=LAST_MONDAY, target=5)
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "Fine.", "next_goal": ""})
    assert WeeklyGoal.objects.get(user=owner, week_start=MONDAY + timedelta(weeks=1)).target == 0


def test_reviewing_an_old_week_changes_no_goal(owner_client, owner):
    old = MONDAY - timedelta(weeks=4)
    response = owner_client.get(URL, {"week": old.isoformat()})
    assert "Applications to aim for next week" not in page_text(response)
    owner_client.post(URL + f"?week={old}", {"went_well": "It was a while ago.", "next_goal": "9"})
    assert Entry.objects.get(kind=Entry.Kind.WEEKLY_REVIEW).week_start == old
    assert not WeeklyGoal.objects.exists()


def test_a_reviewed_week_opens_again_to_change_its_words_beside_the_kept_facts(owner_client, owner):
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "First words."})
    review = Entry.objects.get(kind=Entry.Kind.WEEKLY_REVIEW)
    ApplicationFactory(user=owner, applied_on=MONDAY)
    edit = owner_client.get(reverse("journal:entry_edit", args=[review.pk]))
    assert edit.status_code == 302
    page = owner_client.get(edit["Location"])
    words = page_text(page)
    assert "as they were when you wrote this" in words
    assert "Applications sent 0 0" in words
    response = owner_client.post(
        edit["Location"], {"went_well": "Better words.", "next_focus": "Rest."}, follow=True
    )
    assert "Your changes are saved." in page_text(response)
    review.refresh_from_db()
    assert (review.went_well, review.next_focus) == ("Better words.", "Rest.")
    assert Entry.objects.filter(kind=Entry.Kind.WEEKLY_REVIEW).count() == 1


# --- the draft -----------------------------------------------------------------------------


def test_autosave_keeps_a_draft_that_the_page_reopens(owner_client, owner):
    response = owner_client.post(
        URL + f"?week={MONDAY}&autosave=1", {"went_well": "Half a thought"}, **HTMX
    )
    assert response.status_code == 200
    assert "draftSaved" in response["HX-Trigger"]
    assert "Draft saved at" in page_text(response)
    assert "Half a thought" in page_text(owner_client.get(URL))
    # It is not an unfinished reflection, and the reflection pages do not open it.
    draft = Draft.objects.get(user=owner)
    assert "Half a thought" not in page_text(owner_client.get(reverse("journal:entry_list")))
    assert owner_client.get(reverse("journal:reflection_draft", args=[draft.pk])).status_code == 404
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "Whole thought."})
    assert not Draft.objects.exists()


def test_autosave_after_the_review_was_saved_elsewhere_says_so(owner_client):
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "Saved."})
    response = owner_client.post(URL + f"?week={MONDAY}&autosave=1", {"went_well": "x"}, **HTMX)
    assert "draftProblem" in response["HX-Trigger"]
    assert "saved in another window" in page_text(response)
    assert not Draft.objects.exists()


def test_a_reflection_draft_is_not_a_review_draft(owner_client, owner):
    DraftFactory(user=owner)
    assert "They wrote back" not in page_text(owner_client.get(URL))


# --- odd links -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "week", ["abc", "2026-13-45", "²⁰²⁶-11-23", "2999-01-01", "0001-01-01", "0001-01-03", "9" * 40]
)
def test_an_odd_week_opens_the_week_due_and_says_why(owner_client, week):
    response = owner_client.get(URL, {"week": week}, follow=True)
    assert response.status_code == 200
    words = page_text(response)
    assert "here is the week to review now" in words
    assert "Monday 23 November" in words


def test_any_day_of_a_week_names_that_week(owner_client):
    words = page_text(owner_client.get(URL, {"week": "2026-11-19"}))
    assert "Monday 16 November to Sunday 22 November 2026" in words
    assert "Review the week" in words


# --- a heavy week ------------------------------------------------------------------------------


def test_a_heavy_week_says_so_kindly_and_offers_a_lighter_one(owner_client, owner):
    WeeklyGoalFactory(user=owner, week_start=LAST_MONDAY, target=6)
    for n in range(3):
        rejected(owner, MONDAY + timedelta(days=n), company=f"Company {n}")
    words = page_text(owner_client.get(URL))
    assert "A heavy week" in words
    assert "3 rejections in one week is a lot to carry" in words
    assert "Plan a lighter week" in words
    lighter = owner_client.get(URL, {"week": MONDAY.isoformat(), "lighter": "1"})
    assert "We’ve put a smaller goal in below" in page_text(lighter)
    assert 'value="4"' in lighter.content.decode()


def test_an_ordinary_week_has_no_heavy_words(owner_client, owner):
    rejected(owner, MONDAY)
    words = page_text(owner_client.get(URL, {"lighter": "1"}))
    assert "heavy" not in words.lower()


# --- from the dashboard and the journal ---------------------------------------------------------


def test_the_dashboard_offers_the_review_from_friday(owner_client, owner):
    owner.date_joined = FRIDAY - timedelta(weeks=2)
    owner.save()
    words = page_text(owner_client.get(reverse("dashboard")))
    assert "Review your week" in words
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "Done."})
    assert "Review your week" not in page_text(owner_client.get(reverse("dashboard")))


def test_early_in_the_week_the_dashboard_offers_last_week_if_it_has_no_review(owner):
    from django.test import Client

    owner.date_joined = FRIDAY - timedelta(weeks=2)
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    client = Client()
    client.force_login(owner)
    # Sunday 11:30 in UTC is already Monday 00:30 in Auckland: the week is over there.
    with time_machine.travel(datetime(2026, 11, 29, 11, 30, tzinfo=UTC), tick=False):
        words = page_text(client.get(reverse("dashboard")))
        assert "Review last week" in words
        assert "the week of 23 November" in words
        page = page_text(client.get(URL))
        assert "Monday 23 November to Sunday 29 November 2026" in page
    # Still Sunday in London: this week, from Friday on.
    owner.time_zone = "Europe/London"
    owner.save()
    with time_machine.travel(datetime(2026, 11, 29, 11, 30, tzinfo=UTC), tick=False):
        assert "Review your week" in page_text(client.get(reverse("dashboard")))


def test_a_new_account_is_not_asked_about_a_week_before_it_began(owner_client, owner):
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=UTC), tick=False):
        owner.date_joined = timezone.now()
        owner.save()
        assert "Review" not in page_text(owner_client.get(reverse("dashboard")))


def test_past_reviews_are_listed_and_filtered_in_the_journal(owner_client, owner):
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "A steady week."})
    WinFactory(user=owner, title="Unrelated win")
    words = page_text(owner_client.get(reverse("journal:entry_list"), {"kind": "weekly_review"}))
    assert "Weekly review: the week of 23 November 2026" in words
    assert "A steady week." in words
    assert "Unrelated win" not in words
    assert "Review your week" in words


def test_a_started_review_is_offered_to_continue(owner_client, owner):
    owner.date_joined = FRIDAY - timedelta(weeks=2)
    owner.save()
    owner_client.post(URL + f"?week={MONDAY}&autosave=1", {"went_well": "Half"}, **HTMX)
    words = page_text(owner_client.get(reverse("dashboard")))
    assert "You started a review of the week of 23 November" in words
    assert "Continue your review" in words


def test_the_dashboards_prompt_costs_the_same_queries_every_day(owner_client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner.date_joined = FRIDAY - timedelta(weeks=2)
    owner.save()
    counts = []
    for moment in (FRIDAY, FRIDAY - timedelta(days=3)):
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as seen:
            owner_client.get(reverse("dashboard"))
        counts.append(len(seen))
    assert counts[0] == counts[1]


def test_a_heavy_week_without_a_goal_offers_rest_without_a_number(owner_client, owner):
    for n in range(3):
        rejected(owner, MONDAY + timedelta(days=n), company=f"Company {n}")
    words = page_text(owner_client.get(URL, {"lighter": "1"}))
    assert "plan a lighter week: fewer applications" in words
    assert "We’ve put a smaller goal in below" not in words


@pytest.mark.parametrize("size", [0, 1, 12])
def test_the_page_runs_the_same_few_queries_however_busy_the_week(
    owner_client, owner, size, django_assert_num_queries
):
    for n in range(size):
        day = MONDAY + timedelta(days=n % 7)
        rejected(owner, day, company=f"Company {n}")
        ApplicationFactory(user=owner, applied_on=day)
        done_at(owner, FRIDAY - timedelta(days=n % 4))
        InterviewFactory(user=owner, application__user=owner, scheduled_at=FRIDAY)
        WinFactory(user=owner, on=day)
        EntryFactory(user=owner, mood=5, on=day)
    # session, user, the review and its draft (one query), tracker week (the counts in
    # one query, the rejections, the goals), journal week (entries, skill goals,
    # reflections on rejections): the same with no rejections at all as with many
    with django_assert_num_queries(9):
        owner_client.get(URL)


def test_a_saved_review_travels_in_the_backup_with_its_facts(owner_client, owner, stranger):
    from jobsearch.portability.backup import backup_build, backup_restore

    rejected(owner, MONDAY, company="Acme")
    owner_client.post(URL, {"week": MONDAY.isoformat(), "went_well": "Kept safe."})
    backup_restore(user=stranger, data=backup_build(user=owner))
    copy = Entry.objects.get(user=stranger, kind=Entry.Kind.WEEKLY_REVIEW)
    assert copy.week_start == MONDAY and copy.went_well == "Kept safe."
    assert copy.review_facts.rejections[0].company == "Acme"


def test_the_demo_account_has_past_reviews_and_is_offered_the_next(client):
    from django.core.management import call_command

    from jobsearch.models import User

    call_command("demo")
    user = User.objects.get(username="demo")
    reviews = Entry.objects.filter(user=user, kind=Entry.Kind.WEEKLY_REVIEW)
    assert reviews.count() == 5
    assert all(review.review_facts is not None for review in reviews)
    assert not Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW).exists()
    # The demo's goal of five a week carries on.
    client.force_login(user)
    words = page_text(client.get(reverse("dashboard")))
    assert "Review your week" in words
    assert "of 5 applications sent" in words


def test_a_damaged_draft_still_opens_the_page(owner_client, owner):
    Draft.objects.create(user=owner, kind=Draft.Kind.WEEKLY_REVIEW, week_start=MONDAY, data=[1])
    assert owner_client.get(URL).status_code == 200


def test_the_journal_search_finds_a_review_by_its_plan_for_next_week(owner_client):
    owner_client.post(URL, {"week": MONDAY.isoformat(), "next_focus": "Call the Umbrella team."})
    words = page_text(owner_client.get(reverse("journal:entry_list"), {"q": "umbrella"}))
    assert "Weekly review: the week of 23 November 2026" in words


def test_an_application_saved_for_later_or_dated_ahead_is_not_counted_as_sent(owner):
    ApplicationFactory(user=owner, applied_on=MONDAY, status=Status.APPLIED)
    ApplicationFactory(user=owner, applied_on=MONDAY, status=Status.SAVED)
    ApplicationFactory(user=owner, applied_on=MONDAY + timedelta(days=6), status=Status.APPLIED)
    assert week_facts(user=owner, monday=MONDAY).counts["applied"][0] == 1


def test_a_second_window_saving_a_new_review_writes_nothing_over_the_first(owner_client, owner):
    week = MONDAY.isoformat()
    first = {"week": week, "new": "1", "went_well": "A long, careful answer."}
    assert owner_client.post(URL, first).status_code == 302
    second = {"week": week, "new": "1", "went_well": "A quick note from the other tab."}
    response = owner_client.post(URL, second)
    assert response.status_code == 200
    shown = page_text(response)
    assert "already saved in another window" in shown
    assert "A quick note from the other tab." in response.content.decode()
    entry = Entry.objects.get(user=owner, kind=Entry.Kind.WEEKLY_REVIEW, week_start=MONDAY)
    assert entry.went_well == "A long, careful answer."
    # Saving from the page that explained it is the person's choice: it replaces the words.
    owner_client.post(URL, {"week": week, "went_well": "A quick note from the other tab."})
    entry.refresh_from_db()
    assert entry.went_well == "A quick note from the other tab."
