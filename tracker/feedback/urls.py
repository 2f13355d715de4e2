"""The feedback pages, inside the tracker's URL namespace ("tracker:feedback_list")."""

from __future__ import annotations

from django.urls import path

from tracker.feedback import views

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/new/", views.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/reply/", views.feedback_reply, name="feedback_reply"),
    path("feedback/<int:pk>/unsend/", views.feedback_unsend, name="feedback_unsend"),
    path("feedback/<int:pk>/close/", views.feedback_close, name="feedback_close"),
    path("feedback/<int:pk>/reopen/", views.feedback_reopen, name="feedback_reopen"),
    path("feedback/<int:pk>/delete/", views.feedback_delete, name="feedback_delete"),
    path("feedback/templates/new/", views.feedback_template_new, name="feedback_template_new"),
    path(
        "feedback/templates/<int:pk>/edit/",
        views.feedback_template_edit,
        name="feedback_template_edit",
    ),
    path(
        "feedback/templates/<int:pk>/delete/",
        views.feedback_template_delete,
        name="feedback_template_delete",
    ),
]
