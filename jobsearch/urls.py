from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from jobsearch import insights, views, weekly_review, worksearch
from jobsearch.dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/password/", views.password_change, name="password_change"),
    path("journal/weekly-review/", weekly_review.weekly_review, name="weekly_review"),
    path("journal/", include("journal.urls")),
    path("data/import/", include("jobsearch.portability.import_urls")),
    path("data/", include("jobsearch.portability.urls")),
    path("insights/", insights.insights, name="insights"),
    path("work-search/", worksearch.worksearch, name="worksearch"),
    path("", include("tracker.urls")),
]
if settings.ADMIN_ENABLED:
    urlpatterns.append(path("admin/", admin.site.urls))
