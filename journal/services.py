"""Every write in the journal goes through here, in a transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone
from django.utils.text import Truncator

from journal import reflection, selectors
from journal.models import Draft, Emotion, Entry, SkillGoal, Tag
from journal.weekly_review import WeekFacts, next_goal_applies
from tracker.feedback import selectors as feedback_selectors
from tracker.models import Application, FeedbackRequest, FollowUp, StatusEvent, WeeklyGoal
from tracker.services import followup_create, names_clean, tidy, weekly_goal_set
from tracker.services import week_start as tracker_week_start

FEEDBACK_DUE_AFTER = timedelta(days=2)
REACH_OUT_DUE_AFTER = timedelta(days=3)

BREAK_TITLE = "Take a break from the search today"
BREAK_NOTES = (
    "Rest counts as part of the work. A walk, a friend, a film — anything that is not "
    "job hunting. The search will still be here tomorrow."
)


def _named_rows(model: type[Emotion] | type[Tag], user, names: Iterable[str]) -> list:
    wanted = names_clean(names)
    if not wanted:
        return []
    existing = {row.name.casefold(): row for row in model.objects.filter(user=user)}
    rows = []
    for name in wanted:
        row = existing.get(name.casefold())
        if row is None:
            row = model(user=user, name=name)
            row.full_clean()
            row.save()
        rows.append(row)
    return rows


def _set_names(entry: Entry, *, emotions: Iterable[str] | None, tags: Iterable[str] | None):
    if emotions is not None:
        entry.emotions.set(_named_rows(Emotion, entry.user, emotions))
    if tags is not None:
        entry.tags.set(_named_rows(Tag, entry.user, tags))


def _check_links(user, fields: dict[str, Any]) -> None:
    """A link to someone else's application or step is refused, whatever the form allowed."""
    application = fields.get("application")
    if isinstance(application, Application) and application.user_id != user.pk:
        raise ValidationError({"application": "Choose one of your own applications."})
    event = fields.get("status_event")
    if isinstance(event, StatusEvent) and event.user_id != user.pk:
        raise ValidationError("That step belongs to someone else.")


# --- entries ----------------------------------------------------------------------


@transaction.atomic
def entry_create(
    *,
    user,
    kind: str,
    on: date | None = None,
    emotions: Iterable[str] = (),
    tags: Iterable[str] = (),
    **fields: Any,
) -> Entry:
    """A check-in, win or note. Reflections go through reflection_create (they make next steps)."""
    if kind == Entry.Kind.REFLECTION:
        raise ValueError("Use reflection_create for reflections.")
    _check_links(user, fields)
    entry = Entry(user=user, kind=kind, on=on or timezone.localdate(), **fields)
    entry.full_clean()
    entry.save()
    _set_names(entry, emotions=emotions, tags=tags)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    emotions: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    **fields: Any,
) -> Entry:
    """Change what an entry says. A reflection's next steps were actions, so they stay as made."""
    _check_links(entry.user, fields)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    _set_names(entry, emotions=emotions, tags=tags)
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry) -> None:
    # Follow-ups and skill goals it made are the person's own to-dos now; they stay.
    entry.delete()


@transaction.atomic
def mood_log(*, user, mood: int, on: date | None = None) -> Entry:
    """The one-tap check-in: just a mood, for today."""
    return entry_create(user=user, kind=Entry.Kind.CHECK_IN, mood=mood, on=on)


# --- reflections and their drafts -------------------------------------------------------


def _storable(value: Any) -> Any:
    """The typed value minus NUL characters, which PostgreSQL cannot keep in JSON.

    They are invisible, and the form refuses them with a message anyway; the
    rest of what was typed is kept."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    return value


@transaction.atomic
def draft_save(*, user, data: dict[str, Any], step: int, draft: Draft | None = None) -> Draft:
    """Keep an unfinished reflection exactly as typed (NUL characters aside), with the
    application and step it is about copied out for the list of drafts."""
    if draft is None:
        draft = Draft(user=user)
    elif draft.user_id != user.pk:
        raise ValidationError("That draft belongs to someone else.")
    draft.data = _storable(data)
    draft.step = step
    about = reflection.from_answers(
        user=user, application=data.get("application"), step=data.get("status_event")
    )
    draft.application, draft.status_event = about.application, about.step
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def draft_delete(*, draft: Draft) -> None:
    draft.delete()


@transaction.atomic
def reflection_create(
    *,
    user,
    on: date | None = None,
    draft: Draft | None = None,
    emotions: Iterable[str] = (),
    tags: Iterable[str] = (),
    next_feedback: bool = False,
    next_skill: str = "",
    next_reach_out: str = "",
    next_break: bool = False,
    today: date | None = None,
    **fields: Any,
) -> Entry:
    """Save a finished reflection, set up the next steps it asks for, and retire its draft.

    Next steps become ordinary follow-ups and skill goals, due from `today`:
    asking for feedback (reusing an open feedback reminder for that application
    if one exists, such as the one the tracker suggests after a rejection),
    reaching out to someone, a break today, and a skill goal.
    """
    today = today or timezone.localdate()
    _check_links(user, fields)
    if next_feedback and fields.get("application") is None:
        raise ValidationError(
            {"next_feedback": "Choose the application first, so we know whom to ask."}
        )
    next_skill, next_reach_out = tidy(next_skill), tidy(next_reach_out)
    entry = Entry(
        user=user,
        kind=Entry.Kind.REFLECTION,
        on=on or today,
        next_feedback=next_feedback,
        next_skill=next_skill,
        next_reach_out=next_reach_out,
        next_break=next_break,
        **fields,
    )
    entry.full_clean()
    entry.save()
    _set_names(entry, emotions=emotions, tags=tags)

    application = entry.application
    followups: list[FollowUp] = []
    asked = (
        feedback_selectors.feedback_sent_for(user=user, application=application)
        if next_feedback and application is not None
        else None
    )
    if next_feedback and application is not None and asked is None:
        # Already asked them (a request is sent): no second reminder to ask.
        existing = selectors.feedback_followup_open(user=user, application=application)
        followups.append(
            existing
            or followup_create(
                user=user,
                title=f"Ask {application.company} for feedback",
                due_on=today + FEEDBACK_DUE_AFTER,
                kind=FollowUp.Kind.FEEDBACK_REQUEST,
                application=application,
                notes="A short, friendly note asking what would have made the difference.",
            )
        )
    if next_reach_out:
        followups.append(
            followup_create(
                user=user,
                title=f"Reach out to {next_reach_out}",
                due_on=today + REACH_OUT_DUE_AFTER,
                kind=FollowUp.Kind.KEEP_IN_TOUCH,
            )
        )
    if next_break:
        followups.append(
            followup_create(
                user=user,
                title=BREAK_TITLE,
                due_on=today,
                kind=FollowUp.Kind.OTHER,
                notes=BREAK_NOTES,
            )
        )
    entry.followups.set(followups)
    if next_skill:
        about = f" about {application.role} at {application.company}" if application else ""
        skill_goal_create(
            user=user,
            title=next_skill,
            why=f"From my reflection{about} on {dateformat.format(entry.on, 'j F Y')}.",
            source_entry=entry,
        )
    if draft is not None:
        if draft.user_id != user.pk:
            raise ValidationError("That draft belongs to someone else.")
        draft.delete()
    return entry


# --- skill goals -------------------------------------------------------------------------


def _apply_status(goal: SkillGoal, today: date | None) -> None:
    if goal.status == SkillGoal.Status.DONE:
        goal.done_on = goal.done_on or today or timezone.localdate()
    else:
        goal.done_on = None


@transaction.atomic
def skill_goal_create(*, user, title: str, today: date | None = None, **fields: Any) -> SkillGoal:
    source = fields.get("source_entry")
    if source is not None and source.user_id != user.pk:
        raise ValidationError("That entry belongs to someone else.")
    goal = SkillGoal(user=user, title=tidy(title), **fields)
    _apply_status(goal, today)
    goal.full_clean()
    goal.save()
    return goal


SKILL_TITLE_LENGTH = 120


@transaction.atomic
def skill_goal_from_feedback(*, user, feedback: FeedbackRequest) -> tuple[SkillGoal, bool]:
    """Turn "what I'll change" from an employer's feedback into a skill goal, in one go.

    Returns the goal and whether it is new: asking twice finds the one made the first time."""
    if feedback.user_id != user.pk:
        raise ValidationError("That feedback belongs to someone else.")
    existing = SkillGoal.objects.filter(user=user, source_feedback=feedback).first()
    if existing is not None:
        return existing, False
    change = feedback.will_change.strip()
    if not change:
        raise ValidationError("Write what you’ll change first; that becomes the skill goal.")
    first_line = next(line for line in change.splitlines() if line.strip())
    title = Truncator(tidy(first_line)).chars(SKILL_TITLE_LENGTH)
    application = feedback.application
    why = (
        f"From the feedback {application.company} gave about the {application.role} role"
        + (f" ({dateformat.format(feedback.replied_on, 'j F Y')})" if feedback.replied_on else "")
        + "."
    )
    if change != first_line.strip() or title != tidy(first_line):
        why += f"\n\n{change}"
    goal = skill_goal_create(user=user, title=title, why=why, source_feedback=feedback)
    return goal, True


@transaction.atomic
def skill_goal_update(*, goal: SkillGoal, today: date | None = None, **fields: Any) -> SkillGoal:
    for name, value in fields.items():
        setattr(goal, name, tidy(value) if name == "title" else value)
    _apply_status(goal, today)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def skill_goal_set_status(*, goal: SkillGoal, status: str, today: date | None = None) -> SkillGoal:
    return skill_goal_update(goal=goal, status=status, today=today)


@transaction.atomic
def skill_goal_delete(*, goal: SkillGoal) -> None:
    goal.delete()


# --- the weekly review -------------------------------------------------------------------------


@transaction.atomic
def weekly_review_draft_save(*, user, week_start: date, data: dict[str, Any]) -> Draft:
    """Keep a review being written exactly as typed: one draft a week, found by its week."""
    draft = (
        Draft.objects.select_for_update()
        .filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=week_start)
        .first()
    ) or Draft(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=week_start)
    draft.data = _storable(data)
    draft.step = 1
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def weekly_review_create(
    *,
    user,
    week_start: date,
    facts: WeekFacts,
    went_well: str = "",
    do_differently: str = "",
    next_focus: str = "",
    next_goal: int | None = None,
    today: date | None = None,
    on: date | None = None,
) -> Entry:
    """Save the review of the week starting `week_start`, with its facts as they are now,
    set the next week's application goal, and retire the week's draft.

    The goal: a number sets it from the next week on; empty clears it (a goal of 0),
    unless no goal was ever set, when nothing is stored. Weeks already over keep theirs.
    `on` is the day it was written (today unless given)."""
    today = today or timezone.localdate()
    if week_start != tracker_week_start(week_start):
        raise ValueError("A week starts on its first day.")
    if week_start > today:
        raise ValidationError("That week has not started yet.")
    applies = next_goal_applies(week_start=week_start, today=today)
    entry = Entry(
        user=user,
        kind=Entry.Kind.WEEKLY_REVIEW,
        on=on or today,
        week_start=week_start,
        facts=facts.as_json(),
        went_well=went_well,
        do_differently=do_differently,
        next_focus=next_focus,
        next_goal=next_goal if applies else None,
    )
    entry.full_clean()
    entry.save()
    if applies and (next_goal is not None or WeeklyGoal.objects.filter(user=user).exists()):
        weekly_goal_set(user=user, target=next_goal or 0, today=week_start + timedelta(weeks=1))
    Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=week_start).delete()
    return entry


@transaction.atomic
def weekly_review_update(
    *, entry: Entry, went_well: str, do_differently: str, next_focus: str
) -> Entry:
    """Change a saved review's words. Its facts and the goal it set stay as they were."""
    if entry.kind != Entry.Kind.WEEKLY_REVIEW:
        raise ValueError("Only a weekly review has these answers.")
    return entry_update(
        entry=entry, went_well=went_well, do_differently=do_differently, next_focus=next_focus
    )
