"""The activities pages, inside the tracker's URL namespace ("tracker:activity_list")."""

from __future__ import annotations

from django.urls import path

from tracker.activities import views

urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
]
