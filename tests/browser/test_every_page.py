"""Every page, filled with a demo's worth of data, in a real browser.

axe finds no accessibility violations, and (through the page fixture) no
page breaks the Content-Security-Policy, logs a script error or loads
anything from another origin.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from jobsearch.management.commands.demo import DEMO_USERNAME
from jobsearch.models import User
from tests.browser.axe import assert_accessible
from tests.routes import OBJECTS, object_routes, own_routes, routes


@pytest.fixture
def demo_user(transactional_db):
    call_command("demo", stdout=io.StringIO())
    return User.objects.get(username=DEMO_USERNAME)


def pages_of(user) -> list[str]:
    with_args = {name for name, pattern in routes() if pattern.pattern.converters}
    urls = [reverse(name) for name in own_routes() if name not in with_args]
    urls += [reverse(name, kwargs=OBJECTS[name](user)) for name in object_routes()]
    client = Client()
    client.force_login(user)
    return [url for url in urls if _is_page(client.get(url))]


def _is_page(response) -> bool:
    """A 200 that the browser shows, not a file it saves (CSV, backup, calendar)."""
    return response.status_code == 200 and not response.get("Content-Disposition", "").startswith(
        "attachment"
    )


@pytest.fixture
def user(demo_user):
    return demo_user


def test_every_page_is_accessible_and_keeps_to_the_policy(logged_in: Page, live_server, user):
    pages = pages_of(user)
    assert len(pages) > 30
    for url in pages:
        response = logged_in.goto(live_server.url + url)
        assert response.ok, url
        try:
            assert_accessible(logged_in)
        except AssertionError as error:
            raise AssertionError(f"{url}:\n{error}") from None


def test_the_public_pages_too(page: Page, live_server, transactional_db):
    for url in ("/login/", "/signup/"):
        page.goto(live_server.url + url)
        assert_accessible(page)
