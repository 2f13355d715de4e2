from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import push_url, replace_url, trigger_client_event

from jobsearch.http import HtmxHttpRequest, explain, next_url, object_id
from jobsearch.search import search_words
from journal import reflection, selectors, services
from journal.forms import (
    FORMS_BY_KIND,
    CheckInForm,
    EntryFilterForm,
    NoteForm,
    QuickMoodForm,
    ReflectionForm,
    SkillGoalForm,
    WinForm,
)
from journal.models import Draft, Entry, SkillGoal
from tracker.feedback import selectors as feedback_selectors
from tracker.models import Application, FeedbackRequest, FollowUp

PAGE_SIZE = 20
# Shown folded away on the short forms: most entries are about today and nothing else.
DETAIL_FIELDS = ("on", "application", "tags")
ENTRY_APPLICATION_NOT_FOUND = (
    "We couldn’t find that application among yours — it may have been deleted — so this "
    "entry isn’t linked to one. You can choose it under “Date, tags and application”."
)


# --- ownership: another person's things are simply not found ------------------------------


def _pk(value: Any) -> int:
    """An id from the URL (already a number) or from a form or query string (text)."""
    pk = value if isinstance(value, int) else object_id(value)
    if pk is None:
        raise Http404("No such item.")
    return pk


def _entry_for(request: HtmxHttpRequest, pk: Any) -> Entry:
    return get_object_or_404(selectors.entry_detail(user=request.user), pk=_pk(pk))


def _draft_for(request: HtmxHttpRequest, pk: Any) -> Draft:
    # A weekly review's draft is reopened by its week, on the review's own page.
    return get_object_or_404(Draft, pk=_pk(pk), user=request.user, kind=Draft.Kind.REFLECTION)


def _goal_for(request: HtmxHttpRequest, pk: Any) -> SkillGoal:
    return get_object_or_404(SkillGoal, pk=_pk(pk), user=request.user)


# --- the list -----------------------------------------------------------------------------------


@require_GET
def entry_list(request: HtmxHttpRequest) -> HttpResponse:
    if request.htmx and request.htmx.target == "journal-mood":
        return render(
            request,
            "journal/_dashboard.html#mood",
            {"journal_mood": selectors.mood_recent(user=request.user)},
        )
    filters = EntryFilterForm(request.GET or None, user=request.user)
    chosen = filters.filters()
    entries = selectors.entry_list(user=request.user, **chosen)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    search = search_words(chosen["search"])
    context = {
        "filters": filters,
        "search": search,
        "filtering": bool(search) or any(v for k, v in chosen.items() if k != "search"),
        "filters_open": any(value for name, value in chosen.items() if name != "search"),
        "page": page,
        "drafts": selectors.draft_list(user=request.user),
        "journal_mood": selectors.mood_recent(user=request.user),
    }
    if request.htmx and request.htmx.target == "journal-results":
        return render(request, "journal/entry_list.html#results", context)
    return render(request, "journal/entry_list.html", context)


@require_GET
def entry_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for(request, pk)
    return render(request, "journal/entry_detail.html", {"entry": entry})


# --- check-ins, wins and notes ------------------------------------------------------------


_NEW_PAGES = {
    Entry.Kind.CHECK_IN: (
        CheckInForm,
        "Check in",
        "A minute to notice how you are. Only the mood is needed.",
        "Save check-in",
        "Your check-in is saved.",
    ),
    Entry.Kind.WIN: (
        WinForm,
        "Log a win",
        "Write down something that went right, however small. They add up.",
        "Save win",
        "Your win is saved.",
    ),
    Entry.Kind.NOTE: (
        NoteForm,
        "Write a note",
        "Anything on your mind about the search.",
        "Save note",
        "Your note is saved.",
    ),
}


def _entry_new(request: HtmxHttpRequest, kind: str) -> HttpResponse:
    form_class, heading, lead, button, done = _NEW_PAGES[kind]
    initial = {}
    if request.method == "GET" and request.GET.get("application"):
        # Like a reflection's link: one that names something we cannot find still opens.
        about = reflection.from_link(
            user=request.user, application=request.GET["application"], step=None
        )
        initial["application"] = about.application.pk if about.application else None
        if about.notice:
            messages.warning(request, ENTRY_APPLICATION_NOT_FOUND)
    form = form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(user=request.user, kind=kind, **form.service_kwargs())
        except ValidationError as error:
            explain(form, error)
        else:
            messages.success(request, done)
            return redirect("journal:entry_detail", entry.pk)
    context = {
        "form": form,
        "kind": kind,
        "heading": heading,
        "lead": lead,
        "button": button,
        "action": request.path,
        "details": DETAIL_FIELDS,
    }
    return render(request, "journal/entry_form.html", context)


@require_http_methods(["GET", "POST"])
def checkin_new(request: HtmxHttpRequest) -> HttpResponse:
    return _entry_new(request, Entry.Kind.CHECK_IN)


@require_http_methods(["GET", "POST"])
def win_new(request: HtmxHttpRequest) -> HttpResponse:
    return _entry_new(request, Entry.Kind.WIN)


@require_http_methods(["GET", "POST"])
def note_new(request: HtmxHttpRequest) -> HttpResponse:
    return _entry_new(request, Entry.Kind.NOTE)


@require_POST
def mood_log(request: HtmxHttpRequest) -> HttpResponse:
    """One tap: a check-in with just a mood."""
    form = QuickMoodForm(request.POST)
    back = next_url(request, reverse("journal:entry_list"))
    if not form.is_valid():
        problem = "Choose a mood from 1 to 10 to log it."
        if request.htmx:
            return render(request, "journal/_dashboard.html#quick_mood_body", {"problem": problem})
        messages.error(request, problem)
        return redirect(back)
    entry = services.mood_log(user=request.user, mood=form.cleaned_data["mood"])
    if request.htmx:
        response = render(request, "journal/_dashboard.html#quick_mood_body", {"logged": entry})
        return trigger_client_event(response, "moodLogged")
    messages.success(request, f"Logged: mood {entry.mood} today. Add a few words any time.")
    return redirect(back)


@require_http_methods(["GET", "POST"])
def entry_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for(request, pk)
    if entry.kind == Entry.Kind.WEEKLY_REVIEW:
        # Changed beside its facts, on the review's own page.
        return redirect(f"{reverse('weekly_review')}?week={entry.week_start.isoformat()}")
    form_class = FORMS_BY_KIND[entry.kind]
    extra = {"editing": True} if entry.kind == Entry.Kind.REFLECTION else {}
    if request.method == "POST":
        form = form_class(request.POST, user=request.user, **extra)
    else:
        form = form_class(user=request.user, initial=form_class.initial_from(entry), **extra)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            services.entry_update(entry=entry, **kwargs)
        except ValidationError as error:
            explain(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("journal:entry_detail", entry.pk)
    template = (
        "journal/reflection_form.html"
        if entry.kind == Entry.Kind.REFLECTION
        else "journal/entry_form.html"
    )
    context = {
        "form": form,
        "entry": entry,
        "kind": entry.kind,
        "heading": f"Edit: {entry.heading}",
        "button": "Save changes",
        "action": request.path,
        "editing": True,
        "details": DETAIL_FIELDS,
    }
    if entry.kind == Entry.Kind.REFLECTION:
        context.update(_flow_context(form, step=1, mode="all", entry=entry))
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def entry_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for(request, pk)
    if request.method == "POST":
        services.entry_delete(entry=entry)
        messages.success(request, "The entry is deleted.")
        return redirect("journal:entry_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": f"Delete “{entry.heading}”?",
            "cancel_url": reverse("journal:entry_detail", args=[entry.pk]),
            "description": (
                "Follow-ups and skill goals it set up stay where they are."
                if entry.kind == Entry.Kind.REFLECTION
                else ""
            ),
        },
    )


# --- the reflection ---------------------------------------------------------------------------
#
# A draft's way through: reflection_new (or reflection_draft) -> _reflection_post, which
# keeps what was typed in the draft and then does the one thing the post asks for.
# What the reflection is about is worked out by journal.reflection, for every page.


def _flow_context(
    form: ReflectionForm,
    *,
    step: int,
    mode: str,
    draft: Draft | None = None,
    entry: Entry | None = None,
    summary: list | None = None,
) -> dict[str, Any]:
    if entry is not None:
        application, event = entry.application, entry.status_event
    else:
        raw = ReflectionForm.raw(form.data) if form.is_bound else form.initial
        about = reflection.from_answers(
            user=form.user, application=raw.get("application"), step=raw.get("status_event")
        )
        application, event = about.application, about.step
    if application is not None and "next_feedback" in form.fields:
        _offer_feedback(form, application)
    steps = [
        {
            "step": s,
            "fields": [form[name] for name in s.fields if name in form.fields],
            "current": s.number == step,
            "about": s is reflection.ABOUT_STEP,
        }
        for s in reflection.STEPS
        if not (form.editing and s is reflection.NEXT_STEPS)
    ]
    return {
        "form": form,
        "draft": draft,
        "steps": steps,
        "step": step,
        "step_count": len(reflection.STEPS),
        "summary_step": reflection.SUMMARY_STEP,
        "summary": summary,
        "mode": mode,
        "flow_application": application,
        "flow_event": event,
        "thought": str(form["automatic_thought"].value() or ""),
    }


def _offer_feedback(form: ReflectionForm, application: Application) -> None:
    """Name the employer in the feedback next step, and say if it is already in hand."""
    offer = form["next_feedback"]
    offer.label = f"Ask {application.company} for feedback"
    reminder = selectors.feedback_followup_open(user=form.user, application=application)
    asked = feedback_selectors.feedback_sent_for(user=form.user, application=application)
    if asked is not None:
        offer.help_text = (
            f"You already asked them on {date_format(asked.sent_on, 'j F')}, so ticking "
            "this adds no new reminder. Their reply goes with that request."
        )
    elif reminder is not None:
        offer.help_text = (
            f"You already have a reminder for this, due {date_format(reminder.due_on, 'j F')}."
            " Ticking this keeps that one rather than adding another."
        )


def _draft_url(draft: Draft, step: int) -> str:
    return f"{reverse('journal:reflection_draft', args=[draft.pk])}?step={step}"


def _render_flow(
    request: HtmxHttpRequest,
    form: ReflectionForm,
    *,
    step: int,
    draft: Draft | None,
    mode: str = "steps",
    partial: bool = False,
) -> HttpResponse:
    summary = None
    if step == reflection.SUMMARY_STEP and mode == "steps":
        checked = form
        if not form.is_bound:
            checked = ReflectionForm(ReflectionForm.as_data(form.initial), user=request.user)
        checked.is_valid()
        summary = checked.summary()
    context = _flow_context(form, step=step, mode=mode, draft=draft, summary=summary)
    context["action"] = (
        reverse("journal:reflection_draft", args=[draft.pk])
        if draft
        else reverse("journal:reflection_new")
    )
    template = "journal/reflection_form.html" + ("#stepped" if partial else "")
    return render(request, template, context)


def _form_from_draft(
    request: HtmxHttpRequest, draft: Draft, about: reflection.About | None = None
) -> ReflectionForm:
    # Unbound with the draft as its initial values: shows every character
    # without complaining about anything before the person asks to save.
    # The links are the ones that still hold (an application may have been deleted since).
    if about is None:
        about = _draft_about(request, draft)
    return ReflectionForm(user=request.user, initial={**draft.data, **about.initial()})


def _draft_about(request: HtmxHttpRequest, draft: Draft) -> reflection.About:
    data = draft.data
    return reflection.from_answers(
        user=request.user, application=data.get("application"), step=data.get("status_event")
    )


@require_http_methods(["GET", "POST"])
def reflection_new(request: HtmxHttpRequest) -> HttpResponse:
    """Start a reflection, perhaps about a rejection: ?application=<pk>&event=<pk>, either or
    both. A link that names something we cannot find still opens, and says so."""
    if request.method == "POST":
        draft_id = request.POST.get("draft")
        return _reflection_post(request, _draft_for(request, draft_id) if draft_id else None)
    about = reflection.from_link(
        user=request.user,
        application=request.GET.get("application"),
        step=request.GET.get("event"),
    )
    if about.notice:
        messages.warning(request, about.notice)
    existing = (
        selectors.draft_list(user=request.user).filter(status_event=about.step).first()
        if about.step is not None
        else None
    )
    if existing is not None:
        messages.info(request, "You had started a reflection on this. Here it is.")
        return redirect(_draft_url(existing, existing.step))
    initial = {"on": timezone.localdate().isoformat(), **about.initial()}
    form = ReflectionForm(user=request.user, initial=initial)
    return _render_flow(request, form, step=1, draft=None)


@require_http_methods(["GET", "POST"])
def reflection_draft(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    draft = _draft_for(request, pk)
    if request.method == "POST":
        return _reflection_post(request, draft)
    about = _draft_about(request, draft)
    if about.notice:
        messages.warning(request, about.notice)
    step = reflection.step_number(request.GET.get("step"), default=draft.step)
    form = _form_from_draft(request, draft, about)
    return _render_flow(request, form, step=step, draft=draft)


def _reflection_post(request: HtmxHttpRequest, draft: Draft | None) -> HttpResponse:
    """Every post does one of four things: autosave, save the reflection, save and
    finish later, or move to another step. Each keeps what was typed in the draft."""
    form = ReflectionForm(request.POST, user=request.user)
    current = reflection.step_number(request.POST.get("step"), default=draft.step if draft else 1)
    if request.GET.get("autosave"):
        action = _autosave
    elif "finish" in request.POST:
        action = _finish
    elif "save_draft" in request.POST:
        action = _finish_later
    else:
        action = _move
    return action(request, form, draft, current)


def _keep(request: HtmxHttpRequest, draft: Draft | None, *, step: int) -> Draft:
    raw = ReflectionForm.raw(request.POST)
    return services.draft_save(user=request.user, data=raw, step=step, draft=draft)


def _autosave(request, form: ReflectionForm, draft: Draft | None, current: int) -> HttpResponse:
    """The form's own htmx request, a moment after typing stops (see reflection_form.html)."""
    saved = _keep(request, draft, step=current)
    response = render(request, "journal/reflection_form.html#autosaved", {"draft": saved})
    if draft is None:
        replace_url(response, _draft_url(saved, current))
    return trigger_client_event(response, "draftSaved")


def _finish(request, form: ReflectionForm, draft: Draft | None, current: int) -> HttpResponse:
    """Save the reflection; or keep every character and show every mistake at once."""
    if form.is_valid():
        try:
            entry = services.reflection_create(
                user=request.user, draft=draft, **form.service_kwargs()
            )
        except ValidationError as error:
            explain(form, error)
        else:
            messages.success(request, _saved_message(entry))
            return redirect("journal:entry_detail", entry.pk)
    draft = _keep(request, draft, step=current)
    return _render_flow(request, form, step=current, draft=draft, mode="all")


def _finish_later(request, form: ReflectionForm, draft: Draft | None, current: int):
    _keep(request, draft, step=current)
    messages.info(request, "Your draft is saved. Continue it from the journal whenever you like.")
    return redirect("journal:entry_list")


def _move(request, form: ReflectionForm, draft: Draft | None, current: int) -> HttpResponse:
    """Go to another step. Going on checks the step being left: a mistake there keeps the
    person on it with what they typed (with or without scripts, never lost in a redirect).
    Going back never asks for anything."""
    target = reflection.step_number(request.POST.get("go"), default=current)
    leaving = reflection.step_of(current)
    form.is_valid()
    stay = bool(target > current and leaving is not None and form.step_errors(leaving))
    draft = _keep(request, draft, step=current if stay else target)
    if stay:
        form.keep_errors_of(leaving)
        partial = bool(request.htmx)
        response = _render_flow(request, form, step=current, draft=draft, partial=partial)
    elif request.htmx:
        moved = _form_from_draft(request, draft)
        response = _render_flow(request, moved, step=target, draft=draft, partial=True)
        push_url(response, _draft_url(draft, target))
    else:
        return redirect(_draft_url(draft, target) + f"#step-{target}")
    return trigger_client_event(response, "draftSaved")


def _saved_message(entry: Entry) -> str:
    made = []
    if entry.next_feedback and entry.followups.filter(kind=FollowUp.Kind.FEEDBACK_REQUEST):
        made.append("a reminder to ask for feedback")
    if entry.next_reach_out:
        made.append(f"a reminder to reach out to {entry.next_reach_out}")
    if entry.next_break:
        made.append("a gentle reminder to take a break today")
    if entry.next_skill:
        made.append(f"a skill goal: {entry.next_skill}")
    text = "Your reflection is saved."
    if made:
        text += (
            " We added "
            + ", ".join(made[:-1])
            + (" and " if len(made) > 1 else "")
            + made[-1]
            + "."
        )
    return text


@require_http_methods(["GET", "POST"])
def draft_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    draft = _draft_for(request, pk)
    if request.method == "POST":
        services.draft_delete(draft=draft)
        messages.success(request, "The draft is deleted.")
        return redirect("journal:entry_list")
    about = (
        f" about {draft.application.role} at {draft.application.company}"
        if draft.application
        else ""
    )
    return render(
        request,
        "confirm_delete.html",
        {
            "title": f"Delete this draft reflection{about}?",
            "cancel_url": reverse("journal:reflection_draft", args=[draft.pk]),
        },
    )


# --- skill goals ----------------------------------------------------------------------------------


@require_GET
def skill_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request, "journal/skill_list.html", {"groups": selectors.skill_goal_list(user=request.user)}
    )


@require_http_methods(["GET", "POST"])
def skill_new(request: HtmxHttpRequest) -> HttpResponse:
    source = None
    if request.GET.get("entry"):
        source = _entry_for(request, request.GET["entry"])
    form = SkillGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("source_entry"):
            source = _entry_for(request, request.POST["source_entry"])
        services.skill_goal_create(user=request.user, source_entry=source, **form.cleaned_data)
        messages.success(request, "Your skill goal is saved.")
        return redirect("journal:skill_list")
    return render(
        request,
        "journal/skill_form.html",
        {"form": form, "source": source, "action": request.get_full_path(), "goal": None},
    )


@require_POST
def skill_from_feedback(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One click from an employer's feedback: "what I'll change" becomes a skill goal."""
    feedback = get_object_or_404(FeedbackRequest, pk=_pk(pk), user=request.user)
    back = reverse("tracker:feedback_detail", args=[feedback.pk])
    try:
        goal, created = services.skill_goal_from_feedback(user=request.user, feedback=feedback)
    except ValidationError as error:
        if request.htmx:
            return render(
                request, "journal/_skill_from_feedback.html", {"problem": error.messages[0]}
            )
        messages.error(request, error.messages[0])
        return redirect(back + "#reply")
    if request.htmx:
        response = render(
            request, "journal/_skill_from_feedback.html", {"goal": goal, "created": created}
        )
        return trigger_client_event(response, "skillGoalChanged")
    if created:
        messages.success(request, f"Added a skill goal: {goal.title}.")
    else:
        messages.info(request, f"This feedback is already a skill goal: {goal.title}.")
    return redirect(back + "#reply")


@require_http_methods(["GET", "POST"])
def skill_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for(request, pk)
    form = SkillGoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        services.skill_goal_update(goal=goal, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect("journal:skill_list")
    return render(
        request,
        "journal/skill_form.html",
        {"form": form, "source": goal.source_entry, "action": request.path, "goal": goal},
    )


@require_POST
def skill_set_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for(request, pk)
    status = request.POST.get("status", "")
    if status not in SkillGoal.Status.values:
        raise Http404("No such status.")
    services.skill_goal_set_status(goal=goal, status=status)
    if status == SkillGoal.Status.DONE:
        text = f"Done: {goal.title}. That counts as a win."
    elif status == SkillGoal.Status.IN_PROGRESS:
        text = f"Started: {goal.title}."
    else:
        text = f"{goal.title} is back in your plans."
    if request.htmx:
        response = render(
            request,
            "journal/skill_list.html#goals",
            {"groups": selectors.skill_goal_list(user=request.user), "status_text": text},
        )
        return trigger_client_event(response, "skillGoalChanged")
    messages.success(request, text)
    return redirect("journal:skill_list")


@require_http_methods(["GET", "POST"])
def skill_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for(request, pk)
    if request.method == "POST":
        services.skill_goal_delete(goal=goal)
        messages.success(request, "The skill goal is deleted.")
        return redirect("journal:skill_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": f"Delete the skill goal “{goal.title}”?",
            "cancel_url": reverse("journal:skill_edit", args=[goal.pk]),
        },
    )
