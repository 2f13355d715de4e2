from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from jobsearch import weekly_review
from jobsearch.models import User
from journal import demo as journal_demo
from tracker import demo as tracker_demo

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-journal-2026"


class Command(BaseCommand):
    help = "Create (or refresh) the demo account with a few months of sample job search."

    def handle(self, *args, **options) -> None:
        if settings.HTTPS:
            # CommandError: a plain message on stderr and exit status 1.
            raise CommandError(
                "This install is served over HTTPS (JOBSEARCH_HTTPS is on), so other people "
                "can reach it. The demo account's password is no secret (it is in the app's "
                "own code), so the demo account is not made here. Try the demo on your own "
                "computer instead."
            )
        self._create_or_refresh()

    @transaction.atomic
    def _create_or_refresh(self) -> None:
        user, created = User.objects.get_or_create(username=DEMO_USERNAME)
        # Setting the password every time keeps what we print true, even if
        # someone changed it while trying the app.
        user.set_password(DEMO_PASSWORD)
        if not user.get_full_name():
            # The feedback emails are signed with it.
            user.first_name, user.last_name = "Alex", "Rivera"
        user.save()
        verb = "Created" if created else "Refreshed"
        if not user.applications.exists():
            # Seeded once; running the command again keeps what is there.
            rng = random.Random(2026)
            today = timezone.localdate()
            tracker_demo.seed(user=user, today=today, rng=rng)
            journal_demo.seed(user=user, today=today, rng=rng)
            # The account has "been here" as long as its sample history, so the
            # dashboard offers to review last week from the first visit.
            user.date_joined = timezone.now() - timedelta(days=journal_demo.DAYS)
            user.save(update_fields=["date_joined"])
            weekly_review.demo_seed(user=user, today=today)
            self.stdout.write(f"{verb} the demo account with a few months of sample data.")
        else:
            self.stdout.write(f"{verb} the demo account; its data is as it was.")
        self.stdout.write(f"  username: {DEMO_USERNAME}")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
