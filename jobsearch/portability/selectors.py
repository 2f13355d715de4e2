"""Reads of the Import & export page, each filtered by its owner (or, for the
calendar feed, found by its secret token)."""

from __future__ import annotations

from django.utils import timezone

from jobsearch.models import CalendarFeed, RestoreUpload, User
from jobsearch.portability.services import RESTORE_KEEP_FOR, calendar_token_hash
from journal.models import Entry
from tracker.models import Application, Contact


def portability_counts(*, user: User) -> dict[str, int]:
    """How much the person keeps here, in words the page uses."""
    return {
        "applications": Application.objects.filter(user=user).count(),
        "contacts": Contact.objects.filter(user=user).count(),
        "journal_entries": Entry.objects.filter(user=user).count(),
    }


def calendar_feed_for(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The feed this token opens, or None. The lookup is by the token's SHA-256,
    so how long it takes says nothing useful about the token itself."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=calendar_token_hash(token), user__is_active=True)
        .first()
    )


def restore_upload_for(*, user: User) -> RestoreUpload | None:
    """The person's backup waiting for "Restore"; one left over a day is not offered
    (the next upload clears it away)."""
    return (
        RestoreUpload.objects.filter(user=user, uploaded_at__gte=timezone.now() - RESTORE_KEEP_FOR)
        .select_related("user")
        .first()
    )
