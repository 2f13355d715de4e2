from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; without this
# Django refuses ORM calls from live_server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_DIR = Path(__file__).parent / "browser"


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if BROWSER_DIR in Path(item.path).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if not browser_items or chromium_path():
        return
    where = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"REQUIRE_BROWSER=1 but no Chromium at {where}. "
            "Install it (apt-get install chromium) or set CHROMIUM_PATH."
        )
    skip = pytest.mark.skip(reason=f"no Chromium at {where}; set CHROMIUM_PATH or install it")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        # Root in a container needs --no-sandbox; the rest stop Chromium from
        # reaching out to Google's services on a machine with no network.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def default_time_zone():
    """Each test starts in the default zone: a request made by an earlier test leaves
    its person's zone active in this thread (jobsearch.middleware.user_time_zone)."""
    from django.utils import timezone

    timezone.deactivate()
    yield
    timezone.deactivate()


@pytest.fixture
def owner(db):
    from tests.jobsearch.factories import UserFactory

    return UserFactory()


@pytest.fixture
def stranger(db):
    """Someone else with an account: they must never see the owner's things."""
    from tests.jobsearch.factories import UserFactory

    return UserFactory()


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client
