from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobsearch import selectors
from jobsearch.models import Attempt, User, login_key


def login_attempt_begin(*, username: str, ip_address: str | None) -> timedelta | None:
    """Count a log-in attempt before its password is checked; None means check it.

    Otherwise it returns how long to wait, and the password must not be checked.

    The attempt is written and committed first, in its own transaction, and only
    then counted. Parallel requests cannot all slip past: each one counts every
    attempt committed before its own, so the Nth to commit sees at least N, and
    however many arrive at once, no more than the limit get a password check (on
    SQLite and PostgreSQL alike; a count inside the same transaction would not
    see the others' rows under PostgreSQL's READ COMMITTED). A refused attempt
    takes its row back: it checked nothing, and a person who tries again during
    the pause does not make the pause longer.
    """
    attempt = _attempt_record(
        kind=Attempt.Kind.LOG_IN, username_key=login_key(username), ip_address=ip_address
    )
    wait = selectors.login_retry_after(username=username, ip_address=ip_address)
    if wait is not None:
        _attempt_withdraw(attempt=attempt)
    return wait


@transaction.atomic
def login_attempts_clear(*, username: str, ip_address: str | None) -> None:
    """After a right password: this username's attempts from this address no longer count."""
    Attempt.objects.filter(
        kind=Attempt.Kind.LOG_IN, username_key=login_key(username), ip_address=ip_address
    ).delete()


def signup_attempt_begin(*, ip_address: str | None) -> timedelta | None:
    """Count a sign-up attempt from this address; None means go ahead, else how long to wait.

    Written first and counted after, like login_attempt_begin, for the same reason.
    """
    attempt = _attempt_record(kind=Attempt.Kind.SIGN_UP, username_key="", ip_address=ip_address)
    wait = selectors.signup_retry_after(ip_address=ip_address)
    if wait is not None:
        _attempt_withdraw(attempt=attempt)
    return wait


@transaction.atomic
def attempts_prune() -> int:
    """Remove attempts too old to count for anything; how many went.

    Each new attempt does this too, and `manage.py prune_attempts` (which
    `make run` runs, and a shared install runs from cron) does it when nobody
    has tried to log in for a while.
    """
    longest = max(settings.LOGIN_FAILURE_WINDOW_MINUTES, settings.SIGNUP_WINDOW_MINUTES)
    deleted, _ = Attempt.objects.filter(
        attempted_at__lt=timezone.now() - timedelta(minutes=longest)
    ).delete()
    return deleted


def _attempt_record(*, kind: str, username_key: str, ip_address: str | None) -> Attempt:
    # durable: this must commit now, before the count that follows, so it may
    # not run inside a caller's transaction (that would raise here, loudly).
    with transaction.atomic(durable=True):
        attempts_prune()
        attempt = Attempt(
            kind=kind,
            username_key=username_key,
            ip_address=ip_address,
            attempted_at=timezone.now(),
        )
        attempt.full_clean()
        attempt.save()
    return attempt


@transaction.atomic
def _attempt_withdraw(*, attempt: Attempt) -> None:
    Attempt.objects.filter(pk=attempt.pk).delete()


@transaction.atomic
def user_update(
    *,
    user: User,
    time_zone: str,
    first_name: str = "",
    last_name: str = "",
    email: str | None = None,
) -> User:
    """The account settings: the person's name (to sign their emails), time zone,
    and, where passwords are reset by email, their address (None keeps it)."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.time_zone = time_zone
    if email is not None:
        user.email = User.objects.normalize_email(email.strip())
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "email", "time_zone"])
    return user


@transaction.atomic
def user_create(*, username: str, password: str, time_zone: str = "") -> User:
    user = User(username=username, time_zone=time_zone or settings.TIME_ZONE)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
