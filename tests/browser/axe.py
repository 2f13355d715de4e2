from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_axe = Axe()


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now: no violations allowed."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()
