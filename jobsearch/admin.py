from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from jobsearch.models import LoginFailure, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Preferences", {"fields": ("time_zone",)}))
    list_display = ("username", "email", "time_zone", "is_staff", "date_joined", "last_login")


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "failed_at")
    list_filter = ("failed_at",)
    search_fields = ("username", "ip_address")
    date_hierarchy = "failed_at"
