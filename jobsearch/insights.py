"""Insights: patterns across months, read from both apps' selectors.

Where applications stop (from the dated history), what employers' feedback
says, and how the search is landing on the person (mood, reflections,
thinking traps). Every chart comes with one sentence in words — the sentence
is what people read — and with fewer than five items in its base the page
says so instead of drawing a pattern out of chance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jobsearch import charts
from jobsearch.charts import Chart
from jobsearch.http import HtmxHttpRequest
from journal import insight_selectors as journal_insights
from tracker import insight_selectors as tracker_insights
from tracker import selectors as tracker_selectors
from tracker.insight_selectors import REJECTION_BUCKETS, TOO_FEW, RejectionBucket

PERIODS = {
    "30": ("Last 30 days", 30),
    "90": ("Last 90 days", 90),
    "all": ("All time", None),
}
DEFAULT_PERIOD = "90"
# Longer than this, the timeline shows a point a week rather than a day.
DAILY_UP_TO = 120


@dataclass
class Figure:
    chart: Chart
    reading: str  # the chart in one sentence
    drawn: bool = True  # False: too few items, the sentence says so instead

    @property
    def svg(self) -> str:
        return charts.svg(self.chart, self.reading) if self.drawn else ""

    @property
    def table(self) -> str:
        return charts.table(self.chart)


@dataclass
class Sentence:
    """A number in words, for findings that are a sentence rather than a chart."""

    text: str
    enough: bool


def period_of(value: str | None) -> str:
    """The period asked for, or the default for anything else."""
    return value if value in PERIODS else DEFAULT_PERIOD


def period_start(period: str, today: date) -> date | None:
    days = PERIODS[period][1]
    return None if days is None else today - timedelta(days=days - 1)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _days(value: float) -> str:
    return f"{value:g} day" + ("" if value == 1 else "s")


# --- where applications stop -------------------------------------------------------------

# Where the biggest drop between two stages is, and who it is out of.
FUNNEL_DROPS = (
    "before any reply: {lost} of the {base} sent in this period have had none so far",
    "after a reply, before an interview: {lost} of the {base} that heard back have not "
    "had one so far",
    "after an interview, before an offer: {lost} of the {base} interviewed have not had one so far",
)


def funnel_figure(funnel: tracker_insights.Funnel) -> Figure:
    stages = funnel.stages
    rates = funnel.rates
    chart = charts.hbar_chart(
        id="chart-funnel",
        title="How far applications got",
        items=stages,
        x_label="Applications",
        y_label="Stage",
        notes=[f"{rate}% of previous" if rate is not None else "" for rate in rates],
        columns=["Stage", "Applications", "Share of the stage before"],
        extra=[[f"{rate}%" if rate is not None else "—"] for rate in rates],
        css=["applied", "replied", "interviewed", "offered"],
    )
    if funnel.applied < TOO_FEW:
        return Figure(
            chart,
            f"{_plural(funnel.applied, 'application')} sent in this period — too few to see "
            f"where applications stop; that takes at least {TOO_FEW}.",
            drawn=False,
        )
    counts = [n for _, n in stages]
    lost = [earlier - later for earlier, later in zip(counts, counts[1:], strict=False)]
    if not any(lost):
        return Figure(chart, f"Every one of the {funnel.applied} applications reached an offer.")
    most = max(range(len(lost)), key=lambda i: lost[i])
    drop = FUNNEL_DROPS[most].format(lost=lost[most], base=counts[most])
    return Figure(chart, f"The biggest drop comes {drop}.")


# --- rejections by stage ---------------------------------------------------------------------


def rejections_figure(history: tracker_insights.History) -> Figure:
    totals = history.rejections
    shown = [
        bucket
        for bucket in REJECTION_BUCKETS
        if bucket != RejectionBucket.UNKNOWN or totals[bucket]
    ]
    total = sum(totals.values())
    chart = charts.hbar_chart(
        id="chart-rejections",
        title="Rejections by the stage they came at",
        items=[(REJECTION_BUCKETS[b][0], totals[b]) for b in shown],
        x_label="Rejections",
        y_label="Stage",
        columns=["Stage", "Rejections", "Share"],
        extra=[[_percent(totals[b], total)] for b in shown],
        css=[f"stage-{b}" for b in shown],
    )
    if total < TOO_FEW:
        return Figure(
            chart,
            f"{_plural(total, 'rejection')} in this period (silences included) — too few to "
            "see a pattern, and that is fine.",
            drawn=False,
        )
    top = max(totals.values())
    leaders = [b for b in shown if totals[b] == top]
    if len(leaders) == 1:
        phrase = REJECTION_BUCKETS[leaders[0]][1]
        if 2 * top > total:
            return Figure(chart, f"Most rejections came {phrase}: {top} of {total}.")
        return Figure(chart, f"Rejections came most often {phrase}: {top} of {total}.")
    phrases = " as ".join(REJECTION_BUCKETS[b][1] for b in leaders[:2])
    return Figure(chart, f"Rejections came as often {phrases}: {top} each, of {total}.")


# --- replies ---------------------------------------------------------------------------------


def response_figure(funnel: tracker_insights.Funnel) -> Figure:
    sources = funnel.sources
    chart = charts.hbar_chart(
        id="chart-response",
        title="Replies by where you found the job",
        items=[(s.label, s.rate or 0) for s in sources],
        x_label="Reply rate (%)",
        y_label="Where found",
        notes=[f"{s.replied} of {s.applied}" for s in sources],
        unit="%",
        x_max=100,
        columns=["Where found", "Reply rate (%)", "Replies", "Applications", "Usual days to reply"],
        extra=[
            [s.replied, s.applied, f"{s.median_days:g}" if s.median_days is not None else "—"]
            for s in sources
        ],
    )
    if funnel.applied < TOO_FEW:
        return Figure(
            chart,
            f"{_plural(funnel.applied, 'application')} sent in this period — too few to say "
            "how often replies come.",
            drawn=False,
        )
    wait = (
        f", usually after {_days(funnel.median_days_to_reply)}"
        if funnel.median_days_to_reply is not None
        else ", too few to say how long a reply usually takes"
    )
    reading = (
        f"{funnel.replied} of {funnel.applied} applications heard back ({funnel.reply_rate}%){wait}"
    )
    named = [s for s in sources if s.source not in ("", "other")]
    if len(sources) > 1 and named:
        top = max(s.rate or 0 for s in named)
        best = [s for s in named if (s.rate or 0) == top]
        names = " and ".join(s.label for s in best[:2])
        reading += f"; the best reply rate was from {names}: {top}%"
    return Figure(chart, reading + ".")


# --- applications per week ----------------------------------------------------------------


def weeks_figure(weeks: list[tracker_selectors.WeekProgress]) -> Figure:
    targets = [w.target or None for w in weeks]
    chart = charts.bar_chart(
        id="chart-weeks",
        title="Applications sent each week, against the week’s goal",
        items=[(charts.day_label(w.week_start), w.applied) for w in weeks],
        targets=targets,
        x_label="Week starting",
        y_label="Applications",
        columns=["Week starting", "Applications", "Goal"],
        highlight_last=True,
    )
    total = sum(w.applied for w in weeks)
    if total < TOO_FEW:
        return Figure(
            chart,
            f"{_plural(total, 'application')} sent in the last 12 weeks — too few to chart yet.",
            drawn=False,
        )
    # The week under way has not missed its goal yet: it counts once it is met.
    still_going = weeks[-1] if weeks and weeks[-1].target and not weeks[-1].met else None
    with_goal = [w for w in weeks if w.target and w is not still_going]
    if with_goal:
        met = sum(1 for w in with_goal if w.met)
        return Figure(
            chart,
            f"You sent {total} applications in the last 12 weeks and met your goal in {met} "
            f"of the {_plural(len(with_goal), 'week')} that had one"
            + (" (this week is still going)." if still_going else "."),
        )
    return Figure(
        chart,
        f"You sent {total} applications in the last 12 weeks, about "
        f"{round(total / len(weeks), 1):g} a week.",
    )


# --- mood and events on one timeline -------------------------------------------------------

REJECTION_ORDER = list(REJECTION_BUCKETS)


@dataclass
class Slot:
    """A day, or a week on a long timeline."""

    on: date
    mood_total: int = 0
    moods: int = 0
    sent: int = 0
    interviews: int = 0
    offers: int = 0
    replies: int = 0
    wins: int = 0
    rejections: Counter | None = None

    @property
    def mood(self) -> float | None:
        return round(self.mood_total / self.moods, 1) if self.moods else None

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values()) if self.rejections else 0


@dataclass
class SlotReading:
    """A slot once everything is added up: its mood, rejections and label worked out once
    (a long timeline has hundreds of slots, and each is read by every lane and the table)."""

    slot: Slot
    mood: float | None
    rejected: int
    when: str  # the slot in words, as hover tips start


def timeline_figure(
    *,
    mood: journal_insights.MoodJournal,
    history: tracker_insights.History,
    interviews: dict[date, int],
    replies: dict[date, int],
    since: date | None,
    today: date,
) -> Figure:
    known = (
        [d.on for d in mood.days] + [d.on for d in history.days] + list(interviews) + list(replies)
    )
    start = since or min(known, default=today - timedelta(days=89))
    start = min(start, today - timedelta(days=6))
    weekly = (today - start).days > DAILY_UP_TO

    def slot_of(day: date) -> date:
        return day - timedelta(days=day.weekday()) if weekly else day

    slots: dict[date, Slot] = {}

    def slot(day: date) -> Slot:
        key = slot_of(day)
        found = slots.get(key)
        if found is None:
            found = slots[key] = Slot(on=key, rejections=Counter())
        return found

    for day in mood.days:
        s = slot(day.on)
        s.mood_total += day.mood_total
        s.moods += day.moods
        s.wins += day.wins
    for day in history.days:
        s = slot(day.on)
        s.sent += day.applied
        s.offers += day.offers
        s.rejections.update(day.rejections)
    for day, n in interviews.items():
        slot(day).interviews += n
    for day, n in replies.items():
        slot(day).replies += n
    ordered = [
        SlotReading(
            slot=s,
            mood=s.mood,
            rejected=s.rejected,
            when=f"Week of {charts.day_label(s.on)}" if weekly else charts.day_label(s.on),
        )
        for key in sorted(slots)
        if (start <= key <= today or weekly) and (s := slots[key]).on <= today
    ]

    def rejection_tip(r: SlotReading) -> str:
        parts = [
            f"{n} {REJECTION_BUCKETS[b][1]}"
            for b in REJECTION_ORDER
            if (n := r.slot.rejections.get(b, 0))
        ]
        return f"{r.when}: {_plural(r.rejected, 'rejection')} — " + ", ".join(parts)

    def lane(label: str, css: str, attr: str, noun: str) -> tuple[str, str, list]:
        marks = []
        for r in ordered:
            if n := getattr(r.slot, attr):
                marks.append((r.slot.on, n, f"{r.when}: {_plural(n, noun)}", ""))
        return label, css, marks

    rejections_lane = (
        "Rejections",
        "rejected",
        [
            (
                r.slot.on,
                r.rejected,
                rejection_tip(r),
                # The furthest stage that day gives the mark its shade.
                "stage-" + max(r.slot.rejections, key=REJECTION_ORDER.index),
            )
            for r in ordered
            if r.rejected
        ],
    )
    chart = charts.line_chart(
        id="chart-timeline",
        title="Mood and what happened, " + ("week by week" if weekly else "day by day"),
        start=slot_of(start),
        end=today,
        points=[(r.slot.on, r.mood) for r in ordered if r.mood is not None],
        y_domain=(1, 10),
        y_label="Mood (1–10)",
        x_label="Week starting" if weekly else "Date",
        gap_days=21 if weekly else 7,
        lanes=[
            lane("Sent", "sent", "sent", "application"),
            lane("Interviews", "interview", "interviews", "interview"),
            rejections_lane,
            lane("Offers", "offer", "offers", "offer"),
            lane("Feedback", "reply", "replies", "feedback reply"),
            lane("Wins", "win", "wins", "win"),
        ],
        columns=[
            "Week starting" if weekly else "Date",
            "Mood",
            "Sent",
            "Interviews",
            "Rejections",
            "Offers",
            "Feedback replies",
            "Wins",
        ],
        rows=[
            [
                charts.day_label(r.slot.on),
                f"{r.mood:g}" if r.mood is not None else "—",
                r.slot.sent,
                r.slot.interviews,
                r.rejected,
                r.slot.offers,
                r.slot.replies,
                r.slot.wins,
            ]
            for r in ordered
        ],
    )
    chart.legend = [
        (f"stage-{b}", REJECTION_BUCKETS[b][0])
        for b in REJECTION_ORDER
        if any(r.slot.rejections.get(b) for r in ordered)
    ]
    if mood.moods < TOO_FEW:
        return Figure(
            chart,
            f"{_plural(mood.moods, 'mood')} recorded in this period — too few to draw a line. "
            "A check-in or a reflection each records one.",
            drawn=False,
        )
    with_mood = [r for r in ordered if r.mood is not None]
    low = min(with_mood, key=lambda r: (r.mood, r.slot.on))
    reading = (
        f"Your mood averaged {mood.average:g} out of 10 in this period; "
        f"it was lowest {'in the week of' if weekly else 'on'} {charts.day_label(low.slot.on)} "
        f"({low.mood:g})"
    )
    if low.rejected:
        reading += f", {'a week' if weekly else 'a day'} with {_plural(low.rejected, 'rejection')}"
    return Figure(chart, reading + ".")


def lift_sentence(lift: journal_insights.MoodLift) -> Sentence:
    if not lift.enough:
        return Sentence(
            f"{_plural(lift.reflections, 'reflection')} in this period noted a mood at the start "
            f"and at the end — from {TOO_FEW} on, this shows what writing one usually does "
            "for your mood.",
            enough=False,
        )
    change = lift.change
    if change > 0:
        text = (
            f"Writing a reflection lifted your mood by {change:g} on average, from "
            f"{lift.before:g} to {lift.after:g} out of 10, across {lift.reflections} reflections."
        )
    elif change == 0:
        text = (
            f"Across {lift.reflections} reflections your mood was on average the same at the "
            f"end as at the start ({lift.before:g} out of 10)."
        )
    else:
        text = (
            f"Across {lift.reflections} reflections your mood went on average from "
            f"{lift.before:g} to {lift.after:g} while writing — putting it into words can "
            "stir things up before it settles."
        )
    return Sentence(text, enough=True)


def recovery_sentence(recovery: journal_insights.Recovery) -> Sentence:
    if recovery.usual is None or not recovery.enough:
        return Sentence(
            f"{_plural(recovery.measured, 'rejection')} in this period had moods recorded "
            f"after it — from {TOO_FEW} on, this shows how long your mood usually takes to "
            "come back.",
            enough=False,
        )
    median = recovery.median_days
    within = "the same day" if median == 0 else f"within {_days(median)}"
    return Sentence(
        f"After a rejection your mood usually came back to its usual level "
        f"({recovery.usual} out of 10) {within}, going by {recovery.measured} rejections.",
        enough=True,
    )


# --- what the feedback says, what the mind says --------------------------------------------


def ranked_figure(
    *,
    id: str,
    title: str,
    items: list[tuple[str, int]],
    base: int,
    noun: str,
    x_label: str,
    y_label: str,
    lead: str,
    tie_lead: str,
    too_few: str,
    enough: bool | None = None,
    limit: int = 10,
    names_in_lower_case: bool = False,
) -> Figure:
    """Counts of named things (themes, traps, feelings), commonest first."""
    items = items[:limit]
    chart = charts.hbar_chart(
        id=id,
        title=title,
        items=items,
        x_label=x_label,
        y_label=y_label,
        columns=[y_label, x_label],
    )
    if not (base >= TOO_FEW if enough is None else enough) or not items:
        return Figure(chart, too_few, drawn=False)
    top = items[0][1]
    leaders = [
        name[:1].lower() + name[1:] if names_in_lower_case else name
        for name, n in items
        if n == top
    ]
    if len(leaders) == 1:
        return Figure(chart, f"{lead} {leaders[0]}: in {top} of {base} {noun}.")
    names = ", ".join(leaders[:-1]) + f" and {leaders[-1]}"
    return Figure(chart, f"{tie_lead} {names}: each in {top} of {base} {noun}.")


def feedback_figures(replies: tracker_insights.FeedbackReplies) -> list[Figure]:
    figures = []
    for key, title, themes in (
        ("recent", "Feedback themes, the last 90 days", replies.recent),
        ("all", "Feedback themes, all time", replies.all_time),
    ):
        figures.append(
            ranked_figure(
                id=f"chart-themes-{key}",
                title=title,
                items=themes.themes,
                base=themes.replies,
                noun="replies",
                x_label="Replies naming it",
                y_label="Theme",
                lead="What employers mentioned most was",
                tie_lead="What employers mentioned most were",
                names_in_lower_case=True,
                too_few=f"{_plural(themes.replies, 'reply', 'replies')} with feedback "
                f"{'in the last 90 days' if key == 'recent' else 'so far'} — too few to "
                "see which themes repeat.",
            )
        )
    return figures


def mind_figures(mood: journal_insights.MoodJournal, emotions: list[tuple[str, int]]) -> list:
    named = sum(n for _, n in emotions)
    return [
        ranked_figure(
            id="chart-traps",
            title="Thinking traps you noticed in reflections",
            items=mood.traps,
            base=mood.trap_reflections,
            noun="reflections that named one",
            x_label="Reflections",
            y_label="Thinking trap",
            lead="The trap you caught most often was",
            tie_lead="The traps you caught most often were",
            names_in_lower_case=True,
            too_few=f"{_plural(mood.trap_reflections, 'reflection')} in this period named a "
            "thinking trap — too few to see which ones come back.",
        ),
        ranked_figure(
            id="chart-emotions",
            title="Feelings you named",
            items=emotions,
            base=mood.mood_entries,
            enough=named >= TOO_FEW,
            noun="check-ins and reflections",
            x_label="Entries",
            y_label="Feeling",
            lead="The feeling you named most was",
            tie_lead="The feelings you named most were",
            too_few=f"Feelings were named {_plural(named, 'time')} in this period — too few "
            "to see which ones come up most.",
        ),
    ]


# --- the page ------------------------------------------------------------------------------


@dataclass
class InsightsPage:
    period: str
    since: date | None
    funnel: Figure
    rejections: Figure
    reasons: list[tracker_insights.RejectionReason]
    reasons_total: int
    rejections_arrived: int
    response: Figure
    weeks: Figure
    timeline: Figure
    lift: Sentence
    recovery: Sentence
    feedback: list[Figure]
    mind: list[Figure]

    @property
    def period_label(self) -> str:
        return PERIODS[self.period][0]


def insights_for(*, user, period: str, today: date | None = None) -> InsightsPage:
    """Every reading on the page, for one person and period (a fixed ten queries)."""
    today = today or timezone.localdate()
    since = period_start(period, today)
    funnel = tracker_insights.funnel(user=user, since=since, today=today)
    history = tracker_insights.history_by_day(user=user, since=since, today=today)
    reasons, reasons_total = tracker_insights.rejection_reasons(user=user, since=since, today=today)
    interviews = tracker_insights.interviews_by_day(user=user, since=since, today=today)
    replies = tracker_insights.feedback_replies(user=user, since=since, today=today)
    weeks = tracker_selectors.weekly_progress(user=user, today=today)
    mood = journal_insights.mood_journal(user=user, since=since, today=today)
    emotions = journal_insights.emotions_named(user=user, since=since, today=today)
    recovery = journal_insights.mood_recovery(user=user, usual=mood.usual, since=since, today=today)
    totals = history.rejections
    return InsightsPage(
        period=period,
        since=since,
        funnel=funnel_figure(funnel),
        rejections=rejections_figure(history),
        reasons=reasons,
        reasons_total=reasons_total,
        rejections_arrived=sum(totals.values()) - totals[RejectionBucket.NO_REPLY],
        response=response_figure(funnel),
        weeks=weeks_figure(weeks),
        timeline=timeline_figure(
            mood=mood,
            history=history,
            interviews=interviews,
            replies=replies.by_day,
            since=since,
            today=today,
        ),
        lift=lift_sentence(mood.lift),
        recovery=recovery_sentence(recovery),
        feedback=feedback_figures(replies),
        mind=mind_figures(mood, emotions),
    )


@require_http_methods(["GET"])
def insights(request: HtmxHttpRequest) -> HttpResponse:
    period = period_of(request.GET.get("period"))
    return render(
        request,
        "jobsearch/insights.html",
        {
            "page": insights_for(user=request.user, period=period),
            "periods": [(key, label) for key, (label, _) in PERIODS.items()],
        },
    )
