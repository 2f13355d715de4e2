from __future__ import annotations

from django.core.management.base import BaseCommand

from jobsearch import services


class Command(BaseCommand):
    help = (
        "Remove log-in and sign-up attempts too old to count. `make run` does it at start; "
        "on a shared install, run it from cron (say, hourly)."
    )

    def handle(self, *args, **options) -> None:
        deleted = services.attempts_prune()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Removed {deleted} old log-in and sign-up attempt{'s' if deleted != 1 else ''}."
            )
