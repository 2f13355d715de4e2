from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.tracker.factories import ContactFactory, FollowUpFactory, InterviewFactory
from tracker import services
from tracker.models import FollowUp, RejectionStage, Status, StatusEvent, WeeklyGoal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_clock():
    """Several tests here name calendar dates (a goal set on a Wednesday, a
    contact last seen on 1 November); the suggestion rules measure them from
    today, so today is pinned too, to a day those dates make sense against."""
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), tick=True):
        yield


def make(owner, **fields):
    fields = {"company": "Acme", "role": "Data analyst", **fields}
    return services.application_create(user=owner, **fields)


def test_creating_an_application_records_its_first_step(owner):
    application = make(owner, applied_on=date(2026, 11, 2))
    assert application.status == Status.APPLIED
    assert [(e.status, e.happened_on) for e in application.events.all()] == [
        (Status.APPLIED, date(2026, 11, 2))
    ]
    assert application.last_activity_on == date(2026, 11, 2)


def test_creating_a_saved_application_leaves_the_date_applied_empty(owner):
    application = make(owner, status=Status.SAVED)
    assert application.status == Status.SAVED
    assert application.applied_on is None


def test_adding_one_already_interviewing_keeps_both_steps(owner):
    today = timezone.localdate()
    application = make(owner, status=Status.INTERVIEWING, applied_on=today - timedelta(days=20))
    assert [e.status for e in application.events.all()] == [Status.APPLIED, Status.INTERVIEWING]
    assert application.status == Status.INTERVIEWING


def test_company_and_role_are_tidied(owner):
    application = make(owner, company="  Acme   Corp ", role="Data\tanalyst")
    assert (application.company, application.role) == ("Acme Corp", "Data analyst")


def test_status_follows_the_latest_step_by_date_not_by_entry_order(owner):
    today = timezone.localdate()
    application = make(owner, applied_on=today - timedelta(days=10))
    services.application_set_status(application=application, status=Status.INTERVIEWING, on=today)
    services.application_set_status(
        application=application, status=Status.SCREENING, on=today - timedelta(days=5)
    )
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert application.status_changed_on == today


def test_a_rejection_keeps_its_stage_reason_and_channel(owner):
    application = make(owner)
    change = services.application_set_status(
        application=application,
        status=Status.REJECTED,
        stage=RejectionStage.FINAL,
        reason="Went with an internal candidate",
        channel="email",
    )
    event = StatusEvent.objects.get(pk=change.event.pk)
    assert (event.rejection_stage, event.rejection_reason, event.rejection_channel) == (
        "final",
        "Went with an internal candidate",
        "email",
    )


def test_rejection_details_are_dropped_for_other_steps(owner):
    application = make(owner)
    change = services.application_set_status(
        application=application, status=Status.SCREENING, stage="final", reason="x"
    )
    assert change.event.rejection_stage == "" and change.event.rejection_reason == ""


def test_an_unknown_status_is_refused(owner):
    application = make(owner)
    with pytest.raises(ValidationError):
        services.application_set_status(application=application, status="hired-ish")
    assert application.events.count() == 1


def test_taking_back_a_step_restores_the_status_before_it(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    services.status_event_delete(event=change.event)
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_the_first_step_cannot_be_taken_back(owner):
    application = make(owner)
    with pytest.raises(ValidationError):
        services.status_event_delete(event=application.events.get())


def test_correcting_a_steps_date_moves_the_status_date(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.SCREENING)
    services.status_event_update(event=change.event, on=date(2026, 1, 5), note="Recruiter call")
    application.refresh_from_db()
    assert application.status_changed_on == max(date(2026, 1, 5), application.applied_on)


def test_a_salary_range_must_run_low_to_high(owner):
    with pytest.raises(ValidationError, match="lowest salary"):
        make(owner, salary_min=90_000, salary_max=60_000)


def test_a_recorded_interview_counts_as_activity(owner):
    today = timezone.localdate()
    application = make(owner, applied_on=today - timedelta(days=30))
    services.interview_create(
        application=application, scheduled_at=timezone.now() - timedelta(days=2), kind="video"
    )
    application.refresh_from_db()
    assert application.last_activity_on == timezone.localdate(timezone.now() - timedelta(days=2))


# --- suggestions ------------------------------------------------------------------


def suggested(application, rule):
    return FollowUp.objects.filter(application=application, rule=rule)


def test_applying_suggests_a_check_in_a_week_later(owner):
    applied_on = timezone.localdate() - timedelta(days=3)
    application = make(owner, applied_on=applied_on)
    check_in = suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).get()
    assert check_in.due_on == applied_on + timedelta(days=7)
    assert check_in.kind == FollowUp.Kind.CHECK_IN
    assert "Acme" in check_in.title


def test_the_check_in_goes_when_the_status_moves_on(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.SCREENING)
    assert not suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).exists()
    assert change.withdrawn == 1


def test_a_done_check_in_stays_when_the_status_moves_on(owner):
    application = make(owner)
    services.followup_mark_done(
        followup=suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).get()
    )
    services.application_set_status(application=application, status=Status.SCREENING)
    assert suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).count() == 1


def check_in_of(application) -> FollowUp:
    return suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).get()


def edit(followup: FollowUp, **changes) -> None:
    """Save the follow-up as its edit form does: every field, some of them changed."""
    fields = {
        name: getattr(followup, name)
        for name in ("title", "due_on", "kind", "application", "contact", "notes")
    }
    services.followup_update(followup=followup, **{**fields, **changes})


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Ask Priya how the team is doing"},
        {"due_on": date(2026, 12, 10)},
        {"notes": "She said to write after the board meeting."},
    ],
    ids=["title", "date", "notes"],
)
def test_an_edited_check_in_stays_when_the_status_moves_on(owner, changes):
    application = make(owner)
    edit(check_in_of(application), **changes)
    change = services.application_set_status(application=application, status=Status.SCREENING)
    kept = check_in_of(application)
    assert all(getattr(kept, name) == value for name, value in changes.items())
    assert kept.done_at is None and change.withdrawn == 0


def test_a_check_in_saved_without_a_change_is_still_tidied_away(owner):
    application = make(owner)
    edit(check_in_of(application))
    services.application_set_status(application=application, status=Status.SCREENING)
    assert not suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).exists()


def test_an_untouched_check_in_goes_and_an_edited_one_on_another_application_stays(owner):
    untouched, edited = make(owner), make(owner, company="Globex")
    edit(check_in_of(edited), notes="Ask about the second round")
    for application in (untouched, edited):
        services.application_set_status(application=application, status=Status.REJECTED)
    assert not suggested(untouched, FollowUp.Rule.APPLIED_CHECK_IN).exists()
    assert check_in_of(edited).notes == "Ask about the second round"


def test_taking_back_a_step_keeps_the_suggestions_the_person_changed(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    edit(suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).get(), title="Ask Dana")
    services.status_event_delete(event=change.event)
    assert list(FollowUp.objects.filter(rule__startswith="rejection_").values_list("title")) == [
        ("Ask Dana",)
    ]


def test_an_edited_thank_you_keeps_its_date_and_outlives_its_interview(owner):
    application = make(owner)
    when = timezone.now() + timedelta(days=3)
    interview = services.interview_create(application=application, scheduled_at=when, kind="video")
    thanks = FollowUp.objects.get(source_interview=interview)
    edit(thanks, due_on=date(2026, 12, 24))
    services.interview_update(interview=interview, scheduled_at=when + timedelta(days=2))
    thanks.refresh_from_db()
    assert thanks.due_on == date(2026, 12, 24)
    services.interview_delete(interview=interview)
    assert FollowUp.objects.filter(pk=thanks.pk).exists()


def test_a_keep_in_touch_reminder_with_a_date_of_ones_own_is_not_moved(owner):
    contact = services.contact_create(
        user=owner, name="Sam Lee", keep_in_touch_days=30, last_contacted_on=date(2026, 11, 1)
    )
    edit(FollowUp.objects.get(contact=contact), due_on=date(2027, 1, 15))
    services.contact_update(contact=contact, keep_in_touch_days=60)
    assert [r.due_on for r in FollowUp.objects.filter(contact=contact)] == [date(2027, 1, 15)]


def test_no_check_in_when_added_with_a_status_past_applied(owner):
    application = make(owner, status=Status.INTERVIEWING, applied_on=date(2026, 10, 1))
    assert not suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).exists()


def test_a_rejection_suggests_feedback_and_keeping_in_touch(owner):
    application = make(owner)
    contact = ContactFactory(user=owner, name="Priya Shah")
    application.contacts.add(contact)
    on = timezone.localdate()
    services.application_set_status(application=application, status=Status.REJECTED, on=on)
    feedback = suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).get()
    keep = suggested(application, FollowUp.Rule.REJECTION_KEEP_IN_TOUCH).get()
    assert feedback.due_on == on + timedelta(days=2)
    assert feedback.kind == FollowUp.Kind.FEEDBACK_REQUEST and feedback.contact == contact
    assert keep.due_on == on + timedelta(days=90)
    assert keep.title == "Keep in touch with Priya Shah"


def test_suggestions_are_never_duplicated(owner):
    from tracker import suggestions

    application = make(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    suggestions.after_status_event(change.event)
    suggestions.after_status_event(change.event)
    assert suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).count() == 1


def test_a_deleted_suggestion_stays_deleted(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    services.followup_delete(
        followup=suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).get()
    )
    services.status_event_update(event=change.event, on=change.event.happened_on, note="Kind email")
    services.application_set_status(application=application, status=Status.ARCHIVED)
    assert not suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).exists()


def test_taking_back_a_rejection_takes_back_its_open_suggestions(owner):
    application = make(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    services.status_event_delete(event=change.event)
    assert not FollowUp.objects.filter(rule__startswith="rejection_").exists()


def test_an_interview_suggests_a_thank_you_the_next_day_and_follows_a_reschedule(owner):
    application = make(owner)
    when = timezone.now() + timedelta(days=3)
    interview = services.interview_create(application=application, scheduled_at=when, kind="video")
    thanks = FollowUp.objects.get(source_interview=interview)
    assert thanks.due_on == timezone.localtime(when).date() + timedelta(days=1)
    services.interview_update(interview=interview, scheduled_at=when + timedelta(days=2))
    thanks.refresh_from_db()
    assert thanks.due_on == timezone.localtime(when).date() + timedelta(days=3)
    assert FollowUp.objects.filter(source_interview=interview).count() == 1


def test_removing_an_interview_removes_its_open_thank_you(owner):
    interview = InterviewFactory(user=owner, application=make(owner))
    services.interview_update(interview=interview, kind="phone")
    services.interview_delete(interview=interview)
    assert not FollowUp.objects.filter(rule=FollowUp.Rule.INTERVIEW_THANK_YOU).exists()


def test_suggestions_can_be_turned_off(owner):
    services.preferences_update(user=owner, suggest_followups=False)
    application = make(owner)
    services.application_set_status(application=application, status=Status.REJECTED)
    assert not FollowUp.objects.filter(application=application).exists()


def test_keep_in_touch_contacts_get_the_next_reminder_after_each_contact(owner):
    contact = services.contact_create(
        user=owner, name="Sam Lee", keep_in_touch_days=30, last_contacted_on=date(2026, 11, 1)
    )
    reminder = FollowUp.objects.get(contact=contact, rule=FollowUp.Rule.CONTACT_KEEP_IN_TOUCH)
    assert reminder.due_on == date(2026, 12, 1)

    services.followup_mark_done(followup=reminder)
    contact.refresh_from_db()
    assert contact.last_contacted_on == timezone.localdate()
    following = FollowUp.objects.get(contact=contact, done_at__isnull=True)
    assert following.due_on == timezone.localdate() + timedelta(days=30)
    assert following.source_followup == reminder


def test_undoing_done_withdraws_the_reminder_it_prompted(owner):
    contact = services.contact_create(
        user=owner, name="Sam Lee", keep_in_touch_days=30, last_contacted_on=date(2026, 11, 1)
    )
    reminder = FollowUp.objects.get(contact=contact)
    services.followup_mark_done(followup=reminder)
    services.followup_reopen(followup=reminder)
    assert list(FollowUp.objects.filter(contact=contact)) == [reminder]
    assert reminder.done_at is None


def test_editing_a_contact_moves_its_open_reminder_instead_of_adding_one(owner):
    contact = services.contact_create(
        user=owner, name="Sam Lee", keep_in_touch_days=30, last_contacted_on=date(2026, 11, 1)
    )
    services.contact_update(contact=contact, keep_in_touch_days=60)
    reminders = FollowUp.objects.filter(contact=contact)
    assert [r.due_on for r in reminders] == [date(2026, 12, 31)]


# --- follow-ups -------------------------------------------------------------------


def test_marking_done_and_undoing(owner):
    followup = FollowUpFactory(user=owner)
    services.followup_mark_done(followup=followup)
    assert followup.done_at is not None
    services.followup_reopen(followup=followup)
    followup.refresh_from_db()
    assert followup.done_at is None


def test_snoozing_moves_the_due_date_from_today(owner):
    followup = FollowUpFactory(user=owner, due_on=timezone.localdate() - timedelta(days=10))
    services.followup_snooze(followup=followup, days=7)
    assert followup.due_on == timezone.localdate() + timedelta(days=7)


def test_snoozing_only_for_a_day_or_a_week(owner):
    with pytest.raises(ValidationError):
        services.followup_snooze(followup=FollowUpFactory(user=owner), days=400)


# --- weekly goal ------------------------------------------------------------------


def test_a_new_weekly_goal_holds_from_this_week_on(owner):
    services.weekly_goal_set(user=owner, target=5, today=date(2026, 11, 4))
    services.weekly_goal_set(user=owner, target=8, today=date(2026, 11, 20))
    services.weekly_goal_set(user=owner, target=10, today=date(2026, 11, 22))
    assert list(WeeklyGoal.objects.values_list("week_start", "target")) == [
        (date(2026, 11, 2), 5),
        (date(2026, 11, 16), 10),
    ]


def test_no_check_in_for_an_application_sent_long_ago(owner):
    application = make(owner, applied_on=timezone.localdate() - timedelta(days=60))
    assert not suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).exists()


def test_a_recent_back_dated_application_gets_an_overdue_check_in(owner):
    application = make(owner, applied_on=timezone.localdate() - timedelta(days=10))
    check_in = suggested(application, FollowUp.Rule.APPLIED_CHECK_IN).get()
    assert check_in.due_on == timezone.localdate() - timedelta(days=3)


def test_an_old_rejection_recorded_late_asks_for_nothing(owner):
    application = make(owner, applied_on=timezone.localdate() - timedelta(days=200))
    services.application_set_status(
        application=application,
        status=Status.REJECTED,
        on=timezone.localdate() - timedelta(days=150),
    )
    assert not FollowUp.objects.filter(
        application=application, rule__startswith="rejection"
    ).exists()


def test_a_rejection_a_week_ago_still_suggests_feedback_due_today(owner):
    application = make(owner, applied_on=timezone.localdate() - timedelta(days=30))
    services.application_set_status(
        application=application, status=Status.REJECTED, on=timezone.localdate() - timedelta(days=7)
    )
    feedback = suggested(application, FollowUp.Rule.REJECTION_FEEDBACK).get()
    assert feedback.due_on == timezone.localdate()


def test_one_open_keep_in_touch_per_person_across_rejections(owner):
    contact = ContactFactory(user=owner)
    for company in ("Acme", "Initech"):
        application = make(owner, company=company)
        application.contacts.add(contact)
        services.application_set_status(application=application, status=Status.REJECTED)
    assert FollowUp.objects.filter(contact=contact, kind=FollowUp.Kind.KEEP_IN_TOUCH).count() == 1


def test_done_again_after_an_undo_does_not_trip_over_an_earlier_reminder(owner):
    contact = services.contact_create(
        user=owner, name="Sam", keep_in_touch_days=30, last_contacted_on=date(2026, 11, 1)
    )
    first = FollowUp.objects.get(contact=contact)
    services.followup_mark_done(followup=first)
    second = FollowUp.objects.get(contact=contact, done_at__isnull=True)
    services.followup_mark_done(followup=second)
    services.followup_delete(followup=FollowUp.objects.get(contact=contact, done_at__isnull=True))
    services.followup_reopen(followup=first)
    services.followup_mark_done(followup=first)  # used to fail on the unique constraint
    assert FollowUp.objects.filter(source_followup=first).count() == 1


def test_no_thank_you_note_for_an_interview_long_past(owner):
    application = make(owner)
    services.interview_create(
        application=application, scheduled_at=timezone.now() - timedelta(days=60), kind="video"
    )
    assert not FollowUp.objects.filter(rule=FollowUp.Rule.INTERVIEW_THANK_YOU).exists()


def test_a_cleared_goal_is_not_a_goal_met(owner):
    from tracker import selectors

    services.preferences_save(user=owner, suggest_followups=True, weekly_target=5)
    services.preferences_save(user=owner, suggest_followups=True, weekly_target=None)
    assert not any(week.met for week in selectors.weekly_progress(user=owner))
    assert selectors.weekly_goal_current(user=owner).target == 0


def test_refreshing_many_applications_agrees_with_refreshing_one_and_writes_only_the_wrong(
    owner,
):
    from tests.tracker.factories import ApplicationFactory
    from tracker.models import Application

    today = timezone.localdate()
    held = services.application_create(
        user=owner, company="Acme", role="Analyst", status_on=today - timedelta(days=9)
    )
    InterviewFactory(application=held, scheduled_at=timezone.now() - timedelta(days=2))
    services.application_set_status(
        application=held, status=Status.SCREENING, on=today - timedelta(days=5)
    )
    right = services.application_create(user=owner, company="Beta", role="Writer")
    saved = ApplicationFactory(user=owner, status=Status.SAVED)
    saved.events.all().delete()
    expected = {
        a.pk: (a.status, a.status_changed_on, a.last_activity_on)
        for a in Application.objects.filter(user=owner)
    }
    for a in (held, saved):
        services._application_refresh(a)
        expected[a.pk] = (a.status, a.status_changed_on, a.last_activity_on)
    Application.objects.filter(pk=held.pk).update(
        status=Status.OFFER, status_changed_on=today, last_activity_on=today
    )
    applications = list(Application.objects.filter(user=owner).order_by("pk"))
    assert services.applications_refresh(applications=applications) == 1
    after = {
        a.pk: (a.status, a.status_changed_on, a.last_activity_on)
        for a in Application.objects.filter(user=owner)
    }
    assert after == expected
    assert after[held.pk] == (
        Status.SCREENING,
        today - timedelta(days=5),
        today - timedelta(days=2),
    )
    assert right.pk in after


def test_changing_the_date_applied_moves_the_applied_step_with_it(owner):
    today = timezone.localdate()
    application = make(owner, applied_on=today - timedelta(days=10))
    services.application_set_status(
        application=application, status=Status.SCREENING, on=today - timedelta(days=2)
    )
    services.application_update(application=application, applied_on=today - timedelta(days=90))
    steps = list(application.events.order_by("happened_on").values_list("status", "happened_on"))
    assert steps == [
        (Status.APPLIED, today - timedelta(days=90)),
        (Status.SCREENING, today - timedelta(days=2)),
    ]
    application.refresh_from_db()
    assert application.applied_on == today - timedelta(days=90)
    assert application.status == Status.SCREENING
