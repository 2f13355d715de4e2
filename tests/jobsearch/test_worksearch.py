"""The work-search record: what counts, the different-days rule, the weeks, the CSV,
and the page for its owner, someone else and a visitor who is not logged in."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from jobsearch.worksearch import WeekRecord, record_csv, record_weeks, work_search_record
from tests.html import text
from tests.journal.factories import ReflectionFactory
from tests.tracker.factories import (
    ActivityFactory,
    ApplicationFactory,
    ContactFactory,
    InterviewFactory,
    StatusEventFactory,
)
from tracker import services
from tracker.activities.selectors import RecordEntry, record_entries
from tracker.models import Activity, ContactMethod, Interview, Source, Status, TrackerPreferences
from tracker.services import week_start

pytestmark = pytest.mark.django_db

# A Wednesday; its week (from Monday) runs from the 16th to the 22nd.
TODAY = dt.date(2026, 11, 18)
MON = dt.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def pinned_clock():
    """Noon on TODAY wherever the test run's zone is, so "today" is TODAY there too."""
    noon = dt.datetime.combine(TODAY, dt.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(noon, tick=False):
        yield


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _entry(day: dt.date, organisation: str = "Acme") -> RecordEntry:
    return RecordEntry(on=day, kind="Application", organisation=organisation)


# --- week_start keeps its old meaning, and takes any first day -------------------------


def test_a_week_starts_on_monday_unless_told_otherwise():
    assert week_start(TODAY) == MON
    assert week_start(MON) == MON
    assert week_start(TODAY, first_day=6) == dt.date(2026, 11, 15)  # the Sunday before
    assert week_start(TODAY, first_day=2) == TODAY  # a Wednesday week starts today
    assert week_start(TODAY, first_day=3) == dt.date(2026, 11, 12)  # last Thursday


# --- what counts as an activity --------------------------------------------------------


def test_an_application_counts_on_its_date_applied_with_the_details_a_form_asks_for(owner):
    recruiter = ContactFactory(user=owner, name="Sam Reyes", phone="0123 456")
    application = ApplicationFactory(
        user=owner,
        company="Acme",
        role="Data analyst",
        job_url="https://acme.example/jobs/1",
        applied_on=MON,
        status_changed_on=MON,
    )
    application.contacts.add(recruiter)
    [entry] = record_entries(user=owner, start=MON, end=TODAY)
    assert entry.on == MON
    assert entry.kind == "Application"
    assert entry.organisation == "Acme"
    assert entry.position == "Data analyst"
    assert entry.place == "https://acme.example/jobs/1"
    assert entry.person == "Sam Reyes"
    assert entry.phone == "0123 456"
    assert entry.method == "Online"
    assert entry.outcome == "Waiting to hear back"


def test_an_application_through_a_recruiter_went_by_email(owner):
    ApplicationFactory(user=owner, source=Source.RECRUITER, applied_on=MON, location="Leeds")
    [entry] = record_entries(user=owner, start=MON, end=TODAY)
    assert entry.method == "Email"
    assert entry.place == "Leeds"  # no job link: where the job is


def test_the_outcome_so_far_is_where_the_application_is_now(owner):
    application = services.application_create(
        user=owner, company="Acme", role="Analyst", applied_on=MON - dt.timedelta(days=7)
    )
    services.application_set_status(application=application, status=Status.REJECTED, on=MON)
    [entry] = record_entries(
        user=owner, start=MON - dt.timedelta(days=7), end=MON - dt.timedelta(1)
    )
    assert entry.outcome == "Not successful"


def test_screening_calls_and_interviews_that_took_place_count_and_future_ones_do_not(owner):
    application = ApplicationFactory(user=owner, applied_on=MON - dt.timedelta(days=20))
    StatusEventFactory(application=application, status=Status.SCREENING, happened_on=MON)
    InterviewFactory(application=application, scheduled_at=_at(TODAY, 9), kind=Interview.Kind.PHONE)
    InterviewFactory(application=application, scheduled_at=_at(TODAY, 15))  # this afternoon
    entries = record_entries(user=owner, start=MON, end=TODAY + dt.timedelta(days=3))
    assert [(e.on, e.kind, e.method) for e in entries] == [
        (MON, "Screening call", "Phone"),
        (TODAY, "Phone interview", "Phone"),
    ]


def test_an_interview_is_listed_once_even_with_its_interviewing_step_that_day(owner):
    application = ApplicationFactory(user=owner, applied_on=MON - dt.timedelta(days=20))
    StatusEventFactory(application=application, status=Status.INTERVIEWING, happened_on=MON)
    InterviewFactory(application=application, scheduled_at=_at(MON), kind=Interview.Kind.ONSITE)
    StatusEventFactory(application=application, status=Status.INTERVIEWING, happened_on=TODAY)
    entries = record_entries(user=owner, start=MON, end=TODAY)
    assert [(e.on, e.kind, e.method) for e in entries] == [
        (MON, "On-site interview", "In person"),
        (TODAY, "Interview", ""),  # a step with no interview recorded: how is not known
    ]


def test_an_activity_linked_to_an_application_that_day_takes_its_place_no_double_entry(owner):
    application = ApplicationFactory(user=owner, company="Acme", role="Analyst", applied_on=MON)
    ActivityFactory(
        user=owner,
        application=application,
        happened_on=MON,
        kind=Activity.Kind.OTHER,
        organisation="Acme",
        method=ContactMethod.POST,
        person="Ms Jones",
    )
    [entry] = record_entries(user=owner, start=MON, end=TODAY)
    assert entry.method == "Post"
    assert entry.person == "Ms Jones"
    assert entry.position == "Analyst"
    assert entry.outcome == "Waiting to hear back"  # the application's, as none was typed
    assert entry.activity_id is not None


def test_an_activity_about_an_application_on_another_day_is_an_activity_of_its_own(owner):
    application = ApplicationFactory(user=owner, applied_on=MON)
    ActivityFactory(
        user=owner,
        application=application,
        happened_on=TODAY,
        kind=Activity.Kind.RECRUITER_CALL,
        outcome="They will call back on Friday.",
    )
    entries = record_entries(user=owner, start=MON, end=TODAY)
    assert [(e.on, e.kind, e.outcome) for e in entries] == [
        (MON, "Application", "Waiting to hear back"),
        (TODAY, "Call with a recruiter", "They will call back on Friday."),
    ]


def test_only_the_persons_own_things_in_the_period_count(owner, stranger):
    ApplicationFactory(user=stranger, applied_on=MON)
    ActivityFactory(user=stranger, happened_on=MON)
    ApplicationFactory(user=owner, applied_on=MON - dt.timedelta(days=1))
    ApplicationFactory(user=owner, applied_on=None, status=Status.SAVED)
    assert record_entries(user=owner, start=MON, end=TODAY) == []


# --- the different-days rule -----------------------------------------------------------


def test_a_week_meets_the_target_with_that_many_activities_on_that_many_days():
    week = WeekRecord(
        start=MON,
        target=3,
        entries=[_entry(MON), _entry(TODAY), _entry(MON + dt.timedelta(days=4))],
    )
    assert week.met and not week.below
    assert week.status == "3 activities on 3 different days."


def test_many_activities_on_too_few_days_fall_short_and_say_so_kindly():
    week = WeekRecord(
        start=MON,
        target=3,
        entries=[_entry(MON), _entry(MON, "Beta"), _entry(TODAY), _entry(TODAY, "Gamma")],
    )
    assert week.days == 2
    assert not week.met and week.below
    assert week.status == "2 of 3 on different days (4 activities)."


def test_an_empty_week_is_below_a_target_and_meets_no_target_at_all():
    assert WeekRecord(start=MON, target=3).status == (
        "No activities recorded: 0 of 3 on different days."
    )
    no_target = WeekRecord(start=MON, target=0)
    assert not no_target.below and not no_target.met
    assert no_target.status == "No activities recorded."
    one = WeekRecord(start=MON, target=0, entries=[_entry(MON)])
    assert one.status == "1 activity on 1 day."


def test_a_week_still_going_or_cut_by_the_period_is_not_marked_below():
    going = WeekRecord(start=MON, target=3, entries=[_entry(MON)], ongoing=True)
    assert not going.below
    assert going.status == "This week is still going: 1 of 3 on different days so far."
    cut = WeekRecord(start=MON, target=3, entries=[_entry(MON)], partial=True)
    assert not cut.below
    assert "Only part of this week is in the period" in cut.status


# --- grouping into weeks ---------------------------------------------------------------


def test_weeks_run_from_the_chosen_first_day_and_empty_weeks_are_kept():
    start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 14)  # a Sunday to a Saturday
    entries = [
        _entry(dt.date(2026, 11, 2)),
        _entry(dt.date(2026, 11, 3)),
        _entry(dt.date(2026, 10, 31)),
    ]
    weeks = record_weeks(entries, start=start, end=end, first_day=6, target=2, today=TODAY)
    assert [w.start for w in weeks] == [dt.date(2026, 11, 1), dt.date(2026, 11, 8)]
    assert [len(w.entries) for w in weeks] == [2, 0]  # the 31st is before the period
    assert weeks[0].met and weeks[1].below
    assert not weeks[0].partial and not weeks[1].partial


def test_with_monday_weeks_the_same_period_cuts_two_weeks_short():
    start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 14)
    weeks = record_weeks([], start=start, end=end, first_day=0, target=2, today=TODAY)
    assert [w.start for w in weeks] == [
        dt.date(2026, 10, 26),
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 9),
    ]
    assert [w.partial for w in weeks] == [True, False, True]
    assert [w.below for w in weeks] == [False, True, False]


def test_the_record_uses_the_persons_settings_and_name(owner):
    owner.first_name, owner.last_name = "Ada", "Lovelace"
    owner.save()
    TrackerPreferences.objects.create(user=owner, week_starts_on=6, record_target=1)
    ApplicationFactory(user=owner, applied_on=dt.date(2026, 11, 8))
    record = work_search_record(user=owner, start=dt.date(2026, 11, 8), end=dt.date(2026, 11, 14))
    assert record.name == "Ada Lovelace"
    assert record.period == "8 November 2026 to 14 November 2026"
    assert [w.start for w in record.weeks] == [dt.date(2026, 11, 8)]
    assert record.summary == "1 activity in 1 week. Target met in 1 week."


# --- the CSV ---------------------------------------------------------------------------


def test_the_csv_has_one_row_per_activity_with_every_field_and_no_formulas(owner):
    ApplicationFactory(user=owner, company='=HYPERLINK("x")', role="Analyst", applied_on=MON)
    ActivityFactory(
        user=owner,
        happened_on=TODAY,
        kind=Activity.Kind.JOB_CLUB,
        organisation="Library job club",
        person="Kim",
        place="Riverside Library",
        phone="+44 20 7946 0000",
        outcome="Practised interviews",
        notes="Bring CVs",
    )
    content = record_csv(work_search_record(user=owner, start=MON, end=TODAY))
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows[0] == [
        "Week starting",
        "Date",
        "Activity",
        "Employer or organisation",
        "Address or website",
        "Phone",
        "Person contacted",
        "How",
        "Position",
        "Outcome so far",
        "Notes",
    ]
    assert rows[1][:4] == ["2026-11-16", "2026-11-16", "Application", '\'=HYPERLINK("x")']
    assert rows[2] == [
        "2026-11-16",
        "2026-11-18",
        "Job-club meeting",
        "Library job club",
        "Riverside Library",
        "'+44 20 7946 0000",
        "Kim",
        "In person",
        "",
        "Practised interviews",
        "Bring CVs",
    ]
    assert len(rows) == 3


# --- the page --------------------------------------------------------------------------


def _url(**query) -> str:
    from django.utils.http import urlencode

    return f"{reverse('worksearch')}?{urlencode(query)}" if query else reverse("worksearch")


def test_the_owner_sees_the_last_four_weeks_with_applications_and_activities(owner_client, owner):
    ApplicationFactory(user=owner, company="Acme", role="Analyst", applied_on=MON)
    ActivityFactory(user=owner, happened_on=TODAY, organisation="City Careers Fair")
    page = text(owner_client.get(_url()).content.decode())
    assert "Period: 26 October 2026 to 18 November 2026" in page
    assert "Made on 18 November 2026" in page
    assert "Acme" in page and "Position: Analyst" in page and "City Careers Fair" in page
    assert "Week of Monday 26 October 2026" in page
    assert "Below target No activities recorded: 0 of 3 on different days." in page
    assert "This week is still going: 2 of 3 on different days so far." in page
    assert (
        "2 activities in 4 weeks. Target met in 0 weeks, below it in 3. "
        "1 week is still going or only partly in this period."
    ) in page


def test_another_persons_things_never_show(client, owner, stranger):
    ApplicationFactory(user=owner, company="Owner Corp", applied_on=MON)
    ActivityFactory(user=owner, organisation="Owner's Fair", happened_on=MON)
    client.force_login(stranger)
    response = client.get(_url())
    assert response.status_code == 200
    assert "Owner Corp" not in response.content.decode()
    assert "Owner" not in client.get(_url(format="csv")).content.decode()


def test_a_visitor_who_is_not_logged_in_is_asked_to_log_in(client):
    for url in (_url(), _url(format="csv")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_csv_download_covers_the_period_asked_for(owner_client, owner):
    ApplicationFactory(user=owner, company="Acme", applied_on=MON)
    ApplicationFactory(user=owner, company="Too early", applied_on=MON - dt.timedelta(days=1))
    response = owner_client.get(_url(start="2026-11-16", end="2026-11-18", format="csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="work-search-record-2026-11-16-to-2026-11-18.csv"'
    )
    content = response.content.decode("utf-8-sig")
    assert "Acme" in content and "Too early" not in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-11-18", "end": "2026-11-01"}, "The end date is before the start date"),
        ({"start": "soon", "end": "2026-11-01"}, "Enter the first day as a real date"),
        ({"start": "2026-11-01", "end": "2026-02-30"}, "Enter the last day as a real date"),
        ({"start": "0001-01-01", "end": "2026-11-01"}, "between the years 1900 and 2100"),
        ({"start": "1990-01-01", "end": "2026-11-01"}, "up to five years at a time"),
        ({"end": "2026-11-01"}, "Choose the first day of the period."),
    ],
)
def test_a_period_that_makes_no_sense_is_explained_and_kept(owner_client, query, message):
    for extra in ({}, {"format": "csv"}):
        response = owner_client.get(_url(**query, **extra))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html and message in html
        assert html.count("Week of") == 0
        for value in query.values():
            assert f'value="{value}"' in html


def test_the_journal_never_appears_in_the_record(owner_client, owner):
    application = ApplicationFactory(user=owner, company="Acme", applied_on=MON)
    ReflectionFactory(
        user=owner,
        application=application,
        on=MON,
        automatic_thought="Private thought about Acme",
        reframe="Private reframe",
        body="Private account of the call",
    )
    page = owner_client.get(_url()).content.decode()
    download = owner_client.get(_url(format="csv")).content.decode()
    assert "Acme" in page and "Acme" in download
    for secret in ("Private thought", "Private reframe", "Private account"):
        assert secret not in page and secret not in download


def test_the_record_is_offered_from_the_applications_pages_and_settings(owner_client):
    for url in (reverse("tracker:application_list"), reverse("settings")):
        assert reverse("worksearch") in owner_client.get(url).content.decode()


def test_the_week_and_target_from_settings_shape_the_record(owner_client, owner):
    response = owner_client.post(
        reverse("settings"),
        {"form": "tracker", "week_starts_on": "6", "record_target": "2", "weekly_target": ""},
    )
    assert response.status_code == 302
    preferences = TrackerPreferences.objects.get(user=owner)
    assert (preferences.week_starts_on, preferences.record_target) == (6, 2)
    page = text(owner_client.get(_url(start="2026-11-15", end="2026-11-18")).content.decode())
    assert "Week of Sunday 15 November 2026" in page
    assert "Target: 2 activities a week, on different days. Weeks start on Sunday." in page


def test_settings_explain_a_target_beyond_a_week(owner_client, owner):
    response = owner_client.post(
        reverse("settings"), {"form": "tracker", "week_starts_on": "9", "record_target": "8"}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "A week has seven days: choose a target from 0 to 7." in html
    assert "Choose a day of the week." in html
    assert not TrackerPreferences.objects.filter(user=owner, record_target=8).exists()


def test_the_page_runs_the_same_few_queries_however_much_there_is(owner_client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(_url()).status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for n in range(count):
            application = ApplicationFactory(user=owner, applied_on=MON - dt.timedelta(days=n))
            application.contacts.add(ContactFactory(user=owner))
            StatusEventFactory(application=application, status=Status.SCREENING, happened_on=MON)
            InterviewFactory(application=application, scheduled_at=_at(MON, 9))
            ActivityFactory(user=owner, application=application, happened_on=TODAY)

    add(1)
    few = queries()
    add(10)
    assert queries() == few
    assert few <= 11, few


def test_an_application_saved_for_later_or_dated_ahead_is_not_claimed_as_sent(owner):
    ApplicationFactory(user=owner, company="Sent", applied_on=MON, status=Status.APPLIED)
    ApplicationFactory(user=owner, company="Saved", applied_on=MON, status=Status.SAVED)
    ApplicationFactory(
        user=owner, company="Ahead", applied_on=TODAY + dt.timedelta(days=2), status=Status.APPLIED
    )
    entries = record_entries(user=owner, start=MON, end=MON + dt.timedelta(days=6))
    assert [entry.organisation for entry in entries] == ["Sent"]
