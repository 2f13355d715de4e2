from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jobsearch.models import LoginFailure, login_key


def login_failures_recent(*, username: str, ip_address: str | None) -> list[LoginFailure]:
    """Failures for this username from this address inside the throttle window, oldest first."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    return list(
        LoginFailure.objects.filter(
            username=login_key(username), ip_address=ip_address, failed_at__gte=since
        ).order_by("failed_at")
    )


def login_retry_after(*, username: str, ip_address: str | None) -> timedelta | None:
    """How long until this username may try again from this address, or None if it may now."""
    failures = login_failures_recent(username=username, ip_address=ip_address)
    if len(failures) < settings.LOGIN_FAILURE_LIMIT:
        return None
    # The pause ends when the oldest failure that still counts leaves the window.
    oldest_counting = failures[-settings.LOGIN_FAILURE_LIMIT]
    window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    return max(oldest_counting.failed_at + window - timezone.now(), timedelta(seconds=1))
