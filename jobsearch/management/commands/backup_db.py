from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to a file, safely while the app runs "
        "(SQLite's online backup API, so the latest writes are in the copy)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "destination", help="the file to write, e.g. ~/backups/jobsearch.sqlite3"
        )
        parser.add_argument(
            "--force", action="store_true", help="replace the destination if it exists"
        )

    def handle(self, *args, destination: str, force: bool, **options) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(
                "This database is not SQLite. Back up PostgreSQL with pg_dump instead."
            )
        source = str(connection.settings_dict["NAME"])
        target = Path(destination).expanduser()
        if target.resolve() == Path(source).resolve():
            raise CommandError("The copy cannot be the database itself; choose another file.")
        if target.exists() and not force:
            raise CommandError(f"{target} already exists; add --force to replace it.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent}.")
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        # Every account's journal goes into this file: it is made private (0600) before
        # SQLite writes a page into it, not after (SQLite's journal beside it takes the
        # same mode). O_EXCL: a file someone slipped in meanwhile is not written through.
        try:
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise CommandError(f"{partial} appeared while starting; try again.") from None
        # Django's own connection to the database (the test suite's is in memory);
        # the backup API copies it page by page while the app goes on writing.
        connection.ensure_connection()
        dst = sqlite3.connect(partial)
        try:
            connection.connection.backup(dst)
            (result,) = dst.execute("PRAGMA integrity_check").fetchone()
            # A copy that opens on its own, without a WAL file beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        if result != "ok":
            partial.unlink(missing_ok=True)
            raise CommandError(f"The copy did not pass SQLite's integrity check: {result}")
        partial.replace(target)
        self.stdout.write(f"Backed up the database to {target}.")
