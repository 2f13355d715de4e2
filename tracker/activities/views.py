"""The activities pages: the list, adding and changing one, and deleting it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from jobsearch.http import HtmxHttpRequest, next_url, object_id
from tracker.activities import selectors, services
from tracker.activities.forms import ActivityForm
from tracker.models import Activity

# The tracker's: a rule a service enforces becomes a message on the form.
from tracker.views import PAGE_SIZE, _model_fields, _save_or_explain


def _activity(request: HtmxHttpRequest, pk: int) -> Activity:
    return get_object_or_404(selectors.activity_detail(user=request.user), pk=pk)


@require_http_methods(["GET"])
def activity_list(request: HtmxHttpRequest) -> HttpResponse:
    page = Paginator(selectors.activity_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "tracker/activity_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def activity_new(request: HtmxHttpRequest) -> HttpResponse:
    initial = {}
    application_id = object_id(request.GET.get("application"))
    if application_id is not None:
        initial["application"] = application_id
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        activity = _save_or_explain(
            form, lambda: services.activity_create(user=request.user, **fields)
        )
        if activity is not None:
            messages.success(
                request, f"Added: {activity.get_kind_display().lower()}, {activity.organisation}."
            )
            return redirect(next_url(request, reverse("tracker:activity_list")))
    return render(
        request, "tracker/activity_form.html", {"form": form, "next": next_url(request, "")}
    )


@require_http_methods(["GET", "POST"])
def activity_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _model_fields(form)
        saved = _save_or_explain(
            form, lambda: services.activity_update(activity=activity, **fields)
        )
        if saved is not None:
            messages.success(request, "Your changes are saved.")
            return redirect(next_url(request, reverse("tracker:activity_list")))
    return render(
        request,
        "tracker/activity_form.html",
        {"form": form, "activity": activity, "next": next_url(request, "")},
    )


@require_http_methods(["GET", "POST"])
def activity_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    if request.method == "POST":
        services.activity_delete(activity=activity)
        messages.success(
            request, f"Deleted: {activity.get_kind_display().lower()}, {activity.organisation}."
        )
        return redirect(next_url(request, reverse("tracker:activity_list")))
    return render(
        request,
        "confirm_delete.html",
        {
            "title": "Delete this activity?",
            "description": (
                f"{activity.get_kind_display()}, {activity.organisation}, "
                f"on {date_format(activity.happened_on, 'j F Y')}. "
                "It leaves your work-search record too."
            ),
            "cancel_url": reverse("tracker:activity_edit", args=[pk]),
        },
    )
