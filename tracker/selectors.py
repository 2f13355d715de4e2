"""Every read in the tracker: querysets filtered by their owner, with what
the page needs joined in, so a page runs the same few queries whatever the
number of rows."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection, router
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    Model,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.deletion import Collector
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from jobsearch.search import matching
from tracker import timeline
from tracker.models import (
    ACTIVE_STATUSES,
    Application,
    Contact,
    FeedbackRequest,
    FollowUp,
    Interview,
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
    applications = matching(Application.objects.filter(user=user), search, ("company", "role"))
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
        return rejections_are_heavy(self.rejected_lately)


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


@dataclass
class DeletePreview:
    """What deleting an application takes with it, and what stays, in words."""

    going: list[str]  # "3 steps in its history", "1 interview", …
    staying: list[str]  # sentences about what is kept
    # How many rows of each model go (by "app.Model"), as Django's delete() counts them.
    counts: dict[str, int]


# How the tracker's own kinds read in "what goes with it", one and many.
_GOING_WORDS = {
    StatusEvent: ("step in its history", "steps in its history"),
    Interview: ("interview", "interviews"),
    FollowUp: ("follow-up", "follow-ups"),
    FeedbackRequest: ("feedback request", "feedback requests"),
}


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _model_words(model, count: int) -> str:
    """Another app's kind of thing, in that app's own names for it ("2 skill goals")."""
    meta = model._meta
    return _counted(count, str(meta.verbose_name), str(meta.verbose_name_plural))


def _with_replies(pks: set[int]) -> str:
    replied = FeedbackRequest.objects.filter(
        pk__in=pks, state=FeedbackRequest.State.REPLIED
    ).count()
    if not replied:
        return ""
    if len(pks) == 1:
        return ", with the employer’s reply, its themes and tags"
    return f", {replied} of them with the employer’s reply, its themes and tags"


def application_delete_preview(*, application: Application) -> DeletePreview:
    """Everything that deleting `application` removes or unlinks, from any app.

    Django's own deletion collector works it out, the same one delete() uses, so
    the page can list what another app keeps about the application (the journal's
    entries, say) without the tracker knowing that app, and the numbers are the
    ones that delete() will act on."""
    collector = Collector(using=router.db_for_write(Application), origin=application)
    collector.collect([application])
    going: dict[type[Model], set] = defaultdict(set)
    for model, instances in collector.data.items():
        going[model].update(instance.pk for instance in instances)
    for rows in collector.fast_deletes:
        going[rows.model].update(rows.values_list("pk", flat=True))
    # Rows that stay but lose their link to it (on_delete=SET_NULL), unless they go anyway.
    unlinked: dict[type[Model], set] = defaultdict(set)
    for (field, _value), batches in collector.field_updates.items():
        for rows in batches:
            pks = (
                rows.values_list("pk", flat=True)
                if isinstance(rows, QuerySet)
                else [row.pk for row in rows]
            )
            unlinked[field.model].update(pk for pk in pks if pk not in going[field.model])

    going_words = []
    for model, (one, many) in _GOING_WORDS.items():
        if count := len(going.get(model, ())):
            going_words.append(_counted(count, one, many))
            if model is FeedbackRequest:
                going_words[-1] += _with_replies(going[model])
    for model, pks in going.items():
        # Another app's rows that belong to it; a row of an auto-created table is
        # a link between two things (an application and a contact), not a thing.
        theirs = model not in _GOING_WORDS and model is not Application
        if pks and theirs and not model._meta.auto_created:
            going_words.append(_model_words(model, len(pks)))

    staying = []
    contacts = application.contacts.count()
    if contacts:
        staying.append(
            f"{'The contact' if contacts == 1 else f'All {contacts} contacts'} linked to it "
            f"stay{'s' if contacts == 1 else ''} in your contacts."
        )
    by_app: dict[str, list[str]] = defaultdict(list)
    for model, pks in unlinked.items():
        if pks:
            by_app[model._meta.app_config.verbose_name].append(_model_words(model, len(pks)))
    for app_name, kinds in sorted(by_app.items()):
        many = len(kinds) > 1 or not kinds[0].startswith("1 ")
        staying.append(
            f"In your {app_name.lower()}, {' and '.join(kinds)} about it "
            f"stay{'' if many else 's'}, no longer linked to it."
        )
    return DeletePreview(
        going=going_words,
        staying=staying,
        counts={model._meta.label: len(pks) for model, pks in going.items() if pks},
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
    contacts = matching(
        Contact.objects.filter(user=user), search, ("name", "company", "title", "email")
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
    application counts in the week of its date applied. The weeks are counted by
    the database, each from its stretch of the (user, applied_on) index, in one
    plain SQL query (as in dashboard_counts)."""
    today = today or timezone.localdate()
    this_monday = week_start(today)
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    mondays = [first_monday + timedelta(weeks=n) for n in range(weeks)]
    day = connection.ops.adapt_datefield_value
    applications = connection.ops.quote_name(Application._meta.db_table)
    count = (
        f"(SELECT COUNT(*) FROM {applications}"
        " WHERE user_id = %s AND applied_on >= %s AND applied_on < %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join([count] * weeks),
            [
                param
                for monday in mondays
                for param in (user.pk, day(monday), day(monday + timedelta(days=7)))
            ],
        )
        counts = dict(zip(mondays, cursor.fetchone(), strict=True))
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


def reflect_since(today: date) -> date:
    """The first day of the window in which a closed application is offered a
    reflection: today and the REFLECT_WITHIN_DAYS - 1 days before it."""
    return today - timedelta(days=REFLECT_WITHIN_DAYS - 1)


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
    params += [day(reflect_since(today)), *reflected]

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


# --- a week at a glance (the weekly review) ------------------------------------------------


def sent(today: date | None = None) -> Q:
    """Applications that count as sent, for the work-search record and the weekly
    review: a date applied, not after today, and not still "saved for later" (a
    record handed to a benefits office must claim nothing that was not done)."""
    return Q(applied_on__isnull=False, applied_on__lte=today or timezone.localdate()) & ~Q(
        status=Status.SAVED
    )


def week_bounds(monday: date, *, weeks: int = 1) -> tuple[datetime, datetime]:
    """The moments a run of weeks starts and ends, in the person's zone (the one active).

    A follow-up ticked off at 23:30 on Sunday in Auckland belongs to that week,
    whatever the clock says in UTC."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    end = datetime.combine(monday + timedelta(weeks=weeks), time.min, tzinfo=zone)
    return start, end


def rejections_are_heavy(count: int) -> bool:
    """The nudge's rule: this many rejections in a week is a heavy week."""
    return count >= HEAVY_WEEK_REJECTIONS


# An employer asked for more: a screen, an interview, an offer.
REPLY_STATUSES = (Status.SCREENING, Status.INTERVIEWING, Status.OFFER)


@dataclass
class WeekActivity:
    """What happened in the tracker in one week, all from dated history."""

    week_start: date
    applied: int = 0
    goal: int | None = None  # None when no goal was set for the week (or it was cleared)
    followups_done: int = 0
    interviews: int = 0
    replies: int = 0  # applications moved on by the employer (REPLY_STATUSES)
    feedback: int = 0  # replies to feedback requests received
    rejections: list[StatusEvent] = dataclasses.field(default_factory=list)


def _counted_by_week(
    queryset: QuerySet, *, tag: str, field: str, weeks: list[tuple], distinct: str = ""
) -> QuerySet:
    """One row: `tag`, then how many rows fall in each of `weeks` ((start, end) pairs,
    end excluded) by `field`, or how many distinct `distinct` values. A Value is not
    grouped by, so the row comes back even when nothing matched (all zeros)."""
    counts = {
        f"week_{n}": Count(
            distinct or "pk",
            distinct=bool(distinct),
            filter=Q(**{f"{field}__gte": start, f"{field}__lt": end}),
        )
        for n, (start, end) in enumerate(weeks)
    }
    return (
        queryset.filter(**{f"{field}__gte": weeks[0][0], f"{field}__lt": weeks[-1][1]})
        .order_by()
        .annotate(tag=Value(tag))
        .values("tag")
        .annotate(**counts)
        .values_list("tag", *counts)
    )


def week_activity(*, user, monday: date, weeks: int = 2) -> list[WeekActivity]:
    """The week starting `monday` and the `weeks - 1` before it, oldest first.

    Dates the person typed (applied, rejected, …) fall in the week of that date;
    moments (a follow-up done, an interview) in the week of their local day.
    Three queries, whatever the number of weeks or of rows: the counts (in the
    database, one row per kind), the rejections, the goals."""
    first = monday - timedelta(weeks=weeks - 1)
    mondays = [first + timedelta(weeks=n) for n in range(weeks)]
    days = [(day, day + timedelta(weeks=1)) for day in mondays]
    moments = [week_bounds(day) for day in mondays]
    found = {day: WeekActivity(week_start=day) for day in mondays}
    parts = [
        _counted_by_week(
            Application.objects.filter(sent(), user=user),
            tag="applied",
            field="applied_on",
            weeks=days,
        ),
        _counted_by_week(
            FollowUp.objects.filter(user=user),
            tag="followups_done",
            field="done_at",
            weeks=moments,
        ),
        _counted_by_week(
            Interview.objects.filter(user=user),
            tag="interviews",
            field="scheduled_at",
            weeks=moments,
        ),
        # An application moved on twice in a week (a screen, then an interview) is one reply.
        _counted_by_week(
            StatusEvent.objects.filter(user=user, status__in=REPLY_STATUSES),
            tag="replies",
            field="happened_on",
            weeks=days,
            distinct="application",
        ),
        _counted_by_week(
            FeedbackRequest.objects.filter(user=user),
            tag="feedback",
            field="replied_on",
            weeks=days,
        ),
    ]
    head, *rest = parts
    for tag, *counts in head.union(*rest, all=True).order_by():
        for day, count in zip(mondays, counts, strict=True):
            setattr(found[day], tag, count)
    for event in (
        StatusEvent.objects.filter(
            user=user,
            status=Status.REJECTED,
            happened_on__gte=first,
            happened_on__lt=days[-1][1],
        )
        .select_related("application")
        .order_by("happened_on", "id")
    ):
        found[week_start(event.happened_on)].rejections.append(event)
    # Goals are one a week, so the latest `weeks` from `monday` back hold the one in
    # force in each week (at most weeks - 1 of them start after the first).
    goals = list(
        WeeklyGoal.objects.filter(user=user, week_start__lte=monday).order_by("-week_start")[:weeks]
    )
    for week in found.values():
        target = next((g.target for g in goals if g.week_start <= week.week_start), None)
        week.goal = target or None
    return list(found.values())
