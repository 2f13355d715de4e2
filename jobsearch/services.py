from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobsearch.models import LoginFailure, User, login_key


@transaction.atomic
def login_failure_record(*, username: str, ip_address: str | None) -> None:
    now = timezone.now()
    # Old failures no longer count; dropping them here keeps the table small.
    LoginFailure.objects.filter(
        failed_at__lt=now - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    ).delete()
    LoginFailure.objects.create(username=login_key(username), ip_address=ip_address, failed_at=now)


@transaction.atomic
def login_failures_clear(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.filter(username=login_key(username), ip_address=ip_address).delete()


@transaction.atomic
def user_update(*, user: User, time_zone: str, first_name: str = "", last_name: str = "") -> User:
    """The account settings: the person's name (to sign their emails) and time zone."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.time_zone = time_zone
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "time_zone"])
    return user


@transaction.atomic
def user_create(*, username: str, password: str, time_zone: str = "") -> User:
    user = User(username=username, time_zone=time_zone or settings.TIME_ZONE)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
