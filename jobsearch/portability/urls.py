from __future__ import annotations

from django.urls import path

from jobsearch.portability import views

app_name = "portability"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/applications.csv", views.export_applications, name="export_applications"),
    path("export/steps.csv", views.export_steps, name="export_steps"),
    path("backup/", views.backup_download, name="backup_download"),
    path("restore/", views.restore, name="restore"),
    path("restore/preview/", views.restore_preview, name="restore_preview"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/download.ics", views.calendar_download, name="calendar_download"),
    # A calendar app cannot log in: the private token in the address is its key. It
    # travels in the query string, which the access log leaves out (see the Makefile).
    path("calendar/feed.ics", views.calendar_feed, name="calendar_feed"),
    path("delete-account/", views.account_delete, name="account_delete"),
]
