from __future__ import annotations

from django.urls import include, path

from tracker import views

app_name = "tracker"

urlpatterns = [
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("applications/<int:pk>/status/", views.application_status, name="application_status"),
    path(
        "applications/<int:pk>/steps/<int:event_pk>/edit/",
        views.status_event_edit,
        name="status_event_edit",
    ),
    path(
        "applications/<int:pk>/steps/<int:event_pk>/delete/",
        views.status_event_delete,
        name="status_event_delete",
    ),
    path("applications/<int:pk>/interviews/new/", views.interview_new, name="interview_new"),
    path("board/", views.application_board, name="board"),
    path("interviews/", views.interview_list, name="interview_list"),
    path("interviews/<int:pk>/edit/", views.interview_edit, name="interview_edit"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="interview_delete"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/in-touch/", views.contact_touch, name="contact_touch"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("follow-ups/", views.followup_list, name="followup_list"),
    path("follow-ups/new/", views.followup_new, name="followup_new"),
    path("follow-ups/<int:pk>/edit/", views.followup_edit, name="followup_edit"),
    path("follow-ups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path("follow-ups/<int:pk>/reopen/", views.followup_reopen, name="followup_reopen"),
    path("follow-ups/<int:pk>/snooze/", views.followup_snooze, name="followup_snooze"),
    path("follow-ups/<int:pk>/delete/", views.followup_delete, name="followup_delete"),
    path("", include("tracker.feedback.urls")),
    # The dashboard's "Needs you" and quick add.
    path("applications/quick-add/", views.application_quick_add, name="application_quick_add"),
    path("applications/<int:pk>/not-now/", views.application_not_now, name="application_not_now"),
    path(
        "applications/<int:pk>/not-now/undo/",
        views.application_not_now_undo,
        name="application_not_now_undo",
    ),
    path(
        "applications/<int:pk>/still-waiting/",
        views.application_still_waiting,
        name="application_still_waiting",
    ),
    path(
        "applications/<int:pk>/still-waiting/undo/",
        views.application_still_waiting_undo,
        name="application_still_waiting_undo",
    ),
    path(
        "applications/<int:pk>/no-response/",
        views.application_no_response,
        name="application_no_response",
    ),
    path(
        "applications/<int:pk>/no-response/<int:event_pk>/undo/",
        views.application_no_response_undo,
        name="application_no_response_undo",
    ),
    path("", include("tracker.activities.urls")),
]
