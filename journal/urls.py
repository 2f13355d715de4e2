from __future__ import annotations

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("reflections/new/", views.reflection_new, name="reflection_new"),
    path("reflections/drafts/<int:pk>/", views.reflection_draft, name="reflection_draft"),
    path("reflections/drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("check-ins/new/", views.checkin_new, name="checkin_new"),
    path("check-ins/mood/", views.mood_log, name="mood_log"),
    path("wins/new/", views.win_new, name="win_new"),
    path("notes/new/", views.note_new, name="note_new"),
    path("skills/", views.skill_list, name="skill_list"),
    path("skills/new/", views.skill_new, name="skill_new"),
    path(
        "skills/from-feedback/<int:pk>/",
        views.skill_from_feedback,
        name="skill_from_feedback",
    ),
    path("skills/<int:pk>/edit/", views.skill_edit, name="skill_edit"),
    path("skills/<int:pk>/status/", views.skill_set_status, name="skill_set_status"),
    path("skills/<int:pk>/delete/", views.skill_delete, name="skill_delete"),
]
