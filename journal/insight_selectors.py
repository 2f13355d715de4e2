"""Reads for the Insights page from the journal: how the search is landing on the person.

Like tracker.insight_selectors, each function is one query in plain SQL (built with
that module's helpers) that counts in the database and hands back grouped rows (a
day, a number of days), never a row per entry. A period is `since`: its first day,
or None for all time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from journal.models import Emotion, Entry, ThinkingTrap
from tracker.insight_selectors import (
    TOO_FEW,
    as_date,
    in_period,
    json_name_pattern,
    json_names,
    median_from_counts,
    rows_of,
    table,
)
from tracker.models import RejectionChannel, Status, StatusEvent

TRAPS = ThinkingTrap.values
TRAP_LABELS = dict(ThinkingTrap.choices)
ON = '"on"'  # the entry's date: a reserved word in SQL, quoted the standard way


@dataclass
class MoodDay:
    on: date
    mood_total: int = 0  # the sum of the moods recorded that day …
    moods: int = 0  # … and how many there were
    wins: int = 0

    @property
    def mood(self) -> float | None:
        return round(self.mood_total / self.moods, 1) if self.moods else None


@dataclass
class MoodLift:
    """Reflections that recorded a mood at the start and at the end."""

    reflections: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def enough(self) -> bool:
        return self.reflections >= TOO_FEW


@dataclass
class MoodJournal:
    days: list[MoodDay]  # only days with a mood or a win, oldest first
    lift: MoodLift
    trap_reflections: int
    traps: list[tuple[str, int]] = field(default_factory=list)

    mood_entries: int = 0  # check-ins and reflections with a mood

    @property
    def moods(self) -> int:
        return sum(day.moods for day in self.days)

    @property
    def average(self) -> float | None:
        total = sum(day.mood_total for day in self.days)
        return round(total / self.moods, 1) if self.moods else None

    @property
    def usual(self) -> int | None:
        """The person's usual mood in the period: the average, to the nearest whole point."""
        average = self.average
        return None if average is None else int(average + 0.5)


def mood_journal(*, user, since: date | None, today: date | None = None) -> MoodJournal:
    """Mood by day (check-ins and reflections: a reflection counts its mood at the
    start and at the end, as on the dashboard), wins by day, the mood lift of
    reflections, and the thinking traps reflections named.

    The lift compares the two moods a reflection records itself: how the person
    felt when they started writing and when they finished. A thinking trap counts
    once per reflection. One query, grouped by day."""
    today = today or timezone.localdate()
    params: dict = {
        "user": user.pk,
        "win": Entry.Kind.WIN.value,
        "reflection": Entry.Kind.REFLECTION.value,
        "no_traps": "[]",
    }
    reflection = "j.kind = %(reflection)s"
    both = f"{reflection} AND j.mood IS NOT NULL AND j.mood_after IS NOT NULL"
    trapped = f"{reflection} AND CAST(j.thinking_traps AS TEXT) <> %(no_traps)s"
    traps = json_names("j.thinking_traps")
    trap_counts = []
    for n, trap in enumerate(TRAPS):
        params[f"trap_{n}"] = json_name_pattern(trap)
        trap_counts.append(
            f"COUNT(CASE WHEN {reflection} AND {traps} LIKE %(trap_{n})s ESCAPE '\\' THEN 1 END)"
        )
    sql = (
        f"SELECT j.{ON}, SUM(j.mood), COUNT(j.mood), SUM(j.mood_after), COUNT(j.mood_after),"
        " COUNT(CASE WHEN j.kind = %(win)s THEN 1 END),"
        f" COUNT(CASE WHEN {both} THEN 1 END), SUM(CASE WHEN {both} THEN j.mood END),"
        f" SUM(CASE WHEN {both} THEN j.mood_after END), COUNT(CASE WHEN {trapped} THEN 1 END),"
        f" {', '.join(trap_counts)}"
        f" FROM {table(Entry)} j"
        f" WHERE j.user_id = %(user)s AND {in_period(f'j.{ON}', since, today, params)}"
        f" AND (j.mood IS NOT NULL OR j.kind = %(win)s OR ({trapped}))"
        f" GROUP BY j.{ON} ORDER BY j.{ON}"
    )
    days = []
    lift_n = lift_before = lift_after = trap_reflections = mood_entries = 0
    trap_counts_all: Counter = Counter()
    for row in rows_of(sql, params):  # one row per day
        on, mood_sum, mood_n, after_sum, after_n, wins, *lift, trapped_n = row[:10]
        both_n, before, after = lift
        per_trap = row[10:]
        moods = mood_n + after_n
        if moods or wins:
            days.append(
                MoodDay(
                    on=as_date(on),
                    mood_total=(mood_sum or 0) + (after_sum or 0),
                    moods=moods,
                    wins=wins,
                )
            )
        mood_entries += mood_n
        lift_n += both_n
        lift_before += before or 0
        lift_after += after or 0
        trap_reflections += trapped_n
        trap_counts_all.update(dict(zip(TRAPS, per_trap, strict=True)))
    return MoodJournal(
        days=days,
        lift=MoodLift(
            reflections=lift_n,
            before=round(lift_before / lift_n, 1) if lift_n else None,
            after=round(lift_after / lift_n, 1) if lift_n else None,
        ),
        trap_reflections=trap_reflections,
        mood_entries=mood_entries,
        traps=sorted(
            ((str(TRAP_LABELS[t]), n) for t, n in trap_counts_all.items() if n),
            key=lambda item: (-item[1], item[0]),
        ),
    )


def emotions_named(*, user, since: date | None, today: date | None = None) -> list[tuple[str, int]]:
    """Feelings named in journal entries of the period, commonest first: each
    counts once per entry. Names are the person's own (one row per feeling,
    whatever its case). One query."""
    today = today or timezone.localdate()
    params: dict = {"user": user.pk}
    sql = (
        "SELECT m.name, COUNT(DISTINCT t.entry_id) AS n"
        f" FROM {table(Entry.emotions.through)} t"
        f" JOIN {table(Entry)} j ON j.id = t.entry_id"
        f" JOIN {table(Emotion)} m ON m.id = t.emotion_id"
        f" WHERE j.user_id = %(user)s AND {in_period(f'j.{ON}', since, today, params)}"
        " GROUP BY m.name ORDER BY 2 DESC, 1"
    )
    return [(name, n) for name, n in rows_of(sql, params)]


@dataclass
class Recovery:
    """How long the mood took to come back after rejections."""

    usual: int | None  # the usual mood the recovery is measured against
    rejections: int  # rejections in the period
    measured: int  # of which the mood was seen back at the usual level afterwards
    median_days: float | None  # None when fewer than TOO_FEW were measured
    by_days: dict[int, int]  # days to recover -> how many rejections

    @property
    def enough(self) -> bool:
        return self.measured >= TOO_FEW


def mood_recovery(
    *, user, usual: int | None, since: date | None, today: date | None = None
) -> Recovery:
    """For each rejection in the period (a rejection step that came, not a silence),
    the days until the person next recorded a mood at or above their usual level:
    a check-in, or either mood of a reflection, on the day of the rejection or after.
    0 means the mood held that day. A rejection with no such mood since (still low, or
    no mood written) is not measured. One query: the rejections counted by day, and
    for each day the first such entry from it on."""
    today = today or timezone.localdate()
    params: dict = {
        "user": user.pk,
        "rejected": Status.REJECTED.value,
        "no_reply": RejectionChannel.NO_REPLY.value,
    }
    rejections = (
        f"FROM {table(StatusEvent)} e WHERE e.user_id = %(user)s AND e.status = %(rejected)s"
        " AND e.rejection_channel <> %(no_reply)s"
        f" AND {in_period('e.happened_on', since, today, params)}"
    )
    if usual is None:
        (total,), *_ = rows_of(f"SELECT COUNT(*) {rejections}", params)
        return Recovery(usual=None, rejections=total, measured=0, median_days=None, by_days={})
    params["usual"] = usual
    # The first such entry, walked to along the (user, on) index from the rejection's day.
    back = (
        f"SELECT j.{ON} FROM {table(Entry)} j"
        f" WHERE j.user_id = %(user)s AND j.{ON} >= r.happened_on AND j.{ON} <= %(today)s"
        " AND (j.mood >= %(usual)s OR j.mood_after >= %(usual)s)"
        f" ORDER BY j.{ON} LIMIT 1"
    )
    sql = (
        f"SELECT r.happened_on, ({back}), r.n FROM"
        f" (SELECT e.happened_on, COUNT(*) AS n {rejections} GROUP BY e.happened_on) AS r"
    )
    by_days: Counter = Counter()
    total = 0
    for happened_on, back_on, n in rows_of(sql, params):  # one row per day with rejections
        total += n
        if back_on is not None:
            by_days[(as_date(back_on) - as_date(happened_on)).days] += n
    measured = sum(by_days.values())
    return Recovery(
        usual=usual,
        rejections=total,
        measured=measured,
        median_days=median_from_counts(by_days) if measured >= TOO_FEW else None,
        by_days=dict(sorted(by_days.items())),
    )
