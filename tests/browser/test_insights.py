"""Insights in a real browser, with the demo's few months of data."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from jobsearch.management.commands.demo import DEMO_USERNAME
from jobsearch.models import User
from tests.browser.axe import assert_accessible


@pytest.fixture
def user(transactional_db):
    call_command("demo", stdout=io.StringIO())
    return User.objects.get(username=DEMO_USERNAME)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_insights_are_accessible_in_both_colour_schemes(logged_in: Page, live_server, scheme):
    logged_in.emulate_media(color_scheme=scheme)
    for period in ("90", "all"):
        logged_in.goto(f"{live_server.url}/insights/?period={period}")
        expect(logged_in.get_by_role("img", name="How far applications got")).to_be_visible()
        assert_accessible(logged_in)
        # And with every table of numbers open.
        closed = logged_in.locator("details.chart__numbers:not([open]) > summary")
        while closed.count():
            closed.first.click()
        assert_accessible(logged_in)


def test_each_chart_is_read_in_words_and_its_numbers_open_from_the_keyboard(
    logged_in: Page, live_server
):
    logged_in.goto(f"{live_server.url}/insights/")
    funnel = logged_in.get_by_role("figure", name="How far applications got")
    expect(funnel).to_contain_text("The biggest drop comes")
    summary = funnel.get_by_text("The numbers behind this chart")
    table = funnel.get_by_role("table")
    expect(table).to_be_hidden()
    summary.focus()
    logged_in.keyboard.press("Enter")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="Applied")).to_be_visible()
    # The chart itself can be reached (and scrolled on a narrow screen) with the keyboard.
    frame = funnel.get_by_role("group", name="How far applications got: chart")
    frame.focus()
    expect(frame).to_be_focused()


def test_the_period_picker_changes_the_period(logged_in: Page, live_server):
    logged_in.goto(f"{live_server.url}/insights/")
    picker = logged_in.get_by_role("navigation", name="Period")
    expect(picker.locator("[aria-current=true]")).to_have_text("Last 90 days")
    picker.get_by_role("link", name="All time").click()
    expect(logged_in).to_have_url(f"{live_server.url}/insights/?period=all")
    expect(picker.locator("[aria-current=true]")).to_have_text("All time")
    expect(logged_in.get_by_text("over everything you have recorded")).to_be_visible()
