from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from jobsearch.http import HtmxHttpRequest, explain, next_url, object_id
from jobsearch.search import search_words
from tracker import selectors, services
from tracker.feedback import emails
from tracker.feedback import selectors as feedback_selectors
from tracker.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    ContactForm,
    FollowUpForm,
    InterviewForm,
    NewApplicationForm,
    QuickAddForm,
    StatusChangeForm,
    StatusEventForm,
)
from tracker.models import (
    Application,
    Contact,
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
    search = search_words(filters["search"])
    context = {
        "filter_form": filter_form,
        "search": search,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(search) or any(filters[k] for k in ("statuses", "sources", "work_modes")),
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
        "feedback_requests": feedback_selectors.feedback_for_application(application=application),
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
    return render(
        request,
        "tracker/application_confirm_delete.html",
        {
            "application": application,
            "preview": selectors.application_delete_preview(application=application),
        },
    )


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
    q = request.GET.get("q", "")
    page = Paginator(selectors.contact_list(user=request.user, search=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "tracker/contact_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(
        request,
        template,
        {
            "page": page,
            "q": q,
            "search": search_words(q),
            # For the page links: what was typed, encoded (it may hold "&" or "#").
            "query": urlencode({"q": q}) if q else "",
        },
    )


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
            # Encoded like the feedback composer's: "a?cc=x@y.org" must not add a copy.
            "mailto": emails.mailto(to=contact.email, subject="", body="") if contact.email else "",
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


def _needs_you_problem(
    request: HtmxHttpRequest, application: Application, error: ValidationError
) -> HttpResponse:
    """A "Needs you" action the service refused: said in place, or on the dashboard."""
    if request.htmx:
        return render(
            request,
            "tracker/_needs_you_result.html",
            {"application": application, "problem": error.messages[0]},
        )
    messages.error(request, error.messages[0])
    return redirect(next_url(request, reverse("dashboard")))


@require_POST
def application_no_response(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Close an application gone quiet as "No response", dated today — only when asked."""
    application = _application(request, pk)
    try:
        change = services.application_mark_no_response(application=application)
    except ValidationError as error:
        return _needs_you_problem(request, application, error)
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
    event = _event(request, application, event_pk)
    if event.status != Status.NO_RESPONSE:
        # Only the step this button made can be taken back here.
        raise Http404("That step is not a “No response”.")
    try:
        services.status_event_delete(event=event)
    except ValidationError as error:
        return _needs_you_problem(request, application, error)
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
