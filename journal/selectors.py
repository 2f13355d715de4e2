"""Every read in the journal, filtered by its owner and shaped for the page
that shows it, so each page runs the same few queries however much is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import IntegerField, Prefetch, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from jobsearch.search import matching
from journal.models import EMOTIONS, Draft, Emotion, Entry, SkillGoal, Tag
from tracker import timeline
from tracker.feedback.skill_goals import SkillGoalLink
from tracker.models import Application, FollowUp, Status, StatusEvent
from tracker.selectors import week_bounds
from tracker.services import week_start

# Rotating prompts for check-ins, one a day. Ours; answers keep the words they answered.
PROMPTS = (
    "What is one thing you did today that moved you forward?",
    "What gave you a little energy today?",
    "Who could you catch up with this week, with no agenda?",
    "What have you learned lately about the job you want next?",
    "What would make tomorrow a bit easier?",
    "What are you proud of from this week, however small?",
    "What is one thing you can put down for today?",
    "Which of your skills did you use today, in or out of the search?",
    "If a friend were where you are, what would you tell them?",
    "What is something you are looking forward to?",
)


def prompt_for(day: date) -> str:
    return PROMPTS[day.toordinal() % len(PROMPTS)]


# --- entries ----------------------------------------------------------------------------

# The text a search looks through.
SEARCHED_FIELDS = (
    "title",
    "body",
    "automatic_thought",
    "reframe",
    "outside_other",
    "went_well",
    "do_differently",
    "fit_why",
    "next_skill",
    "next_reach_out",
    "prompt_answer",
    "next_focus",
)


def entry_list(
    *,
    user,
    search: str = "",
    kind: str = "",
    emotion: str = "",
    tag: str = "",
    application: Application | None = None,
) -> QuerySet[Entry]:
    """A person's entries, newest first, with what a list row shows joined in.

    `search` is what was typed; jobsearch.search decides which words of it count."""
    entries = matching(Entry.objects.filter(user=user), search, SEARCHED_FIELDS)
    if kind:
        entries = entries.filter(kind=kind)
    if emotion:
        entries = entries.filter(emotions__name__iexact=emotion)
    if tag:
        entries = entries.filter(tags__name__iexact=tag)
    if application is not None:
        entries = entries.filter(application=application)
    return (
        entries.select_related("application")
        .prefetch_related("emotions", "tags")
        .order_by("-on", "-created_at", "-id")
    )


def entry_detail(*, user) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(user=user)
        .select_related("application", "status_event")
        .prefetch_related(
            "emotions",
            "tags",
            Prefetch("followups", queryset=FollowUp.objects.order_by("due_on", "id")),
            Prefetch("skill_goals", queryset=SkillGoal.objects.order_by("created_at")),
        )
    )


def emotion_choices(*, user) -> list[str]:
    """Our feelings, then the ones this person added, in the order they would look for them."""
    ours = {name.casefold() for name in EMOTIONS}
    added = [
        name
        for name in Emotion.objects.filter(user=user)
        .order_by("name")
        .values_list("name", flat=True)
        if name.casefold() not in ours
    ]
    return [*EMOTIONS, *added]


def tag_choices(*, user) -> list[str]:
    return list(Tag.objects.filter(user=user).order_by("name").values_list("name", flat=True))


def application_filter_choices(*, user) -> QuerySet[Application]:
    """Applications that have journal entries about them, for the list's filter."""
    return (
        Application.objects.filter(user=user, journal_entries__isnull=False)
        .distinct()
        .order_by("company", "role")
        .only("id", "company", "role")
    )


def entries_about(*, application: Application) -> QuerySet[Entry]:
    return Entry.objects.filter(user_id=application.user_id, application=application).order_by(
        "-on", "-created_at"
    )


def timeline_items(application: Application):
    """Reflections and other entries about an application, for its timeline (one query)."""
    for entry in entries_about(application=application):
        created = timezone.localtime(entry.created_at)
        detail = entry.reframe or entry.body or entry.prompt_answer
        if entry.mood_change is not None:
            detail = f"Mood {entry.mood} → {entry.mood_after}." + (f"\n{detail}" if detail else "")
        yield timeline.TimelineItem(
            on=entry.on,
            kind=entry.kind if entry.kind == Entry.Kind.REFLECTION else "journal",
            title=(
                "Reflection written"
                if entry.kind == Entry.Kind.REFLECTION
                else f"{entry.get_kind_display()}: {entry.heading}"
            ),
            detail=detail,
            url=reverse("journal:entry_detail", args=[entry.pk]),
            # Written on the day it is about: place it at the time it was written.
            at=entry.created_at if created.date() == entry.on else None,
            order=1000,
        )


def skill_goals_from_feedback(*, user, feedback_ids) -> dict[int, SkillGoalLink]:
    """The skill goal each of these feedback requests became, for the tracker's feedback
    page (registered in JournalConfig.ready, one query). The first made, if several."""
    goals = (
        SkillGoal.objects.filter(user=user, source_feedback_id__in=feedback_ids)
        .order_by("-created_at", "-id")
        .values_list("source_feedback_id", "pk", "title")
    )
    # Newest first, so the oldest of each request's goals is the one kept.
    return {
        feedback_id: SkillGoalLink(title=title, url=reverse("journal:skill_list") + f"#goal-{pk}")
        for feedback_id, pk, title in goals
    }


def feedback_followup_open(*, user, application: Application) -> FollowUp | None:
    """An open reminder to ask this employer for feedback, such as the tracker suggests."""
    return (
        FollowUp.objects.filter(
            user=user,
            application=application,
            kind=FollowUp.Kind.FEEDBACK_REQUEST,
            done_at__isnull=True,
        )
        .order_by("due_on", "id")
        .first()
    )


# --- drafts ------------------------------------------------------------------------------


def draft_list(*, user) -> QuerySet[Draft]:
    """Unfinished reflections, the most recently touched first."""
    return (
        Draft.objects.filter(user=user, kind=Draft.Kind.REFLECTION)
        .select_related("application")
        .order_by("-updated_at", "-id")
    )


# --- wins ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Win:
    on: date
    title: str
    url: str
    is_skill: bool = False


def win_list_recent(*, user, limit: int = 5) -> list[Win]:
    """Recent wins, newest first: entries logged as wins and skill goals marked done."""
    entries = Entry.objects.filter(user=user, kind=Entry.Kind.WIN).order_by("-on", "-created_at")[
        :limit
    ]
    goals = SkillGoal.objects.filter(user=user, status=SkillGoal.Status.DONE).order_by(
        "-done_on", "-id"
    )[:limit]
    wins = [
        Win(on=entry.on, title=entry.heading, url=reverse("journal:entry_detail", args=[entry.pk]))
        for entry in entries
    ] + [
        Win(
            on=goal.done_on,
            title=f"Learned: {goal.title}",
            url=reverse("journal:skill_list") + f"#goal-{goal.pk}",
            is_skill=True,
        )
        for goal in goals
    ]
    return sorted(wins, key=lambda win: win.on, reverse=True)[:limit]


# --- mood ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoodDay:
    on: date
    mood: int | None  # the day's average, rounded; None when nothing was logged
    count: int


@dataclass(frozen=True)
class MoodSummary:
    days: list[MoodDay]
    average: float | None
    # True when the last week averaged clearly lower than the week before.
    dipping: bool

    @property
    def logged(self) -> int:
        return sum(day.count for day in self.days)


def mood_recent(*, user, days: int = 14, today: date | None = None) -> MoodSummary:
    """A point per day for the last `days` days, oldest first, from check-ins and reflections.

    A reflection counts both its moods, at the start and at the end.
    """
    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    rows = Entry.objects.filter(user=user, on__gte=since, on__lte=today).values_list(
        "on", "mood", "mood_after"
    )
    by_day: dict[date, list[int]] = {}
    for on, mood, mood_after in rows:
        by_day.setdefault(on, []).extend(m for m in (mood, mood_after) if m is not None)
    points = [
        MoodDay(
            on=day,
            mood=round(sum(by_day[day]) / len(by_day[day])) if by_day.get(day) else None,
            count=len(by_day.get(day, [])),
        )
        for day in (since + timedelta(days=n) for n in range(days))
    ]
    moods = [m for values in by_day.values() for m in values]
    last_week = [
        m for day, values in by_day.items() if day > today - timedelta(days=7) for m in values
    ]
    week_before = [
        m
        for day, values in by_day.items()
        if today - timedelta(days=14) < day <= today - timedelta(days=7)
        for m in values
    ]
    dipping = mood_dipped(last_week, week_before)
    return MoodSummary(
        days=points,
        average=round(sum(moods) / len(moods), 1) if moods else None,
        dipping=dipping,
    )


# --- skill goals ---------------------------------------------------------------------------------


@dataclass
class SkillGoalGroups:
    in_progress: list[SkillGoal]
    planned: list[SkillGoal]
    done: list[SkillGoal]


def skill_goal_list(*, user) -> SkillGoalGroups:
    goals = list(
        SkillGoal.objects.filter(user=user)
        .select_related("source_entry__application", "source_feedback__application")
        .order_by("-created_at", "-id")
    )
    far = date.max
    return SkillGoalGroups(
        in_progress=sorted(
            (g for g in goals if g.status == SkillGoal.Status.IN_PROGRESS),
            key=lambda g: g.target_on or far,
        ),
        planned=sorted(
            (g for g in goals if g.status == SkillGoal.Status.PLANNED),
            key=lambda g: g.target_on or far,
        ),
        done=sorted(
            (g for g in goals if g.status == SkillGoal.Status.DONE),
            key=lambda g: g.done_on,
            reverse=True,
        ),
    )


# --- for the dashboard --------------------------------------------------------------------


def application_ids_reflected(*, user, since: date) -> list[int]:
    """Applications with a reflection written on or after `since`, or one started (a
    draft): the dashboard stops offering a reflection on them. One query."""
    reflected, _ = dashboard_journal_state(user=user, since=since)
    return reflected


def dashboard_journal_state(
    *, user, since: date, review_week: date | None = None
) -> tuple[list[int], set[str]]:
    """What the dashboard asks the journal, in one query (its budget is twelve):
    the applications reflected on since `since` (application_ids_reflected), and,
    with `review_week`, that week's review state as weekly_review_state gives it."""
    no_application = Value(None, output_field=IntegerField())
    parts = [
        Entry.objects.filter(
            user=user, kind=Entry.Kind.REFLECTION, on__gte=since, application__isnull=False
        )
        .annotate(tag=Value("reflected"))
        .values_list("tag", "application_id"),
        Draft.objects.filter(user=user, kind=Draft.Kind.REFLECTION, application__isnull=False)
        .annotate(tag=Value("reflected"))
        .values_list("tag", "application_id"),
    ]
    if review_week is not None:
        parts += [
            Entry.objects.filter(user=user, kind=Entry.Kind.WEEKLY_REVIEW, week_start=review_week)
            .annotate(tag=Value("saved"), none=no_application)
            .values_list("tag", "none"),
            Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=review_week)
            .annotate(tag=Value("draft"), none=no_application)
            .values_list("tag", "none"),
        ]
    first, *rest = (part.order_by() for part in parts)
    rows = set(first.union(*rest).order_by())
    reflected = sorted({pk for tag, pk in rows if tag == "reflected"})
    return reflected, {tag for tag, _ in rows if tag != "reflected"}


# --- the weekly review ----------------------------------------------------------------------

# How far a week's average mood must fall below the week before's to count as a dip.
MOOD_DIP = 1.5


def mood_dipped(recent: list[int], before: list[int]) -> bool:
    """The nudge's mood rule: the recent moods average clearly lower than the ones before."""
    if not recent or not before:
        return False
    return sum(recent) / len(recent) <= sum(before) / len(before) - MOOD_DIP


@dataclass
class WeekInJournal:
    """What the journal holds about one week, from dates only."""

    week_start: date
    wins: list[str]  # titles: wins logged, then skills learned
    skills_set: int  # skill goals made that week
    skills_done: list[str]  # skill goals finished that week
    moods: list[int]  # every mood logged that week (a reflection gives two)
    # The week's rejections (status events) with a reflection written about them.
    reflected: set[int] = field(default_factory=set)


def week_journal(*, user, monday: date, weeks: int = 2) -> list[WeekInJournal]:
    """The week starting `monday` and the `weeks - 1` before it, oldest first (three
    queries, whatever the data: entries, skill goals, reflections on rejections)."""
    first = monday - timedelta(weeks=weeks - 1)
    last = monday + timedelta(days=6)
    start, end = week_bounds(first, weeks=weeks)
    found = {
        first + timedelta(weeks=n): WeekInJournal(
            week_start=first + timedelta(weeks=n), wins=[], skills_set=0, skills_done=[], moods=[]
        )
        for n in range(weeks)
    }
    entries = (
        Entry.objects.filter(user=user, on__gte=first, on__lte=last)
        .filter(Q(kind=Entry.Kind.WIN) | Q(mood__isnull=False) | Q(mood_after__isnull=False))
        .order_by("on", "created_at", "id")
        .values_list("kind", "on", "title", "body", "mood", "mood_after")
    )
    for kind, on, title, body, mood, mood_after in entries:
        week = found[week_start(on)]
        if kind == Entry.Kind.WIN:
            week.wins.append(Entry(kind=kind, title=title, body=body).heading)
        week.moods.extend(m for m in (mood, mood_after) if m is not None)
    # Finished in these weeks, or made in them (in the person's zone): one query.
    skill_goals = (
        SkillGoal.objects.filter(user=user)
        .filter(
            Q(done_on__gte=first, done_on__lte=last) | Q(created_at__gte=start, created_at__lt=end)
        )
        .order_by("done_on", "id")
        .values_list("title", "done_on", "created_at")
    )
    for title, done_on, created in skill_goals:
        if done_on is not None and first <= done_on <= last:
            found[week_start(done_on)].skills_done.append(title)
            found[week_start(done_on)].wins.append(f"Learned: {title}")
        if start <= created < end:
            found[week_start(timezone.localtime(created).date())].skills_set += 1
    rejections = StatusEvent.objects.filter(
        user=user, status=Status.REJECTED, happened_on__gte=first, happened_on__lte=last
    ).values("pk")
    for event_id, happened_on in (
        Entry.objects.filter(user=user, kind=Entry.Kind.REFLECTION, status_event__in=rejections)
        .order_by()  # no sort to do: without it SQLite walks every entry by date
        .values_list("status_event_id", "status_event__happened_on")
    ):
        found[week_start(happened_on)].reflected.add(event_id)
    return list(found.values())


def weekly_review_for(*, user, monday: date) -> Entry | None:
    return Entry.objects.filter(user=user, kind=Entry.Kind.WEEKLY_REVIEW, week_start=monday).first()


def weekly_review_draft_for(*, user, monday: date) -> Draft | None:
    return Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=monday).first()


@dataclass(frozen=True)
class ReviewDraft:
    """A weekly review's draft as the review page shows it (a Draft has the same two)."""

    data: Any
    updated_at: datetime


def weekly_review_page_state(*, user, monday: date) -> tuple[int | None, ReviewDraft | None]:
    """The week's saved review (its id) and its draft, as weekly_review_for and
    weekly_review_draft_for give them, in one query: the review page asks both on
    every visit. The saved review's row only fills the same shape of columns (its
    facts and creation time are never read from here)."""
    drafts = (
        Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=monday)
        .order_by()
        .annotate(tag=Value("draft"))
        .values_list("tag", "pk", "data", "updated_at")
    )
    saved = (
        Entry.objects.filter(user=user, kind=Entry.Kind.WEEKLY_REVIEW, week_start=monday)
        .order_by()
        .annotate(tag=Value("saved"))
        .values_list("tag", "pk", "facts", "created_at")
    )
    rows = list(drafts.union(saved, all=True).order_by())
    saved_id = min((pk for tag, pk, _, _ in rows if tag == "saved"), default=None)
    # The newest draft, as Draft's ordering has it.
    newest = max(((when, pk, data) for tag, pk, data, when in rows if tag == "draft"), default=None)
    draft = ReviewDraft(data=newest[2], updated_at=newest[0]) if newest else None
    return saved_id, draft


def weekly_review_state(*, user, monday: date) -> set[str]:
    """Whether the week has a saved review ("saved") and a draft ("draft"), in one query,
    the same one every day (the dashboard's prompt asks on every visit)."""
    saved = (
        Entry.objects.filter(user=user, kind=Entry.Kind.WEEKLY_REVIEW, week_start=monday)
        .order_by()
        .annotate(state=Value("saved"))
        .values_list("state", flat=True)
    )
    drafted = (
        Draft.objects.filter(user=user, kind=Draft.Kind.WEEKLY_REVIEW, week_start=monday)
        .order_by()
        .annotate(state=Value("draft"))
        .values_list("state", flat=True)
    )
    return set(saved.union(drafted).order_by())
