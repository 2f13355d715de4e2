"""The dashboard: what to do today, how the week is going, how I am doing.

It reads both apps through their selectors. One URL serves the page and each of
its panels: a panel asks for itself again (htmx, by its element id) when an event
elsewhere on the page changes what it shows — `followupChanged` (a follow-up done,
undone or snoozed), `applicationChanged` (a status changed, an application added)
and `needsYouChanged` (something put back on the "Needs you" list).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jobsearch import weekly_review
from jobsearch.http import HtmxHttpRequest
from journal import selectors as journal_selectors
from tracker import selectors as tracker_selectors
from tracker.forms import QuickAddForm

DRAFTS_SHOWN = 5


def _week_bars(weeks) -> list[dict]:
    """Bar geometry for the small SVG chart of applications per week (no inline styles)."""
    tallest = max([w.applied for w in weeks] + [w.target or 0 for w in weeks] + [1])
    bars = []
    for index, week in enumerate(weeks):
        height = round(50 * week.applied / tallest)
        bars.append(
            {
                "x": index * 20 + 3,
                "y": 54 - height,
                "height": max(height, 1),
                "week": week,
            }
        )
    return bars


def _needs_you(request: HtmxHttpRequest) -> dict:
    """The "Needs you" list (the tracker's items and the journal's unfinished drafts),
    and the weekly review's prompt, whose state comes in the same journal query."""
    show_all = request.GET.get("needs") == "all"
    today = timezone.localdate()
    since = tracker_selectors.reflect_since(today)
    reflected, review_state = journal_selectors.dashboard_journal_state(
        user=request.user, since=since, review_week=weekly_review.week_to_review(today)
    )
    needs = tracker_selectors.needs_you(
        user=request.user,
        reflected=reflected,
        limit=None if show_all else tracker_selectors.NEEDS_YOU_LIMIT,
    )
    drafts = list(journal_selectors.draft_list(user=request.user)[:DRAFTS_SHOWN])
    return {
        "needs": needs,
        "journal_drafts": drafts,
        "needs_count": needs.count + len(drafts),
        "review_prompt": weekly_review.review_prompt(
            user=request.user, today=today, state=review_state
        ),
    }


def _counts(request: HtmxHttpRequest) -> dict:
    counts = tracker_selectors.dashboard_counts(user=request.user)
    return {
        "pipeline": counts.pipeline,
        "this_week": counts.this_week,
        "week_bars": _week_bars(counts.weeks),
    }


# Panels that refresh themselves, by element id: the template and what it needs.
PANELS = {
    "due-count": "jobsearch/dashboard.html#due-count",
    "needs-you": "jobsearch/_dashboard_needs_you.html",
    "this-week": "jobsearch/_dashboard_week.html",
    "pipeline-counts": "jobsearch/_dashboard_pipeline.html#counts",
}


@require_http_methods(["GET"])
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    user = request.user
    target = request.htmx.target if request.htmx else None
    if target in PANELS and not request.htmx.history_restore_request:
        if target == "due-count":
            _, due_count = tracker_selectors.followup_due_counted(user=user)
            context = {"due_count": due_count}
        elif target == "needs-you":
            context = _needs_you(request)
        else:
            context = _counts(request)
        return render(request, PANELS[target], context)
    due, due_count = tracker_selectors.followup_due_counted(user=user)
    return render(
        request,
        "jobsearch/dashboard.html",
        {
            "due": due,
            "due_count": due_count,
            **_counts(request),
            **_needs_you(request),
            "interviews": tracker_selectors.interview_list_upcoming(user=user, with_people=False)[
                :3
            ],
            "quick_form": QuickAddForm(),
            "journal_wins": journal_selectors.win_list_recent(user=user, limit=5),
            "journal_mood": journal_selectors.mood_recent(user=user),
        },
    )
