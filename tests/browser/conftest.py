"""Fixtures for tests in a real Chromium.

Every browser test fails on a Content-Security-Policy violation, a script
error, or a request to another origin — so each new page is checked for
those without anyone remembering to.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from tests.jobsearch.factories import PASSWORD, UserFactory


@pytest.fixture
def page(page: Page, live_server) -> Iterator[Page]:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:", "about:"))
            else problems.append(f"request to another origin: {request.url}")
        ),
    )

    def on_dialog(dialog) -> None:
        # A test that expects a dialog (the unsaved-text warning) says so by
        # listing its type in page.expected_dialogs.
        if dialog.type not in getattr(page, "expected_dialogs", ()):
            problems.append(f"unexpected {dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(10_000)
    yield page
    assert not problems, "\n".join(problems)


@pytest.fixture
def user(transactional_db):
    return UserFactory()


@pytest.fixture
def logged_in(page: Page, live_server, user) -> Page:
    """A page whose browser is logged in as `user`, without going through the form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return page


__all__ = ["PASSWORD"]
