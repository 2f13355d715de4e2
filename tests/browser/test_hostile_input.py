from __future__ import annotations

from django.test import Client
from playwright.sync_api import Page

from tests.hostile import ACTIVE
from tests.test_hostile_input import hostile_world


def test_no_script_runs_from_stored_text_on_any_page(logged_in: Page, live_server, user):
    """The page fixture fails on any dialog (alert), script error or CSP violation."""
    urls, _ = hostile_world(user, ACTIVE)
    client = Client()
    client.force_login(user)
    # Pages only: not POST-only actions, and not downloads (a browser saves those).
    pages = [
        url
        for url in urls
        if (response := client.get(url)).status_code == 200
        and not response.get("Content-Disposition", "").startswith("attachment")
    ]
    assert len(pages) > 10
    for url in pages:
        response = logged_in.goto(live_server.url + url)
        assert response.ok, f"{url}: {response.status}"
        # Give any injected handler (onload, ontoggle, htmx triggers) its chance to fire.
        logged_in.wait_for_load_state("networkidle")
        assert logged_in.evaluate("document.querySelectorAll('script:not([src])').length") == 0
