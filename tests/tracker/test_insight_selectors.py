"""The numbers behind Insights, each checked against a small history worked out by hand.

Every selector takes the day it counts up to, so these tests pass `TODAY` and
never depend on the day they run.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from tests.tracker.factories import (
    ApplicationFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    StatusEventFactory,
)
from tracker import insight_selectors as insights
from tracker.models import FeedbackRequest, RejectionChannel, RejectionStage, Source, Status

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
LAST_90 = TODAY - dt.timedelta(days=89)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def sent(user, on: dt.date, *steps, source: str = "", applied_on=...) -> object:
    """An application sent on `on`, then each step as (status, days after sending, fields)."""
    application = ApplicationFactory(
        user=user,
        applied_on=on if applied_on is ... else applied_on,
        status_changed_on=on,
        source=source,
    )
    for status, after, *fields in steps:
        StatusEventFactory(
            application=application,
            status=status,
            happened_on=on + dt.timedelta(days=after),
            **(fields[0] if fields else {}),
        )
    return application


def rejected(stage: str = "", channel: str = RejectionChannel.EMAIL, reason: str = "") -> dict:
    return {"rejection_stage": stage, "rejection_channel": channel, "rejection_reason": reason}


# --- the median --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "median"),
    [
        ({}, None),
        ({3: 1}, 3),
        ({1: 1, 5: 1}, 3),
        ({2: 2, 9: 1}, 2),
        ({1: 1, 2: 1, 3: 1, 10: 1}, 2.5),
        ({0: 3, 4: 1, 7: 2}, 2),  # 0 0 0 4 7 7: the middle two are 0 and 4
    ],
)
def test_the_median_is_read_from_a_histogram(counts, median):
    assert insights.median_from_counts(counts) == median


# --- the funnel -------------------------------------------------------------------------------


def test_the_funnel_counts_how_far_each_application_got_from_its_history(owner):
    on = days_ago(30)
    # Interviewed, then rejected: it still reached the interview.
    sent(
        owner,
        on,
        (Status.SCREENING, 3),
        (Status.INTERVIEWING, 8),
        (Status.REJECTED, 15, rejected(RejectionStage.TECHNICAL)),
    )
    sent(owner, on, (Status.REJECTED, 5, rejected(RejectionStage.APPLICATION)))  # a reply
    sent(owner, on, (Status.NO_RESPONSE, 30))  # silence is not a reply
    sent(owner, on, (Status.REJECTED, 20, rejected(channel=RejectionChannel.NO_REPLY)))
    sent(owner, on, (Status.OFFER, 12))
    booked = sent(owner, on)  # an interview booked without a status change
    InterviewFactory(
        user=owner,
        application=booked,
        scheduled_at=timezone.make_aware(
            dt.datetime.combine(on + dt.timedelta(days=9), dt.time(10))
        ),
    )
    sent(owner, on, (Status.WITHDRAWN, 2))

    funnel = insights.funnel(user=owner, since=LAST_90, today=TODAY)

    assert funnel.stages == [("Applied", 7), ("Heard back", 4), ("Interview", 3), ("Offer", 1)]
    assert funnel.rates == [None, 57, 75, 33]  # 4/7, 3/4, 1/3
    assert funnel.reply_rate == 57


def test_a_rejection_after_an_offer_counts_as_reaching_the_offer(owner):
    sent(owner, days_ago(10), (Status.REJECTED, 5, rejected(RejectionStage.AFTER_OFFER)))
    funnel = insights.funnel(user=owner, since=LAST_90, today=TODAY)
    assert funnel.stages == [("Applied", 1), ("Heard back", 1), ("Interview", 1), ("Offer", 1)]


def test_the_funnel_counts_applications_sent_in_the_period_only(owner, stranger):
    sent(owner, days_ago(10))
    sent(owner, days_ago(89))  # the first day of the last 90
    sent(owner, days_ago(90))  # one day before it
    sent(stranger, days_ago(10))  # someone else's
    assert insights.funnel(user=owner, since=LAST_90, today=TODAY).applied == 2
    assert insights.funnel(user=owner, since=None, today=TODAY).applied == 3


def test_an_application_without_a_date_applied_is_dated_by_its_first_step(owner):
    sent(owner, days_ago(5), (Status.SCREENING, 1), applied_on=None)
    funnel = insights.funnel(user=owner, since=LAST_90, today=TODAY)
    assert (funnel.applied, funnel.replied) == (1, 1)


def test_days_to_the_first_reply_are_the_median_of_whole_days(owner):
    for wait in (2, 4, 6, 8, 10):
        sent(owner, days_ago(40), (Status.SCREENING, wait), (Status.INTERVIEWING, wait + 9))
    funnel = insights.funnel(user=owner, since=LAST_90, today=TODAY)
    assert funnel.median_days_to_reply == 6


def test_fewer_than_five_replies_are_too_few_for_a_usual_wait(owner):
    for wait in (2, 4, 6, 8):
        sent(owner, days_ago(40), (Status.SCREENING, wait))
    sent(owner, days_ago(40))
    funnel = insights.funnel(user=owner, since=LAST_90, today=TODAY)
    assert funnel.replied == 4
    assert funnel.median_days_to_reply is None


def test_sources_with_fewer_than_five_applications_are_counted_together(owner):
    for wait in (1, 2, 3, 4, 5):
        sent(owner, days_ago(20), (Status.SCREENING, wait), source=Source.LINKEDIN)
    sent(owner, days_ago(20), (Status.SCREENING, 7), source=Source.REFERRAL)
    sent(owner, days_ago(20), source=Source.REFERRAL)
    sent(owner, days_ago(20), source=Source.JOB_BOARD)

    sources = {s.label: s for s in insights.funnel(user=owner, since=LAST_90, today=TODAY).sources}

    assert set(sources) == {"LinkedIn", "Other sources"}
    linkedin, other = sources["LinkedIn"], sources["Other sources"]
    assert (linkedin.applied, linkedin.replied, linkedin.rate, linkedin.median_days) == (
        5,
        5,
        100,
        3,
    )
    assert (other.applied, other.replied, other.rate, other.median_days) == (3, 1, 33, None)


# --- rejections by stage ------------------------------------------------------------------------


def test_rejections_fall_into_the_stage_they_came_at(owner):
    on = days_ago(60)
    sent(owner, on, (Status.NO_RESPONSE, 30))
    # Noted as after a technical interview, but it never came: a silence, counted once.
    sent(
        owner,
        on,
        (Status.REJECTED, 9, rejected(RejectionStage.TECHNICAL, RejectionChannel.NO_REPLY)),
    )
    sent(owner, on, (Status.REJECTED, 4, rejected(RejectionStage.APPLICATION)))
    sent(owner, on, (Status.REJECTED, 5, rejected(RejectionStage.RECRUITER_SCREEN)))
    sent(owner, on, (Status.REJECTED, 6, rejected(RejectionStage.ASSESSMENT)))
    sent(owner, on, (Status.REJECTED, 7, rejected(RejectionStage.TECHNICAL)))
    sent(owner, on, (Status.REJECTED, 8, rejected(RejectionStage.ONSITE)))
    sent(owner, on, (Status.REJECTED, 9, rejected(RejectionStage.FINAL)))
    sent(owner, on, (Status.REJECTED, 10, rejected(RejectionStage.AFTER_OFFER)))
    sent(owner, on, (Status.REJECTED, 11, rejected()))
    sent(owner, days_ago(200), (Status.REJECTED, 1, rejected(RejectionStage.FINAL)))  # earlier

    history = insights.history_by_day(user=owner, since=LAST_90, today=TODAY)

    assert history.rejections == {
        "no_reply": 2,
        "application": 1,
        "screen": 2,
        "interview": 2,
        "final": 1,
        "offer": 1,
        "unknown": 1,
    }
    assert sum(day.applied for day in history.days) == 10
    assert insights.history_by_day(user=owner, since=None, today=TODAY).rejections["final"] == 2


def test_the_history_is_counted_by_day(owner):
    on = days_ago(20)
    sent(owner, on, (Status.OFFER, 3))
    sent(owner, on, (Status.REJECTED, 3, rejected(RejectionStage.FINAL)))
    days = {
        day.on: day for day in insights.history_by_day(user=owner, since=LAST_90, today=TODAY).days
    }
    assert days[on].applied == 2
    later = days[on + dt.timedelta(days=3)]
    assert (later.offers, later.rejected, later.rejections) == (1, 1, {"final": 1})


def test_the_reasons_given_are_listed_newest_first_with_how_many_there_were(owner, stranger):
    sent(
        owner,
        days_ago(30),
        (Status.REJECTED, 1, rejected(RejectionStage.APPLICATION, reason="Filled internally.")),
    )
    sent(
        owner,
        days_ago(30),
        (Status.REJECTED, 5, rejected(RejectionStage.FINAL, reason="More experience.")),
    )
    sent(owner, days_ago(30), (Status.REJECTED, 6, rejected(RejectionStage.FINAL)))  # no reason
    sent(stranger, days_ago(30), (Status.REJECTED, 7, rejected(reason="Not yours.")))

    reasons, total = insights.rejection_reasons(user=owner, since=LAST_90, today=TODAY, limit=1)

    assert total == 2
    assert [(r.reason, r.stage) for r in reasons] == [("More experience.", "Final round")]


def test_no_reasons_at_all(owner):
    assert insights.rejection_reasons(user=owner, since=None, today=TODAY) == ([], 0)


# --- interviews and feedback --------------------------------------------------------------------


def test_interviews_are_counted_on_the_day_they_happen(owner, stranger):
    application = sent(owner, days_ago(30))
    for day, hour in (
        (days_ago(20), 9),
        (days_ago(20), 15),
        (days_ago(3), 11),
        (days_ago(120), 10),
    ):
        InterviewFactory(
            user=owner,
            application=application,
            scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour))),
        )
    other = sent(stranger, days_ago(30))
    InterviewFactory(
        user=stranger,
        application=other,
        scheduled_at=timezone.make_aware(dt.datetime.combine(days_ago(3), dt.time(9))),
    )
    assert insights.interviews_by_day(user=owner, since=LAST_90, today=TODAY) == {
        days_ago(20): 2,
        days_ago(3): 1,
    }


def interview_at(user, application, moment: dt.datetime) -> None:
    InterviewFactory(user=user, application=application, scheduled_at=moment)


def test_interviews_fall_on_the_day_of_the_persons_zone_at_a_steady_offset(owner):
    application = sent(owner, days_ago(30))
    utc = dt.UTC
    day = days_ago(10)
    # Kolkata is 5 h 30 ahead all year: 18:29 UTC is 23:59 there, 18:30 the next day.
    interview_at(owner, application, dt.datetime.combine(day, dt.time(18, 29), utc))
    interview_at(owner, application, dt.datetime.combine(day, dt.time(18, 30), utc))
    interview_at(owner, application, dt.datetime.combine(day, dt.time(0, 0), utc))
    with timezone.override(zoneinfo.ZoneInfo("Asia/Kolkata")):
        counted = insights.interviews_by_day(user=owner, since=LAST_90, today=TODAY)
    assert counted == {day: 2, day + dt.timedelta(days=1): 1}


def test_interviews_fall_on_the_day_of_the_persons_zone_when_the_clocks_change(owner):
    application = sent(owner, days_ago(100))
    utc = dt.UTC
    # London went from GMT to BST on 29 March 2026, inside the last 90 days.
    before, after = dt.date(2026, 3, 20), dt.date(2026, 4, 20)
    interview_at(owner, application, dt.datetime.combine(before, dt.time(23, 30), utc))  # 23:30
    interview_at(owner, application, dt.datetime.combine(after, dt.time(23, 30), utc))  # 00:30
    with timezone.override(zoneinfo.ZoneInfo("Europe/London")):
        counted = insights.interviews_by_day(user=owner, since=LAST_90, today=TODAY)
        assert insights.steady_offset(timezone.get_current_timezone(), LAST_90, TODAY) is None
    assert counted == {before: 1, after + dt.timedelta(days=1): 1}


def test_a_steady_offset_is_known_only_for_a_period_without_a_change_of_clocks():
    kolkata, london = zoneinfo.ZoneInfo("Asia/Kolkata"), zoneinfo.ZoneInfo("Europe/London")
    assert insights.steady_offset(kolkata, LAST_90, TODAY) == dt.timedelta(hours=5, minutes=30)
    assert insights.steady_offset(london, TODAY - dt.timedelta(days=29), TODAY) == dt.timedelta(
        hours=1
    )
    assert insights.steady_offset(london, LAST_90, TODAY) is None  # GMT, then BST
    assert insights.steady_offset(kolkata, None, TODAY) is None  # all time: not looked at


def reply(user, on: dt.date, themes: list[str]) -> None:
    application = sent(user, on - dt.timedelta(days=20))
    FeedbackRequestFactory(
        user=user,
        application=application,
        state=FeedbackRequest.State.REPLIED,
        sent_on=on - dt.timedelta(days=5),
        replied_on=on,
        themes=themes,
    )


def test_feedback_themes_are_counted_once_per_reply_recent_and_all_time(owner, stranger):
    reply(owner, days_ago(10), ["skills_gap", "communication"])
    reply(owner, days_ago(10), ["skills_gap"])
    reply(owner, days_ago(50), ["experience_level", "skills_gap"])
    reply(owner, days_ago(200), ["experience_level"])
    reply(stranger, days_ago(10), ["culture_fit"])
    FeedbackRequestFactory(  # waiting for a reply: no themes yet
        user=owner,
        application=sent(owner, days_ago(30)),
        state=FeedbackRequest.State.SENT,
        sent_on=days_ago(25),
    )

    replies = insights.feedback_replies(
        user=owner, since=TODAY - dt.timedelta(days=29), today=TODAY
    )

    assert replies.recent.replies == 3
    assert replies.recent.themes == [
        ("Skills gap", 3),
        ("Communication", 1),
        ("Experience level", 1),
    ]
    assert replies.all_time.replies == 4
    assert replies.all_time.themes == [
        ("Skills gap", 3),
        ("Experience level", 2),
        ("Communication", 1),
    ]
    assert replies.by_day == {days_ago(10): 2}  # only the period picked


def test_the_feedback_page_and_insights_agree_on_the_last_90_days(owner):
    from tracker.feedback import selectors as feedback_selectors
    from tracker.feedback import services as feedback_services

    today = timezone.localdate()
    for days_ago in (89, 90):
        request = FeedbackRequestFactory(user=owner)
        feedback_services.feedback_request_mark_sent(
            feedback=request, on=today - dt.timedelta(days=days_ago + 5)
        )
        feedback_services.feedback_request_record_reply(
            feedback=request,
            on=today - dt.timedelta(days=days_ago),
            text="Thank you.",
            themes=["skills_gap"],
        )
    page = feedback_selectors.feedback_stats(user=owner, today=today)
    replies = insights.feedback_replies(user=owner, since=None, today=today)
    assert sum(n for _, n in page.themes_recent) == 1
    assert replies.recent.replies == 1
