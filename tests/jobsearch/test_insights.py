"""The Insights page: what a person reads there, whose data it shows, and what it costs."""

from __future__ import annotations

import datetime as dt
import re
from datetime import UTC

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from journal.models import Emotion
from tests.html import text
from tests.journal.factories import EntryFactory, ReflectionFactory, WinFactory
from tests.tracker.factories import (
    ApplicationFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    StatusEventFactory,
    WeeklyGoalFactory,
)
from tracker.models import FeedbackRequest, RejectionChannel, RejectionStage, Status

pytestmark = pytest.mark.django_db

URL = reverse("insights")


@pytest.fixture(autouse=True)
def pinned_clock():
    """The page counts back from today; pinning it keeps "the last 90 days" still."""
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC), tick=False):
        yield


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def application(user, sent: int, *steps, reason: str = ""):
    """Sent `sent` days ago, then each (status, days later[, rejection stage[, channel]])."""
    made = ApplicationFactory(
        user=user, applied_on=ago(sent), status_changed_on=ago(sent), company=f"Co {sent}"
    )
    for status, later, *rest in steps:
        stage, channel = (rest + ["", ""])[:2]
        StatusEventFactory(
            application=made,
            status=status,
            happened_on=ago(sent - later),
            rejection_stage=stage,
            rejection_channel=(channel or RejectionChannel.EMAIL)
            if status == Status.REJECTED
            else "",
            rejection_reason=reason if status == Status.REJECTED else "",
        )
    return made


def a_search(user) -> None:
    """Seven applications in the last 90 days, worked out by hand:
    heard back 6 (3 rejections by email, 2 screens, 1 interview), 1 interview, no offer;
    rejections: 3 after applying, 1 after an interview, 1 with no reply at all."""
    for sent in (60, 50, 40):
        application(
            user,
            sent,
            (Status.REJECTED, 5, RejectionStage.APPLICATION),
            reason="They chose someone with more years in the field.",
        )
    application(
        user,
        45,
        (Status.SCREENING, 4),
        (Status.INTERVIEWING, 10),
        (Status.REJECTED, 20, RejectionStage.TECHNICAL),
    )
    application(user, 30, (Status.NO_RESPONSE, 25))
    application(user, 20, (Status.SCREENING, 3))
    application(user, 10, (Status.SCREENING, 6))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_the_page_reads_the_search_in_words(owner_client, owner):
    a_search(owner)
    page = text(owner_client.get(URL).content.decode())
    assert (
        "The biggest drop comes after a reply, before an interview: 5 of the 6 that heard back "
        "have not had one so far."
    ) in page
    assert "Most rejections came after applying: 3 of 5." in page
    assert "6 of 7 applications heard back (86%)" in page
    assert "They chose someone with more years in the field." in page
    assert "3 of the 4 rejections in this period came with a reason" in page


def test_a_new_account_is_told_there_is_too_little_to_say(owner_client):
    page = text(owner_client.get(URL).content.decode())
    assert "0 applications sent in this period — too few to see where applications stop" in page
    assert "0 rejections in this period (silences included) — too few to see a pattern" in page
    assert "0 moods recorded in this period — too few to draw a line" in page
    assert "0 replies with feedback in the last 90 days" in page
    assert "0 reflections in this period noted a mood at the start and at the end" in page
    assert "<svg" not in owner_client.get(URL).content.decode()


def test_another_person_sees_only_their_own_insights(stranger_client, owner):
    a_search(owner)
    page = text(stranger_client.get(URL).content.decode())
    assert "0 applications sent in this period" in page
    assert "They chose someone with more years in the field." not in page
    assert "Co 60" not in page


def test_the_period_picker_counts_from_the_period_chosen(owner_client, owner):
    a_search(owner)
    application(owner, 200, (Status.SCREENING, 3))
    last_30 = owner_client.get(URL, {"period": "30"})
    assert 'aria-current="true">Last 30 days' in last_30.content.decode()
    assert "2 applications sent in this period — too few" in text(last_30.content.decode())
    everything = text(owner_client.get(URL, {"period": "all"}).content.decode())
    assert "7 of 8 applications heard back" in everything


@pytest.mark.parametrize(
    "period", ["7", "", "ALL", "30 ", "9" * 5000, "３０", "'; drop table", ["30", "all"]]
)
def test_any_other_period_falls_back_to_the_last_90_days(owner_client, owner, period):
    a_search(owner)
    response = owner_client.get(URL, {"period": period})
    assert response.status_code == 200
    html = response.content.decode()
    if period == ["30", "all"]:  # the last one given counts, as Django reads it
        assert 'aria-current="true">All time' in html
    else:
        assert 'aria-current="true">Last 90 days' in html


def test_only_get_is_allowed(owner_client):
    assert owner_client.post(URL).status_code == 405


def figures(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<figure class="chart[^"]*" id="([^"]+)".*?>(.*?)</figure>', html, re.S)
    )


def table_column(figure: str, index: int) -> list[str]:
    rows = re.findall(r"<tr>(.*?)</tr>", figure.split("<tbody>")[1], re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)[index] for row in rows]


def a_full_search(user) -> None:
    a_search(user)
    WeeklyGoalFactory(user=user, week_start=ago(70) - dt.timedelta(days=ago(70).weekday()))
    for days in range(0, 60, 3):
        EntryFactory(user=user, on=ago(days), mood=3 + days % 6)
    for before, after in ((2, 5), (3, 4), (4, 6), (5, 8), (3, 5)):
        ReflectionFactory(
            user=user,
            on=ago(before * 4),
            mood=before,
            mood_after=after,
            thinking_traps=["mind_reading", "labelling"] if before > 2 else ["labelling"],
        )
    WinFactory(user=user, on=ago(8))
    tired = Emotion.objects.create(user=user, name="tired")
    for entry in user.journal_entries.filter(kind="check_in")[:6]:
        entry.emotions.add(tired)
    made = application(user, 15, (Status.SCREENING, 2))
    InterviewFactory(
        user=user,
        application=made,
        scheduled_at=timezone.make_aware(dt.datetime.combine(ago(5), dt.time(10))),
    )
    for n, themes in enumerate((["skills_gap"], ["skills_gap", "communication"], ["other"] * 1)):
        FeedbackRequestFactory(
            user=user,
            application=application(user, 50 + n),
            state=FeedbackRequest.State.REPLIED,
            sent_on=ago(30),
            replied_on=ago(25 - n),
            themes=themes,
        )


def test_every_chart_shows_the_same_numbers_as_its_table(owner_client, owner):
    a_full_search(owner)
    html = owner_client.get(URL, {"period": "all"}).content.decode()
    drawn = {name: body for name, body in figures(html).items() if "<svg" in body}
    assert {"chart-funnel", "chart-rejections", "chart-response", "chart-weeks"} <= set(drawn)
    assert {"chart-timeline", "chart-traps", "chart-emotions"} <= set(drawn)
    for name, body in drawn.items():
        if name == "chart-timeline":
            points = [
                float(v)
                for v in re.findall(
                    r'<circle cx="[^"]+" cy="[^"]+" r="2.5" data-value="([^"]+)"', body
                )
            ]
            moods = [float(v) for v in table_column(body, 1) if v != "—"]
            assert points == moods and len(points) >= 5
            sent = sum(
                int(v)
                for v in re.findall(
                    r'chart__mark--sent" cx="[^"]+" cy="[^"]+" r="\d" data-value="(\d+)"', body
                )
            )
            assert sent == sum(int(v) for v in table_column(body, 2)) == 11
            continue
        bars = re.findall(r'<rect [^>]*data-value="([^"]+)"', body)
        assert bars == table_column(body, 1), name
        assert bars, name


def test_the_page_runs_the_same_few_queries_however_busy(
    owner_client, owner, django_assert_num_queries
):
    # session, user, funnel, history by day, reasons, interviews, feedback replies,
    # weeks + goals, moods by day, feelings, recovery
    with django_assert_num_queries(12):
        owner_client.get(URL)
    a_full_search(owner)
    for _ in range(3):
        a_search(owner)
    with django_assert_num_queries(12):
        owner_client.get(URL, {"period": "all"})


def test_the_mood_readings_are_in_words(owner_client, owner):
    a_full_search(owner)
    page = text(owner_client.get(URL, {"period": "all"}).content.decode())
    # Reflections 2→5, 3→4, 4→6, 5→8, 3→5: 17/5 before, 28/5 after.
    assert (
        "Writing a reflection lifted your mood by 2.2 on average, from 3.4 to 5.6 out of 10, "
        "across 5 reflections."
    ) in page
    assert "The trap you caught most often was labelling: in 5 of 5 reflections" in page
    assert "The feeling you named most was tired: in 6 of" in page


def test_a_tie_is_read_as_a_tie():
    from jobsearch.insights import ranked_figure

    figure = ranked_figure(
        id="t",
        title="Traps",
        items=[("Mind reading", 2), ("Labelling", 2), ("Catastrophising", 1)],
        base=6,
        noun="reflections",
        x_label="Reflections",
        y_label="Trap",
        lead="The trap you caught most often was",
        tie_lead="The traps you caught most often were",
        too_few="Too few.",
        names_in_lower_case=True,
    )
    assert figure.reading == (
        "The traps you caught most often were mind reading and labelling: each in 2 of 6 "
        "reflections."
    )


def test_the_commonest_stage_is_called_most_only_when_it_is_more_than_half():
    from jobsearch.insights import rejections_figure
    from tracker.insight_selectors import History, HistoryDay

    day = dt.date(2026, 6, 1)
    spread = History(
        days=[HistoryDay(on=day, rejections={"no_reply": 2, "application": 3, "interview": 2})]
    )
    assert rejections_figure(spread).reading == "Rejections came most often after applying: 3 of 7."
    tied = History(days=[HistoryDay(on=day, rejections={"screen": 3, "final": 3})])
    assert rejections_figure(tied).reading == (
        "Rejections came as often after a screen or assessment as after a final round: "
        "3 each, of 6."
    )


def test_the_week_under_way_has_not_missed_its_goal_yet():
    from datetime import date, timedelta

    from jobsearch.insights import weeks_figure
    from tracker.selectors import WeekProgress

    monday = date(2026, 6, 1)
    weeks = [WeekProgress(monday + timedelta(weeks=n), 3, 3) for n in range(11)]
    going = weeks + [WeekProgress(monday + timedelta(weeks=11), 3, 1)]
    reading = weeks_figure(going).reading
    assert "met your goal in 11 of the 11 weeks that had one (this week is still going)." in reading
    done = weeks + [WeekProgress(monday + timedelta(weeks=11), 3, 4)]
    assert "met your goal in 12 of the 12 weeks that had one." in weeks_figure(done).reading
