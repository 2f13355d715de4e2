"""A few months of journal for the demo account, written around its applications.

Called by the demo command after the tracker's seed: reflections follow the
person's real rejections, moods dip after them and recover, wins and skill
goals come and go. Running it again replaces the journal it made before.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from journal import selectors, services
from journal.models import Draft, Emotion, Entry, SkillGoal, Tag
from tracker.models import Application, FeedbackRequest, FollowUp, Status
from tracker.selectors import status_event_latest_rejection

DAYS = 100

REFLECTIONS = (
    {
        "body": "A short email: they went with someone else. I had hoped after the second call.",
        "automatic_thought": "I always fall at the last hurdle.",
        "thinking_traps": ["overgeneralising", "all_or_nothing"],
        "reframe": "I have reached late stages twice this month. That is progress, not a pattern "
        "of failure.",
        "outside_factors": ["many_applicants", "internal_candidate"],
        "went_well": "The take-home; they said it was clear.",
        "do_differently": "Ask earlier what the team is struggling with.",
        "fit": "not_sure",
        "fit_why": "A lot of travel that I had played down to myself.",
        "emotions": ["disappointed", "tired"],
        "intensity": "medium",
    },
    {
        "body": "Rejected after the technical interview. The live coding went badly.",
        "automatic_thought": "They must think I can't code.",
        "thinking_traps": ["mind_reading", "labelling"],
        "reframe": "Forty minutes of nerves says little about years of work. I can practise "
        "thinking aloud.",
        "outside_factors": ["narrow_must_have"],
        "went_well": "Explaining my last project.",
        "do_differently": "Practise live problems with a timer and talk while I work.",
        "fit": "yes",
        "fit_why": "The team and the product both appealed.",
        "emotions": ["ashamed", "frustrated"],
        "intensity": "high",
        "next_skill": "Live coding under time pressure",
    },
    {
        "body": "A portal update, no message. The role has been closed.",
        "automatic_thought": "Nobody even reads my applications.",
        "thinking_traps": ["catastrophising"],
        "reframe": "The role closed for everyone. That is about their plans, not my CV.",
        "outside_factors": ["role_changed", "budget"],
        "fit": "no",
        "fit_why": "Honestly, I applied out of worry rather than interest.",
        "emotions": ["numb", "relieved"],
        "intensity": "low",
    },
    {
        "body": "A call from the recruiter: strong interview, but another candidate had more "
        "domain experience.",
        "automatic_thought": "I should have known more about their industry.",
        "thinking_traps": ["should_statements", "personalising"],
        "reframe": "I learned a lot about logistics in two weeks. Domain knowledge grows with the "
        "job.",
        "outside_factors": ["narrow_must_have", "many_applicants"],
        "went_well": "The recruiter called rather than emailed, and offered to keep me in mind.",
        "do_differently": "Read a couple of industry reports before the final round.",
        "fit": "yes",
        "emotions": ["disappointed", "hopeful"],
        "intensity": "medium",
        "next_skill": "Reading financial statements",
    },
    {
        "body": "An automated email a week after the screen: not moving forward.",
        "automatic_thought": "Everyone else is getting offers except me.",
        "thinking_traps": ["overgeneralising", "mental_filter"],
        "reframe": "I see other people's good news and none of their rejections. Three "
        "screens this month means my applications are landing.",
        "outside_factors": ["many_applicants"],
        "went_well": "I had good questions ready about the team.",
        "do_differently": "Keep a short list of my numbers to hand for screens.",
        "fit": "not_sure",
        "emotions": ["frustrated", "tired"],
        "intensity": "medium",
    },
    {
        "body": "They went with an internal candidate after the panel.",
        "automatic_thought": "If I had been better in the panel they would have picked me.",
        "thinking_traps": ["personalising", "mind_reading"],
        "reframe": "An internal candidate had a head start I could not close in an hour. "
        "The panel asked me back for a second conversation, which says something.",
        "outside_factors": ["internal_candidate"],
        "went_well": "The case study and the follow-up questions.",
        "do_differently": "Ask early whether there are internal candidates.",
        "fit": "yes",
        "emotions": ["disappointed", "calm"],
        "intensity": "low",
    },
)

CHECK_IN_NOTES = (
    "Slow morning, better afternoon.",
    "Went for a long walk before opening the laptop. It helped.",
    "Hard to focus today.",
    "Two applications out, one of them I am excited about.",
    "Spent the evening away from job boards on purpose.",
    "Caught up with an old colleague; felt more like myself.",
)

PROMPT_ANSWERS = (
    "Rewrote the summary on my CV so it sounds like me.",
    "A message from a friend checking in.",
    "I could message the people from the meetup.",
    "I want a team that writes things down.",
    "Laying out tomorrow's two tasks tonight.",
)

WINS = (
    ("Recruiter replied within a day", "application"),
    ("Finished module 3 of the SQL course", ""),
    ("Sent five applications this week", ""),
    ("A good conversation with a former manager", ""),
    ("Got through the recruiter screen", "application"),
    ("Updated my portfolio with the dashboard project", ""),
    ("Asked for feedback — and got a kind, useful answer", "application"),
    ("Said no to a role that was not right for me", ""),
)

SKILL_GOALS = (
    {
        "title": "System design basics",
        "why": "Came up in two interviews; I want to answer with confidence.",
        "resources": "A system design primer, one design a week on paper\nMock interview with Sam",
        "status": SkillGoal.Status.IN_PROGRESS,
        "target_in_days": 30,
        "progress_notes": "Caching and queues done. Next: a URL shortener end to end.",
    },
    {
        "title": "Presenting to a panel",
        "why": "Panels make me rush. Practice helps more than reading about it.",
        "resources": "Local speaking club, Thursday evenings",
        "status": SkillGoal.Status.DONE,
        "done_days_ago": 12,
        "progress_notes": "Gave two short talks. The second felt almost comfortable.",
    },
    {
        "title": "dbt fundamentals",
        "why": "Many analytics roles ask for it.",
        "resources": "The free online course; rebuild my portfolio project with it",
        "status": SkillGoal.Status.PLANNED,
        "target_in_days": 60,
    },
)


def _clear(user) -> None:
    # Only reminders the journal made itself: a tracker suggestion a reflection reused stays.
    made = FollowUp.objects.filter(
        pk__in=Entry.followups.through.objects.filter(entry__user=user).values("followup_id"),
        rule="",
        done_at__isnull=True,
    )
    made.delete()
    Entry.objects.filter(user=user).delete()
    Draft.objects.filter(user=user).delete()
    SkillGoal.objects.filter(user=user).delete()
    Tag.objects.filter(user=user).delete()
    Emotion.objects.filter(user=user).delete()


def _mood_curve(today: date, rejections: list[date], rng: random.Random) -> dict[date, int]:
    """A mood a day that drifts, dips after each rejection, and recovers over a week or so."""
    moods = {}
    level = 6.0
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        level += rng.uniform(-0.6, 0.6) + (6.0 - level) * 0.15
        for rejected_on in rejections:
            if rejected_on == day:
                level -= rng.uniform(2, 3.5)
        moods[day] = max(1, min(10, round(level)))
    return moods


@transaction.atomic
def seed(*, user, today: date, rng: random.Random) -> None:
    _clear(user)
    rejected = [
        (application, status_event_latest_rejection(application=application))
        for application in Application.objects.filter(user=user, status=Status.REJECTED).order_by(
            "-status_changed_on", "-id"
        )
    ]
    rejected = [(a, e) for a, e in rejected if e and today - e.happened_on < timedelta(days=DAYS)]
    moods = _mood_curve(today, [event.happened_on for _, event in rejected], rng)
    others = list(Application.objects.filter(user=user).exclude(status=Status.REJECTED)[:10])

    # Reflections on most rejections; with more than one, the newest is left as an
    # unfinished draft, the way a real one often is.
    drafted = rejected[0] if len(rejected) > 1 else None
    reflected = rejected[1:7] if drafted else rejected[:6]
    for index, (application, event) in enumerate(reflected):
        answers = dict(REFLECTIONS[index % len(REFLECTIONS)])
        on = min(event.happened_on + timedelta(days=rng.choice((0, 0, 1))), today)
        before = max(1, moods[on] - 1)
        services.reflection_create(
            user=user,
            on=on,
            today=on,
            application=application,
            status_event=event,
            mood=before,
            mood_after=min(10, before + rng.choice((0, 1, 2, 3))),
            tags=["rejection", application.company.split()[0].lower()],
            **answers,
        )
    if not reflected:
        on = today - timedelta(days=20)
        services.reflection_create(
            user=user, on=on, today=on, mood=3, mood_after=5, **dict(REFLECTIONS[2])
        )

    # Check-ins on most days, some with a note or an answer to the day's prompt.
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        if rng.random() < 0.45:
            continue
        roll = rng.random()
        fields: dict = {}
        if roll < 0.35:
            fields["body"] = rng.choice(CHECK_IN_NOTES)
        elif roll < 0.55:
            fields["prompt"] = selectors.prompt_for(day)
            fields["prompt_answer"] = rng.choice(PROMPT_ANSWERS)
        mood = moods[day]
        emotions = []
        if rng.random() < 0.6:
            pool = ("calm", "hopeful", "proud") if mood >= 6 else ("tired", "anxious", "frustrated")
            emotions = rng.sample(pool, k=rng.choice((1, 2)))
        services.entry_create(
            user=user, kind=Entry.Kind.CHECK_IN, on=day, mood=mood, emotions=emotions, **fields
        )

    # Small wins, spread out.
    for index, (title, linked) in enumerate(WINS):
        on = today - timedelta(days=4 + index * 11 + rng.randint(0, 4))
        application = rng.choice(others) if linked and others else None
        services.entry_create(
            user=user,
            kind=Entry.Kind.WIN,
            on=on,
            title=title,
            application=application,
            tags=["win"],
        )

    services.entry_create(
        user=user,
        kind=Entry.Kind.NOTE,
        on=today - timedelta(days=45),
        title="What I want next",
        body="A team that writes things down. Some time to learn. No more than two office "
        "days a week. A product I would use myself.",
        tags=["criteria"],
    )
    services.entry_create(
        user=user,
        kind=Entry.Kind.NOTE,
        on=today - timedelta(days=9),
        title="Questions to ask at the end of an interview",
        body="What would make someone great in this role after six months?\n"
        "What is the team finding hard right now?\nHow are decisions written down?",
        tags=["interviews"],
    )

    for goal in SKILL_GOALS:
        fields = {
            key: value
            for key, value in goal.items()
            if key not in ("target_in_days", "done_days_ago")
        }
        if "target_in_days" in goal:
            fields["target_on"] = today + timedelta(days=goal["target_in_days"])
        done_on = today - timedelta(days=goal.get("done_days_ago", 0))
        services.skill_goal_create(user=user, today=done_on, **fields)

    # The first piece of feedback that pointed at something to learn became a goal.
    answered = (
        FeedbackRequest.objects.filter(user=user, state=FeedbackRequest.State.REPLIED)
        .exclude(will_change="")
        .order_by("replied_on")
        .first()
    )
    if answered is not None:
        services.skill_goal_from_feedback(user=user, feedback=answered)

    draft_data = {
        "on": today.isoformat(),
        "what_happened": "Heard back this morning. A polite no after the final round.",
        "mood": str(max(1, moods[today] - 1)),
        "emotions": ["disappointed", "tired"],
        "automatic_thought": "I am wasting months on this.",
    }
    if drafted is not None:
        application, event = drafted
        draft_data.update(
            application=str(application.pk),
            status_event=str(event.pk),
            on=event.happened_on.isoformat(),
            mood=str(max(1, moods[event.happened_on] - 1)),
        )
    services.draft_save(user=user, data=draft_data, step=3)
