"""`make screenshots` refreshes the pictures the README shows.

Not part of `make test` (they write into the repository); run them after a
visible change and look at the result before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from jobsearch.management.commands.demo import DEMO_USERNAME
from jobsearch.models import User

OUT = Path(__file__).resolve().parents[2] / "static" / "img"

pytestmark = pytest.mark.screenshots


def _as_demo(page: Page, live_server) -> User:
    """The demo account, with its few months of data, logged in in this browser."""
    from django.test import Client

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = User.objects.get(username=DEMO_USERNAME)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return user


def test_dashboard_screenshot(page: Page, live_server, transactional_db):
    _as_demo(page, live_server)
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(live_server.url)
    page.screenshot(path=OUT / "screenshot-dashboard.png", full_page=False)


def test_feedback_composer_screenshot(page: Page, live_server, transactional_db):
    from tracker.models import Application, Status

    user = _as_demo(page, live_server)
    application = (
        Application.objects.filter(
            user=user, status=Status.REJECTED, feedback_requests__isnull=True
        )
        .exclude(contacts=None)
        .order_by("-status_changed_on")
        .first()
    )
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/feedback/new/?application={application.pk}")
    page.screenshot(path=OUT / "screenshot-feedback.png", full_page=False)


def test_insights_screenshot(page: Page, live_server, transactional_db):
    _as_demo(page, live_server)
    page.set_viewport_size({"width": 1200, "height": 1000})
    page.goto(f"{live_server.url}/insights/")
    page.screenshot(path=OUT / "screenshot-insights.png", full_page=False)
