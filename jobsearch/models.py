from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("Choose a time zone from the list.")


def default_time_zone() -> str:
    return settings.TIME_ZONE


class User(AbstractUser):
    """The person whose job search this is. Every row of theirs points here."""

    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="Dates and “today” follow this zone.",
    )


def login_key(username: str) -> str:
    """How failed log-ins are counted: case-blind, and without NUL characters
    (which the form refuses anyway, and PostgreSQL cannot store or search)."""
    return username.replace("\x00", "").casefold()


class LoginFailure(models.Model):
    """A failed log-in, kept for a short while to slow down password guessing."""

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    failed_at = models.DateTimeField()

    class Meta:
        indexes = [
            # login_failures_recent(): failures for one username + address in a window.
            models.Index(
                fields=["username", "ip_address", "failed_at"], name="loginfailure_lookup_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.failed_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """The private address a calendar app subscribes to (it cannot log in).

    Only a SHA-256 fingerprint of the token is kept: a copy of the database
    (a backup_db file handed around) then cannot read anyone's live calendar.
    The address is shown once, when it is made; a lost one is renewed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class RestoreUpload(models.Model):
    """A backup file uploaded for restoring, kept between its preview and the
    person's “Restore”. One per person; a new upload replaces it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restore_upload"
    )
    file_name = models.CharField(max_length=255, blank=True)
    content = models.TextField()
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Backup waiting to be restored by {self.user}"
