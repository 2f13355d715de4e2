"""Reads for the Insights page: what the dated history adds up to over a period.

Every number comes from the status history, not the current status: an
application that was interviewed and then rejected still reached the interview.
Each function runs one query and lets the database do the counting (conditional
counts, grouped by day or by source); Python only adds up the few grouped rows
that come back, never one row per application.

The queries are plain SQL with named parameters, standard enough for SQLite and
PostgreSQL alike (where they differ, like subtracting dates, a helper here says
how): the same queries through the ORM, with their many conditional counts, took
several times longer to build than the database took to answer them (as the
dashboard found, tracker.selectors.dashboard_counts).

A period is `since`: the first day it covers, or None for all time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from tracker.feedback.selectors import recent_since
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


# --- plain SQL: the few helpers both insight modules share --------------------------------


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def rows_of(sql: str, params: dict) -> list[tuple]:
    """The rows of one query, its values passed by name (`%(name)s`), never in the text."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def as_date(value) -> date | None:
    """A date from a plain SQL row (SQLite gives text, PostgreSQL a date)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def listed(name: str, values: Iterable[str], params: dict) -> str:
    """`(%(name_0)s, %(name_1)s, …)` for an IN list, each value added to `params`."""
    names = []
    for index, value in enumerate(values):
        params[f"{name}_{index}"] = str(value)
        names.append(f"%({name}_{index})s")
    return f"({', '.join(names)})"


def in_period(column: str, since: date | None, today: date, params: dict) -> str:
    """`column` within the period (on or before today, and from `since` if any)."""
    day = connection.ops.adapt_datefield_value
    params["today"] = day(today)
    if since is None:
        return f"{column} <= %(today)s"
    params["since"] = day(since)
    return f"{column} <= %(today)s AND {column} >= %(since)s"


def days_between(start: str, end: str) -> str:
    """Whole days from one date to another (SQL expressions), worked out by the database.

    SQLite has no date arithmetic of its own: julianday() turns each date into a
    number of days. PostgreSQL's date - date is already a number of days."""
    if connection.vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def json_names(column: str) -> str:
    """A JSON list of names as upper-case text, to look for one name in with LIKE
    (the way the ORM's `icontains` does on either database)."""
    return f"UPPER(CAST({column} AS TEXT))"


def json_name_pattern(name: str) -> str:
    """The LIKE pattern (with ESCAPE '\\') that finds "name" in json_names()."""
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f'%"{escaped}"%'.upper()


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

REPLIED, INTERVIEWED, OFFERED = 1, 2, 3  # how far an application got, in order


def reply_step(params: dict, e: str = "e") -> str:
    """Steps that mean the employer replied ("heard back"), as SQL about event `e`.

    A screen, an interview, an offer or acceptance, or a rejection that came
    by some channel other than "no reply at all". Not: no response, withdrawn,
    declined or archived — those are the person's own entries — and not the
    application itself."""
    params["rejected"] = Status.REJECTED.value
    params["no_reply"] = RejectionChannel.NO_REPLY.value
    # Comparisons one by one rather than IN (…): SQLite answers them quicker, for
    # every step of every application.
    replies = " OR ".join(f"{e}.status = %(step_{status.value})s" for status in REPLY_STATUSES)
    params.update({f"step_{status.value}": status.value for status in REPLY_STATUSES})
    return f"({replies} OR ({e}.status = %(rejected)s AND {e}.rejection_channel <> %(no_reply)s))"


def reach_of_step(params: dict, e: str = "e") -> str:
    """How far a step shows an application got, as SQL about event `e`: OFFERED for an
    offer or acceptance, or a rejection after an offer; INTERVIEWED for interviewing or
    a rejection after a technical, on-site or final interview; REPLIED for any other
    reply_step(); 0 for the rest."""
    params.update(
        rejected=Status.REJECTED.value,
        no_reply=RejectionChannel.NO_REPLY.value,
        after_offer=RejectionStage.AFTER_OFFER.value,
        offered=OFFERED,
        interviewed=INTERVIEWED,
        replied=REPLIED,
        not_replied=0,
    )
    # Each status once, at the furthest it shows (a simple CASE on the status is the
    # quickest for SQLite to work out for every step).
    by_status, seen = [], set()
    for reach, statuses in (
        ("offered", OFFER_STATUSES),
        ("interviewed", INTERVIEW_STATUSES),
        ("replied", REPLY_STATUSES),
    ):
        for status in statuses:
            if status not in seen:
                seen.add(status)
                params[f"step_{status.value}"] = status.value
                by_status.append(f"WHEN %(step_{status.value})s THEN %({reach})s")
    return (
        f"CASE {e}.status {' '.join(by_status)} WHEN %(rejected)s THEN CASE"
        f" WHEN {e}.rejection_stage = %(after_offer)s THEN %(offered)s"
        f" WHEN {e}.rejection_stage IN {listed('interview_stage', INTERVIEW_STAGES, params)}"
        " THEN %(interviewed)s"
        f" WHEN {e}.rejection_channel <> %(no_reply)s THEN %(replied)s"
        " ELSE %(not_replied)s END ELSE %(not_replied)s END"
    )


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
    replied: int = 0  # heard back: see reply_step()
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
    date of its first step after "saved". "Heard back" is reply_step() or a
    booked interview; "interview" is an INTERVIEWED step or a booked interview;
    "offer" is an OFFERED step (see reach_of_step()). Days to the first reply run
    from sending to the earliest reply step. Sources with fewer than TOO_FEW
    applications are counted together as "other sources".

    One query: each application with its steps (one look at them gives the first
    step, the first reply and how far it got), then grouped by source, days to the
    first reply, how far and whether an interview was booked.
    """
    today = today or timezone.localdate()
    params: dict = {"user": user.pk, "saved": Status.SAVED.value}
    first_step = "MIN(CASE WHEN e.status <> %(saved)s THEN e.happened_on END)"
    first_reply = f"MIN(CASE WHEN {reply_step(params)} THEN e.happened_on END)"
    sent_in_period = in_period("a.applied_on", since, today, params)
    first_step_in_period = in_period(first_step, since, today, params)
    sql = (
        "SELECT source, wait, reach, booked, COUNT(*) FROM ("
        " SELECT a.source AS source,"
        f"  {days_between(f'COALESCE(a.applied_on, {first_step})', first_reply)} AS wait,"
        f"  COALESCE(MAX({reach_of_step(params)}), 0) AS reach,"
        f"  EXISTS(SELECT 1 FROM {table(Interview)} i WHERE i.application_id = a.id) AS booked"
        f" FROM {table(Application)} a"
        f" LEFT JOIN {table(StatusEvent)} e ON e.application_id = a.id"
        f" WHERE a.user_id = %(user)s AND (({sent_in_period}) OR a.applied_on IS NULL)"
        " GROUP BY a.id"
        # Of those with no date applied, the ones first moved on in the period.
        f" HAVING a.applied_on IS NOT NULL OR ({first_step_in_period})"
        ") AS sent GROUP BY source, wait, reach, booked"
    )
    result = Funnel()
    per_source: dict[str, dict] = {}
    # One row per (source, days to reply, how far, interview booked): a few hundred at
    # most, however many applications.
    for source, wait, reach_code, booked, n in rows_of(sql, params):
        replied = reach_code >= REPLIED or booked
        result.applied += n
        result.replied += n if replied else 0
        result.interviewed += n if reach_code >= INTERVIEWED or booked else 0
        result.offered += n if reach_code >= OFFERED else 0
        bucket = per_source.setdefault(source, {"applied": 0, "replied": 0, "days": Counter()})
        bucket["applied"] += n
        bucket["replied"] += n if replied else 0
        if wait is not None:
            # A reply dated before the application (a typo) counts as the same day.
            bucket["days"][max(wait, 0)] += n
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


# bucket -> (label, phrase, the rejection stages it holds). A rejection that came with
# no reply at all is counted once, under "no reply", whatever stage was noted with it;
# so is closing an application as "no response".
REJECTION_BUCKETS = {
    RejectionBucket.NO_REPLY: ("No reply", "with no reply at all", ()),
    RejectionBucket.APPLICATION: (
        "After applying",
        "after applying",
        (RejectionStage.APPLICATION,),
    ),
    RejectionBucket.SCREEN: (
        "After a screen",
        "after a screen or assessment",
        (RejectionStage.RECRUITER_SCREEN, RejectionStage.ASSESSMENT),
    ),
    RejectionBucket.INTERVIEW: (
        "After an interview",
        "after an interview",
        (RejectionStage.TECHNICAL, RejectionStage.ONSITE),
    ),
    RejectionBucket.FINAL: ("After a final round", "after a final round", (RejectionStage.FINAL,)),
    RejectionBucket.OFFER: ("After an offer", "after an offer", (RejectionStage.AFTER_OFFER,)),
    RejectionBucket.UNKNOWN: ("Stage not recorded", "at a stage not recorded", ("",)),
}


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
    REJECTION_BUCKETS). One query, grouped by kind of step and day: each part
    walks the (user, status, date) index in its own order, so nothing is sorted,
    and only the rejections are read beyond the index.
    """
    today = today or timezone.localdate()
    params: dict = {
        "user": user.pk,
        "applied": Status.APPLIED.value,
        "offer": Status.OFFER.value,
        "no_response": Status.NO_RESPONSE.value,
        "rejected": Status.REJECTED.value,
        "no_reply": RejectionChannel.NO_REPLY.value,
    }
    period = in_period("e.happened_on", since, today, params)
    counts = ["COUNT(CASE WHEN e.rejection_channel = %(no_reply)s THEN 1 END)"]
    counts += [
        "COUNT(CASE WHEN e.rejection_channel <> %(no_reply)s"
        f" AND e.rejection_stage IN {listed(bucket, stages, params)} THEN 1 END)"
        for bucket, (_, _, stages) in REJECTION_BUCKETS.items()
        if bucket != RejectionBucket.NO_REPLY
    ]
    events = table(StatusEvent)
    sql = (
        f"SELECT e.status, e.happened_on, COUNT(*), {', '.join(['0'] * len(counts))}"
        f" FROM {events} e WHERE e.user_id = %(user)s"
        " AND e.status IN (%(applied)s, %(offer)s, %(no_response)s)"
        f" AND {period} GROUP BY e.status, e.happened_on"
        f" UNION ALL SELECT e.status, e.happened_on, COUNT(*), {', '.join(counts)}"
        f" FROM {events} e WHERE e.user_id = %(user)s AND e.status = %(rejected)s"
        f" AND {period} GROUP BY e.status, e.happened_on"
    )
    buckets = list(REJECTION_BUCKETS)
    by_day: dict = {}  # the day as the database gives it -> (applied, offers, per bucket)
    for status, on, n, *in_buckets in rows_of(sql, params):
        day = by_day.get(on)
        if day is None:
            day = by_day[on] = [0, 0, [0] * len(buckets)]
        if status == Status.APPLIED:
            day[0] += n
        elif status == Status.OFFER:
            day[1] += n
        elif status == Status.NO_RESPONSE:
            day[2][0] += n
        else:
            day[2] = [had + more for had, more in zip(day[2], in_buckets, strict=True)]
    days = [
        HistoryDay(
            on=as_date(on),
            applied=applied,
            offers=offers,
            rejections={b: n for b, n in zip(buckets, rejections, strict=True) if n},
        )
        for on, (applied, offers, rejections) in by_day.items()
    ]
    days.sort(key=lambda day: day.on)
    return History(days=days)


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
    """The latest rejections in the period that came with a reason, and how many did.

    One query: the count rides along as a window over the same rows."""
    today = today or timezone.localdate()
    params: dict = {"user": user.pk, "rejected": Status.REJECTED.value, "none": "", "limit": limit}
    period = in_period("e.happened_on", since, today, params)
    sql = (
        "SELECT e.happened_on, a.company, a.role, e.application_id, e.rejection_stage,"
        " e.rejection_reason, COUNT(*) OVER ()"
        f" FROM {table(StatusEvent)} e JOIN {table(Application)} a ON a.id = e.application_id"
        " WHERE e.user_id = %(user)s AND e.status = %(rejected)s"
        f" AND e.rejection_reason <> %(none)s AND {period}"
        " ORDER BY e.happened_on DESC, e.id DESC LIMIT %(limit)s"
    )
    rows = rows_of(sql, params)
    stages = dict(RejectionStage.choices)
    reasons = [
        RejectionReason(
            on=as_date(on),
            company=company,
            role=role,
            application_id=application_id,
            stage=str(stages.get(stage, "")),
            reason=reason,
        )
        for on, company, role, application_id, stage, reason, _ in rows
    ]
    return reasons, rows[0][-1] if rows else 0


# --- interviews and feedback replies by day ---------------------------------------------------


def interviews_by_day(*, user, since: date | None, today: date | None = None) -> dict[date, int]:
    """Interviews held (or booked) on each day of the period, in the person's time zone."""
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    moment = connection.ops.adapt_datetimefield_value
    # Bounded by the moments the period starts and ends, so the (user, scheduled_at)
    # index finds them; then counted by the day they fall on where the person lives.
    params: dict = {
        "user": user.pk,
        "until": moment(
            timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min), zone)
        ),
    }
    where = "i.user_id = %(user)s AND i.scheduled_at < %(until)s"
    if since is not None:
        params["from"] = moment(timezone.make_aware(datetime.combine(since, time.min), zone))
        where += " AND i.scheduled_at >= %(from)s"
    offset = steady_offset(zone, since, today) if connection.vendor == "sqlite" else None
    if offset is not None:
        # SQLite's own date(), moved by the zone's offset: Django's way calls a Python
        # function for every interview to find its day.
        params["offset"] = f"{int(offset.total_seconds()):+d} seconds"
        day_sql = "date(i.scheduled_at, %(offset)s)"
    else:
        # The day in the person's zone, as the database's own date functions work it out.
        day_sql, day_params = connection.ops.datetime_cast_date_sql(
            "i.scheduled_at", (), timezone.get_current_timezone_name()
        )
        day_sql = day_sql % tuple(f"%(zone_{n})s" for n in range(len(day_params)))
        params.update({f"zone_{n}": value for n, value in enumerate(day_params)})
    sql = (
        f"SELECT {day_sql}, COUNT(*) FROM {table(Interview)} i WHERE {where} GROUP BY 1 ORDER BY 1"
    )
    return {as_date(day): n for day, n in rows_of(sql, params)}


def steady_offset(zone, since: date | None, today: date) -> timedelta | None:
    """The zone's offset from UTC if it is the same at every midnight of the period
    (and the one after it), so every day of it starts and ends at that offset; None
    for all time, or when the clocks change in the period."""
    if since is None:
        return None
    offsets = {
        timezone.make_aware(datetime.combine(since + timedelta(days=n), time.min), zone).utcoffset()
        for n in range((today - since).days + 2)
    }
    return offsets.pop() if len(offsets) == 1 else None


@dataclass
class FeedbackThemes:
    replies: int
    themes: list[tuple[str, int]]  # (label, replies naming it), commonest first


@dataclass
class FeedbackReplies:
    by_day: dict[date, int]  # replies received each day of the period
    recent: FeedbackThemes  # the last 90 days
    all_time: FeedbackThemes


THEMES = FeedbackTheme.values
THEME_LABELS = dict(FeedbackTheme.choices)


def feedback_replies(*, user, since: date | None, today: date | None = None) -> FeedbackReplies:
    """Employers' replies by day, and the themes they name over the last 90 days and
    all time. A theme counts once per reply. One query: replies grouped by the day
    they came, each day with a count per theme (matched in the stored JSON list)."""
    today = today or timezone.localdate()
    params: dict = {"user": user.pk, "replied": FeedbackRequest.State.REPLIED.value}
    themes = json_names("f.themes")
    counts = []
    for n, theme in enumerate(THEMES):
        params[f"theme_{n}"] = json_name_pattern(theme)
        counts.append(f"COUNT(CASE WHEN {themes} LIKE %(theme_{n})s ESCAPE '\\' THEN 1 END)")
    sql = (
        f"SELECT f.replied_on, COUNT(*), {', '.join(counts)} FROM {table(FeedbackRequest)} f"
        " WHERE f.user_id = %(user)s AND f.state = %(replied)s"
        f" AND {in_period('f.replied_on', None, today, params)}"
        " GROUP BY f.replied_on ORDER BY f.replied_on"
    )
    recent_from = recent_since(today)
    by_day: dict[date, int] = {}
    recent: Counter = Counter()
    everything: Counter = Counter()
    recent_replies = all_replies = 0
    for replied_on, n, *per_theme in rows_of(sql, params):  # one row per day a reply came
        day = as_date(replied_on)
        counts_of_day = dict(zip(THEMES, per_theme, strict=True))
        all_replies += n
        everything.update(counts_of_day)
        if day >= recent_from:
            recent_replies += n
            recent.update(counts_of_day)
        if since is None or day >= since:
            by_day[day] = n

    def ranked(counter: Counter) -> list[tuple[str, int]]:
        named = [(str(THEME_LABELS[theme]), n) for theme, n in counter.items() if n]
        return sorted(named, key=lambda item: (-item[1], item[0]))

    return FeedbackReplies(
        by_day=by_day,
        recent=FeedbackThemes(replies=recent_replies, themes=ranked(recent)),
        all_time=FeedbackThemes(replies=all_replies, themes=ranked(everything)),
    )
