from __future__ import annotations

from django.contrib import admin

from journal.models import Draft, Emotion, Entry, SkillGoal, Tag


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "on", "mood", "mood_after", "application", "user")
    list_filter = ("kind", "on")
    search_fields = ("title", "body", "user__username")
    date_hierarchy = "on"
    raw_id_fields = ("user", "application", "status_event")
    filter_horizontal = ("emotions", "tags")
    readonly_fields = ("followups", "created_at", "updated_at")


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("__str__", "step", "application", "updated_at", "user")
    raw_id_fields = ("user", "application", "status_event")


@admin.register(SkillGoal)
class SkillGoalAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "target_on", "done_on", "user")
    list_filter = ("status",)
    search_fields = ("title", "why", "user__username")
    raw_id_fields = ("user", "source_entry")


@admin.register(Emotion, Tag)
class NameAdmin(admin.ModelAdmin):
    list_display = ("name", "user")
    search_fields = ("name", "user__username")
    raw_id_fields = ("user",)
