"""The dashboard's "Needs you": which applications it lists (tracker.selectors.needs_you),
the numbers behind the dashboard's panels, and the actions with their undo.

The clock is pinned to 15 June 2026 (a Monday); every expectation below is worked out
by hand from that day and the usual thresholds: 21 days after applying, 14 after a
screen, 21 after an interview."""

from __future__ import annotations

import json
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tests.html import text
from tests.journal.factories import DraftFactory, ReflectionFactory
from tests.tracker.factories import (
    FeedbackRequestFactory,
    InterviewFactory,
    WeeklyGoalFactory,
)
from tracker import selectors, services
from tracker.feedback import services as feedback_services
from tracker.models import Application, Status, StatusEvent, TrackerPreferences

pytestmark = [pytest.mark.django_db]

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def pinned_clock():
    # Noon where the test's people live, so TODAY is today in any zone the suite
    # runs with (make test-clock moves it from Auckland to New York).
    noon = datetime(2026, 6, 15, 12, 0, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(noon, tick=False):
        yield


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def app(owner, company: str, *steps: tuple[str, int]) -> Application:
    """An application applied `steps[0]` days ago, then moved along the other steps."""
    first_status, first_ago = steps[0]
    application = services.application_create(
        user=owner,
        company=company,
        role="Analyst",
        status=first_status,
        status_on=days_ago(first_ago),
        applied_on=None if first_status == "saved" else days_ago(first_ago),
    )
    for status, ago in steps[1:]:
        services.application_set_status(application=application, status=status, on=days_ago(ago))
    application.refresh_from_db()
    return application


def needs(owner, **kwargs):
    from journal.selectors import application_ids_reflected

    since = TODAY - timedelta(days=selectors.REFLECT_WITHIN_DAYS - 1)
    reflected = application_ids_reflected(user=owner, since=since)
    return selectors.needs_you(user=owner, reflected=reflected, **kwargs)


def listed(result) -> list[tuple[str, str, int]]:
    return [(item.kind, item.application.company, item.days) for item in result.items]


# --- gone quiet ---------------------------------------------------------------------------


def test_an_application_is_quiet_on_the_day_its_threshold_passes(owner):
    app(owner, "Exactly21", ("applied", 21))
    app(owner, "Only20", ("applied", 20))
    assert listed(needs(owner)) == [("quiet", "Exactly21", 21)]


def test_each_status_has_its_own_threshold(owner):
    app(owner, "Screen14", ("applied", 40), ("screening", 14))
    app(owner, "Screen13", ("applied", 40), ("screening", 13))
    app(owner, "Interview21", ("applied", 40), ("interviewing", 21))
    app(owner, "Interview20", ("applied", 40), ("interviewing", 20))
    # Longest without news first.
    assert listed(needs(owner)) == [("quiet", "Interview21", 21), ("quiet", "Screen14", 14)]


def test_an_interview_still_to_come_is_not_quiet(owner):
    waiting = app(owner, "Booked", ("applied", 60), ("interviewing", 30))
    InterviewFactory(user=owner, application=waiting, scheduled_at=timezone_at(TODAY, 14))
    assert needs(owner).items == []


def timezone_at(day: date, hour: int) -> datetime:
    """`hour` o'clock on `day` where the test's people live."""
    here = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime(day.year, day.month, day.day, hour, tzinfo=here)


def test_thresholds_come_from_settings(owner):
    app(owner, "Applied25", ("applied", 25))
    TrackerPreferences.objects.create(
        user=owner, quiet_after_applied=30, quiet_after_screening=7, quiet_after_interview=10
    )
    app(owner, "Screen7", ("applied", 40), ("screening", 7))
    assert listed(needs(owner)) == [("quiet", "Screen7", 7)]
    quiet = needs(owner).items[0]
    assert quiet.threshold == 7


def test_still_waiting_hides_it_until_the_threshold_passes_again_from_that_day(owner):
    application = app(owner, "Patient", ("applied", 40))
    services.application_still_waiting(application=application, on=days_ago(20))
    assert needs(owner).items == []
    services.application_still_waiting(application=application, on=days_ago(21))
    assert listed(needs(owner)) == [("quiet", "Patient", 40)]


def test_closed_and_offered_applications_are_never_quiet(owner):
    app(owner, "Offer", ("applied", 90), ("offer", 60))
    app(owner, "Saved", ("saved", 90))
    app(owner, "OldNo", ("applied", 90), ("rejected", 60))
    assert needs(owner).items == []


# --- closed lately, no reflection ---------------------------------------------------------


def test_rejections_in_the_last_30_days_are_offered_a_reflection_newest_first(owner):
    app(owner, "Three", ("applied", 20), ("rejected", 3))
    app(owner, "Silent", ("applied", 40), ("no_response", 1))
    app(owner, "Day29", ("applied", 60), ("rejected", 29))
    app(owner, "Day30", ("applied", 60), ("rejected", 30))
    assert listed(needs(owner)) == [
        ("reflect", "Silent", 1),
        ("reflect", "Three", 3),
        ("reflect", "Day29", 29),
    ]


def test_the_offer_links_the_step_that_closed_it(owner):
    application = app(owner, "Acme", ("applied", 20), ("interviewing", 10), ("rejected", 2))
    item = needs(owner).items[0]
    rejection = StatusEvent.objects.get(application=application, status=Status.REJECTED)
    assert (item.kind, item.event_id) == ("reflect", rejection.pk)


def test_a_reflection_written_lately_or_a_draft_started_ends_the_offer(owner):
    written = app(owner, "Written", ("applied", 20), ("rejected", 5))
    ReflectionFactory(user=owner, application=written, on=days_ago(4))
    started = app(owner, "Started", ("applied", 20), ("rejected", 5))
    DraftFactory(user=owner, application=started)
    older = app(owner, "Older", ("applied", 90), ("rejected", 5))
    # A reflection from months ago is about something else.
    ReflectionFactory(user=owner, application=older, on=days_ago(60))
    assert listed(needs(owner)) == [("reflect", "Older", 5)]


def test_not_now_hides_the_offer_until_it_closes_again(owner):
    application = app(owner, "Acme", ("applied", 20), ("rejected", 5))
    services.application_reflection_dismiss(application=application)
    assert needs(owner).items == []
    services.application_reflection_restore(application=application)
    assert listed(needs(owner)) == [("reflect", "Acme", 5)]
    services.application_reflection_dismiss(application=application, on=days_ago(4))
    services.application_set_status(application=application, status="applied", on=days_ago(3))
    services.application_set_status(application=application, status="rejected", on=days_ago(1))
    assert listed(needs(owner)) == [("reflect", "Acme", 1)]


# --- feedback with no reply ---------------------------------------------------------------


def test_feedback_requests_sent_more_than_seven_days_ago_without_a_reply(owner):
    for company, sent in (("Eight", 8), ("Seven", 7), ("Twenty", 20)):
        application = app(owner, company, ("applied", 90), ("rejected", 60))
        feedback = FeedbackRequestFactory(user=owner, application=application)
        feedback_services.feedback_request_mark_sent(feedback=feedback, on=days_ago(sent))
    replied = app(owner, "Replied", ("applied", 90), ("rejected", 60))
    feedback = FeedbackRequestFactory(user=owner, application=replied)
    feedback_services.feedback_request_mark_sent(feedback=feedback, on=days_ago(30))
    feedback_services.feedback_request_record_reply(
        feedback=feedback, on=days_ago(2), text="Thanks."
    )
    result = needs(owner)
    # Waiting longest first.
    assert listed(result) == [("feedback", "Twenty", 20), ("feedback", "Eight", 8)]
    assert result.items[0].feedback_id is not None


def test_a_closed_application_still_waiting_for_feedback_is_two_things(owner):
    application = app(owner, "Both", ("applied", 40), ("rejected", 10))
    feedback = FeedbackRequestFactory(user=owner, application=application)
    feedback_services.feedback_request_mark_sent(feedback=feedback, on=days_ago(9))
    result = needs(owner)
    assert listed(result) == [("reflect", "Both", 10), ("feedback", "Both", 9)]


# --- order, limit and ownership -----------------------------------------------------------


def test_most_urgent_first_and_it_says_when_there_is_more(owner):
    app(owner, "Quiet", ("applied", 30))
    app(owner, "Closed", ("applied", 20), ("rejected", 2))
    application = app(owner, "Waiting", ("applied", 90), ("rejected", 60))
    feedback = FeedbackRequestFactory(user=owner, application=application)
    feedback_services.feedback_request_mark_sent(feedback=feedback, on=days_ago(10))
    everything = needs(owner)
    assert [item.kind for item in everything.items] == ["reflect", "feedback", "quiet"]
    assert not everything.more
    first_two = needs(owner, limit=2)
    assert [item.kind for item in first_two.items] == ["reflect", "feedback"]
    assert first_two.more and first_two.count == 2
    assert not needs(owner, limit=3).more


def test_only_the_persons_own_applications(owner, stranger):
    app(stranger, "NotYours", ("applied", 30))
    app(stranger, "NotYoursEither", ("applied", 20), ("rejected", 2))
    assert needs(owner).items == [] and not needs(owner).more


def test_needs_you_is_one_query_plus_the_settings(owner, django_assert_num_queries):
    app(owner, "Quiet", ("applied", 30))
    app(owner, "Closed", ("applied", 20), ("rejected", 2))
    with django_assert_num_queries(2):
        selectors.needs_you(user=owner, reflected=[1, 2])


# --- the dashboard's counts ---------------------------------------------------------------


def test_dashboard_counts_agree_with_the_pipeline_and_the_weekly_goal(owner):
    # Monday 15 June: this week is 15–21 June, the one before 8–14 June.
    app(owner, "ThisWeek", ("applied", 0))
    app(owner, "LastWeekSunday", ("applied", 1))
    app(owner, "LastWeekMonday", ("applied", 7), ("screening", 2))
    app(owner, "TwoWeeksAgo", ("applied", 8), ("rejected", 3))
    app(owner, "Saved", ("saved", 0))
    WeeklyGoalFactory(user=owner, week_start=days_ago(7), target=2)
    counts = selectors.dashboard_counts(user=owner)
    assert {s.value: n for s, n in counts.pipeline.steps} == {
        "saved": 1,
        "applied": 2,
        "screening": 1,
        "interviewing": 0,
        "offer": 0,
    }
    assert counts.pipeline.total == 5
    assert counts.pipeline.rejected_lately == 1
    assert [(w.week_start, w.applied, w.target) for w in counts.weeks[-3:]] == [
        (days_ago(14), 1, None),
        (days_ago(7), 2, 2),
        (TODAY, 1, 2),
    ]
    assert counts.weeks[-2].met and not counts.this_week.met
    assert counts.this_week.percent == 50
    # The same numbers as the older, separate selectors.
    assert counts.pipeline == selectors.application_pipeline(user=owner)
    assert counts.weeks == selectors.weekly_progress(user=owner)


def test_dashboard_counts_are_one_query(owner, django_assert_num_queries):
    app(owner, "One", ("applied", 0))
    with django_assert_num_queries(1):
        selectors.dashboard_counts(user=owner)


def test_due_follow_ups_and_their_count_in_one_query(owner, django_assert_num_queries):
    from tests.tracker.factories import FollowUpFactory

    for ago in (0, 1, 2):
        FollowUpFactory(user=owner, due_on=days_ago(ago))
    FollowUpFactory(user=owner, due_on=TODAY + timedelta(days=1))
    with django_assert_num_queries(1):
        due, count = selectors.followup_due_counted(user=owner, limit=2)
    assert count == 3
    assert [f.due_on for f in due] == [days_ago(2), days_ago(1)]
    assert selectors.followup_due_counted(user=owner, today=days_ago(5)) == ([], 0)


# --- the actions, from the dashboard ---------------------------------------------------------


def htmx(client, url: str):
    return client.post(url, {}, HTTP_HX_REQUEST="true")


def test_mark_as_no_response_records_a_dated_step_and_offers_a_reflection(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30))
    response = htmx(owner_client, reverse("tracker:application_no_response", args=[application.pk]))
    page = text(response.content.decode())
    assert "Closed Analyst at Acme as “No response”, dated 15 June." in page
    assert "Write a few lines about it" in page and "Undo" in page
    assert set(json.loads(response["HX-Trigger"])) == {"applicationChanged"}
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE
    step = application.events.order_by("-id").first()
    assert (step.status, step.happened_on) == (Status.NO_RESPONSE, TODAY)
    # The offer to reflect now takes its place on the list.
    assert listed(needs(owner)) == [("reflect", "Acme", 0)]


def test_undoing_no_response_puts_it_back_where_it_was(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30))
    change = services.application_mark_no_response(application=application)
    response = htmx(
        owner_client,
        reverse("tracker:application_no_response_undo", args=[application.pk, change.event.pk]),
    )
    assert "Took back “No response”: Acme is “Applied” again." in text(response.content.decode())
    assert set(json.loads(response["HX-Trigger"])) == {"applicationChanged", "needsYouChanged"}
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not application.events.filter(status=Status.NO_RESPONSE).exists()


def test_the_undo_only_takes_back_a_no_response_step(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30), ("screening", 20))
    screen = application.events.get(status=Status.SCREENING)
    url = reverse("tracker:application_no_response_undo", args=[application.pk, screen.pk])
    assert htmx(owner_client, url).status_code == 404
    assert application.events.filter(pk=screen.pk).exists()


def test_an_application_that_moved_on_is_not_closed(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30), ("offer", 2))
    response = htmx(owner_client, reverse("tracker:application_no_response", args=[application.pk]))
    assert "is “Offer” now, so there is nothing to close" in text(response.content.decode())
    application.refresh_from_db()
    assert application.status == Status.OFFER


def test_not_now_and_its_undo(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30), ("rejected", 2))
    response = htmx(owner_client, reverse("tracker:application_not_now", args=[application.pk]))
    assert "Hidden for now: a reflection on Analyst at Acme." in text(response.content.decode())
    assert needs(owner).items == []
    response = htmx(
        owner_client, reverse("tracker:application_not_now_undo", args=[application.pk])
    )
    assert "Back on your list: Analyst at Acme." in text(response.content.decode())
    assert set(json.loads(response["HX-Trigger"])) == {"needsYouChanged"}
    assert listed(needs(owner)) == [("reflect", "Acme", 2)]


def test_still_waiting_and_its_undo_never_change_the_status(owner_client, owner):
    application = app(owner, "Acme", ("applied", 30))
    response = htmx(
        owner_client, reverse("tracker:application_still_waiting", args=[application.pk])
    )
    assert "Still waiting on Acme." in text(response.content.decode())
    assert needs(owner).items == []
    htmx(owner_client, reverse("tracker:application_still_waiting_undo", args=[application.pk]))
    assert listed(needs(owner)) == [("quiet", "Acme", 30)]
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_without_javascript_the_actions_go_back_to_the_dashboard_with_a_message(
    owner_client, owner
):
    application = app(owner, "Acme", ("applied", 30))
    response = owner_client.post(
        reverse("tracker:application_still_waiting", args=[application.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Still waiting on Acme." in text(response.content.decode())


@pytest.mark.parametrize(
    "name",
    [
        "tracker:application_not_now",
        "tracker:application_not_now_undo",
        "tracker:application_still_waiting",
        "tracker:application_still_waiting_undo",
        "tracker:application_no_response",
    ],
)
def test_another_persons_application_is_a_404_and_anonymous_visitors_log_in(
    client, owner, stranger, name
):
    application = app(owner, "Acme", ("applied", 30))
    url = reverse(name, args=[application.pk])
    assert client.post(url).status_code == 302
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert application.still_waiting_on is None and application.needs_you_dismissed_on is None
