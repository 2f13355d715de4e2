from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jobsearch import services, weekly_review
from jobsearch.forms import (
    AccountSettingsForm,
    LoginForm,
    OwnPasswordChangeForm,
    OwnPasswordResetForm,
    OwnSetPasswordForm,
    SignUpForm,
)
from jobsearch.http import HtmxHttpRequest, client_ip, next_url
from journal import selectors as journal_selectors
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
    tracker_form = PreferencesForm(
        request.POST if which == "tracker" else None,
        initial={
            "weekly_target": goal.target if goal and goal.target else None,
            "suggest_followups": tracker_selectors.preferences_for(
                user=request.user
            ).suggest_followups,
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


@require_http_methods(["GET"])
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    user = request.user
    due, due_count = tracker_selectors.followup_due(user=user)
    if request.htmx and request.htmx.target == "due-count":
        # Marking a follow-up done elsewhere on the page refreshes just the count.
        return render(request, "jobsearch/dashboard.html#due-count", {"due_count": due_count})
    weeks = tracker_selectors.weekly_progress(user=user)
    return render(
        request,
        "jobsearch/dashboard.html",
        {
            "due": due,
            "due_count": due_count,
            "this_week": weeks[-1],
            "week_bars": _week_bars(weeks),
            "interviews": tracker_selectors.interview_list_upcoming(user=user, with_people=False)[
                :3
            ],
            "pipeline": tracker_selectors.application_pipeline(user=user),
            "journal_drafts": journal_selectors.draft_list(user=user)[:5],
            "journal_wins": journal_selectors.win_list_recent(user=user, limit=5),
            "journal_mood": journal_selectors.mood_recent(user=user),
            "review_prompt": weekly_review.review_prompt(user=user),
        },
    )


# Sections whose issues have not landed yet. The nav links to them so nothing
# in it is a dead end; each page says plainly what will be there.
UPCOMING_SECTIONS = {
    "insights": (
        "Insights",
        "Patterns across months — where applications stop, what feedback repeats, how you feel.",
    ),
}


def upcoming(request: HtmxHttpRequest, section: str) -> HttpResponse:
    try:
        title, description = UPCOMING_SECTIONS[section]
    except KeyError:
        raise Http404("No such section.") from None
    return render(
        request,
        "jobsearch/upcoming.html",
        {"title": title, "description": description, "section": section},
    )


def csrf_failure(request: HtmxHttpRequest, reason: str = "") -> HttpResponse:
    """A form post without a valid token: explained in our words, nothing changed."""
    return render(request, "403_csrf.html", status=403)
