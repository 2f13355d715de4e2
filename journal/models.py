"""The private side of the search: reflections after a rejection, check-ins,
wins, free notes, the drafts that keep unfinished reflections safe, and the
skill goals that grow out of them.

Entries link to the tracker's applications and status events; the tracker
never links back (it shows journal items on a timeline through a provider the
journal registers in apps.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import dateformat
from django.utils.text import Truncator

from tracker.models import Application, FeedbackRequest, FollowUp, StatusEvent

MOOD_MIN, MOOD_MAX = 1, 10
mood_validators = [
    MinValueValidator(MOOD_MIN, "Choose a mood from 1 to 10."),
    MaxValueValidator(MOOD_MAX, "Choose a mood from 1 to 10."),
]


def _mood_in_range(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": MOOD_MIN, f"{field}__lte": MOOD_MAX}
    )


# Feelings offered as tick boxes everywhere a mood is asked. People add their
# own (stored per person as Emotion rows); these are ours.
EMOTIONS = (
    "disappointed",
    "frustrated",
    "sad",
    "angry",
    "anxious",
    "ashamed",
    "numb",
    "tired",
    "relieved",
    "calm",
    "hopeful",
    "proud",
)


class ThinkingTrap(models.TextChoices):
    """Patterns from cognitive-behavioural practice, each with a plain one-liner of ours."""

    ALL_OR_NOTHING = "all_or_nothing", "All-or-nothing"
    OVERGENERALISING = "overgeneralising", "Overgeneralising"
    MIND_READING = "mind_reading", "Mind reading"
    FORTUNE_TELLING = "fortune_telling", "Fortune telling"
    CATASTROPHISING = "catastrophising", "Catastrophising"
    PERSONALISING = "personalising", "Personalising"
    LABELLING = "labelling", "Labelling"
    DISCOUNTING_POSITIVE = "discounting_positive", "Discounting the positive"
    SHOULD_STATEMENTS = "should_statements", "Should-statements"
    EMOTIONAL_REASONING = "emotional_reasoning", "Emotional reasoning"
    MENTAL_FILTER = "mental_filter", "Mental filter"


TRAP_EXPLANATIONS = {
    ThinkingTrap.ALL_OR_NOTHING: "Seeing it as total success or total failure, nothing between.",
    ThinkingTrap.OVERGENERALISING: "Taking one setback as proof it will always go this way.",
    ThinkingTrap.MIND_READING: "Deciding what they thought of you without them saying so.",
    ThinkingTrap.FORTUNE_TELLING: "Predicting a bad ending and treating the guess as fact.",
    ThinkingTrap.CATASTROPHISING: "Jumping to the worst outcome and bracing for it.",
    ThinkingTrap.PERSONALISING: "Taking all the blame for something many things shaped.",
    ThinkingTrap.LABELLING: "Summing yourself up in one harsh word, like “useless”.",
    ThinkingTrap.DISCOUNTING_POSITIVE: "Writing off what went well as luck, or as not counting.",
    ThinkingTrap.SHOULD_STATEMENTS: "Judging yourself by rules about what you “should” have done.",
    ThinkingTrap.EMOTIONAL_REASONING: "Taking a feeling as proof: it feels hopeless, so it is.",
    ThinkingTrap.MENTAL_FILTER: "Seeing only the bad moments and letting them colour the rest.",
}


class OutsideFactor(models.TextChoices):
    """Common reasons a hiring decision goes one way that have nothing to do with the candidate."""

    INTERNAL_CANDIDATE = "internal_candidate", "They chose someone from inside"
    BUDGET = "budget", "Budget or headcount changed"
    ROLE_CHANGED = "role_changed", "The role changed or was put on hold"
    MANY_APPLICANTS = "many_applicants", "Many strong people applied"
    NARROW_MUST_HAVE = "narrow_must_have", "A narrow must-have I could not have known about"


FACTOR_EXPLANATIONS = {
    OutsideFactor.INTERNAL_CANDIDATE: "Teams often promote or move someone they already know.",
    OutsideFactor.BUDGET: "Money and plans shift, sometimes in the middle of hiring.",
    OutsideFactor.ROLE_CHANGED: "What they needed can change after the advert goes out.",
    OutsideFactor.MANY_APPLICANTS: "With one opening and many good people, most hear no.",
    OutsideFactor.NARROW_MUST_HAVE: "A tool, sector or language that was never in the advert.",
}


class Intensity(models.TextChoices):
    LOW = "low", "Low — it is there, in the background"
    MEDIUM = "medium", "Medium — hard to put aside"
    HIGH = "high", "High — it fills the day"


class Fit(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


def validate_traps(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(ThinkingTrap.values):
        raise ValidationError("Choose thinking traps from the list.")


def validate_factors(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(OutsideFactor.values):
        raise ValidationError("Choose outside factors from the list.")


class PersonalLabel(models.Model):
    """A name a person gives things, unique for them whatever its case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="%(class)s_unique_per_user"),
        ]

    def __str__(self) -> str:
        return self.name


class Emotion(PersonalLabel):
    """A feeling a person has named: one of ours, or one they added."""


class Tag(PersonalLabel):
    """A word a person files entries under."""


class Entry(models.Model):
    """One journal entry. Which fields mean something depends on its kind."""

    class Kind(models.TextChoices):
        REFLECTION = "reflection", "Reflection"
        CHECK_IN = "check_in", "Check-in"
        WIN = "win", "Win"
        NOTE = "note", "Note"
        WEEKLY_REVIEW = "weekly_review", "Weekly review"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    kind = models.CharField(max_length=13, choices=Kind)
    on = models.DateField("date")
    title = models.CharField(max_length=200, blank=True)
    # What happened (reflection), the note (check-in), more about it (win), the text (note).
    body = models.TextField(blank=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries",
    )
    status_event = models.ForeignKey(
        StatusEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries")

    # How I feel (reflections and check-ins); mood_after closes a reflection.
    mood = models.PositiveSmallIntegerField(null=True, blank=True, validators=mood_validators)
    mood_after = models.PositiveSmallIntegerField(
        "mood at the end", null=True, blank=True, validators=mood_validators
    )
    emotions = models.ManyToManyField(Emotion, blank=True, related_name="entries")
    intensity = models.CharField(max_length=6, choices=Intensity, blank=True)

    # The thought record.
    automatic_thought = models.TextField(blank=True)
    thinking_traps = models.JSONField(default=list, blank=True, validators=[validate_traps])
    reframe = models.TextField("a more balanced thought", blank=True)

    # Outside my control.
    outside_factors = models.JSONField(default=list, blank=True, validators=[validate_factors])
    outside_other = models.TextField("something else outside my control", blank=True)

    # Looking back.
    went_well = models.TextField("what went well", blank=True)
    do_differently = models.TextField("what I would do differently", blank=True)
    fit = models.CharField("was it the right fit", max_length=8, choices=Fit, blank=True)
    fit_why = models.TextField("why", blank=True)

    # Next steps chosen, and the follow-ups they made (skill goals point back here).
    next_feedback = models.BooleanField("ask for feedback", default=False)
    next_skill = models.CharField("a skill to build", max_length=200, blank=True)
    next_reach_out = models.CharField("someone to reach out to", max_length=200, blank=True)
    next_break = models.BooleanField("take a break today", default=False)
    followups = models.ManyToManyField(FollowUp, blank=True, related_name="+")

    # A check-in's prompt is kept as the words shown, so changing the list never rewrites it.
    prompt = models.CharField(max_length=300, blank=True)
    prompt_answer = models.TextField(blank=True)

    # A weekly review: the week it looks back on (its Monday), the week's facts as
    # they were when it was written (journal.weekly_review reads them), one thing
    # for the week ahead, and the application goal chosen for it. `went_well` and
    # `do_differently` hold its first two answers.
    week_start = models.DateField("week starting", null=True, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    next_focus = models.TextField("one thing for next week", blank=True)
    next_goal = models.PositiveSmallIntegerField(
        "next week's application goal",
        null=True,
        blank=True,
        validators=[MaxValueValidator(200, "Choose a goal of 200 or fewer.")],
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-on", "-created_at", "-id"]
        indexes = [
            # entry_list() and mood_recent(): a person's entries, newest first.
            models.Index(fields=["user", "-on", "-created_at"], name="entry_user_on_idx"),
            # entry_list(kind=…) and win_list_recent().
            models.Index(fields=["user", "kind", "-on"], name="entry_user_kind_on_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=_mood_in_range("mood"), name="entry_mood_1_to_10"),
            models.CheckConstraint(
                condition=_mood_in_range("mood_after"), name="entry_mood_after_1_to_10"
            ),
            models.CheckConstraint(
                condition=~Q(kind="check_in") | Q(mood__isnull=False),
                name="entry_check_in_has_mood",
                violation_error_message="A check-in needs a mood.",
            ),
            models.CheckConstraint(
                condition=Q(kind="reflection") | Q(mood_after__isnull=True),
                name="entry_mood_after_only_on_reflections",
            ),
            models.CheckConstraint(
                condition=Q(kind="weekly_review", week_start__isnull=False)
                | (~Q(kind="weekly_review") & Q(week_start__isnull=True)),
                name="entry_week_start_only_on_weekly_reviews",
            ),
            # weekly_review_for(): one review a week, which the review page opens again.
            models.UniqueConstraint(
                fields=["user", "week_start"],
                condition=Q(kind="weekly_review"),
                name="entry_one_weekly_review_a_week",
                violation_error_message="You have already reviewed that week.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.kind == self.Kind.WIN and not self.title.strip():
            raise ValidationError({"title": "Say what the win was."})
        if self.kind == self.Kind.NOTE and not (self.title.strip() or self.body.strip()):
            raise ValidationError({"body": "Write something to save."})
        if (
            self.status_event_id
            and self.application_id
            and self.status_event.application_id != self.application_id
        ):
            raise ValidationError("That step belongs to another application.")

    @property
    def heading(self) -> str:
        """How the entry is named in lists and on its own page."""
        if self.kind == self.Kind.REFLECTION:
            return (
                f"Reflection on {self.application.role} at {self.application.company}"
                if self.application
                else self.title or "Reflection"
            )
        if self.kind == self.Kind.CHECK_IN:
            return f"Check-in: mood {self.mood}"
        if self.kind == self.Kind.WEEKLY_REVIEW and self.week_start:
            return f"Weekly review: the week of {dateformat.format(self.week_start, 'j F Y')}"
        return self.title or Truncator(self.body).words(8)

    @property
    def snippet(self) -> str:
        text = (
            self.body
            or self.prompt_answer
            or self.automatic_thought
            or self.reframe
            or self.went_well
            or self.next_focus
        )
        return Truncator(text).chars(180)

    @property
    def week_end(self) -> date | None:
        """The last day of the week a weekly review looks back on."""
        return self.week_start + timedelta(days=6) if self.week_start else None

    @property
    def review_facts(self):
        """A weekly review's facts as they were when it was written (None if it kept none)."""
        from journal.weekly_review import WeekFacts

        if self.kind != self.Kind.WEEKLY_REVIEW or self.week_start is None:
            return None
        return WeekFacts.from_json(self.facts, week_start=self.week_start)

    @property
    def mood_change(self) -> int | None:
        if self.mood is None or self.mood_after is None:
            return None
        return self.mood_after - self.mood

    @property
    def mood_drop(self) -> int:
        return -min(self.mood_change or 0, 0)

    @property
    def trap_details(self) -> list[tuple[str, str]]:
        return [
            (ThinkingTrap(trap).label, TRAP_EXPLANATIONS[ThinkingTrap(trap)])
            for trap in self.thinking_traps
        ]

    @property
    def factor_labels(self) -> list[str]:
        return [OutsideFactor(factor).label for factor in self.outside_factors]


class Draft(models.Model):
    """An unfinished reflection, saved as typed.

    `data` holds the form exactly as it was posted (every field's raw text), so
    a draft keeps even what would not pass validation yet. The links are
    copied out of it when they point at the person's own rows, to list drafts.
    """

    LAST_STEP = 8  # seven questions, then a summary to check

    class Kind(models.TextChoices):
        REFLECTION = "reflection", "Reflection"
        WEEKLY_REVIEW = "weekly_review", "Weekly review"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_drafts"
    )
    kind = models.CharField(max_length=13, choices=Kind, default=Kind.REFLECTION)
    # A weekly review's draft: the Monday of the week it reviews.
    week_start = models.DateField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    step = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(LAST_STEP)]
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_event = models.ForeignKey(
        StatusEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # draft_list(): a person's drafts, most recently touched first.
            models.Index(fields=["user", "-updated_at"], name="draft_user_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(step__gte=1, step__lte=8), name="draft_step_in_flow"
            ),
            models.CheckConstraint(
                condition=Q(kind="weekly_review", week_start__isnull=False)
                | (~Q(kind="weekly_review") & Q(week_start__isnull=True)),
                name="draft_week_start_only_on_weekly_reviews",
            ),
            # weekly_review_draft_save(): one draft a week, found again by its week.
            models.UniqueConstraint(
                fields=["user", "week_start"],
                condition=Q(kind="weekly_review"),
                name="draft_one_weekly_review_a_week",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft {self.get_kind_display().lower()} {self.pk}"

    @property
    def snippet(self) -> str:
        for name in ("what_happened", "automatic_thought", "went_well", "reframe"):
            value = self.data.get(name)
            if isinstance(value, str) and value.strip():
                return Truncator(value).chars(140)
        return ""


class SkillGoal(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_goals"
    )
    title = models.CharField("skill", max_length=200)
    why = models.TextField("why it matters", blank=True)
    source_entry = models.ForeignKey(
        Entry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skill_goals",
        verbose_name="prompted by",
    )
    # Feedback an employer gave that this goal answers (made from its "what I'll change").
    source_feedback = models.ForeignKey(
        FeedbackRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    resources = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.PLANNED)
    target_on = models.DateField("target date", null=True, blank=True)
    progress_notes = models.TextField(blank=True)
    done_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # skill_goal_list(): a person's goals by status.
            models.Index(fields=["user", "status"], name="skillgoal_user_status_idx"),
            # win_list_recent(): goals done most recently.
            models.Index(fields=["user", "-done_on"], name="skillgoal_user_done_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="skillgoal_done_on_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.title
