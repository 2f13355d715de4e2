from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import replace_url, trigger_client_event

from jobsearch.http import HtmxHttpRequest, explain, next_url, object_id
from tracker import feedback, selectors, services
from tracker.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    ContactForm,
    FeedbackComposeForm,
    FeedbackRefillForm,
    FeedbackReplyForm,
    FeedbackStartForm,
    FeedbackTemplateForm,
    FollowUpForm,
    InterviewForm,
    NewApplicationForm,
    QuickAddForm,
    StatusChangeForm,
    StatusEventForm,
)
from tracker.models import (
    Application,
    BuiltinTemplate,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FollowUp,
    Interview,
    Status,
    StatusEvent,
)

PAGE_SIZE = 25

# --- ownership: another person's object is a 404, never a 403 -----------------------


def _application(request: HtmxHttpRequest, pk: int) -> Application:
    return get_object_or_404(Application, pk=pk, user=request.user)


def _event(request: HtmxHttpRequest, application: Application, pk: int) -> StatusEvent:
    return get_object_or_404(StatusEvent, pk=pk, application=application, user=request.user)


def _interview(request: HtmxHttpRequest, pk: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("application"), pk=pk, user=request.user
    )


def _contact(request: HtmxHttpRequest, pk: int) -> Contact:
    return get_object_or_404(Contact, pk=pk, user=request.user)


def _followup(request: HtmxHttpRequest, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("application", "contact"), pk=pk, user=request.user
    )


def _model_fields(form) -> dict:
    """What a ModelForm cleaned, minus fields that are not the model's."""
    model_fields = {f.name for f in form._meta.model._meta.get_fields()}
    return {name: value for name, value in form.cleaned_data.items() if name in model_fields}


def _save_or_explain(form, save) -> object | None:
    """Run a service; a rule it enforces becomes a message on the form, not an error page."""
    try:
        return save()
    except ValidationError as error:
        explain(form, error)
        return None


# --- applications ----------------------------------------------------------------------


@require_http_methods(["GET"])
def application_list(request: HtmxHttpRequest) -> HttpResponse:
    filter_form = ApplicationFilterForm(request.GET or None)
    filters = filter_form.filters()
    applications = selectors.application_list(user=request.user, **filters)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_form": filter_form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(filters[k] for k in ("search", "statuses", "sources", "work_modes")),
        "has_any": page.paginator.count > 0 or request.user.applications.exists(),
    }
    template = "tracker/application_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def application_new(request: HtmxHttpRequest) -> HttpResponse:
    form = NewApplicationForm(request.POST or None, user=request.user, initial=request.GET.dict())
    duplicates: list[Application] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = list(
            selectors.application_duplicates(
                user=request.user, company=data["company"], role=data["role"]
            )
        )
        if duplicates and not data["confirm_duplicate"]:
            # Shown once: the form comes back with a warning and "Save anyway".
            form.data = form.data.copy()
            form.data["confirm_duplicate"] = "on"
        else:
            fields = _model_fields(form)
            fields.pop("status")  # the first step of the history, recorded by the service
            application = _save_or_explain(
                form,
                lambda: services.application_create(
                    user=request.user, status=data["status"], **fields
                ),
            )
            if application is not None:
                messages.success(request, f"Added {application.role} at {application.company}.")
                return redirect("tracker:application_detail", application.pk)
    return render(
        request,
        "tracker/application_form.html",
        {"form": form, "duplicates": duplicates, "new": True},
    )


def _detail_context(request: HtmxHttpRequest, pk: int, **extra) -> dict:
    """What the application page shows (whole, or its status part after a change)."""
    application = get_object_or_404(selectors.application_detail(user=request.user), pk=pk)
    return {
        "application": application,
        "timeline": selectors.application_timeline(application),
        "status_form": StatusChangeForm(),
        "followups": list(selectors.followup_open_for(application=application)),
        "feedback_requests": selectors.feedback_for_application(application=application),
        **extra,
    }


@require_http_methods(["GET"])
def application_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    context = _detail_context(request, pk)
    application = context["application"]
    if request.GET.get("rejected") and application.status == Status.REJECTED:
        # Arrived here right after recording a rejection without JavaScript:
        # show the same offer the in-place update shows.
        event = selectors.status_event_latest_rejection(application=application)
        if event is not None:
            context["change"] = services.StatusChange(
                event=event, suggested=list(FollowUp.objects.filter(source_event=event))
            )
    return render(request, "tracker/application_detail.html", context)


@require_http_methods(["GET", "POST"])
def application_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = ApplicationForm(request.POST or None, instance=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        saved = _save_or_explain(
            form, lambda: services.application_update(application=application, **fields)
        )
        if saved is not None:
            messages.success(request, "Your changes are saved.")
            return redirect("tracker:application_detail", application.pk)
    return render(
        request, "tracker/application_form.html", {"form": form, "application": application}
    )


@require_http_methods(["GET", "POST"])
def application_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if request.method == "POST":
        label = str(application)
        services.application_delete(application=application)
        messages.success(request, f"Deleted {label} and its history.")
        return redirect("tracker:application_list")
    return render(request, "tracker/application_confirm_delete.html", {"application": application})


def _status_fragment(
    request: HtmxHttpRequest, application: Application, where: str, **extra
) -> HttpResponse:
    """The part of the page that shows an application's status, after a change."""
    if where == "row":
        response = render(
            request,
            "tracker/application_list.html#row",
            {"application": application, "autofocus": True, **extra},
        )
    elif where == "card":
        response = render(
            request,
            "tracker/board.html#board",
            {
                "columns": selectors.application_board(user=request.user),
                "moved": application.pk,
                # Moved off the board (rejected, say): said above the columns instead.
                "moved_application": application,
                **extra,
            },
        )
    else:
        response = render(
            request,
            "tracker/application_detail.html#status",
            _detail_context(request, application.pk, timeline_oob=True, **extra),
        )
    return trigger_client_event(response, "applicationChanged")


@require_POST
def application_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Record a new step. From the detail page with its details, or from a
    list row or board card with just the status (dated today)."""
    application = _application(request, pk)
    where = request.POST.get("where", "detail")
    data = request.POST.copy()
    if not data.get("on"):
        data["on"] = StatusChangeForm().initial["on"].isoformat()
    form = StatusChangeForm(data)
    if form.is_valid():
        change = services.application_set_status(
            application=application,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
            stage=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
            channel=form.cleaned_data["channel"],
        )
        application.refresh_from_db()
        if request.htmx:
            return _status_fragment(request, application, where, change=change)
        if change.event.status == Status.REJECTED:
            return redirect(reverse("tracker:application_detail", args=[pk]) + "?rejected=1")
        messages.success(request, f"Moved to “{change.event.get_status_display()}”.")
        return redirect(next_url(request, reverse("tracker:application_detail", args=[pk])))
    if request.htmx:
        return _status_fragment(request, application, where, status_form=form, status_error=form)
    return render(
        request,
        "tracker/application_detail.html",
        _detail_context(request, pk, status_form=form, has_errors=True),
    )


@require_http_methods(["GET", "POST"])
def status_event_edit(request: HtmxHttpRequest, pk: int, event_pk: int) -> HttpResponse:
    application = _application(request, pk)
    event = _event(request, application, event_pk)
    form = StatusEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save_or_explain(
            form,
            lambda: services.status_event_update(
                event=event,
                on=data["happened_on"],
                note=data["note"],
                stage=data.get("rejection_stage", ""),
                reason=data.get("rejection_reason", ""),
                channel=data.get("rejection_channel", ""),
            ),
        )
        if saved is not None:
            messages.success(request, "The step is updated.")
            return redirect("tracker:application_detail", application.pk)
    return render(
        request,
        "tracker/status_event_form.html",
        {"form": form, "application": application, "event": event},
    )


@require_POST
def status_event_delete(request: HtmxHttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """Take a step back (an undo for a status change made by mistake)."""
    application = _application(request, pk)
    event = _event(request, application, event_pk)
    where = request.POST.get("where", "detail")
    try:
        services.status_event_delete(event=event)
    except ValidationError as error:
        if request.htmx:
            return _status_fragment(request, application, where, undo_error=error.messages[0])
        messages.error(request, error.messages[0])
        return redirect("tracker:application_detail", application.pk)
    application.refresh_from_db()
    if request.htmx:
        return _status_fragment(request, application, where, undone=event)
    messages.success(request, f"Took back “{event.get_status_display()}”.")
    return redirect(next_url(request, reverse("tracker:application_detail", args=[pk])))


@require_http_methods(["GET"])
def application_board(request: HtmxHttpRequest) -> HttpResponse:
    template = "tracker/board.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#board"
    return render(request, template, {"columns": selectors.application_board(user=request.user)})


# --- interviews --------------------------------------------------------------------------


@require_http_methods(["GET"])
def interview_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "tracker/interview_list.html",
        {
            "upcoming": selectors.interview_list_upcoming(user=request.user),
            "past": selectors.interview_list_past(user=request.user)[:30],
        },
    )


@require_http_methods(["GET", "POST"])
def interview_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = InterviewForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        interview = _save_or_explain(
            form, lambda: services.interview_create(application=application, **fields)
        )
        if interview is not None:
            messages.success(request, "The interview is in your calendar here. Good luck with it.")
            return redirect("tracker:application_detail", application.pk)
    return render(
        request, "tracker/interview_form.html", {"form": form, "application": application}
    )


@require_http_methods(["GET", "POST"])
def interview_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    form = InterviewForm(request.POST or None, instance=interview, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        saved = _save_or_explain(
            form, lambda: services.interview_update(interview=interview, **fields)
        )
        if saved is not None:
            messages.success(request, "The interview is updated.")
            return redirect("tracker:application_detail", interview.application_id)
    return render(
        request,
        "tracker/interview_form.html",
        {"form": form, "application": interview.application, "interview": interview},
    )


@require_http_methods(["GET", "POST"])
def interview_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    if request.method == "POST":
        services.interview_delete(interview=interview)
        messages.success(request, "The interview is removed.")
        return redirect("tracker:application_detail", interview.application_id)
    return render(
        request,
        "confirm_delete.html",
        {
            "title": "Remove this interview?",
            "description": (
                f"The {interview.get_kind_display().lower()} interview for {interview.application}."
            ),
            "cancel_url": reverse("tracker:interview_edit", args=[pk]),
        },
    )


# --- contacts ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def contact_list(request: HtmxHttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    page = Paginator(selectors.contact_list(user=request.user, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "tracker/contact_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"page": page, "q": search})


@require_http_methods(["GET", "POST"])
def contact_new(request: HtmxHttpRequest) -> HttpResponse:
    """Add a contact; from an application's page (?application=), also link them to it."""
    application_id = object_id(request.POST.get("application") or request.GET.get("application"))
    application = (
        get_object_or_404(Application, pk=application_id, user=request.user)
        if application_id is not None
        else None
    )
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        contact = _save_or_explain(
            form,
            lambda: services.contact_create(user=request.user, application=application, **fields),
        )
        if contact is not None:
            if application is not None:
                messages.success(request, f"Added {contact.name} to {application}.")
                return redirect("tracker:application_detail", application.pk)
            messages.success(request, f"Added {contact.name}.")
            return redirect("tracker:contact_detail", contact.pk)
    return render(request, "tracker/contact_form.html", {"form": form, "application": application})


@require_http_methods(["GET"])
def contact_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    return render(
        request,
        "tracker/contact_detail.html",
        {
            "contact": contact,
            "applications": contact.applications.order_by("-last_activity_on"),
            "followups": contact.followups.filter(done_at__isnull=True).select_related(
                "application", "contact"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        saved = _save_or_explain(form, lambda: services.contact_update(contact=contact, **fields))
        if saved is not None:
            messages.success(request, "Your changes are saved.")
            return redirect("tracker:contact_detail", contact.pk)
    return render(request, "tracker/contact_form.html", {"form": form, "contact": contact})


@require_POST
def contact_touch(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    services.contact_mark_contacted(contact=contact)
    messages.success(request, f"Noted: you were in touch with {contact.name} today.")
    return redirect(next_url(request, reverse("tracker:contact_detail", args=[pk])))


@require_http_methods(["GET", "POST"])
def contact_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    if request.method == "POST":
        services.contact_delete(contact=contact)
        messages.success(request, f"Deleted {contact.name}.")
        return redirect("tracker:contact_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": f"Delete {contact.name}?",
            "description": (
                "Their details and notes go. Applications and follow-ups stay, without them."
            ),
            "cancel_url": reverse("tracker:contact_detail", args=[pk]),
        },
    )


# --- follow-ups ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def followup_list(request: HtmxHttpRequest) -> HttpResponse:
    """All groups, a few of each; or, with ?group=, every follow-up in one group, by page."""
    key = request.GET.get("group")
    if key in selectors.GROUP_TITLES:
        page = Paginator(selectors.followup_group(user=request.user, key=key), 50).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "tracker/followup_group.html",
            {"page": page, "title": selectors.GROUP_TITLES[key], "query": f"group={key}"},
        )
    groups = selectors.followup_groups(user=request.user)
    template = "tracker/followup_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#groups"
    return render(request, template, {"groups": groups})


@require_http_methods(["GET", "POST"])
def followup_new(request: HtmxHttpRequest) -> HttpResponse:
    initial = {
        key: request.GET[key]
        for key in ("application", "contact", "kind", "title")
        if key in request.GET
    }
    form = FollowUpForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        followup = _save_or_explain(
            form, lambda: services.followup_create(user=request.user, **fields)
        )
        if followup is not None:
            messages.success(request, f"Added “{followup.title}”.")
            return redirect(next_url(request, reverse("tracker:followup_list")))
    return render(
        request, "tracker/followup_form.html", {"form": form, "next": next_url(request, "")}
    )


@require_http_methods(["GET", "POST"])
def followup_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = FollowUpForm(request.POST or None, instance=followup, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        saved = _save_or_explain(
            form, lambda: services.followup_update(followup=followup, **fields)
        )
        if saved is not None:
            messages.success(request, "Your changes are saved.")
            return redirect(next_url(request, reverse("tracker:followup_list")))
    return render(
        request,
        "tracker/followup_form.html",
        {"form": form, "followup": followup, "next": next_url(request, "")},
    )


def _followup_response(
    request: HtmxHttpRequest, followup: FollowUp, message: str, **extra
) -> HttpResponse:
    if request.htmx:
        response = render(request, "tracker/_followup_row.html", {"followup": followup, **extra})
        return trigger_client_event(response, "followupChanged")
    messages.success(request, message)
    return redirect(next_url(request, reverse("tracker:followup_list")))


@require_POST
def followup_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    followup = services.followup_mark_done(followup=_followup(request, pk))
    return _followup_response(request, followup, f"Done: “{followup.title}”.", just_done=True)


@require_POST
def followup_reopen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    followup = services.followup_reopen(followup=_followup(request, pk))
    return _followup_response(
        request, followup, f"“{followup.title}” is open again.", reopened=True
    )


@require_POST
def followup_snooze(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    days = request.POST.get("days", "")
    try:
        services.followup_snooze(followup=followup, days=object_id(days) or 0)
    except ValidationError as error:
        if request.htmx:
            return render(
                request,
                "tracker/_followup_row.html",
                {"followup": followup, "problem": error.messages[0]},
            )
        messages.error(request, error.messages[0])
        return redirect(next_url(request, reverse("tracker:followup_list")))
    when = "tomorrow" if days == "1" else "next week"
    return _followup_response(
        request, followup, f"Moved “{followup.title}” to {when}.", snoozed=when
    )


@require_http_methods(["GET", "POST"])
def followup_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    if request.method == "POST":
        services.followup_delete(followup=followup)
        messages.success(request, f"Deleted “{followup.title}”.")
        return redirect(next_url(request, reverse("tracker:followup_list")))
    return render(
        request,
        "confirm_delete.html",
        {
            "title": "Delete this follow-up?",
            "description": followup.title,
            "cancel_url": reverse("tracker:followup_edit", args=[pk]),
        },
    )


# --- feedback requests ------------------------------------------------------------------------


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


@require_http_methods(["GET"])
def feedback_list(request: HtmxHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in FeedbackRequest.State.values:
        state = ""
    page = Paginator(selectors.feedback_list(user=request.user, state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.feedback_counts(user=request.user)
    context = {
        "page": page,
        "state": state,
        "tabs": [(value, label, counts[value]) for value, label in FEEDBACK_TABS],
        "total": counts[""],
        "query": f"state={state}" if state else "",
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
    history = feedback.history_of(application)
    keys = {t.key: t for t in templates}
    chosen = keys.get(request.GET.get("template", "")) or keys[feedback.suggested_template(history)]
    by_pk = {str(c.pk): c for c in recipients}
    wanted = request.GET.get("contact")
    contact = by_pk.get(wanted) if wanted is not None else (recipients[0] if recipients else None)
    values = feedback.placeholder_values(
        application=application,
        history=history,
        contact=contact,
        my_name=request.user.get_full_name(),
    )
    return {
        "template": chosen,
        "contact": contact,
        "subject": feedback.fill(chosen.subject, values).text,
        "body": feedback.fill(chosen.body, values).text,
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
                    "leftovers": feedback.leftovers(saved.subject, saved.body),
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
    mailto = feedback.mailto(to=str(form["to_email"].value() or ""), subject=subject, body=body)
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
            "long_mail": len(mailto) > feedback.MAILTO_COMFORTABLE_LENGTH,
            "leftovers": feedback.leftovers(subject, body),
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
    if feedback_request.state in (FeedbackRequest.State.SENT, FeedbackRequest.State.NO_REPLY):
        reply_form = FeedbackReplyForm(instance=feedback_request)
    return render(
        request,
        "tracker/feedback_detail.html",
        {
            "feedback": feedback_request,
            "application": feedback_request.application,
            "reminder": selectors.feedback_reminder_open(feedback=feedback_request),
            "reply_form": reply_form,
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
        subject, body = feedback.BUILTIN_WORDING[builtin]
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
            "placeholders": feedback.PLACEHOLDERS,
        },
    )


def _template_saved_message(request: HtmxHttpRequest, template: FeedbackTemplate) -> None:
    unknown = feedback.unknown_placeholders(template.subject, template.body)
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


# --- the dashboard's "Needs you" and quick add ------------------------------------------------
# The dashboard (jobsearch) lists these; the writes are the tracker's. Each answers an htmx
# post with the item's new state and a way back, and a plain post with a redirect.


def _needs_you_response(
    request: HtmxHttpRequest, application: Application, message: str, *events: str, **extra
) -> HttpResponse:
    if not request.htmx:
        messages.success(request, message)
        return redirect(next_url(request, reverse("dashboard")))
    response = render(
        request,
        "tracker/_needs_you_result.html",
        {"application": application, "message": message, **extra},
    )
    for event in events:
        trigger_client_event(response, event)
    return response


@require_POST
def application_not_now(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    services.application_reflection_dismiss(application=application)
    return _needs_you_response(
        request,
        application,
        f"Hidden for now: a reflection on {application.role} at {application.company}.",
        undo="tracker:application_not_now_undo",
    )


@require_POST
def application_not_now_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    services.application_reflection_restore(application=application)
    return _needs_you_response(
        request,
        application,
        f"Back on your list: {application.role} at {application.company}.",
        "needsYouChanged",
    )


@require_POST
def application_still_waiting(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    services.application_still_waiting(application=application)
    return _needs_you_response(
        request,
        application,
        f"Still waiting on {application.company}. We’ll ask again if it stays quiet.",
        undo="tracker:application_still_waiting_undo",
    )


@require_POST
def application_still_waiting_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    services.application_still_waiting_undo(application=application)
    return _needs_you_response(
        request,
        application,
        f"Back on your list: {application.role} at {application.company}.",
        "needsYouChanged",
    )


@require_POST
def application_no_response(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Close an application gone quiet as "No response", dated today — only when asked."""
    application = _application(request, pk)
    try:
        change = services.application_mark_no_response(application=application)
    except ValidationError as error:
        if request.htmx:
            return render(
                request,
                "tracker/_needs_you_result.html",
                {"application": application, "problem": error.messages[0]},
            )
        messages.error(request, error.messages[0])
        return redirect(next_url(request, reverse("dashboard")))
    application.refresh_from_db()
    return _needs_you_response(
        request,
        application,
        f"Closed {application.role} at {application.company} as “No response”, "
        f"dated {date_format(change.event.happened_on, 'j F')}.",
        "applicationChanged",
        closed_event=change.event,
    )


@require_POST
def application_no_response_undo(request: HtmxHttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """Take back the "No response" step: the application is where it was."""
    application = _application(request, pk)
    event = get_object_or_404(
        StatusEvent,
        pk=event_pk,
        application=application,
        user=request.user,
        status=Status.NO_RESPONSE,
    )
    try:
        services.status_event_delete(event=event)
    except ValidationError as error:
        if request.htmx:
            return render(
                request,
                "tracker/_needs_you_result.html",
                {"application": application, "problem": error.messages[0]},
            )
        messages.error(request, error.messages[0])
        return redirect(next_url(request, reverse("dashboard")))
    application.refresh_from_db()
    return _needs_you_response(
        request,
        application,
        f"Took back “No response”: {application.company} is "
        f"“{application.get_status_display()}” again.",
        "applicationChanged",
        "needsYouChanged",
    )


@require_http_methods(["GET", "POST"])
def application_quick_add(request: HtmxHttpRequest) -> HttpResponse:
    """Company, role, link and status, from the dashboard; added in place with htmx."""
    form = QuickAddForm(request.POST or None)
    added = None
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        fields.pop("status", None)
        added = _save_or_explain(
            form,
            lambda: services.application_create(
                user=request.user, status=form.cleaned_data["status"], **fields
            ),
        )
        if added is not None:
            message = f"Added {added.role} at {added.company}."
            if not request.htmx:
                messages.success(request, message)
                return redirect(next_url(request, reverse("dashboard")))
            form = QuickAddForm()
    if request.htmx:
        response = render(request, "tracker/_quick_add.html", {"quick_form": form, "added": added})
        return trigger_client_event(response, "applicationChanged") if added else response
    return render(
        request,
        "tracker/application_quick_add.html",
        {"quick_form": form, "has_errors": bool(form.errors)},
    )
