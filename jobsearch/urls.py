from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from jobsearch import insights, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/password/", views.password_change, name="password_change"),
    path("journal/", include("journal.urls")),
    path("insights/", insights.insights, name="insights"),
    path("", include("tracker.urls")),
    path("admin/", admin.site.urls),
]
