from __future__ import annotations

from django.urls import path

from jobsearch.portability import import_views

app_name = "importing"

urlpatterns = [
    path("", import_views.import_start, name="start"),
    path("<int:pk>/", import_views.import_review, name="review"),
    path("<int:pk>/cancel/", import_views.import_discard, name="discard"),
]
