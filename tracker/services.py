"""Every write in the tracker goes through here, in a transaction.

The application's status, the date it last changed and its last activity are
derived from its history: `_derive` is the rule, `_application_refresh` applies it
to one application after a change, `applications_refresh` to many (a restore).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tracker import suggestions
from tracker.models import (
    Application,
    Contact,
    FollowUp,
    Interview,
    Status,
    StatusEvent,
    TrackerPreferences,
    WeeklyGoal,
)

_SPACES = re.compile(r"\s+")


def tidy(text: str) -> str:
    """One space between words, none around: "Acme  Corp " and "Acme Corp" are one company.

    Invisible NUL characters go too (PostgreSQL cannot even search for them)."""
    return _SPACES.sub(" ", text.replace("\x00", "")).strip()


def names_clean(names: Iterable[str]) -> list[str]:
    """Tidy a list of names (tags, feelings) and drop repeats, ignoring case; the first
    spelling wins."""
    seen: dict[str, str] = {}
    for name in names:
        tidied = tidy(name)
        if tidied and tidied.casefold() not in seen:
            seen[tidied.casefold()] = tidied
    return list(seen.values())


def _apply(instance: Any, fields: dict[str, Any]) -> list:
    """Set plain fields; return the many-to-many values to set after saving."""
    many = []
    for name, value in fields.items():
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            many.append((name, value))
        else:
            setattr(instance, name, tidy(value) if name in {"company", "role", "name"} else value)
    return many


def _save(instance: Any, many: list) -> None:
    """Validate and save, then set the many-to-many values `_apply` held back."""
    instance.full_clean()
    instance.save()
    for name, value in many:
        getattr(instance, name).set(value)


def _derive(
    application: Application,
    latest: tuple[str, date] | None,
    last_interview: datetime | None,
) -> None:
    """The rule itself: status and its date from the latest step (`latest` is its
    status and day), last activity the newest of that day, the day applied and the
    last interview held; an application with none of those dates from its creation."""
    application.status = latest[0] if latest else Status.SAVED
    application.status_changed_on = latest[1] if latest else None
    candidates = [d for d in (application.status_changed_on, application.applied_on) if d]
    if last_interview:
        candidates.append(timezone.localtime(last_interview).date())
    application.last_activity_on = max(
        candidates, default=timezone.localdate(application.created_at)
    )


def _application_refresh(application: Application) -> None:
    """Derive status, status date and last activity from the history."""
    latest = application.events.order_by("-happened_on", "-id").first()
    last_interview = (
        application.interviews.filter(scheduled_at__lte=timezone.now())
        .order_by("-scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )
    _derive(application, (latest.status, latest.happened_on) if latest else None, last_interview)
    application.save(
        update_fields=["status", "status_changed_on", "last_activity_on", "updated_at"]
    )


DERIVED_FIELDS = ("status", "status_changed_on", "last_activity_on")


def applications_refresh(*, applications: Iterable[Application], batch: int = 500) -> int:
    """`_application_refresh` for many applications at once (a restore's): a few
    queries per `batch` applications, and only those whose derived fields were wrong
    are written (their `updated_at` is left as it was). Returns how many."""
    applications = list(applications)
    now = timezone.now()
    changed: list[Application] = []
    for start in range(0, len(applications), batch):
        chunk = {a.pk: a for a in applications[start : start + batch]}
        latest: dict[int, tuple[str, date]] = {}
        steps = (
            StatusEvent.objects.filter(application_id__in=chunk)
            .order_by("application_id", "-happened_on", "-id")
            .values_list("application_id", "status", "happened_on")
        )
        for application_id, status, happened_on in steps:
            latest.setdefault(application_id, (status, happened_on))
        held = dict(
            Interview.objects.filter(application_id__in=chunk, scheduled_at__lte=now)
            .values("application_id")
            .annotate(last=Max("scheduled_at"))
            .values_list("application_id", "last")
        )
        for pk, application in chunk.items():
            before = [getattr(application, name) for name in DERIVED_FIELDS]
            _derive(application, latest.get(pk), held.get(pk))
            if [getattr(application, name) for name in DERIVED_FIELDS] != before:
                changed.append(application)
    Application.objects.bulk_update(changed, DERIVED_FIELDS, batch_size=batch)
    return len(changed)


# --- applications -------------------------------------------------------------


@dataclass
class StatusChange:
    event: StatusEvent
    suggested: list[FollowUp] = field(default_factory=list)
    # Suggestions that no longer apply (a check-in after the status moved on).
    withdrawn: int = 0

    @property
    def feedback_followup(self) -> FollowUp | None:
        """The reminder to ask for feedback this step made, if it made one."""
        return next((f for f in self.suggested if f.kind == FollowUp.Kind.FEEDBACK_REQUEST), None)


@transaction.atomic
def application_create(
    *, user, status: str = Status.APPLIED, status_on: date | None = None, **fields: Any
) -> Application:
    """Add an application and the first step of its history.

    Added late in its life (say, already interviewing) with a date applied, it
    gets both steps, so the history says when it was sent and where it is now.
    """
    application = Application(user=user)
    many = _apply(application, fields)
    today = timezone.localdate()
    if status == Status.APPLIED:
        status_on = status_on or application.applied_on or today
        application.applied_on = application.applied_on or status_on
    else:
        status_on = status_on or today
    application.last_activity_on = status_on
    _save(application, many)
    if status not in (Status.SAVED, Status.APPLIED) and application.applied_on:
        application_set_status(
            application=application, status=Status.APPLIED, on=application.applied_on
        )
    application_set_status(application=application, status=status, on=status_on)
    application.refresh_from_db()
    return application


@transaction.atomic
def application_update(*, application: Application, **fields: Any) -> Application:
    """Change its details. A new date applied moves the "applied" step recorded on the
    old date with it, so the history and the date applied never tell two stories (the
    dashboard, Insights and the work-search record read one or the other)."""
    applied_before = application.applied_on
    many = _apply(application, fields)
    _save(application, many)
    if applied_before and application.applied_on and application.applied_on != applied_before:
        StatusEvent.objects.filter(
            application=application, status=Status.APPLIED, happened_on=applied_before
        ).update(happened_on=application.applied_on)
    _application_refresh(application)
    return application


@transaction.atomic
def application_delete(*, application: Application) -> dict[str, int]:
    """Delete it with everything that belongs to it (see
    selectors.application_delete_preview); how many of each kind went, by "app.Model"."""
    _total, counts = application.delete()
    return {label: count for label, count in counts.items() if count}


@transaction.atomic
def application_set_status(
    *,
    application: Application,
    status: str,
    on: date | None = None,
    note: str = "",
    stage: str = "",
    reason: str = "",
    channel: str = "",
) -> StatusChange:
    """Record a dated step in the history; the application's status follows the latest step."""
    event = StatusEvent(
        user=application.user,
        application=application,
        status=status,
        happened_on=on or timezone.localdate(),
        note=note,
        rejection_stage=stage if status == Status.REJECTED else "",
        rejection_reason=reason if status == Status.REJECTED else "",
        rejection_channel=channel if status == Status.REJECTED else "",
    )
    event.full_clean()
    event.save()
    if status == Status.APPLIED and application.applied_on is None:
        application.applied_on = event.happened_on
        application.save(update_fields=["applied_on"])
    _application_refresh(application)
    before = FollowUp.objects.filter(application=application, done_at__isnull=True).count()
    suggested = suggestions.after_status_event(event)
    after = FollowUp.objects.filter(application=application, done_at__isnull=True).count()
    return StatusChange(event=event, suggested=suggested, withdrawn=before + len(suggested) - after)


@transaction.atomic
def status_event_update(
    *,
    event: StatusEvent,
    on: date,
    note: str = "",
    stage: str = "",
    reason: str = "",
    channel: str = "",
) -> StatusEvent:
    """Correct the details of a step (its date, or how far a rejection got)."""
    event.happened_on = on
    event.note = note
    is_rejection = event.status == Status.REJECTED
    event.rejection_stage = stage if is_rejection else ""
    event.rejection_reason = reason if is_rejection else ""
    event.rejection_channel = channel if is_rejection else ""
    event.full_clean()
    event.save()
    _application_refresh(event.application)
    return event


@transaction.atomic
def status_event_delete(*, event: StatusEvent) -> None:
    """Take back a step recorded by mistake. The first step of an application stays."""
    application = event.application
    if application.events.count() <= 1:
        raise ValidationError("An application keeps at least one step in its history.")
    suggestions.withdraw_for_event(event)
    event.delete()
    _application_refresh(application)


# --- interviews ---------------------------------------------------------------


@transaction.atomic
def interview_create(*, application: Application, **fields: Any) -> Interview:
    interview = Interview(user=application.user, application=application)
    many = _apply(interview, fields)
    _save(interview, many)
    suggestions.after_interview_saved(interview)
    _application_refresh(application)
    return interview


@transaction.atomic
def interview_update(*, interview: Interview, **fields: Any) -> Interview:
    many = _apply(interview, fields)
    _save(interview, many)
    suggestions.after_interview_saved(interview)
    _application_refresh(interview.application)
    return interview


@transaction.atomic
def interview_delete(*, interview: Interview) -> None:
    application = interview.application
    suggestions.withdraw_for_interview(interview)
    interview.delete()
    _application_refresh(application)


# --- contacts -----------------------------------------------------------------


@transaction.atomic
def contact_create(*, user, application: Application | None = None, **fields: Any) -> Contact:
    """Add a contact, linked to `application` (one of the same person's) if given."""
    contact = Contact(user=user)
    many = _apply(contact, fields)
    _save(contact, many)
    if application is not None:
        if application.user_id != user.pk:
            raise ValidationError("That application is not yours.")
        application.contacts.add(contact)
    suggestions.after_contacted(contact)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, **fields: Any) -> Contact:
    many = _apply(contact, fields)
    _save(contact, many)
    suggestions.after_contacted(contact)
    return contact


@transaction.atomic
def contact_mark_contacted(
    *, contact: Contact, on: date | None = None, prompted_by: FollowUp | None = None
) -> Contact:
    on = on or timezone.localdate()
    if contact.last_contacted_on is None or on > contact.last_contacted_on:
        contact.last_contacted_on = on
        contact.save(update_fields=["last_contacted_on"])
    suggestions.after_contacted(contact, prompted_by=prompted_by)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    contact.delete()


# --- follow-ups ---------------------------------------------------------------


@transaction.atomic
def followup_create(*, user, **fields: Any) -> FollowUp:
    followup = FollowUp(user=user)
    _apply(followup, fields)
    followup.full_clean()
    followup.save()
    return followup


@transaction.atomic
def followup_update(*, followup: FollowUp, **fields: Any) -> FollowUp:
    """Change a follow-up. Once the person changes anything in a suggestion, it is
    theirs: tidy-up never withdraws or moves it (tracker.suggestions).

    What changed is judged against the stored row, not `followup`: a form may
    already have written what was typed onto the object it was given."""
    stored = FollowUp.objects.get(pk=followup.pk)
    _apply(followup, fields)
    if _values(followup, fields) != _values(stored, fields):
        followup.edited = True
    followup.full_clean()
    followup.save()
    return followup


def _values(instance: Any, names: Iterable[str]) -> dict[str, Any]:
    """What the fields hold, as stored (a related object by its id)."""
    return {name: instance._meta.get_field(name).value_from_object(instance) for name in names}


@transaction.atomic
def followup_mark_done(*, followup: FollowUp) -> FollowUp:
    if followup.done_at is not None:
        return followup
    followup.done_at = timezone.now()
    followup.save(update_fields=["done_at"])
    if followup.contact_id and followup.kind == FollowUp.Kind.KEEP_IN_TOUCH:
        contact_mark_contacted(
            contact=followup.contact, on=timezone.localdate(followup.done_at), prompted_by=followup
        )
    return followup


@transaction.atomic
def followup_reopen(*, followup: FollowUp) -> FollowUp:
    """Undo "done"."""
    if followup.done_at is None:
        return followup
    followup.done_at = None
    followup.save(update_fields=["done_at"])
    suggestions.withdraw_for_followup(followup)
    return followup


@transaction.atomic
def followup_snooze(*, followup: FollowUp, days: int) -> FollowUp:
    """Move the due date to `days` from today (not from the old due date: it may be long past)."""
    if days not in (1, 7):
        raise ValidationError("Snooze for a day or a week.")
    followup.due_on = timezone.localdate() + timedelta(days=days)
    followup.save(update_fields=["due_on"])
    return followup


@transaction.atomic
def followup_delete(*, followup: FollowUp) -> None:
    followup.delete()


# --- preferences and the weekly goal -----------------------------------------------


@transaction.atomic
def preferences_update(*, user, suggest_followups: bool) -> TrackerPreferences:
    preferences, _ = TrackerPreferences.objects.get_or_create(user=user)
    preferences.suggest_followups = suggest_followups
    preferences.full_clean()
    preferences.save()
    return preferences


@transaction.atomic
def preferences_save(
    *,
    user,
    suggest_followups: bool,
    weekly_target: int | None,
    quiet_after: dict[str, int] | None = None,
    week_starts_on: int | None = None,
    record_target: int | None = None,
) -> None:
    """The settings page's tracker part, in one go. An empty goal clears it from this
    week on (a goal of 0); with no goal ever set, nothing is stored. `quiet_after`
    holds the gone-quiet thresholds (see preferences_quiet_save); the week's first
    day and the work-search target change only when given."""
    preferences = preferences_update(user=user, suggest_followups=suggest_followups)
    if quiet_after is not None:
        preferences = preferences_quiet_save(user=user, **quiet_after)
    if week_starts_on is not None or record_target is not None:
        if week_starts_on is not None:
            preferences.week_starts_on = week_starts_on
        if record_target is not None:
            preferences.record_target = record_target
        preferences.full_clean()
        preferences.save()
    if weekly_target is not None or WeeklyGoal.objects.filter(user=user).exists():
        weekly_goal_set(user=user, target=weekly_target or 0)


def week_start(day: date, *, first_day: int = 0) -> date:
    """The first day of the week holding `day`: its Monday (an ISO week) unless
    `first_day` names another weekday (0 is Monday, 6 Sunday, as date.weekday())."""
    return day - timedelta(days=(day.weekday() - first_day) % 7)


@transaction.atomic
def weekly_goal_set(*, user, target: int, today: date | None = None) -> WeeklyGoal:
    """The goal holds from this week on; earlier weeks keep the goal they had."""
    monday = week_start(today or timezone.localdate())
    goal, _ = WeeklyGoal.objects.get_or_create(
        user=user, week_start=monday, defaults={"target": target}
    )
    goal.target = target
    goal.full_clean()
    goal.save()
    return goal


# --- the dashboard's "Needs you" ------------------------------------------------------


@transaction.atomic
def application_reflection_dismiss(*, application: Application, on: date | None = None) -> None:
    """ "Not now" to reflecting on how it closed. Offered again if it closes anew."""
    application.needs_you_dismissed_on = on or timezone.localdate()
    application.save(update_fields=["needs_you_dismissed_on", "updated_at"])


@transaction.atomic
def application_reflection_restore(*, application: Application) -> None:
    """Undo "Not now"."""
    application.needs_you_dismissed_on = None
    application.save(update_fields=["needs_you_dismissed_on", "updated_at"])


@transaction.atomic
def application_still_waiting(*, application: Application, on: date | None = None) -> None:
    """ "Still waiting": quiet, but not given up on. It counts as quiet again once the
    person's threshold for its status has passed again from today. Its status stays."""
    application.still_waiting_on = on or timezone.localdate()
    application.save(update_fields=["still_waiting_on", "updated_at"])


@transaction.atomic
def application_still_waiting_undo(*, application: Application) -> None:
    # Shown as quiet a moment ago, so whatever date was there before no longer hid it.
    application.still_waiting_on = None
    application.save(update_fields=["still_waiting_on", "updated_at"])


@transaction.atomic
def application_mark_no_response(
    *, application: Application, on: date | None = None
) -> StatusChange:
    """Close an application that has gone quiet: a dated "No response" step in its history,
    only ever on the person's word. Undo takes the step back (status_event_delete)."""
    if application.status not in (Status.APPLIED, Status.SCREENING, Status.INTERVIEWING):
        raise ValidationError(
            f"This application is “{application.get_status_display()}” now, "
            "so there is nothing to close."
        )
    return application_set_status(application=application, status=Status.NO_RESPONSE, on=on)


@transaction.atomic
def preferences_quiet_save(
    *, user, after_applied: int, after_screening: int, after_interview: int
) -> TrackerPreferences:
    """When an application counts as gone quiet, in days without news, by its status."""
    preferences, _ = TrackerPreferences.objects.get_or_create(user=user)
    preferences.quiet_after_applied = after_applied
    preferences.quiet_after_screening = after_screening
    preferences.quiet_after_interview = after_interview
    preferences.full_clean()
    preferences.save()
    return preferences
