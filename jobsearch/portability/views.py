"""The Import & export page: the application CSVs, the full backup and its restore,
the calendar feed, and leaving for good."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobsearch.http import HtmxHttpRequest
from jobsearch.portability import export, selectors, services
from jobsearch.portability.backup import (
    KIND_BY_KEY,
    BackupError,
    backup_json,
    backup_parse,
    backup_restore,
    likely_duplicates,
)
from jobsearch.portability.calendar import calendar_for
from jobsearch.portability.forms import DeleteAccountForm, RestoreForm

# The fresh calendar address waits here between the POST that made it and the
# page that shows it (once).
NEW_CALENDAR_TOKEN = "portability_new_calendar_token"


def _download(content: str | bytes, *, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Private data: jobsearch.middleware.private_pages_not_stored sends it with
    # no-store, as every response to a logged-in person.
    return response


def _stamp() -> str:
    return timezone.localdate().isoformat()


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    token = request.session.pop(NEW_CALENDAR_TOKEN, None)
    feed_url = (
        request.build_absolute_uri(
            f"{reverse('portability:calendar_feed')}?{urlencode({'token': token})}"
        )
        if token
        else ""
    )
    return render(
        request,
        "portability/index.html",
        {
            "counts": selectors.portability_counts(user=request.user),
            "calendar_feed": selectors.calendar_feed_for(user=request.user),
            "new_feed_url": feed_url,
            "restore_form": RestoreForm(),
        },
    )


@require_GET
def export_applications(request: HtmxHttpRequest) -> HttpResponse:
    return _download(
        export.applications_csv(user=request.user),
        content_type="text/csv; charset=utf-8",
        name=f"applications-{_stamp()}.csv",
    )


@require_GET
def export_steps(request: HtmxHttpRequest) -> HttpResponse:
    return _download(
        export.steps_csv(user=request.user),
        content_type="text/csv; charset=utf-8",
        name=f"application-steps-{_stamp()}.csv",
    )


@require_GET
def backup_download(request: HtmxHttpRequest) -> HttpResponse:
    return _download(
        backup_json(user=request.user),
        content_type="application/json; charset=utf-8",
        name=f"jobsearch-backup-{_stamp()}.json",
    )


@require_http_methods(["GET", "POST"])
def restore(request: HtmxHttpRequest) -> HttpResponse:
    """Choose a backup file. It is checked in full (a trial restore that is rolled
    back) before anything is kept; then the preview asks to go ahead."""
    posted = request.method == "POST"
    form = RestoreForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        try:
            backup_restore(user=request.user, data=form.cleaned_data["data"], dry_run=True)
        except BackupError as error:
            form.add_error("backup", str(error))
        else:
            services.restore_upload_save(
                user=request.user,
                content=form.cleaned_data["content"],
                file_name=form.cleaned_data["backup"].name or "",
            )
            return redirect("portability:restore_preview")
    return render(request, "portability/restore.html", {"form": form})


@require_http_methods(["GET", "POST"])
def restore_preview(request: HtmxHttpRequest) -> HttpResponse:
    upload = selectors.restore_upload_for(user=request.user)
    if upload is None:
        messages.info(
            request,
            "There is no backup waiting to be restored. Choose one here (a chosen backup "
            "waits a day at most).",
        )
        return redirect("portability:restore")
    if request.method == "POST":
        if "cancel" in request.POST:
            services.restore_upload_discard(user=request.user)
            messages.info(request, "The backup was not restored. Nothing has changed.")
            return redirect("portability:index")
        try:
            summary = services.restore_upload_apply(upload=upload)
        except services.RestoreAlreadyDone as error:
            messages.info(request, str(error))
            return redirect("portability:index")
        except BackupError as error:
            messages.error(request, f"{error} Nothing was changed.")
            services.restore_upload_discard(user=request.user)
            return redirect("portability:restore")
        added = ", ".join(summary.lines()) or "nothing new"
        messages.success(request, f"Your backup is restored: {added}.")
        return redirect("portability:index")
    try:
        data = backup_parse(upload.content)
        preview = backup_restore(user=request.user, data=data, dry_run=True)
    except BackupError as error:
        services.restore_upload_discard(user=request.user)
        messages.error(request, f"{error} Nothing was changed.")
        return redirect("portability:restore")
    return render(
        request,
        "portability/restore_preview.html",
        {
            "upload": upload,
            "preview": preview,
            "lines": preview.lines(),
            "exported_at": data.get("exported_at"),
            "duplicates": likely_duplicates(user=request.user, data=data),
            "kinds": KIND_BY_KEY,
        },
    )


@require_POST
def calendar(request: HtmxHttpRequest) -> HttpResponse:
    """Make, renew or switch off the private calendar address."""
    if request.POST.get("action") == "revoke":
        services.calendar_feed_revoke(user=request.user)
        messages.info(
            request, "The calendar address is switched off. Calendars using it get nothing more."
        )
    else:
        request.session[NEW_CALENDAR_TOKEN] = services.calendar_feed_renew(user=request.user)
    return redirect(reverse("portability:index") + "#calendar")


@require_GET
def calendar_download(request: HtmxHttpRequest) -> HttpResponse:
    return _download(
        calendar_for(user=request.user),
        content_type="text/calendar; charset=utf-8",
        name=f"job-search-{_stamp()}.ics",
    )


@login_not_required
@never_cache
@require_GET
def calendar_feed(request: HtmxHttpRequest) -> HttpResponse:
    """What a calendar app fetches: no log-in, the private token is the key."""
    token = request.GET.get("token", "")
    feed = selectors.calendar_feed_by_token(token=token) if token else None
    if feed is None:
        raise Http404("No calendar at this address.")
    response = HttpResponse(
        calendar_for(user=feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="job-search.ics"'
    return response


@require_http_methods(["GET", "POST"])
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.info(
            request,
            "Your account and everything in it are deleted. Thank you for letting this "
            "journal keep you company — we wish you well with what comes next.",
        )
        return redirect("login")
    return render(
        request,
        "portability/account_delete.html",
        {"form": form, "counts": selectors.portability_counts(user=request.user)},
    )
