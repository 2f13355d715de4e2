"""The weekly review: a page that reads the week from both apps, then asks three
questions and next week's goal, and saves it all as a journal entry.

The week's facts come from the tracker's and the journal's dated history
(`week_facts`); the journal keeps them with the saved review
(journal.weekly_review), and saves, drafts and goals go through its services.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_htmx.http import trigger_client_event

from jobsearch.http import HtmxHttpRequest, explain
from journal import selectors as journal_selectors
from journal import services as journal_services
from journal.forms import WeeklyReviewForm
from journal.models import Entry
from journal.weekly_review import Mood, Rejection, WeekFacts, next_goal_applies
from tracker import selectors as tracker_selectors
from tracker.services import week_start

# From this day of the week (Friday) the week under way is the one to review.
REVIEW_FROM_WEEKDAY = 4
# Weeks before this are no one's job search here (and year 1 has no week before it).
EARLIEST_WEEK = date(1990, 1, 1)


# --- which week ------------------------------------------------------------------------------


def week_to_review(today: date) -> date:
    """The Monday of the week a review is due for: this one from Friday on, else the last."""
    this_week = week_start(today)
    return this_week if today.weekday() >= REVIEW_FROM_WEEKDAY else this_week - timedelta(weeks=1)


def week_asked_for(value: Any, today: date) -> tuple[date, str]:
    """The week a page's `?week=` names (any day of it), and a notice if we could not use it."""
    due = week_to_review(today)
    if not value:
        return due, ""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or day < EARLIEST_WEEK:
        return due, "We couldn’t read the week in that link, so here is the week to review now."
    if day > today:
        return due, "That week hasn’t happened yet, so here is the week to review now."
    return week_start(day), ""


# --- the week's facts ---------------------------------------------------------------------


def week_facts(*, user, monday: date) -> WeekFacts:
    """The facts of the week starting `monday`, each beside the week before, from the
    dated history of both apps (the same answer whenever it is asked, until that history
    itself is changed). Six queries, whatever the data."""
    before, this = tracker_selectors.week_activity(user=user, monday=monday)
    journal_before, journal_this = journal_selectors.week_journal(user=user, monday=monday)
    return WeekFacts(
        week_start=monday,
        counts={
            "applied": (this.applied, before.applied),
            "followups_done": (this.followups_done, before.followups_done),
            "interviews": (this.interviews, before.interviews),
            "replies": (this.replies, before.replies),
            "rejections": (len(this.rejections), len(before.rejections)),
            "feedback": (this.feedback, before.feedback),
            "wins": (len(journal_this.wins), len(journal_before.wins)),
            "skills_set": (journal_this.skills_set, journal_before.skills_set),
            "skills_done": (len(journal_this.skills_done), len(journal_before.skills_done)),
        },
        goal=(this.goal, before.goal),
        rejections=[
            Rejection(
                company=event.application.company,
                role=event.application.role,
                on=event.happened_on,
                stage=event.get_rejection_stage_display() if event.rejection_stage else "",
                reflected=event.pk in journal_this.reflected,
                application_id=event.application_id,
                event_id=event.pk,
            )
            for event in this.rejections
        ],
        wins=journal_this.wins,
        skills_done=journal_this.skills_done,
        mood=Mood.of(journal_this.moods),
        mood_before=Mood.of(journal_before.moods),
        heavy_rejections=tracker_selectors.rejections_are_heavy(len(this.rejections)),
        heavy_mood=journal_selectors.mood_dipped(journal_this.moods, journal_before.moods),
    )


def lighter_goal(goal: int | None) -> int | None:
    """A goal for a lighter week: about two thirds, and never more than before."""
    if not goal:
        return goal
    return max(1, (goal * 2) // 3)


# --- the dashboard's prompt ------------------------------------------------------------------


def review_prompt(
    *, user, today: date | None = None, state: set[str] | None = None
) -> dict[str, Any] | None:
    """What the dashboard's "Review your week" offers, or None when nothing is due.

    From Friday the week under way; earlier in the week, last week if it has no review
    and the person was already here then. `state` is the week_to_review() week's
    review state when the caller has it already (the dashboard reads it with other
    journal facts in one query)."""
    today = today or timezone.localdate()
    monday = week_to_review(today)
    if state is None:
        state = journal_selectors.weekly_review_state(user=user, monday=monday)
    if "saved" in state or timezone.localdate(user.date_joined) > monday + timedelta(days=6):
        return None
    return {
        "week_start": monday,
        "this_week": monday == week_start(today),
        "draft": "draft" in state,
        "url": f"{reverse('weekly_review')}?week={monday.isoformat()}",
    }


# --- the demo account -------------------------------------------------------------------------

DEMO_REVIEWS = (
    {
        "went_well": "I kept a steady pace and had one really good conversation with a recruiter.",
        "do_differently": "Stop checking email every hour; twice a day is enough.",
        "next_focus": "Tidy my portfolio's front page.",
    },
    {
        "went_well": "I asked for feedback twice, even though it felt awkward.",
        "do_differently": "Prepare questions for the interviewers, not only answers.",
        "next_focus": "Practise one live coding problem a day, out loud.",
    },
    {
        "went_well": "I took Thursday off and it helped more than I expected.",
        "do_differently": "Apply to fewer roles that I only half want.",
        "next_focus": "Message two former colleagues, with no ask.",
    },
)


def demo_seed(*, user, today: date, weeks: int = 6) -> None:
    """Past reviews for the demo account: most of the weeks before the one due, so the
    journal has some and the dashboard still offers the next."""
    due = week_to_review(today)
    for offset in range(weeks, 0, -1):
        if offset == 3:
            continue  # a week without a review, as in life
        monday = due - timedelta(weeks=offset)
        facts = week_facts(user=user, monday=monday)
        journal_services.weekly_review_create(
            user=user,
            week_start=monday,
            facts=facts,
            # The goal carries on as it was (a review from the week before this one
            # sets this week's).
            next_goal=facts.goal[0],
            today=today,
            on=monday + timedelta(days=4),
            **DEMO_REVIEWS[offset % len(DEMO_REVIEWS)],
        )


# --- the page ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def weekly_review(request: HtmxHttpRequest) -> HttpResponse:
    """The review of one week (`?week=` names any day of it; by default the week due).

    A new review autosaves a draft as it is typed (the form's own htmx post, with
    `?autosave=1`); a saved one opens again here to change its words, beside the
    facts it kept."""
    user = request.user
    today = timezone.localdate()
    monday, notice = week_asked_for(request.GET.get("week") or request.POST.get("week"), today)
    saved_id, draft = journal_selectors.weekly_review_page_state(user=user, monday=monday)
    # The saved review itself only when there is one (to edit): the new page's read is one.
    entry = journal_selectors.weekly_review_for(user=user, monday=monday) if saved_id else None
    if request.method == "POST" and request.GET.get("autosave"):
        return _autosave(request, monday, entry)
    if notice and request.method == "GET":
        messages.warning(request, notice)
    if entry is not None:
        # A "new review" form sent after this week's review was saved in another
        # window: its words are shown, not written over the saved ones unasked.
        return _edit(request, entry, saved_meanwhile=bool(request.POST.get("new")))
    with_goal = next_goal_applies(week_start=monday, today=today)
    facts = week_facts(user=user, monday=monday)
    if request.method == "POST":
        form = WeeklyReviewForm(request.POST, with_goal=with_goal)
        if form.is_valid():
            try:
                entry = journal_services.weekly_review_create(
                    user=user, week_start=monday, facts=facts, today=today, **form.service_kwargs()
                )
            except ValidationError as error:
                explain(form, error)
            else:
                messages.success(request, _saved_message(entry))
                return redirect("journal:entry_detail", entry.pk)
        draft = journal_services.weekly_review_draft_save(
            user=user, week_start=monday, data=WeeklyReviewForm.raw(request.POST)
        )
    else:
        initial: dict[str, Any] = {"next_goal": facts.goal[0]}
        if draft is not None and isinstance(draft.data, dict):
            initial.update(draft.data)
        if request.GET.get("lighter") and facts.heavy:
            initial["next_goal"] = lighter_goal(facts.goal[0])
        form = WeeklyReviewForm(initial=initial, with_goal=with_goal)
    return render(
        request,
        "journal/weekly_review.html",
        {
            "form": form,
            "facts": facts,
            "draft": draft,
            "entry": None,
            "live": True,
            "lighter": bool(request.GET.get("lighter")) and facts.heavy,
            **_week_context(monday, today),
        },
    )


def _edit(request: HtmxHttpRequest, entry: Entry, *, saved_meanwhile: bool = False) -> HttpResponse:
    form = WeeklyReviewForm(
        request.POST if request.method == "POST" else None,
        initial=WeeklyReviewForm.initial_from(entry),
        with_goal=False,
    )
    if saved_meanwhile:
        messages.warning(
            request,
            "This week’s review was already saved in another window. What you just wrote "
            "is below and nothing has been changed yet: save it to replace the saved words, "
            "or cancel to keep them.",
        )
    elif request.method == "POST" and form.is_valid():
        journal_services.weekly_review_update(entry=entry, **form.service_kwargs())
        messages.success(request, "Your changes are saved.")
        return redirect("journal:entry_detail", entry.pk)
    return render(
        request,
        "journal/weekly_review.html",
        {
            "form": form,
            "facts": entry.review_facts,
            "entry": entry,
            "live": False,
            **_week_context(entry.week_start, timezone.localdate()),
        },
    )


def _autosave(request: HtmxHttpRequest, monday: date, entry: Entry | None) -> HttpResponse:
    if entry is not None:
        # Saved meanwhile (another tab): nothing to keep as a draft any more.
        response = render(request, "journal/weekly_review.html#already_saved", {"entry": entry})
        return trigger_client_event(response, "draftProblem")
    draft = journal_services.weekly_review_draft_save(
        user=request.user, week_start=monday, data=WeeklyReviewForm.raw(request.POST)
    )
    response = render(request, "journal/weekly_review.html#autosaved", {"draft": draft})
    return trigger_client_event(response, "draftSaved")


def _week_context(monday: date, today: date) -> dict[str, Any]:
    sunday = monday + timedelta(days=6)
    return {
        "week_start": monday,
        "week_end": sunday,
        "this_week": monday == week_start(today),
        "week_over": sunday < today,
        "action": f"{reverse('weekly_review')}?week={monday.isoformat()}",
        "previous_week": (monday - timedelta(weeks=1)).isoformat(),
        "next_week": (monday + timedelta(weeks=1)).isoformat()
        if monday + timedelta(weeks=1) <= today
        else "",
    }


def _saved_message(entry: Entry) -> str:
    text = "Your weekly review is saved."
    if entry.next_goal:
        text += (
            f" Next week’s goal is {entry.next_goal} application"
            f"{'' if entry.next_goal == 1 else 's'}."
        )
    return text
