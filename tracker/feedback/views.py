"""The feedback pages: the list, the composer, a request and its reply, and the
templates (reached from Settings)."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import replace_url, trigger_client_event

from jobsearch.http import HtmxHttpRequest, next_url, object_id
from jobsearch.search import search_words
from tracker.feedback import emails, selectors, services, skill_goals
from tracker.feedback.forms import (
    FeedbackComposeForm,
    FeedbackRefillForm,
    FeedbackReplyForm,
    FeedbackStartForm,
    FeedbackTemplateForm,
)
from tracker.models import Application, BuiltinTemplate, FeedbackRequest, FeedbackTemplate

# One ownership helper per model, and one way to turn a service's refusal into a
# message on the form: the tracker's, shared rather than copied.
from tracker.views import PAGE_SIZE, _application, _save_or_explain


def _feedback(request: HtmxHttpRequest, pk: int) -> FeedbackRequest:
    return get_object_or_404(selectors.feedback_detail(user=request.user), pk=pk)


def _feedback_template(request: HtmxHttpRequest, pk: int) -> FeedbackTemplate:
    return get_object_or_404(FeedbackTemplate, pk=pk, user=request.user)


FEEDBACK_TABS = (
    ("", "All"),
    (FeedbackRequest.State.DRAFT, "Drafts"),
    (FeedbackRequest.State.SENT, "Waiting"),
    (FeedbackRequest.State.REPLIED, "Replied"),
    (FeedbackRequest.State.NO_REPLY, "No reply"),
)


def _list_query(*, state: str, q: str) -> str:
    return urlencode({key: value for key, value in (("state", state), ("q", q)) if value})


@require_http_methods(["GET"])
def feedback_list(request: HtmxHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in FeedbackRequest.State.values:
        state = ""
    q = request.GET.get("q", "")
    requests = selectors.feedback_list(user=request.user, state=state, search=q)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.feedback_counts(user=request.user, search=q)
    context = {
        "page": page,
        "state": state,
        "q": q,
        "search": search_words(q),
        # Each tab keeps the search; the page links keep both.
        "tabs": [
            (value, label, counts[value], _list_query(state=value, q=q))
            for value, label in FEEDBACK_TABS
        ],
        "total": counts[""],
        "query": _list_query(state=state, q=q),
        "no_reply_days": FeedbackRequest.NO_REPLY_AFTER_DAYS,
    }
    if request.htmx and not request.htmx.history_restore_request:
        # A tab or a page of results: the summary above them stays as it is.
        return render(request, "tracker/feedback_list.html#results", context)
    context["stats"] = selectors.feedback_stats(user=request.user)
    return render(request, "tracker/feedback_list.html", context)


@require_http_methods(["GET", "POST"])
def feedback_new(request: HtmxHttpRequest) -> HttpResponse:
    """Ask for feedback about an application (?application=<pk>), or choose which one first."""
    application_id = object_id(request.POST.get("application") or request.GET.get("application"))
    if application_id is None:
        start = FeedbackStartForm(
            request.GET if "application" in request.GET else None, user=request.user
        )
        return render(request, "tracker/feedback_start.html", {"form": start})
    application = _application(request, application_id)
    if request.method == "POST":
        # After the first autosave the page carries the draft it made; a post that
        # overtook that autosave's answer, or a second click, finds it by the page's key.
        form_key = request.POST.get("form_key", "")
        draft_id = object_id(request.POST.get("feedback"))
        if draft_id is not None:
            draft = get_object_or_404(
                FeedbackRequest, pk=draft_id, user=request.user, application=application
            )
        else:
            draft = selectors.feedback_from_page(
                user=request.user, application=application, form_key=form_key
            )
        if draft is not None and draft.state != FeedbackRequest.State.DRAFT:
            return _already_sent(request, draft)
        return _compose(request, application=application, draft=draft, form_key=form_key)
    existing = selectors.feedback_draft_for(user=request.user, application=application)
    if existing is not None and "template" not in request.GET:
        messages.info(request, "You had started this one. Here it is, as you left it.")
        return redirect("tracker:feedback_detail", existing.pk)
    # Filling in again after the first autosave made a draft: that draft, not a second one.
    return _compose(request, application=application, draft=existing, form_key=uuid.uuid4().hex)


def _already_sent(request: HtmxHttpRequest, feedback_request: FeedbackRequest) -> HttpResponse:
    """A page posted again after its request was marked sent (another tab, a double click)."""
    text = "This request is already marked as sent, so its words stay as they were sent."
    if request.GET.get("autosave"):
        response = render(request, "tracker/feedback_compose.html#unsaved", {"problem": text})
        return trigger_client_event(response, "draftProblem")
    messages.info(request, text)
    return redirect("tracker:feedback_detail", feedback_request.pk)


def _prefill(request: HtmxHttpRequest, application: Application, recipients, templates) -> dict:
    """Subject, body and recipient from a template: the one asked for, or the best fit."""
    history = emails.history_of(application)
    keys = {t.key: t for t in templates}
    chosen = keys.get(request.GET.get("template", "")) or keys[emails.suggested_template(history)]
    by_pk = {str(c.pk): c for c in recipients}
    wanted = request.GET.get("contact")
    contact = by_pk.get(wanted) if wanted is not None else (recipients[0] if recipients else None)
    values = emails.placeholder_values(
        application=application,
        history=history,
        contact=contact,
        my_name=request.user.get_full_name(),
    )
    return {
        "template": chosen,
        "contact": contact,
        "subject": emails.fill(chosen.subject, values).text,
        "body": emails.fill(chosen.body, values).text,
    }


# An autosave goes ahead without these; they matter only once the words are saved.
AUTOSAVE_TOLERATES = {"sent_on", "to_email"}


def _compose(
    request: HtmxHttpRequest,
    *,
    application: Application,
    draft: FeedbackRequest | None,
    form_key: str = "",
) -> HttpResponse:
    """The composer: a new request or a draft, shown, autosaved, saved or marked sent."""
    recipients = selectors.feedback_recipients(application=application)
    if draft is not None and draft.contact is not None and draft.contact not in recipients:
        recipients.append(draft.contact)  # linked once, since taken off the application
    templates = selectors.feedback_templates(user=request.user)
    autosave = request.method == "POST" and bool(request.GET.get("autosave"))
    prefilled = None
    if request.method == "POST":
        form = FeedbackComposeForm(
            request.POST,
            instance=draft or FeedbackRequest(user=request.user),
            recipients=recipients,
        )
        form.is_valid()
    elif draft is not None and "template" not in request.GET:
        form = FeedbackComposeForm(instance=draft, recipients=recipients)
    else:
        prefilled = _prefill(request, application, recipients, templates)
        contact = prefilled["contact"]
        form = FeedbackComposeForm(
            instance=draft,
            recipients=recipients,
            initial={
                "contact": contact.pk if contact else None,
                "to_email": contact.email if contact else "",
                "subject": prefilled["subject"],
                "body": prefilled["body"],
            },
        )
    problems = set(form.errors) - (AUTOSAVE_TOLERATES if autosave else set())
    if request.method == "POST" and not problems:
        data = form.cleaned_data
        fields = {
            "contact": data.get("contact"),
            # An address still being typed keeps the one saved before.
            "to_email": data["to_email"] if "to_email" in data else getattr(draft, "to_email", ""),
            "subject": data["subject"],
            "body": data["body"],
        }
        created = draft is None

        def save() -> FeedbackRequest:
            if draft is None:
                return services.feedback_request_create(
                    user=request.user, application=application, form_key=form_key, **fields
                )
            return services.feedback_request_update(feedback=draft, **fields)

        saved = _save_or_explain(form, save)
        if saved is not None and autosave:
            problem = form.errors.get("to_email")
            response = render(
                request,
                "tracker/feedback_compose.html#autosaved",
                {
                    "feedback": saved,
                    "leftovers": emails.leftovers(saved.subject, saved.body),
                    "problem": problem[0] if problem else "",
                },
            )
            if created:
                replace_url(response, reverse("tracker:feedback_detail", args=[saved.pk]))
            return trigger_client_event(response, "draftProblem" if problem else "draftSaved")
        if saved is not None and "send" in request.POST:
            sent = _save_or_explain(
                form,
                lambda: services.feedback_request_mark_sent(
                    feedback=saved, on=form.cleaned_data.get("sent_on")
                ),
            )
            if sent is not None:
                messages.success(request, _sent_message(sent))
                return redirect("tracker:feedback_detail", saved.pk)
            draft = saved
        elif saved is not None:
            messages.success(request, "Your draft is saved. It is here whenever you are ready.")
            return redirect("tracker:feedback_detail", saved.pk)
    if autosave:
        # Not saved: say why beside the words, which stay on the page as typed.
        problem = next(iter(form.errors.values()))[0] if form.errors else ""
        response = render(request, "tracker/feedback_compose.html#unsaved", {"problem": problem})
        return trigger_client_event(response, "draftProblem")
    subject = str(form["subject"].value() or "")
    body = str(form["body"].value() or "")
    mailto = emails.mailto(to=str(form["to_email"].value() or ""), subject=subject, body=body)
    return render(
        request,
        "tracker/feedback_compose.html",
        {
            "form": form,
            "form_key": form_key,
            "application": application,
            "feedback": draft,
            "refill_form": FeedbackRefillForm(
                initial={
                    "template": (prefilled or {}).get("template", templates[0]).key,
                    "contact": form["contact"].value() if "contact" in form.fields else None,
                },
                templates=templates,
                recipients=recipients,
            ),
            "refilled": prefilled if "template" in request.GET else None,
            "mailto": mailto,
            "long_mail": len(mailto) > emails.MAILTO_COMFORTABLE_LENGTH,
            "leftovers": emails.leftovers(subject, body),
            "action": (
                reverse("tracker:feedback_detail", args=[draft.pk])
                if draft is not None
                else reverse("tracker:feedback_new")
            ),
            "has_errors": bool(form.errors),
        },
    )


def _sent_message(sent: services.FeedbackSent) -> str:
    text = f"Marked as sent on {date_format(sent.feedback.sent_on, 'j F')}."
    if sent.reminder is not None:
        due = date_format(sent.reminder.due_on, "j F")
        text += f" We will remind you to check for a reply on {due}."
    if sent.asked:
        text += " Your reminder to ask for feedback is ticked off."
    return text


@require_http_methods(["GET", "POST"])
def feedback_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A draft is its composer; a sent request shows where it stands and takes the reply."""
    feedback_request = _feedback(request, pk)
    if feedback_request.state == FeedbackRequest.State.DRAFT:
        return _compose(request, application=feedback_request.application, draft=feedback_request)
    if request.method == "POST":
        return _already_sent(request, feedback_request)
    reply_form = None
    skill_goal = None
    if feedback_request.state in (FeedbackRequest.State.SENT, FeedbackRequest.State.NO_REPLY):
        reply_form = FeedbackReplyForm(instance=feedback_request)
    elif feedback_request.state == FeedbackRequest.State.REPLIED:
        # Already a skill goal? Then a link to it, instead of offering to make one.
        skill_goal = skill_goals.skill_goals_for(
            user=request.user, feedback_ids=[feedback_request.pk]
        ).get(feedback_request.pk)
    return render(
        request,
        "tracker/feedback_detail.html",
        {
            "feedback": feedback_request,
            "application": feedback_request.application,
            "reminder": selectors.feedback_reminder_open(feedback=feedback_request),
            "reply_form": reply_form,
            "skill_goal": skill_goal,
        },
    )


@require_http_methods(["GET", "POST"])
def feedback_reply(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Record their reply, or correct it: the date, what they said, its themes, what I'll change."""
    feedback_request = _feedback(request, pk)
    if feedback_request.state == FeedbackRequest.State.DRAFT:
        messages.error(
            request, "This request is still a draft. Mark it as sent first, then record the reply."
        )
        return redirect("tracker:feedback_detail", pk)
    form = FeedbackReplyForm(request.POST or None, instance=feedback_request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save_or_explain(
            form,
            lambda: services.feedback_request_record_reply(
                feedback=feedback_request,
                on=data["replied_on"],
                text=data["reply_text"],
                themes=data["themes"],
                tags=data["tags"],
                will_change=data["will_change"],
            ),
        )
        if saved is not None:
            messages.success(
                request,
                "Their reply is saved. Take it in your own time: it is one view, not a verdict.",
            )
            return redirect(reverse("tracker:feedback_detail", args=[pk]) + "#reply")
        # The form wrote what was typed onto the request; the page shows what is stored.
        feedback_request.refresh_from_db()
    return render(
        request,
        "tracker/feedback_reply.html",
        {"form": form, "feedback": feedback_request, "application": feedback_request.application},
    )


def _feedback_action(request: HtmxHttpRequest, pk: int, action, message: str) -> HttpResponse:
    feedback_request = _feedback(request, pk)
    try:
        action(feedback=feedback_request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    return redirect(next_url(request, reverse("tracker:feedback_detail", args=[pk])))


@require_POST
def feedback_unsend(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        services.feedback_request_unsend,
        "Back in your drafts. The reminder to check for a reply is removed.",
    )


@require_POST
def feedback_close(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        services.feedback_request_close,
        "Closed as no reply. Many employers never answer; it says nothing about you.",
    )


@require_POST
def feedback_reopen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request, pk, services.feedback_request_reopen, "Waiting for a reply again."
    )


@require_http_methods(["GET", "POST"])
def feedback_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feedback_request = _feedback(request, pk)
    if request.method == "POST":
        services.feedback_request_delete(feedback=feedback_request)
        messages.success(request, "The feedback request is deleted.")
        return redirect("tracker:feedback_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": "Delete this feedback request?",
            "description": (
                f"The request to {feedback_request.application.company}"
                + (", and the reply you recorded" if feedback_request.reply_text else "")
                + "."
            ),
            "cancel_url": reverse("tracker:feedback_detail", args=[pk]),
        },
    )


# --- feedback templates (on the settings page) ----------------------------------------------


@require_http_methods(["GET", "POST"])
def feedback_template_new(request: HtmxHttpRequest) -> HttpResponse:
    """A template of the person's own; or, with ?from=<one of ours>, their copy of ours to edit."""
    builtin = request.POST.get("from") or request.GET.get("from") or ""
    if builtin and builtin not in BuiltinTemplate.values:
        raise Http404("No such template.")
    if builtin:
        existing = FeedbackTemplate.objects.filter(user=request.user, builtin=builtin).first()
        if existing is not None:
            return redirect("tracker:feedback_template_edit", existing.pk)
    initial = {}
    if builtin:
        subject, body = emails.BUILTIN_WORDING[builtin]
        initial = {"name": BuiltinTemplate(builtin).label, "subject": subject, "body": body}
    return _template_page(request, builtin=builtin, initial=initial)


@require_http_methods(["GET", "POST"])
def feedback_template_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    template = _feedback_template(request, pk)
    return _template_page(request, template=template, builtin=template.builtin)


def _template_page(
    request: HtmxHttpRequest,
    *,
    template: FeedbackTemplate | None = None,
    builtin: str = "",
    initial: dict | None = None,
) -> HttpResponse:
    """Writing a template: a new one of the person's own, their copy of ours, or a change."""
    form = FeedbackTemplateForm(request.POST or None, instance=template, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_explain(
            form,
            lambda: services.feedback_template_save(
                user=request.user, template=template, builtin=builtin, **form.cleaned_data
            ),
        )
        if saved is not None:
            _template_saved_message(request, saved)
            return redirect(reverse("settings") + "#templates")
    return render(
        request,
        "tracker/feedback_template_form.html",
        {
            "form": form,
            "template": template,
            "builtin": builtin,
            "placeholders": emails.PLACEHOLDERS,
        },
    )


def _template_saved_message(request: HtmxHttpRequest, template: FeedbackTemplate) -> None:
    unknown = emails.unknown_placeholders(template.subject, template.body)
    if unknown:
        if len(unknown) == 1:
            what = f"{unknown[0]} is not a placeholder we fill in, so it stays as typed"
        else:
            what = f"{', '.join(unknown)} are not placeholders we fill in, so they stay as typed"
        messages.warning(
            request,
            f"“{template.name}” is saved. {what}: change that in the email before sending.",
        )
    else:
        messages.success(request, f"“{template.name}” is saved.")


@require_http_methods(["GET", "POST"])
def feedback_template_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    template = _feedback_template(request, pk)
    if request.method == "POST":
        services.feedback_template_delete(template=template)
        if template.builtin:
            messages.success(request, "Our wording is back for that template.")
        else:
            messages.success(request, f"Deleted the template “{template.name}”.")
        return redirect(reverse("settings") + "#templates")
    if template.builtin:
        title = f"Go back to our wording for “{BuiltinTemplate(template.builtin).label}”?"
        description = "Your changes to it will be gone."
    else:
        title = f"Delete the template “{template.name}”?"
        description = "Emails you already wrote with it stay as they are."
    return render(
        request,
        "confirm_delete.html",
        {
            "title": title,
            "description": description,
            "cancel_url": reverse("tracker:feedback_template_edit", args=[pk]),
        },
    )
