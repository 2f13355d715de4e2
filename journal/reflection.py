"""The reflection flow, in one place: its steps, and what a reflection is about.

A reflection is about one of the person's applications and, usually, one step of
its history (the rejection). That is worked out here and nowhere else, from raw
text — a link's query string, a posted form, a draft's saved data — by:

- `from_link`: the page that starts a reflection (`?application=<id>&event=<id>`);
- `from_answers`: a draft being stored or reopened, and the page drawing the flow;
- `step_for`: the form, once its application field has been checked.

The rules, the same everywhere:

- Ids are read with `jobsearch.http.object_id`; anything else ("abc", "-1", "²")
  is no id at all. Another person's rows are never found, exactly like rows that
  do not exist (or no longer do), so nothing about them can be told apart.
- A step counts only if it is a step of the chosen application. Without one, the
  reflection is about the application's latest rejection, if it has one.
- From a link, a step alone brings its application. When both are given, the
  application decides (it is what the page shows) and a step of another
  application is dropped. What a link asked for and we could not find is said in
  a notice; the reflection still opens, unlinked where need be.
- In a form the application field is the person's own choice: a step never
  brings an application back that they cleared.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobsearch.http import object_id
from journal.models import Draft
from tracker.models import Application, StatusEvent
from tracker.selectors import status_event_latest_rejection

# --- the steps ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    heading: str
    intro: str
    fields: tuple[str, ...]


WHAT_HAPPENED = Step(
    1,
    "what-happened",
    "What happened?",
    "Start with the facts, the way you would tell a friend.",
    ("application", "on", "what_happened"),
)
FEELINGS = Step(
    2,
    "feelings",
    "How do you feel?",
    "Whatever you feel is allowed. Naming it is enough for now.",
    ("mood", "emotions", "emotions_own", "intensity"),
)
THOUGHT = Step(
    3,
    "thought",
    "What is your mind telling you?",
    "Thoughts after a no can be loud. Write one down, then look at it again.",
    ("automatic_thought", "thinking_traps", "reframe"),
)
OUTSIDE = Step(
    4,
    "outside",
    "What was outside your control?",
    "Hiring decisions turn on many things a candidate never sees.",
    ("outside_factors", "outside_other"),
)
LOOKING_BACK = Step(
    5,
    "looking-back",
    "What can you take from it?",
    "Not to judge yourself — only to keep what is useful.",
    ("went_well", "do_differently", "fit", "fit_why"),
)
# Its answers become follow-ups and a skill goal when the reflection is saved;
# editing a saved reflection does not show it (those were actions, not words).
NEXT_STEPS = Step(
    6,
    "next-steps",
    "What would help next?",
    "Tick anything that would help. We set it up when you save.",
    ("next_feedback", "next_skill", "next_reach_out", "next_break"),
)
MOOD_NOW = Step(
    7,
    "mood-now",
    "How do you feel now?",
    "The same scale as before. Any change is fine, including none.",
    ("mood_after", "tags"),
)
STEPS = (WHAT_HAPPENED, FEELINGS, THOUGHT, OUTSIDE, LOOKING_BACK, NEXT_STEPS, MOOD_NOW)
# The step that shows what the reflection is about (the application and its rejection).
ABOUT_STEP = WHAT_HAPPENED
# After the questions: the answers to check before saving.
SUMMARY_STEP = Draft.LAST_STEP


def step_number(value, default: int = 1) -> int:
    """The step a page or post asks for, or `default` if it names none of ours."""
    number = object_id(value) if isinstance(value, str) else value
    if isinstance(number, int) and 1 <= number <= SUMMARY_STEP:
        return number
    return default


def step_of(number: int) -> Step | None:
    """The question step with this number; None for the summary."""
    return STEPS[number - 1] if 1 <= number <= len(STEPS) else None


# --- what a reflection is about ---------------------------------------------------------


APPLICATION_NOT_FOUND = (
    "We couldn’t find that application among yours — it may have been deleted — so this "
    "reflection isn’t linked to one. You can choose it in step 1."
)
LINKED_STEP_NOT_FOUND = (
    "We couldn’t find that step among your applications — it may have been deleted — so "
    "this reflection isn’t linked to one. You can choose the application in step 1."
)
STEP_NOT_FOUND = (
    "We couldn’t find that step in this application’s history — it may have been deleted — "
    "so the reflection is about the application as a whole."
)
STEP_NOT_FOUND_LATEST = (
    "We couldn’t find that step in this application’s history — it may have been deleted — "
    "so the reflection is about its latest rejection instead."
)
DRAFT_APPLICATION_GONE = (
    "The application this draft was about is no longer in your applications, so it isn’t "
    "linked any more. Everything you wrote is still here."
)
DRAFT_STEP_GONE = (
    "The step of the application this draft was about has since been deleted. Everything "
    "you wrote is still here."
)


@dataclass(frozen=True)
class About:
    application: Application | None = None
    step: StatusEvent | None = None
    # Said on the page when something asked for could not be found.
    notice: str = ""

    def initial(self) -> dict[str, str]:
        """The form's application and hidden step fields, as the page sends them."""
        return {
            "application": str(self.application.pk) if self.application else "",
            "status_event": str(self.step.pk) if self.step else "",
        }


def _application(user, value: str | None) -> Application | None:
    pk = object_id(value)
    return Application.objects.filter(user=user, pk=pk).first() if pk is not None else None


def _step(user, value: str | None, **where) -> StatusEvent | None:
    pk = object_id(value)
    if pk is None:
        return None
    steps = StatusEvent.objects.select_related("application")
    return steps.filter(user=user, pk=pk, **where).first()


def _is(step: StatusEvent | None, value: str | None) -> bool:
    return step is not None and step.pk == object_id(value)


def step_for(*, user, application: Application | None, step: str | None) -> StatusEvent | None:
    """The step a reflection about `application` is about: the one given if it is a step
    of that application, otherwise the application's latest rejection (or none)."""
    if application is None:
        return None
    return _step(user, step, application=application) or status_event_latest_rejection(
        application=application
    )


def from_answers(*, user, application: str | None, step: str | None) -> About:
    """What a form's answers (posted, or kept in a draft) make the reflection about.

    Its notice says when an application or step they name no longer exists (or
    never was the person's); the page reopening a draft shows it."""
    found = _application(user, application)
    if application and found is None:
        return About(notice=DRAFT_APPLICATION_GONE)
    chosen = step_for(user=user, application=found, step=step)
    # A step of another of their applications is only a changed mind, not news.
    gone = bool(step) and found is not None and not _is(chosen, step) and not _step(user, step)
    return About(application=found, step=chosen, notice=DRAFT_STEP_GONE if gone else "")


def from_link(*, user, application: str | None, step: str | None) -> About:
    """What a link that starts a reflection makes it about (see the module's rules)."""
    if application:
        found = _application(user, application)
        if found is None:
            return About(notice=APPLICATION_NOT_FOUND)
        chosen = step_for(user=user, application=found, step=step)
        notice = ""
        if step and not _is(chosen, step):
            notice = STEP_NOT_FOUND_LATEST if chosen else STEP_NOT_FOUND
        return About(application=found, step=chosen, notice=notice)
    if step:
        chosen = _step(user, step)
        if chosen is None:
            return About(notice=LINKED_STEP_NOT_FOUND)
        return About(application=chosen.application, step=chosen)
    return About()
