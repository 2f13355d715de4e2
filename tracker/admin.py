from __future__ import annotations

from django.contrib import admin

from tracker.models import (
    Activity,
    Application,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FollowUp,
    Interview,
    StatusEvent,
    TrackerPreferences,
    WeeklyGoal,
)


class StatusEventInline(admin.TabularInline):
    model = StatusEvent
    extra = 0
    fields = ("happened_on", "status", "rejection_stage", "rejection_channel", "note")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("company", "role", "status", "applied_on", "last_activity_on", "source", "user")
    list_filter = ("status", "source", "work_mode", "employment_type", "applied_on")
    search_fields = ("company", "role", "user__username")
    date_hierarchy = "applied_on"
    readonly_fields = (
        "status",
        "status_changed_on",
        "last_activity_on",
        "created_at",
        "updated_at",
    )
    raw_id_fields = ("user",)
    filter_horizontal = ("contacts",)
    inlines = [StatusEventInline]


@admin.register(StatusEvent)
class StatusEventAdmin(admin.ModelAdmin):
    list_display = ("application", "status", "happened_on", "rejection_stage", "user")
    list_filter = ("status", "rejection_stage", "rejection_channel", "happened_on")
    search_fields = ("application__company", "application__role", "note", "rejection_reason")
    date_hierarchy = "happened_on"
    raw_id_fields = ("user", "application")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "title", "relationship", "last_contacted_on", "user")
    list_filter = ("relationship",)
    search_fields = ("name", "company", "title", "email")
    raw_id_fields = ("user",)


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "scheduled_at", "user")
    list_filter = ("kind", "scheduled_at")
    search_fields = ("application__company", "application__role")
    date_hierarchy = "scheduled_at"
    raw_id_fields = ("user", "application")
    filter_horizontal = ("contacts",)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "due_on", "done_at", "rule", "user")
    list_filter = ("kind", "rule", "due_on", ("done_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "notes", "application__company", "contact__name")
    date_hierarchy = "due_on"
    raw_id_fields = (
        "user",
        "application",
        "contact",
        "source_event",
        "source_interview",
        "source_followup",
    )


@admin.register(TrackerPreferences)
class TrackerPreferencesAdmin(admin.ModelAdmin):
    list_display = ("user", "suggest_followups", "week_starts_on", "record_target")
    raw_id_fields = ("user",)


@admin.register(WeeklyGoal)
class WeeklyGoalAdmin(admin.ModelAdmin):
    list_display = ("user", "week_start", "target")
    raw_id_fields = ("user",)


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ("application", "state", "sent_on", "replied_on", "user")
    list_filter = ("state", "sent_on", "replied_on")
    search_fields = ("application__company", "subject", "reply_text")
    readonly_fields = ("state", "sent_on", "closed_on", "created_at", "updated_at")
    raw_id_fields = ("user", "application", "contact")


@admin.register(FeedbackTemplate)
class FeedbackTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "builtin", "user")
    search_fields = ("name", "subject")
    raw_id_fields = ("user",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("happened_on", "kind", "organisation", "method", "user")
    list_filter = ("kind", "method", "happened_on")
    search_fields = ("organisation", "person", "outcome")
    raw_id_fields = ("user", "application")
