from __future__ import annotations

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from jobsearch.models import User
from journal import demo as journal_demo
from tracker import demo as tracker_demo

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-journal-2026"


class Command(BaseCommand):
    help = "Create (or refresh) the demo account with a few months of sample job search."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
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
            self.stdout.write(f"{verb} the demo account with a few months of sample data.")
        else:
            self.stdout.write(f"{verb} the demo account; its data is as it was.")
        self.stdout.write(f"  username: {DEMO_USERNAME}")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
