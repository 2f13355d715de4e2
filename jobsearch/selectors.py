from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from jobsearch.models import Attempt, login_key


def login_retry_after(*, username: str, ip_address: str | None) -> timedelta | None:
    """How long until this username may try again from this address, or None if it may now.

    Two limits: LOGIN_FAILURE_LIMIT for one username from one address, and
    LOGIN_ADDRESS_LIMIT for all usernames together from one address (someone
    trying many accounts). The attempt being decided is already counted.
    """
    window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = list(
        Attempt.objects.filter(
            kind=Attempt.Kind.LOG_IN,
            ip_address=ip_address,
            attempted_at__gte=timezone.now() - window,
        )
        .order_by("attempted_at")
        .values_list("username_key", "attempted_at")
    )
    key = login_key(username)
    mine = [at for username_key, at in recent if username_key == key]
    waits = [
        _wait(mine, limit=settings.LOGIN_FAILURE_LIMIT, window=window),
        _wait([at for _, at in recent], limit=settings.LOGIN_ADDRESS_LIMIT, window=window),
    ]
    return max((wait for wait in waits if wait is not None), default=None)


def signup_retry_after(*, ip_address: str | None) -> timedelta | None:
    """How long until this address may try to sign up again, or None if it may now."""
    window = timedelta(minutes=settings.SIGNUP_WINDOW_MINUTES)
    recent = list(
        Attempt.objects.filter(
            kind=Attempt.Kind.SIGN_UP,
            ip_address=ip_address,
            attempted_at__gte=timezone.now() - window,
        )
        .order_by("attempted_at")
        .values_list("attempted_at", flat=True)
    )
    return _wait(recent, limit=settings.SIGNUP_LIMIT, window=window)


def _wait(times: list[datetime], *, limit: int, window: timedelta) -> timedelta | None:
    """With `times` (oldest first, the attempt being decided among them): None if it
    is within the limit, else how long until the next attempt would be."""
    if len(times) <= limit:
        return None
    # The attempt being decided (the newest) is withdrawn. The next one may go
    # ahead once at most limit - 1 others remain in the window, so that it is
    # the limit-th: when the one just older than the newest limit has left.
    return max(times[-limit - 1] + window - timezone.now(), timedelta(seconds=1))
