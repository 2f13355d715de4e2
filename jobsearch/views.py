from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jobsearch import services
from jobsearch.forms import (
    AccountSettingsForm,
    LoginForm,
    OwnPasswordChangeForm,
    OwnPasswordResetForm,
    OwnSetPasswordForm,
    SignUpForm,
)
from jobsearch.http import HtmxHttpRequest, client_ip, next_url
from tracker import selectors as tracker_selectors
from tracker import services as tracker_services
from tracker.feedback import selectors as feedback_selectors
from tracker.forms import PreferencesForm


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        form.retry_after = services.signup_attempt_begin(ip_address=client_ip(request))
        if form.is_valid():
            user = services.user_create(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                time_zone=form.cleaned_data["time_zone"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your journal is ready. Start wherever feels easiest.")
            return redirect("dashboard")
        if form.retry_after is not None:
            status = 429
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(next_url(request) or "dashboard")
    form = LoginForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            login(request, form.get_user())
            return redirect(next_url(request) or "dashboard")
        if form.retry_after is not None:
            status = 429
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": next_url(request),
            "reset_by_email": settings.PASSWORD_RESET_BY_EMAIL,
        },
        status=status,
    )


def _only_with_mail(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Django's password-reset pages, where mail really goes out. Elsewhere they
    lead to the log-in page, which says how to reset from the command line."""

    @login_not_required
    @functools.wraps(view)
    def wrapper(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.PASSWORD_RESET_BY_EMAIL:
            return redirect("login")
        return view(request, *args, **kwargs)

    return wrapper


password_reset = _only_with_mail(
    auth_views.PasswordResetView.as_view(
        form_class=OwnPasswordResetForm,
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )
)
password_reset_done = _only_with_mail(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_confirm = _only_with_mail(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=OwnSetPasswordForm,
        template_name="registration/password_reset_confirm.html",
    )
)
password_reset_complete = _only_with_mail(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"
    )
)


@require_POST
def logout_view(request: HtmxHttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You have logged out. Take care.")
    return redirect("login")


@require_http_methods(["GET", "POST"])
def password_change(request: HtmxHttpRequest) -> HttpResponse:
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Your password has been changed.")
        return redirect("settings")
    return render(request, "registration/password_change.html", {"form": form})


@require_http_methods(["GET", "POST"])
def account_settings(request: HtmxHttpRequest) -> HttpResponse:
    """Two forms on one page, each saved on its own: the account, and how the tracker helps."""
    which = request.POST.get("form")
    account_form = AccountSettingsForm(
        request.POST if which == "account" else None, instance=request.user
    )
    goal = tracker_selectors.weekly_goal_current(user=request.user)
    preferences = tracker_selectors.preferences_for(user=request.user)
    tracker_data = None
    if which == "tracker":
        # A post from before the work-search settings existed keeps them as they are.
        tracker_data = request.POST.copy()
        for name in ("week_starts_on", "record_target"):
            tracker_data.setdefault(name, str(getattr(preferences, name)))
    tracker_form = PreferencesForm(
        tracker_data,
        initial={
            "weekly_target": goal.target if goal and goal.target else None,
            "suggest_followups": preferences.suggest_followups,
            "quiet_after_applied": preferences.quiet_after_applied,
            "quiet_after_screening": preferences.quiet_after_screening,
            "quiet_after_interview": preferences.quiet_after_interview,
            "week_starts_on": preferences.week_starts_on,
            "record_target": preferences.record_target,
        },
    )
    if which == "account" and account_form.is_valid():
        services.user_update(
            user=request.user,
            time_zone=account_form.cleaned_data["time_zone"],
            first_name=account_form.cleaned_data["first_name"],
            last_name=account_form.cleaned_data["last_name"],
            email=account_form.cleaned_data.get("email"),
        )
        messages.success(request, "Your settings are saved.")
        return redirect("settings")
    if which == "tracker" and tracker_form.is_valid():
        tracker_services.preferences_save(
            user=request.user,
            suggest_followups=tracker_form.cleaned_data["suggest_followups"],
            weekly_target=tracker_form.cleaned_data["weekly_target"],
            quiet_after=tracker_form.quiet_thresholds(),
            week_starts_on=tracker_form.cleaned_data["week_starts_on"],
            record_target=tracker_form.cleaned_data["record_target"],
        )
        messages.success(request, "Your settings are saved.")
        return redirect("settings")
    return render(
        request,
        "jobsearch/settings.html",
        {
            "account_form": account_form,
            "tracker_form": tracker_form,
            "feedback_templates": feedback_selectors.feedback_templates(user=request.user),
            "has_errors": bool(account_form.errors or tracker_form.errors),
        },
    )


def csrf_failure(request: HtmxHttpRequest, reason: str = "") -> HttpResponse:
    """A form post without a valid token: explained in our words, nothing changed."""
    return render(request, "403_csrf.html", status=403)
