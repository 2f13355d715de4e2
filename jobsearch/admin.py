from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from jobsearch.forms import AdminLoginForm
from jobsearch.models import Attempt, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Preferences", {"fields": ("time_zone",)}))
    list_display = ("username", "email", "time_zone", "is_staff", "date_joined", "last_login")


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("kind", "ip_address", "attempted_at")
    list_filter = ("kind", "attempted_at")
    search_fields = ("ip_address",)
    date_hierarchy = "attempted_at"


# The admin's log-in counts attempts like ours (jobsearch.forms.ThrottledLoginMixin).
admin.site.login_form = AdminLoginForm
