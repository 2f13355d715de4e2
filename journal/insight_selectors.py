"""Reads for the Insights page from the journal: how the search is landing on the person.

Like tracker.insight_selectors, each function is one query that counts in the
database and hands back grouped rows (a day, a number of days), never a row per
entry. A period is `since`: its first day, or None for all time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, DateField, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from journal.models import Entry, ThinkingTrap
from tracker.insight_selectors import TOO_FEW, median_from_counts
from tracker.models import RejectionChannel, Status, StatusEvent


def _in_period(field_name: str, since: date | None, today: date) -> Q:
    condition = Q(**{f"{field_name}__lte": today})
    if since is not None:
        condition &= Q(**{f"{field_name}__gte": since})
    return condition


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
    reflection = Q(kind=Entry.Kind.REFLECTION)
    both = reflection & Q(mood__isnull=False, mood_after__isnull=False)
    traps = {
        f"trap_{trap}": Count("pk", filter=reflection & Q(thinking_traps__icontains=f'"{trap}"'))
        for trap in ThinkingTrap.values
    }
    rows = (
        Entry.objects.filter(_in_period("on", since, today), user=user)
        .filter(
            Q(mood__isnull=False) | Q(kind=Entry.Kind.WIN) | (reflection & ~Q(thinking_traps=[]))
        )
        .values("on")
        .annotate(
            mood_sum=Sum("mood"),
            mood_n=Count("mood"),
            after_sum=Sum("mood_after"),
            after_n=Count("mood_after"),
            wins=Count("pk", filter=Q(kind=Entry.Kind.WIN)),
            lift_n=Count("pk", filter=both),
            lift_before=Sum("mood", filter=both),
            lift_after=Sum("mood_after", filter=both),
            trapped=Count("pk", filter=reflection & ~Q(thinking_traps=[])),
            **traps,
        )
        .order_by("on")
    )
    days = []
    lift_n = lift_before = lift_after = trapped = mood_entries = 0
    trap_counts: Counter = Counter()
    for row in rows:  # one row per day
        moods = row["mood_n"] + row["after_n"]
        if moods or row["wins"]:
            days.append(
                MoodDay(
                    on=row["on"],
                    mood_total=(row["mood_sum"] or 0) + (row["after_sum"] or 0),
                    moods=moods,
                    wins=row["wins"],
                )
            )
        mood_entries += row["mood_n"]
        lift_n += row["lift_n"]
        lift_before += row["lift_before"] or 0
        lift_after += row["lift_after"] or 0
        trapped += row["trapped"]
        trap_counts.update({trap: row[f"trap_{trap}"] for trap in ThinkingTrap.values})
    labels = dict(ThinkingTrap.choices)
    return MoodJournal(
        days=days,
        lift=MoodLift(
            reflections=lift_n,
            before=round(lift_before / lift_n, 1) if lift_n else None,
            after=round(lift_after / lift_n, 1) if lift_n else None,
        ),
        trap_reflections=trapped,
        mood_entries=mood_entries,
        traps=sorted(
            ((str(labels[t]), n) for t, n in trap_counts.items() if n),
            key=lambda item: (-item[1], item[0]),
        ),
    )


def emotions_named(*, user, since: date | None, today: date | None = None) -> list[tuple[str, int]]:
    """Feelings named in journal entries of the period, commonest first: each
    counts once per entry. Names are the person's own (one row per feeling,
    whatever its case). One query."""
    today = today or timezone.localdate()
    rows = (
        Entry.emotions.through.objects.filter(
            _in_period("entry__on", since, today), entry__user=user
        )
        .values("emotion__name")
        .annotate(n=Count("entry", distinct=True))
        .order_by("-n", "emotion__name")
    )
    return [(row["emotion__name"], row["n"]) for row in rows]


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
    no mood written) is not measured. One query, grouped by the pair of dates."""
    today = today or timezone.localdate()
    rejections = StatusEvent.objects.filter(
        _in_period("happened_on", since, today), user=user, status=Status.REJECTED
    ).exclude(rejection_channel=RejectionChannel.NO_REPLY)
    if usual is None:
        return Recovery(
            usual=None, rejections=rejections.count(), measured=0, median_days=None, by_days={}
        )
    # The first such entry, walked to along the (user, on) index from the rejection's day.
    back = (
        Entry.objects.filter(user=user, on__gte=OuterRef("happened_on"), on__lte=today)
        .filter(Q(mood__gte=usual) | Q(mood_after__gte=usual))
        .order_by("on")
        .values("on")[:1]
    )
    rows = (
        rejections.annotate(back_on=Subquery(back, output_field=DateField()))
        .values("happened_on", "back_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_days: Counter = Counter()
    total = 0
    for row in rows:  # one row per (rejection day, day the mood came back)
        total += row["n"]
        if row["back_on"] is not None:
            by_days[(row["back_on"] - row["happened_on"]).days] += row["n"]
    measured = sum(by_days.values())
    return Recovery(
        usual=usual,
        rejections=total,
        measured=measured,
        median_days=median_from_counts(by_days) if measured >= TOO_FEW else None,
        by_days=dict(sorted(by_days.items())),
    )
