"""Reads for the Insights page: what the dated history adds up to over a period.

Every number comes from the status history, not the current status: an
application that was interviewed and then rejected still reached the interview.
Each function runs one query and lets the database do the counting (conditional
counts, grouped by day or by source); Python only adds up the few grouped rows
that come back, never one row per application.

A period is `since`: the first day it covers, or None for all time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tracker.models import (
    Application,
    FeedbackRequest,
    FeedbackTheme,
    Interview,
    RejectionChannel,
    RejectionStage,
    Source,
    Status,
    StatusEvent,
)

# Fewer items than this and a chart would read a pattern into chance.
TOO_FEW = 5


def median_from_counts(counts: dict[int, int] | Counter) -> float | None:
    """The median of values given as {value: how many times it occurs}.

    The database groups whole days into such a histogram, so the median of
    thousands of replies is found from a few dozen (value, count) pairs."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())
    low_at, high_at = (total - 1) // 2, total // 2  # 0-based positions of the middle
    seen, low, high = 0, None, None
    for value, n in ordered:
        if low is None and seen + n > low_at:
            low = value
        if seen + n > high_at:
            high = value
            break
        seen += n
    return (low + high) / 2


def _in_period(field_name: str, since: date | None, today: date) -> Q:
    condition = Q(**{f"{field_name}__lte": today})
    if since is not None:
        condition &= Q(**{f"{field_name}__gte": since})
    return condition


# --- the funnel and replies --------------------------------------------------------------

# A step that can only come from the employer answering: a screen, an interview,
# an offer (taken or not), or a rejection that actually arrived.
REPLY_STATUSES = (Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED)
INTERVIEW_STATUSES = (Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED)
INTERVIEW_STAGES = (
    RejectionStage.TECHNICAL,
    RejectionStage.ONSITE,
    RejectionStage.FINAL,
    RejectionStage.AFTER_OFFER,
)
OFFER_STATUSES = (Status.OFFER, Status.ACCEPTED)


def reply_steps() -> Q:
    """Steps that mean the employer replied ("heard back").

    A screen, an interview, an offer or acceptance, or a rejection that came
    by some channel other than "no reply at all". Not: no response, withdrawn,
    declined or archived — those are the person's own entries — and not the
    application itself."""
    return Q(status__in=REPLY_STATUSES) | (
        Q(status=Status.REJECTED) & ~Q(rejection_channel=RejectionChannel.NO_REPLY)
    )


def interview_steps() -> Q:
    """Steps that show an interview happened: interviewing or later, or a rejection
    that came after a technical, on-site or final interview (or after an offer)."""
    return Q(status__in=INTERVIEW_STATUSES) | Q(
        status=Status.REJECTED, rejection_stage__in=INTERVIEW_STAGES
    )


def offer_steps() -> Q:
    return Q(status__in=OFFER_STATUSES) | Q(
        status=Status.REJECTED, rejection_stage=RejectionStage.AFTER_OFFER
    )


REPLIED, INTERVIEWED, OFFERED = 1, 2, 3  # how far an application got, in order


class DaysBetween(Func):
    """Whole days from one date to another, worked out by the database itself.

    Django's date subtraction calls a Python function for every row on SQLite;
    this uses SQLite's julianday() and PostgreSQL's own date arithmetic."""

    arity = 2  # the earlier date, then the later one
    output_field = IntegerField()

    def _dates(self, compiler) -> tuple[str, str, tuple]:
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        return start, end, (*end_params, *start_params)

    def as_sql(self, compiler, connection, **extra_context):
        start, end, params = self._dates(compiler)
        return f"({end} - {start})", params  # PostgreSQL: date - date is a number of days

    def as_sqlite(self, compiler, connection, **extra_context):
        start, end, params = self._dates(compiler)
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)", params


@dataclass
class SourceResponse:
    source: str  # a Source value, "" for not recorded, or "other" for the small ones
    label: str
    applied: int
    replied: int
    median_days: float | None  # to the first reply, None when fewer than TOO_FEW replied

    @property
    def rate(self) -> int | None:
        return round(100 * self.replied / self.applied) if self.applied else None


@dataclass
class Funnel:
    """How far the applications sent in a period got, by their history."""

    applied: int = 0
    replied: int = 0  # heard back: see reply_steps()
    interviewed: int = 0
    offered: int = 0
    median_days_to_reply: float | None = None  # None when fewer than TOO_FEW replied
    sources: list[SourceResponse] = field(default_factory=list)

    @property
    def stages(self) -> list[tuple[str, int]]:
        return [
            ("Applied", self.applied),
            ("Heard back", self.replied),
            ("Interview", self.interviewed),
            ("Offer", self.offered),
        ]

    @property
    def rates(self) -> list[int | None]:
        """Each stage as a share of the stage before it (None for the first, or after 0)."""
        counts = [n for _, n in self.stages]
        return [None] + [
            round(100 * later / earlier) if earlier else None
            for earlier, later in zip(counts, counts[1:], strict=False)
        ]

    @property
    def reply_rate(self) -> int | None:
        return round(100 * self.replied / self.applied) if self.applied else None


SOURCE_LABELS = {**dict(Source.choices), "": "Not recorded", "other": "Other sources"}


def funnel(*, user, since: date | None, today: date | None = None) -> Funnel:
    """Applications sent in the period and how far each got, by where they were found.

    "Sent" is the date applied, or, for an application added without one, the
    date of its first step after "saved". "Heard back" is reply_steps() or a
    booked interview; "interview" is interview_steps() or a booked interview;
    "offer" is offer_steps(). Days to the first reply run from sending to the
    earliest reply step. Sources with fewer than TOO_FEW applications are
    counted together as "other sources". One query: applications grouped by
    source and by whole days to the first reply, each group with its counts.
    """
    today = today or timezone.localdate()
    first_step = (
        StatusEvent.objects.filter(application=OuterRef("pk"))
        .exclude(status=Status.SAVED)
        .order_by("happened_on", "id")
        .values("happened_on")[:1]
    )
    # Days from sending to the first reply, worked out inside the look at the replies.
    wait = (
        StatusEvent.objects.filter(reply_steps(), application=OuterRef("pk"))
        .order_by("happened_on", "id")
        .annotate(
            days=DaysBetween(
                Coalesce(OuterRef("applied_on"), OuterRef("first_step_on")), "happened_on"
            )
        )
        .values("days")[:1]
    )
    # How far the history went, as one number per application: 3 an offer, 2 an
    # interview, 1 a reply, 0 none (one look at its steps instead of three).
    reach = (
        StatusEvent.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(
            top=Max(
                Case(
                    When(offer_steps(), then=Value(OFFERED)),
                    When(interview_steps(), then=Value(INTERVIEWED)),
                    When(reply_steps(), then=Value(REPLIED)),
                    default=Value(0),
                )
            )
        )
        .values("top")
    )
    rows = (
        # First what the (user, applied_on) index finds: applied in the period, or
        # with no date applied; then, of the latter, those first moved on in it.
        Application.objects.filter(
            Q(user=user) & (_in_period("applied_on", since, today) | Q(applied_on__isnull=True))
        )
        .annotate(first_step_on=Subquery(first_step, output_field=DateField()))
        .filter(Q(applied_on__isnull=False) | _in_period("first_step_on", since, today))
        .annotate(
            wait=Subquery(wait, output_field=IntegerField()),
            reach=Coalesce(Subquery(reach, output_field=IntegerField()), 0),
            booked=Exists(Interview.objects.filter(application=OuterRef("pk"))),
        )
        .values("source", "wait", "reach", "booked")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = Funnel()
    per_source: dict[str, dict] = {}
    # One row per (source, days to reply, how far, interview booked): a few hundred at
    # most, however many applications.
    for row in rows:
        n, reach_code = row["n"], row["reach"]
        replied = reach_code >= REPLIED or row["booked"]
        result.applied += n
        result.replied += n if replied else 0
        result.interviewed += n if reach_code >= INTERVIEWED or row["booked"] else 0
        result.offered += n if reach_code >= OFFERED else 0
        bucket = per_source.setdefault(
            row["source"], {"applied": 0, "replied": 0, "days": Counter()}
        )
        bucket["applied"] += n
        bucket["replied"] += n if replied else 0
        if row["wait"] is not None:
            # A reply dated before the application (a typo) counts as the same day.
            bucket["days"][max(row["wait"], 0)] += n
    small = [s for s, b in per_source.items() if b["applied"] < TOO_FEW]
    if small:
        other = {"applied": 0, "replied": 0, "days": Counter()}
        for source in small:
            bucket = per_source.pop(source)
            other["applied"] += bucket["applied"]
            other["replied"] += bucket["replied"]
            other["days"].update(bucket["days"])
        per_source["other"] = other
    all_days: Counter = Counter()
    for source, bucket in per_source.items():
        all_days.update(bucket["days"])
        dated = sum(bucket["days"].values())
        result.sources.append(
            SourceResponse(
                source=source,
                label=str(SOURCE_LABELS.get(source, source)),
                applied=bucket["applied"],
                replied=bucket["replied"],
                median_days=median_from_counts(bucket["days"]) if dated >= TOO_FEW else None,
            )
        )
    result.sources.sort(key=lambda s: (s.source in ("other", ""), -s.applied, s.label))
    dated = sum(all_days.values())
    result.median_days_to_reply = median_from_counts(all_days) if dated >= TOO_FEW else None
    return result


# --- the history by day: sent, rejections by stage, offers ----------------------------------


class RejectionBucket:
    """The six places a search can stop, in the order they come (and one for unknown)."""

    NO_REPLY = "no_reply"
    APPLICATION = "application"
    SCREEN = "screen"
    INTERVIEW = "interview"
    FINAL = "final"
    OFFER = "offer"
    UNKNOWN = "unknown"


REJECTION_BUCKETS = {
    RejectionBucket.NO_REPLY: (
        "No reply",
        "with no reply at all",
        Q(status=Status.NO_RESPONSE)
        | Q(status=Status.REJECTED, rejection_channel=RejectionChannel.NO_REPLY),
    ),
    RejectionBucket.APPLICATION: (
        "After applying",
        "after applying",
        Q(status=Status.REJECTED, rejection_stage=RejectionStage.APPLICATION),
    ),
    RejectionBucket.SCREEN: (
        "After a screen",
        "after a screen or assessment",
        Q(
            status=Status.REJECTED,
            rejection_stage__in=(RejectionStage.RECRUITER_SCREEN, RejectionStage.ASSESSMENT),
        ),
    ),
    RejectionBucket.INTERVIEW: (
        "After an interview",
        "after an interview",
        Q(
            status=Status.REJECTED,
            rejection_stage__in=(RejectionStage.TECHNICAL, RejectionStage.ONSITE),
        ),
    ),
    RejectionBucket.FINAL: (
        "After a final round",
        "after a final round",
        Q(status=Status.REJECTED, rejection_stage=RejectionStage.FINAL),
    ),
    RejectionBucket.OFFER: (
        "After an offer",
        "after an offer",
        Q(status=Status.REJECTED, rejection_stage=RejectionStage.AFTER_OFFER),
    ),
    RejectionBucket.UNKNOWN: (
        "Stage not recorded",
        "at a stage not recorded",
        Q(status=Status.REJECTED, rejection_stage=""),
    ),
}


def rejection_bucket_condition(bucket: str) -> Q:
    """Which steps count in a bucket. A rejection that came with no reply at all is
    counted once, under "no reply", whatever stage was noted with it."""
    condition = REJECTION_BUCKETS[bucket][2]
    if bucket != RejectionBucket.NO_REPLY:
        condition &= ~Q(rejection_channel=RejectionChannel.NO_REPLY)
    return condition


@dataclass
class HistoryDay:
    on: date
    applied: int = 0
    offers: int = 0
    rejections: dict[str, int] = field(default_factory=dict)  # bucket -> how many

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values())


@dataclass
class History:
    days: list[HistoryDay]  # only the days something happened, oldest first

    @property
    def rejections(self) -> dict[str, int]:
        """Rejections (and silences) in the period by bucket, in stage order."""
        totals = dict.fromkeys(REJECTION_BUCKETS, 0)
        for day in self.days:
            for bucket, n in day.rejections.items():
                totals[bucket] += n
        return totals


def history_by_day(*, user, since: date | None, today: date | None = None) -> History:
    """Applications sent, offers, and each rejection bucket, counted per day.

    Counts steps in the history dated in the period: an "applied" step, an
    offer step, and each rejection or "no response" step by its bucket (see
    REJECTION_BUCKETS). One query, grouped by day."""
    today = today or timezone.localdate()
    counts = {
        f"r_{bucket}": Count("pk", filter=rejection_bucket_condition(bucket))
        for bucket in REJECTION_BUCKETS
    }
    rows = (
        StatusEvent.objects.filter(
            _in_period("happened_on", since, today),
            user=user,
            status__in=(
                Status.APPLIED,
                Status.OFFER,
                Status.REJECTED,
                Status.NO_RESPONSE,
            ),
        )
        .values("happened_on")
        .annotate(
            applied=Count("pk", filter=Q(status=Status.APPLIED)),
            offers=Count("pk", filter=Q(status=Status.OFFER)),
            **counts,
        )
        .order_by("happened_on")
    )
    return History(
        days=[
            HistoryDay(
                on=row["happened_on"],
                applied=row["applied"],
                offers=row["offers"],
                rejections={b: row[f"r_{b}"] for b in REJECTION_BUCKETS if row[f"r_{b}"]},
            )
            for row in rows
        ]
    )


@dataclass(frozen=True)
class RejectionReason:
    on: date
    company: str
    role: str
    application_id: int
    stage: str  # RejectionStage label, or "" when not recorded
    reason: str


def rejection_reasons(
    *, user, since: date | None, today: date | None = None, limit: int = 8
) -> tuple[list[RejectionReason], int]:
    """The latest rejections in the period that came with a reason, and how many did."""
    today = today or timezone.localdate()
    given = (
        StatusEvent.objects.filter(
            _in_period("happened_on", since, today), user=user, status=Status.REJECTED
        )
        .exclude(rejection_reason="")
        .select_related("application")
        .only(
            "happened_on",
            "rejection_stage",
            "rejection_reason",
            "application__company",
            "application__role",
        )
        .order_by("-happened_on", "-id")
    )
    # One query: the count rides along as a window over the same rows.
    rows = list(given.annotate(total=Window(Count("pk")))[:limit])
    stages = dict(RejectionStage.choices)
    reasons = [
        RejectionReason(
            on=event.happened_on,
            company=event.application.company,
            role=event.application.role,
            application_id=event.application_id,
            stage=str(stages.get(event.rejection_stage, "")),
            reason=event.rejection_reason,
        )
        for event in rows
    ]
    return reasons, rows[0].total if rows else 0


# --- interviews and feedback replies by day ---------------------------------------------------


def interviews_by_day(*, user, since: date | None, today: date | None = None) -> dict[date, int]:
    """Interviews held (or booked) on each day of the period, in the person's time zone."""
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    # Bounded by the moments the period starts and ends, so the (user, scheduled_at)
    # index finds them; then counted by the day they fall on where the person lives.
    until = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min), zone)
    interviews = Interview.objects.filter(user=user, scheduled_at__lt=until)
    if since is not None:
        interviews = interviews.filter(
            scheduled_at__gte=timezone.make_aware(datetime.combine(since, time.min), zone)
        )
    rows = (
        interviews.annotate(day=TruncDate("scheduled_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return {row["day"]: row["n"] for row in rows}


@dataclass
class FeedbackThemes:
    replies: int
    themes: list[tuple[str, int]]  # (label, replies naming it), commonest first


@dataclass
class FeedbackReplies:
    by_day: dict[date, int]  # replies received each day of the period
    recent: FeedbackThemes  # the last 90 days
    all_time: FeedbackThemes


RECENT_DAYS = 90


def feedback_replies(*, user, since: date | None, today: date | None = None) -> FeedbackReplies:
    """Employers' replies by day, and the themes they name over the last 90 days and
    all time. A theme counts once per reply. One query: replies grouped by the day
    they came, each day with a count per theme (matched in the stored JSON list)."""
    today = today or timezone.localdate()
    theme_counts = {
        f"t_{theme}": Count("pk", filter=Q(themes__icontains=f'"{theme}"'))
        for theme in FeedbackTheme.values
    }
    rows = (
        FeedbackRequest.objects.filter(
            user=user, state=FeedbackRequest.State.REPLIED, replied_on__lte=today
        )
        .values("replied_on")
        .annotate(n=Count("pk"), **theme_counts)
        .order_by("replied_on")
    )
    recent_since = today - timedelta(days=RECENT_DAYS - 1)
    by_day: dict[date, int] = {}
    recent: Counter = Counter()
    everything: Counter = Counter()
    recent_replies = all_replies = 0
    for row in rows:  # one row per day a reply came
        day = row["replied_on"]
        counts = {theme: row[f"t_{theme}"] for theme in FeedbackTheme.values}
        all_replies += row["n"]
        everything.update(counts)
        if day >= recent_since:
            recent_replies += row["n"]
            recent.update(counts)
        if since is None or day >= since:
            by_day[day] = row["n"]
    labels = dict(FeedbackTheme.choices)

    def ranked(counter: Counter) -> list[tuple[str, int]]:
        named = [(str(labels[theme]), n) for theme, n in counter.items() if n]
        return sorted(named, key=lambda item: (-item[1], item[0]))

    return FeedbackReplies(
        by_day=by_day,
        recent=FeedbackThemes(replies=recent_replies, themes=ranked(recent)),
        all_time=FeedbackThemes(replies=all_replies, themes=ranked(everything)),
    )
