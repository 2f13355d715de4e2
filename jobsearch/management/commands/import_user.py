from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobsearch.models import User
from jobsearch.portability.backup import BackupError, backup_parse, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a full backup into an account: a new one (--create), an empty one, "
        "or one in use (the backup is added beside what is there)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("file", help="the backup file (- for standard input)")
        parser.add_argument(
            "--create",
            action="store_true",
            help="create the account first; set its password with `manage.py changepassword`",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, changing nothing"
        )

    def handle(self, *args, username: str, file: str, create: bool, dry_run: bool, **options):
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror}.") from None
        try:
            data = backup_parse(raw)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        user = User.objects.filter(username=username).first()
        if user is None and not create:
            raise CommandError(f"There is no account called {username!r}; add --create to make it.")
        if user is not None and create:
            raise CommandError(f"The account {username!r} exists already; leave out --create.")
        try:
            # The new account and the restore are one transaction: a file that is
            # refused (or a dry run) leaves no account behind.
            with transaction.atomic():
                if user is None:
                    user = User(username=username)
                    user.set_unusable_password()
                    user.full_clean()
                    user.save()
                summary = backup_restore(user=user, data=data, dry_run=dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        except ValidationError as error:
            raise CommandError(
                f"The account {username!r} cannot be made: {' '.join(error.messages)}"
            ) from None
        added = ", ".join(summary.lines()) or "nothing new"
        verb = "Would add" if dry_run else "Added"
        self.stdout.write(f"{verb} to {username}: {added}.")
        for item in summary.kept:
            self.stdout.write(f"  kept the account's own {item}")
        if create and not dry_run:
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")
