"""A weekly review's facts: what they hold, how they are kept, and how they read.

The review page (jobsearch.weekly_review) works the facts out from both apps'
dated history; a saved review keeps them in `Entry.facts`, so an old review
shows the week as it looked when it was written, even after later changes.
This module is the one place that knows the stored shape, so the journal can
show an old review without knowing how its facts were found.

The stored shape (version 1):

    {"version": 1, "week_start": "2026-11-23",
     "counts": {"applied": [4, 2], "followups_done": [3, 1], …},   # [that week, the week before]
     "goal": [5, 5],                                               # null: no goal
     "rejections": [{"company", "role", "on", "stage", "reflected"}, …],
     "wins": ["Small win", "Learned: SQL"], "skills_done": ["SQL"],
     "mood": {"count", "average", "low", "high"}, "mood_before": {…},
     "heavy_rejections": false, "heavy_mood": false}

Reading is forgiving: a field missing or damaged (a hand-edited backup) reads as
nothing rather than failing the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracker.services import week_start as first_day_of_week

FACTS_VERSION = 1

# The counts, in the order the page shows them: (key, label, what it counts).
COUNTS = (
    ("applied", "Applications sent", ""),
    ("followups_done", "Follow-ups done", ""),
    ("interviews", "Interviews", ""),
    ("replies", "Replies", "A screen, an interview or an offer."),
    ("rejections", "Rejections", ""),
    ("feedback", "Feedback received", ""),
    ("wins", "Wins", "Wins you logged, and skills you learned."),
    ("skills_set", "Skill goals set", ""),
    ("skills_done", "Skill goals finished", ""),
)


def next_goal_applies(*, week_start: date, today: date) -> bool:
    """A review sets the goal of the week after it only while that week is not over:
    reviewing an old week never rewrites the goals of weeks gone by."""
    return week_start + timedelta(weeks=1) >= first_day_of_week(today)


@dataclass(frozen=True)
class Rejection:
    company: str
    role: str
    on: date | None
    stage: str  # the stage reached, in words ("" when not recorded)
    reflected: bool
    # Only on the live page, for a link to write the reflection; never stored.
    application_id: int | None = None
    event_id: int | None = None


@dataclass(frozen=True)
class Mood:
    count: int = 0
    average: float | None = None
    low: int | None = None
    high: int | None = None

    @classmethod
    def of(cls, moods: list[int]) -> Mood:
        if not moods:
            return cls()
        return cls(
            count=len(moods),
            average=round(sum(moods) / len(moods), 1),
            low=min(moods),
            high=max(moods),
        )

    @property
    def words(self) -> str:
        if not self.count:
            return "None logged"
        if self.low == self.high:
            return f"{_number(self.average)} out of 10"
        return f"{_number(self.average)} on average, from {self.low} to {self.high}"


@dataclass(frozen=True)
class FactRow:
    key: str
    label: str
    this: str
    before: str
    note: str = ""


@dataclass
class WeekFacts:
    week_start: date
    # Each count: (that week, the week before).
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    goal: tuple[int | None, int | None] = (None, None)
    rejections: list[Rejection] = field(default_factory=list)
    wins: list[str] = field(default_factory=list)
    skills_done: list[str] = field(default_factory=list)
    mood: Mood = field(default_factory=Mood)
    mood_before: Mood = field(default_factory=Mood)
    heavy_rejections: bool = False  # enough rejections for the nudge's rule
    heavy_mood: bool = False  # mood clearly lower than the week before

    @property
    def heavy(self) -> bool:
        return self.heavy_rejections or self.heavy_mood

    def count(self, key: str) -> int:
        return self.counts.get(key, (0, 0))[0]

    @property
    def quiet(self) -> bool:
        """Nothing at all recorded that week."""
        return not any(this for this, _ in self.counts.values()) and not self.mood.count

    @property
    def goal_met(self) -> bool:
        goal = self.goal[0]
        return bool(goal) and self.count("applied") >= goal

    @property
    def reflected(self) -> int:
        return sum(1 for rejection in self.rejections if rejection.reflected)

    def rows(self) -> list[FactRow]:
        """Each fact beside the week before, in words."""
        rows = []
        for key, label, note in COUNTS:
            this, before = self.counts.get(key, (0, 0))
            this_words, before_words = str(this), str(before)
            if key == "applied":
                this_words = _of_goal(this, self.goal[0])
                before_words = _of_goal(before, self.goal[1])
                if self.goal_met:
                    note = "You reached the week’s goal."
            elif key == "rejections" and this:
                note = (
                    f"{self.reflected} of {this} with a reflection."
                    if this > 1
                    else ("With a reflection." if self.reflected else "No reflection yet.")
                )
            rows.append(FactRow(key, label, this_words, before_words, note))
        rows.append(FactRow("mood", "Mood", self.mood.words, self.mood_before.words))
        return rows

    # --- stored and read back ---------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        return {
            "version": FACTS_VERSION,
            "week_start": self.week_start.isoformat(),
            "counts": {key: list(pair) for key, pair in self.counts.items()},
            "goal": list(self.goal),
            "rejections": [
                {
                    "company": r.company,
                    "role": r.role,
                    "on": r.on.isoformat() if r.on else None,
                    "stage": r.stage,
                    "reflected": r.reflected,
                }
                for r in self.rejections
            ],
            "wins": list(self.wins),
            "skills_done": list(self.skills_done),
            "mood": _mood_json(self.mood),
            "mood_before": _mood_json(self.mood_before),
            "heavy_rejections": self.heavy_rejections,
            "heavy_mood": self.heavy_mood,
        }

    @classmethod
    def from_json(cls, data: Any, *, week_start: date) -> WeekFacts | None:
        """The facts a review kept; None when it kept none (or nothing readable)."""
        if not isinstance(data, dict) or not data:
            return None
        counts = {}
        stored = data.get("counts")
        for key, _label, _note in COUNTS:
            pair = stored.get(key) if isinstance(stored, dict) else None
            if isinstance(pair, list) and len(pair) == 2 and all(_is_count(n) for n in pair):
                counts[key] = (pair[0], pair[1])
        goal = data.get("goal")
        goals = (
            tuple(g if _is_count(g) else None for g in goal)
            if isinstance(goal, list) and len(goal) == 2
            else (None, None)
        )
        return cls(
            week_start=week_start,
            counts=counts,
            goal=goals,
            rejections=[
                Rejection(
                    company=_text(r.get("company")),
                    role=_text(r.get("role")),
                    on=_date(r.get("on")),
                    stage=_text(r.get("stage")),
                    reflected=r.get("reflected") is True,
                )
                for r in _list(data.get("rejections"))
                if isinstance(r, dict)
            ],
            wins=[_text(w) for w in _list(data.get("wins")) if isinstance(w, str)],
            skills_done=[_text(s) for s in _list(data.get("skills_done")) if isinstance(s, str)],
            mood=_mood_from(data.get("mood")),
            mood_before=_mood_from(data.get("mood_before")),
            heavy_rejections=data.get("heavy_rejections") is True,
            heavy_mood=data.get("heavy_mood") is True,
        )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _of_goal(applied: int, goal: int | None) -> str:
    return f"{applied} of {goal}" if goal else str(applied)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _mood_json(mood: Mood) -> dict[str, Any]:
    return {"count": mood.count, "average": mood.average, "low": mood.low, "high": mood.high}


def _mood_from(value: Any) -> Mood:
    if not isinstance(value, dict) or not _is_count(value.get("count")) or not value["count"]:
        return Mood()
    average, low, high = value.get("average"), value.get("low"), value.get("high")
    if not isinstance(average, int | float) or isinstance(average, bool):
        return Mood()
    if not (_is_count(low) and _is_count(high)):
        return Mood()
    return Mood(count=value["count"], average=float(average), low=low, high=high)
