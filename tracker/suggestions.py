"""The rules that suggest follow-ups, all in one place.

Each rule runs once, when the thing that prompts it is recorded, and the
follow-up it makes is an ordinary one: editable, deletable, snoozable. A
database constraint (one follow-up per rule and source) means a rule can never
make the same suggestion twice, and a suggestion someone deleted stays deleted.
Tidying up (withdrawing a suggestion that no longer applies, moving its date)
only ever touches open suggestions the person has left as they were: once they
change one, it is theirs (`FollowUp.edited`).
Everything here runs inside the calling service's transaction.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from tracker.models import (
    Contact,
    FeedbackRequest,
    FollowUp,
    Interview,
    Status,
    StatusEvent,
    TrackerPreferences,
)

CHECK_IN_AFTER = timedelta(days=7)
THANK_YOU_AFTER = timedelta(days=1)
FEEDBACK_AFTER = timedelta(days=2)
KEEP_IN_TOUCH_AFTER_REJECTION = timedelta(days=90)
FEEDBACK_REPLY_CHECK_AFTER = timedelta(days=7)
# A step recorded long after it happened does not prompt a reminder whose
# moment has passed: nobody needs a "check in" for a job applied to in spring.
STALE_AFTER = timedelta(days=14)
KEEP_IN_TOUCH_NOTE = "A friendly note now and then keeps the door open for the next role there."


def _timely(due) -> bool:
    return due >= timezone.localdate() - STALE_AFTER


def _untouched(**filters) -> QuerySet[FollowUp]:
    """Open follow-ups the person has not changed: the only ones tidy-up may remove or move."""
    return FollowUp.objects.filter(done_at__isnull=True, edited=False, **filters)


def enabled_for(user) -> bool:
    preferences = TrackerPreferences.objects.filter(user=user).first()
    return preferences is None or preferences.suggest_followups


def _suggest(*, user, rule: FollowUp.Rule, source: dict, **fields) -> FollowUp | None:
    if FollowUp.objects.filter(rule=rule, **source).exists():
        return None
    followup = FollowUp(user=user, rule=rule, **source, **fields)
    followup.full_clean()
    followup.save()
    return followup


def after_status_event(event: StatusEvent) -> list[FollowUp]:
    """Suggestions prompted by a new step in an application's history."""
    application = event.application
    made: list[FollowUp] = []
    if event.status != Status.APPLIED:
        # The status moved on, so a pending "have you heard back?" is no longer needed.
        _untouched(application=application, rule=FollowUp.Rule.APPLIED_CHECK_IN).delete()
    if not enabled_for(event.user):
        return made
    first_contact = application.contacts.order_by("name", "id").first()
    who = first_contact.name if first_contact else application.company
    if event.status == Status.APPLIED and application.status == Status.APPLIED:
        due = event.happened_on + CHECK_IN_AFTER
        if _timely(due):
            made.append(
                _suggest(
                    user=event.user,
                    rule=FollowUp.Rule.APPLIED_CHECK_IN,
                    source={"source_event": event},
                    title=f"Check in with {application.company} about {application.role}",
                    kind=FollowUp.Kind.CHECK_IN,
                    due_on=due,
                    application=application,
                    contact=first_contact,
                )
            )
    elif event.status == Status.REJECTED:
        if _timely(event.happened_on + FEEDBACK_AFTER):
            made.append(
                _suggest(
                    user=event.user,
                    rule=FollowUp.Rule.REJECTION_FEEDBACK,
                    source={"source_event": event},
                    title=f"Ask {application.company} for feedback",
                    kind=FollowUp.Kind.FEEDBACK_REQUEST,
                    due_on=max(event.happened_on + FEEDBACK_AFTER, timezone.localdate()),
                    application=application,
                    contact=first_contact,
                )
            )
        due = event.happened_on + KEEP_IN_TOUCH_AFTER_REJECTION
        # One open keep-in-touch per person: a second rejection from the same
        # recruiter does not mean writing to them twice.
        already = (
            first_contact is not None
            and FollowUp.objects.filter(
                contact=first_contact, kind=FollowUp.Kind.KEEP_IN_TOUCH, done_at__isnull=True
            ).exists()
        )
        if _timely(due) and not already:
            made.append(
                _suggest(
                    user=event.user,
                    rule=FollowUp.Rule.REJECTION_KEEP_IN_TOUCH,
                    source={"source_event": event},
                    title=f"Keep in touch with {who}",
                    kind=FollowUp.Kind.KEEP_IN_TOUCH,
                    due_on=due,
                    application=application,
                    contact=first_contact,
                    notes=KEEP_IN_TOUCH_NOTE,
                )
            )
    return [followup for followup in made if followup is not None]


def withdraw_for_event(event: StatusEvent) -> None:
    """The step was removed: its suggestions go too, unless done or changed by the person."""
    _untouched(source_event=event).delete()


def withdraw_for_interview(interview: Interview) -> None:
    """The interview was removed: its thank-you note goes too, unless done or changed."""
    _untouched(source_interview=interview).delete()


def after_interview_saved(interview: Interview) -> FollowUp | None:
    """A thank-you note the day after; kept in step if the interview moves."""
    due = timezone.localtime(interview.scheduled_at).date() + THANK_YOU_AFTER
    existing = FollowUp.objects.filter(
        source_interview=interview, rule=FollowUp.Rule.INTERVIEW_THANK_YOU
    ).first()
    if existing is not None:
        if existing.done_at is None and not existing.edited and existing.due_on != due:
            existing.due_on = due
            existing.save(update_fields=["due_on"])
        return None
    if not enabled_for(interview.user) or not _timely(due):
        return None
    application = interview.application
    contact = interview.contacts.order_by("name", "id").first()
    return _suggest(
        user=interview.user,
        rule=FollowUp.Rule.INTERVIEW_THANK_YOU,
        source={"source_interview": interview},
        title=f"Send a thank-you note to {contact.name if contact else application.company}",
        kind=FollowUp.Kind.THANK_YOU,
        due_on=due,
        application=application,
        contact=contact,
    )


def after_contacted(contact: Contact, *, prompted_by: FollowUp | None = None) -> FollowUp | None:
    """The next keep-in-touch reminder for a contact who wants one, after each contact."""
    if not contact.keep_in_touch_days or contact.last_contacted_on is None:
        return None
    if not enabled_for(contact.user):
        return None
    due = contact.last_contacted_on + timedelta(days=contact.keep_in_touch_days)
    pending = FollowUp.objects.filter(
        contact=contact, rule=FollowUp.Rule.CONTACT_KEEP_IN_TOUCH, done_at__isnull=True
    ).first()
    if pending is not None:
        # One open reminder per contact: move it rather than add another (unless
        # the person chose its date themselves).
        if not pending.edited and pending.due_on != due:
            pending.due_on = due
            pending.save(update_fields=["due_on"])
        return None
    if (
        prompted_by is not None
        and FollowUp.objects.filter(
            rule=FollowUp.Rule.CONTACT_KEEP_IN_TOUCH, source_followup=prompted_by
        ).exists()
    ):
        return None  # this contact already prompted its next reminder once
    followup = FollowUp(
        user=contact.user,
        rule=FollowUp.Rule.CONTACT_KEEP_IN_TOUCH,
        source_followup=prompted_by,
        title=f"Keep in touch with {contact.name}",
        kind=FollowUp.Kind.KEEP_IN_TOUCH,
        due_on=due,
        contact=contact,
    )
    followup.full_clean()
    followup.save()
    return followup


def withdraw_for_followup(followup: FollowUp) -> None:
    """A follow-up was marked not done after all: the reminder it prompted goes."""
    _untouched(source_followup=followup).delete()


def after_feedback_sent(feedback: FeedbackRequest) -> FollowUp | None:
    """A reminder to look for their reply a week after asking for feedback.

    Due a week after the date sent, but never in the past: a request recorded
    late gets its reminder from today."""
    if not enabled_for(feedback.user):
        return None
    application = feedback.application
    who = feedback.contact.name if feedback.contact else application.company
    return _suggest(
        user=feedback.user,
        rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK,
        source={"source_feedback": feedback},
        title=f"Check for a reply from {who} about feedback",
        kind=FollowUp.Kind.FEEDBACK_REPLY,
        due_on=max(feedback.sent_on + FEEDBACK_REPLY_CHECK_AFTER, timezone.localdate()),
        application=application,
        contact=feedback.contact,
        notes="If nothing has come yet, that is common. A short, friendly nudge is fine once.",
    )


def after_feedback_reopened(feedback: FeedbackRequest) -> FollowUp | None:
    """Waiting again after closing it too soon: its reminder to check comes back, a week on."""
    reminder = FollowUp.objects.filter(
        source_feedback=feedback, rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK
    ).first()
    if reminder is None:
        return after_feedback_sent(feedback)
    reminder.done_at = None
    reminder.due_on = timezone.localdate() + FEEDBACK_REPLY_CHECK_AFTER
    reminder.save(update_fields=["done_at", "due_on"])
    return reminder


def complete_for_feedback(feedback: FeedbackRequest) -> int:
    """A reply came, or the person stopped waiting: the reminder to check is done."""
    return FollowUp.objects.filter(source_feedback=feedback, done_at__isnull=True).update(
        done_at=timezone.now()
    )


def withdraw_for_feedback(feedback: FeedbackRequest) -> None:
    """The request was not sent after all, or is deleted: its open reminder goes."""
    _untouched(source_feedback=feedback).delete()
