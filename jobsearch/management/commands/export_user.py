from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobsearch.models import User
from jobsearch.portability.backup import backup_json


class Command(BaseCommand):
    help = (
        "Write one person's full backup (the JSON file of “Download everything”) "
        "to a file, or to standard output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "-o", "--output", help="the file to write (default: standard output)", default="-"
        )
        parser.add_argument(
            "--force", action="store_true", help="replace the output file if it exists"
        )

    def handle(self, *args, username: str, output: str, force: bool, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account called {username!r}.")
        text = backup_json(user=user)
        if output == "-":
            self.stdout.write(text)
            return
        path = Path(output)
        if path.exists() and not force:
            raise CommandError(f"{path} already exists; add --force to replace it.")
        path.write_text(text + "\n", encoding="utf-8")
        path.chmod(0o600)  # it holds a private journal
        self.stderr.write(f"Wrote the backup of {username} to {path}.")
