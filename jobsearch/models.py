from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac


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
    """How log-in attempts are counted, without keeping what was typed.

    `username` is the form's cleaned value (Unicode NFKC, spaces trimmed — what
    authentication checks). It is case-folded, so "ALICE" and "alice" share a
    count, and kept only as a keyed hash: people sometimes type a password into
    the username box, and this table must never hold one.
    """
    return salted_hmac("jobsearch.login_key", username.casefold(), algorithm="sha256").hexdigest()


class Attempt(models.Model):
    """A log-in or sign-up attempt, kept for a short while to slow down guessing.

    A row is written before the password is checked (see
    services.login_attempt_begin), so it stands for one check made, or about to
    be. No typed text is kept: the username only as login_key().
    """

    class Kind(models.TextChoices):
        LOG_IN = "log_in", "Log in"
        SIGN_UP = "sign_up", "Sign up"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    username_key = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    attempted_at = models.DateTimeField()

    class Meta:
        indexes = [
            # selectors.login_retry_after() / signup_retry_after(): recent
            # attempts of one kind from one address (and one username among them).
            models.Index(fields=["kind", "ip_address", "attempted_at"], name="attempt_address_idx"),
            # services.attempts_prune(): rows older than the longest window.
            models.Index(fields=["attempted_at"], name="attempt_age_idx"),
        ]

    def __str__(self) -> str:
        when = f"{self.attempted_at:%Y-%m-%d %H:%M}"
        return f"{self.get_kind_display()} from {self.ip_address} at {when}"


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
