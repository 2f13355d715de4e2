"""Every read in the tracker: querysets filtered by their owner, with what
the page needs joined in, so a page runs the same few queries whatever the
number of rows."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from tracker import feedback, timeline
from tracker.models import (
    ACTIVE_STATUSES,
    Application,
    BuiltinTemplate,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FeedbackTheme,
    FollowUp,
    Interview,
    RejectionStage,
    Status,
    StatusEvent,
    TrackerPreferences,
    WeeklyGoal,
)
from tracker.services import tidy, week_start

# --- applications ---------------------------------------------------------------

SORTS = {
    "activity": ("-last_activity_on", "-id"),
    "applied": ("-applied_on", "-id"),
    "company": ("company", "role", "id"),
}


def application_list(
    *,
    user,
    search: str = "",
    statuses: list[str] | None = None,
    sources: list[str] | None = None,
    work_modes: list[str] | None = None,
    sort: str = "activity",
) -> QuerySet[Application]:
    applications = Application.objects.filter(user=user)
    for word in tidy(search).split(" ") if search.strip() else []:
        applications = applications.filter(Q(company__icontains=word) | Q(role__icontains=word))
    if statuses:
        applications = applications.filter(status__in=statuses)
    if sources:
        applications = applications.filter(source__in=sources)
    if work_modes:
        applications = applications.filter(work_mode__in=work_modes)
    return applications.order_by(*SORTS.get(sort, SORTS["activity"])).only(
        "id", "company", "role", "status", "applied_on", "last_activity_on", "location", "work_mode"
    )


BOARD_COLUMN_LIMIT = 15


@dataclass
class BoardColumn:
    status: Status
    cards: list[Application]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def application_board(*, user) -> list[BoardColumn]:
    """A column per active status, the most recently active first.

    Each column shows at most BOARD_COLUMN_LIMIT cards and says how many more
    there are, so a long search stays quick to load and to scan.
    """
    totals = dict(
        Application.objects.filter(user=user, status__in=ACTIVE_STATUSES)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    ranked = (
        Application.objects.filter(user=user)
        .order_by("-last_activity_on", "-id")
        .only("id", "company", "role", "status", "last_activity_on", "applied_on")
    )
    # A bounded query per column: the same few queries for ten cards or ten thousand.
    cards = {
        status: list(ranked.filter(status=status)[:BOARD_COLUMN_LIMIT])
        if totals.get(status)
        else []
        for status in ACTIVE_STATUSES
    }
    return [
        BoardColumn(status=Status(status), cards=cards[status], total=totals.get(status, 0))
        for status in ACTIVE_STATUSES
    ]


def application_detail(*, user) -> QuerySet[Application]:
    return Application.objects.filter(user=user).prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.order_by("name"))
    )


@dataclass
class Pipeline:
    steps: list[tuple[Status, int]]  # each active status and how many are at it
    total: int
    rejected_lately: int  # rejections in the last REJECTION_STREAK_DAYS days

    @property
    def active(self) -> int:
        return sum(count for _, count in self.steps)

    @property
    def heavy_week(self) -> bool:
        """Enough rejections lately that a gentle word is in order."""
        return self.rejected_lately >= HEAVY_WEEK_REJECTIONS


REJECTION_STREAK_DAYS = 7
HEAVY_WEEK_REJECTIONS = 3


def application_pipeline(*, user, today: date | None = None) -> Pipeline:
    """Counts for the dashboard, in one query."""
    since = (today or timezone.localdate()) - timedelta(days=REJECTION_STREAK_DAYS - 1)
    # Grouped by status, so the (user, status) index does most of the work.
    rows = (
        Application.objects.filter(user=user)
        .values_list("status")
        .annotate(n=Count("id"), lately=Count("id", filter=Q(status_changed_on__gte=since)))
        .values_list("status", "n", "lately")
    )
    counts = {status: (n, lately) for status, n, lately in rows}
    return Pipeline(
        steps=[(Status(s), counts.get(s, (0, 0))[0]) for s in ACTIVE_STATUSES],
        total=sum(n for n, _ in counts.values()),
        rejected_lately=counts.get(Status.REJECTED, (0, 0))[1],
    )


def application_duplicates(
    *, user, company: str, role: str, exclude_pk: int | None = None
) -> QuerySet[Application]:
    """ "Did I already apply?": same company and role, ignoring case and spacing."""
    matches = Application.objects.filter(
        user=user, company__iexact=tidy(company), role__iexact=tidy(role)
    ).order_by("-created_at")
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    return matches


def application_choices(*, user) -> QuerySet[Application]:
    """For pickers: every application of the person, most recent first."""
    return (
        Application.objects.filter(user=user)
        .order_by("-last_activity_on", "-id")
        .only("id", "company", "role")
    )


def application_timeline(application: Application) -> list[timeline.TimelineItem]:
    """Everything that happened to an application, newest first."""
    items: list[timeline.TimelineItem] = []
    for provider in timeline.providers():
        items.extend(provider(application))
    return sorted(items, key=lambda item: item.sort_key, reverse=True)


@timeline.register
def _status_items(application: Application):
    events = list(application.events.order_by("happened_on", "id"))
    removable = len(events) > 1
    for index, event in enumerate(events):
        detail = []
        if event.rejection_stage:
            detail.append(f"Stage reached: {event.get_rejection_stage_display()}.")
        if event.rejection_channel:
            detail.append(f"Heard by: {event.get_rejection_channel_display().lower()}.")
        if event.rejection_reason:
            detail.append(f"Reason given: {event.rejection_reason}")
        if event.note:
            detail.append(event.note)
        yield timeline.TimelineItem(
            on=event.happened_on,
            kind="status",
            title=event.get_status_display(),
            detail="\n".join(detail),
            order=index,
            badge=event.status,
            url=reverse("tracker:status_event_edit", args=[application.pk, event.pk]),
            remove_url=(
                reverse("tracker:status_event_delete", args=[application.pk, event.pk])
                if removable
                else ""
            ),
        )


@timeline.register
def _interview_items(application: Application):
    for interview in application.interviews.prefetch_related("contacts"):
        people = ", ".join(contact.name for contact in interview.contacts.all())
        yield timeline.TimelineItem(
            on=timezone.localtime(interview.scheduled_at).date(),
            at=interview.scheduled_at,
            kind="interview",
            title=f"{interview.get_kind_display()} interview"
            + (f" with {people}" if people else ""),
            detail=interview.went_well or interview.prep_notes,
            url=reverse("tracker:interview_edit", args=[interview.pk]),
        )


@timeline.register
def _followup_items(application: Application):
    # Open follow-ups are listed beside the timeline, where they can be ticked off.
    for followup in application.followups.filter(done_at__isnull=False):
        yield timeline.TimelineItem(
            on=timezone.localtime(followup.done_at).date(),
            at=followup.done_at,
            kind="followup",
            title=f"Done: {followup.title}",
            detail=followup.notes,
            url=reverse("tracker:followup_edit", args=[followup.pk]),
        )


@timeline.register
def _feedback_items(application: Application):
    requests = application.feedback_requests.exclude(state=FeedbackRequest.State.DRAFT)
    for request in requests.select_related("contact"):
        url = reverse("tracker:feedback_detail", args=[request.pk])
        who = f" from {request.contact.name}" if request.contact else ""
        yield timeline.TimelineItem(
            on=request.sent_on, kind="feedback", title=f"Asked for feedback{who}", url=url
        )
        if request.state == FeedbackRequest.State.REPLIED:
            themes = ", ".join(request.theme_labels)
            yield timeline.TimelineItem(
                on=request.replied_on,
                kind="feedback",
                title="Feedback received",
                detail="\n".join(
                    part
                    for part in (
                        f"Themes: {themes}." if themes else "",
                        Truncator(request.reply_text).chars(200),
                    )
                    if part
                ),
                url=url,
                order=1,
            )
        elif request.state == FeedbackRequest.State.NO_REPLY:
            yield timeline.TimelineItem(
                on=request.closed_on,
                kind="feedback",
                title="No reply to the feedback request",
                url=url,
                order=1,
            )


def status_event_latest_rejection(*, application: Application) -> StatusEvent | None:
    return application.events.filter(status=Status.REJECTED).order_by("-happened_on", "-id").first()


# --- interviews -----------------------------------------------------------------


def interview_list_upcoming(*, user, now=None, with_people: bool = True) -> QuerySet[Interview]:
    now = now or timezone.now()
    # An interview that started in the last few hours still counts as today's.
    interviews = (
        Interview.objects.filter(user=user, scheduled_at__gte=now - timedelta(hours=3))
        .select_related("application")
        .order_by("scheduled_at")
    )
    if with_people:
        interviews = interviews.prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.order_by("name"))
        )
    return interviews


def interview_list_past(*, user, now=None) -> QuerySet[Interview]:
    now = now or timezone.now()
    return (
        Interview.objects.filter(user=user, scheduled_at__lt=now - timedelta(hours=3))
        .select_related("application")
        .order_by("-scheduled_at")
    )


# --- contacts -------------------------------------------------------------------


def contact_list(*, user, search: str = "") -> QuerySet[Contact]:
    contacts = Contact.objects.filter(user=user)
    for word in tidy(search).split(" ") if search.strip() else []:
        contacts = contacts.filter(
            Q(name__icontains=word)
            | Q(company__icontains=word)
            | Q(title__icontains=word)
            | Q(email__icontains=word)
        )
    return contacts.order_by("name", "id")


def contact_choices(*, user) -> QuerySet[Contact]:
    return Contact.objects.filter(user=user).order_by("name", "id")


# --- follow-ups -------------------------------------------------------------------


@dataclass
class FollowUpGroup:
    key: str
    items: list[FollowUp]
    total: int

    @property
    def title(self) -> str:
        return GROUP_TITLES[self.key]

    @property
    def hidden(self) -> int:
        return self.total - len(self.items)


@dataclass
class FollowUpGroups:
    overdue: FollowUpGroup
    today: FollowUpGroup
    upcoming: FollowUpGroup  # the next two weeks
    later: FollowUpGroup
    done: FollowUpGroup  # done in the last two weeks

    def __iter__(self):
        return iter((self.overdue, self.today, self.upcoming, self.later, self.done))

    @property
    def empty(self) -> bool:
        return not any(group.total for group in self)


RECENTLY_DONE = timedelta(days=14)
SOON = timedelta(days=14)
GROUP_LIMIT = 10
GROUP_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "upcoming": "The next two weeks",
    "later": "Later",
    "done": "Done in the last two weeks",
}
GROUPS = tuple(GROUP_TITLES)


# What a follow-up row shows: loading less makes long lists quicker.
ROW_FIELDS = (
    "id",
    "title",
    "due_on",
    "kind",
    "notes",
    "done_at",
    "application_id",
    "contact_id",
    "source_feedback_id",
    "application__company",
    "contact__name",
)


def followup_open(*, user) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(user=user, done_at__isnull=True)
        .select_related("application", "contact")
        .only(*ROW_FIELDS)
        .order_by("due_on", "id")
    )


def followup_open_for(*, application: Application) -> QuerySet[FollowUp]:
    """An application's open follow-ups, beside its timeline."""
    return followup_open(user=application.user_id).filter(application=application)


def followup_group(*, user, key: str, today: date | None = None) -> QuerySet[FollowUp]:
    """One group of the follow-ups page, in the order it is shown."""
    today = today or timezone.localdate()
    if key == "done":
        return (
            FollowUp.objects.filter(user=user, done_at__gte=timezone.now() - RECENTLY_DONE)
            .select_related("application", "contact")
            .only(*ROW_FIELDS)
            .order_by("-done_at", "-id")
        )
    open_ones = followup_open(user=user)
    return {
        "overdue": open_ones.filter(due_on__lt=today),
        "today": open_ones.filter(due_on=today),
        "upcoming": open_ones.filter(due_on__gt=today, due_on__lte=today + SOON),
        "later": open_ones.filter(due_on__gt=today + SOON),
    }[key]


def followup_groups(*, user, today: date | None = None, limit: int = GROUP_LIMIT) -> FollowUpGroups:
    """The follow-ups page: each group's first few, and how many it has in all.

    A fixed number of queries (one count for all groups, one per group), so
    a long search with thousands of reminders loads as fast as a short one."""
    today = today or timezone.localdate()
    totals = FollowUp.objects.filter(user=user).aggregate(
        overdue=Count("id", filter=Q(done_at__isnull=True, due_on__lt=today)),
        today=Count("id", filter=Q(done_at__isnull=True, due_on=today)),
        upcoming=Count(
            "id", filter=Q(done_at__isnull=True, due_on__gt=today, due_on__lte=today + SOON)
        ),
        later=Count("id", filter=Q(done_at__isnull=True, due_on__gt=today + SOON)),
        done=Count("id", filter=Q(done_at__gte=timezone.now() - RECENTLY_DONE)),
    )
    groups = {
        key: FollowUpGroup(
            key=key,
            items=list(followup_group(user=user, key=key, today=today)[:limit])
            if totals[key]
            else [],
            total=totals[key],
        )
        for key in GROUPS
    }
    return FollowUpGroups(**groups)


def followup_due(*, user, today: date | None = None, limit: int = 6) -> tuple[list[FollowUp], int]:
    """Overdue and due today, oldest first, for the dashboard; and how many in all."""
    today = today or timezone.localdate()
    due = followup_open(user=user).filter(due_on__lte=today)
    return list(due[:limit]), due.count()


# --- preferences and the weekly goal -----------------------------------------------------


def preferences_for(*, user) -> TrackerPreferences:
    return TrackerPreferences.objects.filter(user=user).first() or TrackerPreferences(user=user)


@dataclass
class WeekProgress:
    week_start: date
    target: int | None
    applied: int

    @property
    def met(self) -> bool:
        # A goal of 0 (the goal was cleared) is no goal, so nothing to meet.
        return bool(self.target) and self.applied >= self.target

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, round(100 * self.applied / self.target))


def weekly_progress(*, user, today: date | None = None, weeks: int = 12) -> list[WeekProgress]:
    """This week and the ones before it, oldest first: applications sent against the goal.

    A week is an ISO week (Monday to Sunday) in the person's time zone; an
    application counts in the week of its date applied."""
    today = today or timezone.localdate()
    this_monday = week_start(today)
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    # Read from the (user, applied_on) index and counted here: quicker than
    # asking the database to truncate every date to its week.
    counts: dict[date, int] = {}
    for day in Application.objects.filter(
        user=user, applied_on__gte=first_monday, applied_on__lt=this_monday + timedelta(days=7)
    ).values_list("applied_on", flat=True):
        monday = week_start(day)
        counts[monday] = counts.get(monday, 0) + 1
    goals = list(
        WeeklyGoal.objects.filter(user=user, week_start__lte=this_monday).order_by("week_start")
    )
    progress = []
    for offset in range(weeks):
        monday = first_monday + timedelta(weeks=offset)
        target = None
        for goal in goals:
            if goal.week_start <= monday:
                target = goal.target
        progress.append(
            WeekProgress(week_start=monday, target=target, applied=counts.get(monday, 0))
        )
    return progress


def weekly_goal_current(*, user, today: date | None = None) -> WeeklyGoal | None:
    monday = week_start(today or timezone.localdate())
    return (
        WeeklyGoal.objects.filter(user=user, week_start__lte=monday).order_by("-week_start").first()
    )


# --- feedback requests -------------------------------------------------------------------


def feedback_list(*, user, state: str = "") -> QuerySet[FeedbackRequest]:
    """A person's feedback requests, newest first, with what a list row shows."""
    requests = FeedbackRequest.objects.filter(user=user)
    if state in FeedbackRequest.State.values:
        requests = requests.filter(state=state)
    return requests.select_related("application", "contact").order_by("-created_at", "-id")


def feedback_counts(*, user) -> dict[str, int]:
    """How many requests are in each state, and in all (one query)."""
    counts = dict(
        FeedbackRequest.objects.filter(user=user)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {
        "": sum(counts.values()),
        **{state: counts.get(state, 0) for state in FeedbackRequest.State.values},
    }


def feedback_detail(*, user) -> QuerySet[FeedbackRequest]:
    return FeedbackRequest.objects.filter(user=user).select_related("application", "contact")


def feedback_for_application(*, application: Application) -> list[FeedbackRequest]:
    return list(
        FeedbackRequest.objects.filter(user=application.user_id, application=application).order_by(
            "-created_at", "-id"
        )
    )


def feedback_from_page(*, user, application: Application, form_key: str) -> FeedbackRequest | None:
    """The request a composer page already made (see FeedbackRequest.form_key)."""
    if not form_key:
        return None
    return FeedbackRequest.objects.filter(
        user=user, application=application, form_key=form_key
    ).first()


def feedback_sent_for(*, user, application: Application) -> FeedbackRequest | None:
    """The latest feedback request already sent to this employer, if there is one."""
    return (
        FeedbackRequest.objects.filter(user=user, application=application)
        .exclude(state=FeedbackRequest.State.DRAFT)
        .order_by("-sent_on", "-id")
        .first()
    )


def feedback_reminder_open(*, feedback: FeedbackRequest) -> FollowUp | None:
    """The open reminder to check for a reply to this request, if there is one."""
    return FollowUp.objects.filter(
        user=feedback.user_id, source_feedback=feedback, done_at__isnull=True
    ).first()


def feedback_draft_for(*, user, application: Application) -> FeedbackRequest | None:
    """The draft already started for this application, to carry on with rather than repeat."""
    return (
        FeedbackRequest.objects.filter(
            user=user, application=application, state=FeedbackRequest.State.DRAFT
        )
        .order_by("-updated_at")
        .first()
    )


def feedback_recipients(*, application: Application) -> list[Contact]:
    """The application's people, best first to ask: the hiring manager, then the recruiter,
    then anyone else; someone with an email address before someone without."""
    rank = Case(
        When(relationship=Contact.Relationship.HIRING_MANAGER, then=Value(0)),
        When(relationship=Contact.Relationship.RECRUITER, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        application.contacts.filter(user=application.user_id)
        .annotate(rank=rank, no_email=Case(When(email="", then=Value(1)), default=Value(0)))
        .order_by("rank", "no_email", "name", "id")
    )


@dataclass(frozen=True)
class TemplateOption:
    """One template to start a feedback email from: ours, ours as edited, or the person's."""

    key: str  # a BuiltinTemplate value, or "mine-<pk>"
    name: str
    subject: str
    body: str
    builtin: str = ""
    row: FeedbackTemplate | None = None

    @property
    def edited(self) -> bool:
        return bool(self.builtin and self.row)

    @property
    def unknown(self) -> list[str]:
        return feedback.unknown_placeholders(self.subject, self.body)


def feedback_templates(*, user) -> list[TemplateOption]:
    """Our three (in the person's edited wording where they changed it), then their own."""
    rows = list(FeedbackTemplate.objects.filter(user=user).order_by("name", "id"))
    edits = {row.builtin: row for row in rows if row.builtin}
    options = []
    for builtin in BuiltinTemplate:
        row = edits.get(builtin.value)
        subject, body = feedback.BUILTIN_WORDING[builtin]
        options.append(
            TemplateOption(
                key=builtin.value,
                name=row.name if row else builtin.label,
                subject=row.subject if row else subject,
                body=row.body if row else body,
                builtin=builtin.value,
                row=row,
            )
        )
    for row in rows:
        if not row.builtin:
            options.append(
                TemplateOption(
                    key=f"mine-{row.pk}", name=row.name, subject=row.subject, body=row.body, row=row
                )
            )
    return options


@dataclass
class FeedbackStats:
    """What the feedback so far adds up to, for the insights the app draws from it."""

    requests: int  # sent, whatever happened next
    replies: int
    median_days_to_reply: float | None
    themes: list[tuple[str, int]]  # (label, how many replies name it), commonest first
    themes_recent: list[tuple[str, int]]  # the same, for replies in the last RECENT days
    # How far the rejected applications the replies are about got (replies about an
    # application that was never rejected have no stage, so are not counted here).
    stages: list[tuple[str, int]]
    tags: list[tuple[str, int]] = field(default_factory=list)

    @property
    def reply_rate(self) -> int | None:
        """Replies per request sent, as a whole percentage."""
        return round(100 * self.replies / self.requests) if self.requests else None


RECENT = timedelta(days=90)


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def feedback_stats(*, user, today: date | None = None) -> FeedbackStats:
    """Request count, reply rate, median days to reply, themes over all replies and the
    last 90 days, and the rejection stages the replies refer to. Two queries."""
    today = today or timezone.localdate()
    rows = list(
        FeedbackRequest.objects.filter(user=user)
        .exclude(state=FeedbackRequest.State.DRAFT)
        .order_by("sent_on", "id")
        .values_list("state", "sent_on", "replied_on", "themes", "tags", "application_id")
    )
    labels = dict(FeedbackTheme.choices)
    themes: Counter = Counter()
    recent: Counter = Counter()
    tags: Counter = Counter()
    spellings: dict[str, str] = {}
    days: list[int] = []
    replied_applications: list[int] = []
    for state, sent_on, replied_on, row_themes, row_tags, application_id in rows:
        if state != FeedbackRequest.State.REPLIED:
            continue
        days.append((replied_on - sent_on).days)
        replied_applications.append(application_id)
        names = [str(labels[t]) for t in dict.fromkeys(row_themes or []) if t in labels]
        themes.update(names)
        if replied_on >= today - RECENT:
            recent.update(names)
        for tag in row_tags or []:
            if isinstance(tag, str):
                # "SQL" and "sql" are one tag; the first spelling seen names it.
                tags[spellings.setdefault(tag.casefold(), tag)] += 1
    # The latest rejection of each application a reply is about: how far it got.
    latest_stage: dict[int, str] = {}
    for application_id, stage in (
        StatusEvent.objects.filter(
            user=user, status=Status.REJECTED, application_id__in=set(replied_applications)
        )
        .order_by("happened_on", "id")
        .values_list("application_id", "rejection_stage")
    ):
        latest_stage[application_id] = stage
    stage_labels = dict(RejectionStage.choices)
    stages = Counter(
        str(stage_labels[latest_stage[a]]) if latest_stage[a] else "Stage not recorded"
        for a in replied_applications
        if a in latest_stage
    )
    return FeedbackStats(
        requests=len(rows),
        replies=len(days),
        median_days_to_reply=statistics.median(days) if days else None,
        themes=_ranked(themes),
        themes_recent=_ranked(recent),
        stages=_ranked(stages),
        tags=_ranked(tags),
    )


# --- the dashboard ----------------------------------------------------------------------------
# Each reads what one dashboard panel shows in a single query, however long the search:
# the database counts (scalar subqueries on the indexes), Python only shapes the result.


def _count(queryset: QuerySet) -> Coalesce:
    """How many rows `queryset` has, as an expression to put in another query.

    Uncorrelated, so the database works it out once per query, from its index."""
    # COUNT as a plain function, not an aggregate: no GROUP BY, so the index alone answers.
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def followup_due_counted(
    *, user, today: date | None = None, limit: int = 6
) -> tuple[list[FollowUp], int]:
    """The same as followup_due, in one query: the total rides along on each row."""
    today = today or timezone.localdate()
    due = followup_open(user=user).filter(due_on__lte=today)
    total = _count(FollowUp.objects.filter(user=user, done_at__isnull=True, due_on__lte=today))
    rows = list(due.annotate(total=total)[:limit])
    return rows, rows[0].total if rows else 0


@dataclass
class DashboardCounts:
    pipeline: Pipeline
    weeks: list[WeekProgress]  # oldest first; the last is this week

    @property
    def this_week(self) -> WeekProgress:
        return self.weeks[-1]


def dashboard_counts(*, user, today: date | None = None, weeks: int = 12) -> DashboardCounts:
    """The pipeline and the weekly goal's progress in one query: a count per status and
    per week, and each week's goal, each read from its index by the database.

    The numbers are those of application_pipeline and weekly_progress. Written in plain
    SQL (standard, for SQLite and PostgreSQL alike): the same query through the ORM took
    twenty times longer to build than the database took to answer it."""
    today = today or timezone.localdate()
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=weeks - 1 - n) for n in range(weeks)]
    since = today - timedelta(days=REJECTION_STREAK_DAYS - 1)
    day = connection.ops.adapt_datefield_value
    applications = connection.ops.quote_name(Application._meta.db_table)
    goals = connection.ops.quote_name(WeeklyGoal._meta.db_table)
    count = f"(SELECT COUNT(*) FROM {applications} WHERE user_id = %s"
    parts = [(f"{count})", [user.pk])]
    parts.append(
        (
            f"{count} AND status = %s AND status_changed_on >= %s)",
            [user.pk, Status.REJECTED.value, day(since)],
        )
    )
    parts += [(f"{count} AND status = %s)", [user.pk, status]) for status in ACTIVE_STATUSES]
    parts += [
        (
            f"{count} AND applied_on >= %s AND applied_on < %s)",
            [user.pk, day(monday), day(monday + timedelta(days=7))],
        )
        for monday in mondays
    ]
    # The goal a week had: the latest one set on or before its Monday.
    parts += [
        (
            f"(SELECT target FROM {goals} WHERE user_id = %s AND week_start <= %s"
            " ORDER BY week_start DESC LIMIT 1)",
            [user.pk, day(monday)],
        )
        for monday in mondays
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(sql for sql, _ in parts),
            [param for _, params in parts for param in params],
        )
        row = list(cursor.fetchone())
    total, rejected_lately = row[0], row[1]
    by_status = row[2 : 2 + len(ACTIVE_STATUSES)]
    applied = row[2 + len(ACTIVE_STATUSES) : 2 + len(ACTIVE_STATUSES) + weeks]
    targets = row[2 + len(ACTIVE_STATUSES) + weeks :]
    return DashboardCounts(
        pipeline=Pipeline(
            steps=[(Status(s), n) for s, n in zip(ACTIVE_STATUSES, by_status, strict=True)],
            total=total,
            rejected_lately=rejected_lately,
        ),
        weeks=[
            WeekProgress(week_start=monday, target=target, applied=n)
            for monday, n, target in zip(mondays, applied, targets, strict=True)
        ],
    )


# How long after a rejection (or closing one as "no response") a reflection is offered.
REFLECT_WITHIN_DAYS = 30
# A feedback request sent more than this many days ago with no reply needs a nudge.
FEEDBACK_WAIT_DAYS = 7
NEEDS_YOU_LIMIT = 8
# Closed without a word: offered a reflection, like a rejection.
CLOSED_HARD = (Status.REJECTED, Status.NO_RESPONSE)


@dataclass(frozen=True)
class NeedsYouItem:
    """One thing on the dashboard's "Needs you" list.

    kind is "reflect" (closed lately, no reflection yet), "feedback" (a request sent
    over a week ago, no reply) or "quiet" (no news for longer than the person's
    threshold for its status)."""

    kind: str
    application: Application
    on: date  # when it closed, when the request was sent, or the last news
    days: int  # since then
    event_id: int | None = None  # the step that closed it (reflect)
    feedback_id: int | None = None  # the request waiting for a reply (feedback)
    threshold: int | None = None  # the person's days for this status (quiet)


@dataclass
class NeedsYou:
    items: list[NeedsYouItem]  # the most urgent ones, or all of them
    more: bool = False  # True when there are more than `items`

    @property
    def count(self) -> int:
        return len(self.items)

    def of_kind(self, kind: str) -> list[NeedsYouItem]:
        return [item for item in self.items if item.kind == kind]

    @property
    def reflect(self) -> list[NeedsYouItem]:
        return self.of_kind("reflect")

    @property
    def feedback(self) -> list[NeedsYouItem]:
        return self.of_kind("feedback")

    @property
    def quiet(self) -> list[NeedsYouItem]:
        return self.of_kind("quiet")


def needs_you(
    *,
    user,
    today: date | None = None,
    now=None,
    preferences: TrackerPreferences | None = None,
    reflected: Collection[int] = (),
    limit: int | None = NEEDS_YOU_LIMIT,
) -> NeedsYou:
    """What in the tracker asks for the person's attention, most urgent first, in one query.

    `reflected` holds the ids of applications that already have a reflection, or one
    started: the journal knows that, the tracker does not, so the page that shows both
    passes them in (journal.selectors.application_ids_reflected). Nothing here changes
    a status.

    One query of three parts (UNION ALL), each read from an index, sorted and cut by the
    database: closed lately (rejected or "no response" in the last REFLECT_WITHIN_DAYS
    days, not put off with "Not now" since), feedback requests sent over
    FEEDBACK_WAIT_DAYS days ago and still unanswered (one item each), and applications
    with no news for longer than the person's threshold for their status ("Still
    waiting" counts as news), unless an interview is still to come. Plain SQL (standard,
    for SQLite and PostgreSQL alike): through the ORM, building it took several times
    longer than running it.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    preferences = preferences or preferences_for(user=user)
    thresholds = preferences.quiet_thresholds
    ops = connection.ops
    day = ops.adapt_datefield_value
    table = {
        model: ops.quote_name(model._meta.db_table)
        for model in (Application, StatusEvent, FeedbackRequest, Interview)
    }
    row = (
        "a.id, a.company, a.role, a.status, a.status_changed_on, a.last_activity_on, "
        "%s AS kind, %s AS urgency"
    )
    params: list = []

    # Closed lately, no reflection yet: the newest first, with the step that closed it.
    reflected = [pk for pk in reflected if isinstance(pk, int)]
    not_reflected = f" AND a.id NOT IN ({', '.join(['%s'] * len(reflected))})" if reflected else ""
    closed = (
        f"SELECT {row}, a.status_changed_on AS newest_first, NULL AS oldest_first,"
        f" (SELECT e.id FROM {table[StatusEvent]} e WHERE e.application_id = a.id"
        "   AND e.status = a.status ORDER BY e.happened_on DESC, e.id DESC LIMIT 1) AS event_id,"
        " NULL AS feedback_id"
        f" FROM {table[Application]} a"
        " WHERE a.user_id = %s AND a.status IN (%s, %s) AND a.status_changed_on >= %s"
        " AND (a.needs_you_dismissed_on IS NULL OR a.needs_you_dismissed_on < a.status_changed_on)"
        + not_reflected
    )
    params += ["reflect", 0, user.pk, *(s.value for s in CLOSED_HARD)]
    params += [day(today - timedelta(days=REFLECT_WITHIN_DAYS - 1)), *reflected]

    # Feedback asked for over a week ago, no reply: waiting longest first.
    waiting = (
        f"SELECT {row}, NULL AS newest_first, f.sent_on AS oldest_first, NULL AS event_id,"
        " f.id AS feedback_id"
        f" FROM {table[FeedbackRequest]} f JOIN {table[Application]} a ON a.id = f.application_id"
        " WHERE f.user_id = %s AND f.state = %s AND f.sent_on < %s AND a.user_id = %s"
    )
    params += ["feedback", 1, user.pk, FeedbackRequest.State.SENT.value]
    params += [day(today - timedelta(days=FEEDBACK_WAIT_DAYS)), user.pk]

    # Gone quiet: longest without news first.
    when, params_when = [], []
    for status, days in thresholds.items():
        cutoff = day(today - timedelta(days=days))
        when.append(
            "(a.status = %s AND a.last_activity_on <= %s"
            " AND (a.still_waiting_on IS NULL OR a.still_waiting_on <= %s))"
        )
        params_when += [Status(status).value, cutoff, cutoff]
    quiet = (
        f"SELECT {row}, NULL AS newest_first, a.last_activity_on AS oldest_first,"
        " NULL AS event_id, NULL AS feedback_id"
        f" FROM {table[Application]} a"
        # The status list first, so the (user, status, last activity) index is used.
        f" WHERE a.user_id = %s AND a.status IN ({', '.join(['%s'] * len(when))})"
        f" AND ({' OR '.join(when)})"
        f" AND a.id NOT IN (SELECT i.application_id FROM {table[Interview]} i"
        "   WHERE i.user_id = %s AND i.scheduled_at >= %s)"
    )
    params += ["quiet", 2, user.pk, *(Status(status).value for status in thresholds)]
    params += [*params_when, user.pk, ops.adapt_datetimefield_value(now)]

    sql = (
        f"SELECT * FROM ({closed} UNION ALL {waiting} UNION ALL {quiet}) AS needs"
        # Within a part one of the two dates is always empty, so where the database puts
        # empty dates does not matter.
        " ORDER BY urgency, newest_first DESC, oldest_first, id"
    )
    if limit is not None:
        # One more than shown says whether there are more.
        sql += " LIMIT %s"
        params.append(limit + 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    more = limit is not None and len(rows) > limit
    items = []
    for pk, company, role, status, changed_on, activity_on, kind, _, *rest in rows[:limit]:
        newest, oldest, event_id, feedback_id = rest
        application = Application(
            pk=pk,
            user=user,
            company=company,
            role=role,
            status=status,
            status_changed_on=_as_date(changed_on),
            last_activity_on=_as_date(activity_on),
        )
        on = _as_date(newest if kind == "reflect" else oldest)
        items.append(
            NeedsYouItem(
                kind=kind,
                application=application,
                on=on,
                days=(today - on).days,
                event_id=event_id,
                feedback_id=feedback_id,
                threshold=thresholds.get(status) if kind == "quiet" else None,
            )
        )
    return NeedsYou(items=items, more=more)


def _as_date(value) -> date | None:
    """A date from a plain SQL row (SQLite gives text, PostgreSQL a date)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
