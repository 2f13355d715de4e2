"""Writes of the Import & export page: restores, the calendar address, leaving for good."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jobsearch.models import CalendarFeed, RestoreUpload, User
from jobsearch.portability.backup import (
    BackupError,
    RestoreSummary,
    backup_parse,
    backup_restore,
)

# A backup chosen for restoring waits this long for its "Restore" (it can be 50 MB).
RESTORE_KEEP_FOR = timedelta(days=1)


class RestoreAlreadyDone(BackupError):
    """The waiting backup was restored (or put aside) by another click meanwhile."""


def calendar_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """Make (or remake) the person's private calendar address; returns its token.

    The token itself is not stored, so this is the one moment it can be shown.
    A renewed address replaces the old one, which stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_hash": calendar_token_hash(token), "created_at": timezone.now()},
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


@transaction.atomic
def restore_upload_save(*, user: User, content: str, file_name: str) -> RestoreUpload:
    """Keep an uploaded backup (already checked) until the person confirms the restore.

    One per person, replaced by the next; anyone's left waiting over a day go too,
    as the import does with its batches."""
    RestoreUpload.objects.filter(uploaded_at__lt=timezone.now() - RESTORE_KEEP_FOR).delete()
    upload, _ = RestoreUpload.objects.update_or_create(
        user=user,
        defaults={
            "content": content,
            "file_name": file_name[:255],
            "uploaded_at": timezone.now(),
        },
    )
    return upload


@transaction.atomic
def restore_upload_discard(*, user: User) -> None:
    RestoreUpload.objects.filter(user=user).delete()


@transaction.atomic
def restore_upload_apply(*, upload: RestoreUpload) -> RestoreSummary:
    """Restore the waiting backup into its owner's account; BackupError leaves all as it was.

    The upload is taken away first, in the same transaction: of two clicks on
    "Restore" (two tabs, a double click) only the one that deletes it restores; the
    other finds it gone and says so. The DELETE itself holds the row lock until the
    restore commits, so on PostgreSQL the second waits and then deletes nothing;
    SQLite runs one writer at a time (transaction_mode IMMEDIATE)."""
    deleted, _ = RestoreUpload.objects.filter(pk=upload.pk).delete()
    if not deleted:
        raise RestoreAlreadyDone(
            "This backup has already been restored — once is enough, so nothing was "
            "added a second time. Everything from it is in your account."
        )
    return backup_restore(user=upload.user, data=backup_parse(upload.content))


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the person and, through the database's cascades, everything of theirs."""
    user.delete()
