"""The three top moments and a check-in, with the keyboard alone.

Only Tab, Shift+Tab, Enter, Space, arrow keys and typing; after every key
the focused element must show a visible focus ring.
"""

from __future__ import annotations

import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from journal.models import Entry
from tracker import services
from tracker.models import Application, FollowUp, Status

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing focused";
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return ring ? "" : `no focus ring on ${el.outerHTML.slice(0, 80)}`;
}"""

FOCUSED_NAME = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const parts = [el.getAttribute("aria-label") || "", label, el.innerText || "", el.value || ""];
  return parts.map(part => part.replace(/\\s*\\n\\s*/g, "")).join(" | ");
}"""


HTMX_BUSY = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def press(page: Page, key: str) -> None:
    before = page.url
    page.keyboard.press(key)
    try:
        if key in ("Enter", "Space"):
            # An in-place update: judge focus once htmx has swapped and settled.
            page.wait_for_timeout(30)
            page.wait_for_function(HTMX_BUSY)
        if page.url != before:
            page.wait_for_load_state()
            return  # a new page: focus starts from the top, as it should
        problem = page.evaluate(FOCUS_VISIBLE)
    except PlaywrightError:
        # The key followed a link or sent a form: nothing to check until it is in.
        page.wait_for_load_state()
        return
    assert not problem, f"after {key}: {problem}"


def tab_to(page: Page, name: str | re.Pattern, limit: int = 80, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element's label or text matches `name`."""
    pattern = name if isinstance(name, re.Pattern) else re.compile(re.escape(name))
    for _ in range(limit):
        press(page, "Shift+Tab" if back else "Tab")
        if pattern.search(page.evaluate(FOCUSED_NAME)):
            return
    raise AssertionError(f"never reached {name!r} with Tab")


def test_the_main_tasks_with_the_keyboard_alone(logged_in: Page, live_server, user):
    page = logged_in
    application = services.application_create(user=user, company="Bluefin", role="Analyst")
    followup = FollowUp.objects.get(application=application)  # the suggested check-in
    page.goto(live_server.url)

    # Add an application.
    tab_to(page, "Add an application")
    press(page, "Enter")
    expect(page.get_by_role("heading", name="Add an application")).to_be_visible()
    tab_to(page, "Company")
    page.keyboard.type("Northwind")
    press(page, "Tab")
    page.keyboard.type("Data analyst")
    tab_to(page, "Add application")
    press(page, "Enter")
    expect(
        page.get_by_role("heading", name=re.compile("Data analyst at Northwind"))
    ).to_be_visible()

    # Change its status on its page.
    tab_to(page, "New status")
    page.keyboard.type("Screening")
    tab_to(page, "Record this step")
    press(page, "Enter")
    expect(page.get_by_text("Moved to “Screening”.")).to_be_visible()
    assert Application.objects.get(company="Northwind").status == Status.SCREENING

    # Mark a follow-up done, on the follow-ups page.
    tab_to(page, re.compile(r"^\s*\|\s*\|\s*Follow-ups"), back=True)  # up to the menu
    press(page, "Enter")
    expect(page.get_by_role("heading", name="Follow-ups", level=1)).to_be_visible()
    tab_to(page, "Mark done: Check in with Bluefin")
    press(page, "Space")
    expect(page.get_by_text("Marked done.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Undo"))).to_be_focused()
    followup.refresh_from_db()
    assert followup.done_at is not None

    # Write a check-in.
    tab_to(page, re.compile(r"^\s*\|\s*\|\s*Journal"), back=True)
    press(page, "Enter")
    tab_to(page, re.compile(r"^\s*\|\s*\|\s*Check in\s"))
    press(page, "Enter")
    tab_to(page, re.compile(r"^\s*\|\s*1\s*\|"))  # the mood scale: one stop for all ten
    for _ in range(3):
        press(page, "ArrowRight")  # arrows move along a radio group and choose
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    tab_to(page, "A short note")
    page.keyboard.type("Tired, but I sent two applications.")
    tab_to(page, re.compile("Save"))
    press(page, "Enter")
    expect(page.get_by_text("Tired, but I sent two applications.")).to_be_visible()
    entry = Entry.objects.get(user=user, kind=Entry.Kind.CHECK_IN)
    assert entry.mood == 4
