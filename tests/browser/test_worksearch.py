"""The work-search record in a real browser: an activity added and listed with an
application, the CSV downloaded, and the page printed without menus or buttons."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.tracker.factories import ApplicationFactory


def test_an_activity_joins_the_applications_in_the_record_which_downloads_and_prints(
    logged_in: Page, live_server, user
):
    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    ApplicationFactory(user=user, company="Acme Analytics", role="Data analyst")
    page = logged_in

    page.goto(f"{live_server.url}/applications/")
    page.get_by_role("link", name="Work-search record").click()
    expect(page.get_by_role("heading", name="Work-search record", level=1)).to_be_visible()
    expect(page.get_by_text("Name: Ada Lovelace")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add an activity").click()
    expect(page.get_by_role("heading", name="Add an activity")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What it was").select_option(label="Career fair")
    page.get_by_label("Organisation or employer").fill("City Careers Fair")
    page.get_by_label("Person you dealt with").fill("Jo Park")
    page.get_by_role("group", name="How", exact=True).get_by_label("In person").check()
    page.get_by_label("Address or website").fill("Town Hall, Market Square")
    page.get_by_label("Outcome so far").fill("Two employers asked for my CV.")
    page.get_by_role("button", name="Save").click()

    # Back on the record, for the same period: the activity beside the application.
    expect(page.get_by_role("heading", name="Work-search record", level=1)).to_be_visible()
    table = page.get_by_role("table").last
    expect(table).to_contain_text("Career fair")
    expect(table).to_contain_text("City Careers Fair")
    expect(table).to_contain_text("Two employers asked for my CV.")
    expect(table).to_contain_text("Acme Analytics")
    expect(table).to_contain_text("Position: Data analyst")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert re.fullmatch(
        r"work-search-record-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv",
        download.value.suggested_filename,
    )
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("Week starting,Date,Activity,")
    assert "City Careers Fair" in content and "Acme Analytics" in content

    print_button = page.get_by_role("button", name="Print or save as PDF")
    expect(print_button).to_be_visible()  # the script shows it
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Applications")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(page.get_by_role("link", name="Download as CSV")).to_be_hidden()
    expect(page.get_by_role("button", name="Show this period")).to_be_hidden()
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    expect(page.get_by_text("Name: Ada Lovelace")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Period: "))).to_be_visible()
    expect(table).to_contain_text("City Careers Fair")
    # One week to a page: every week after the first starts a new one.
    breaks = page.locator(".record-week").evaluate_all(
        "weeks => weeks.map(w => getComputedStyle(w).breakBefore)"
    )
    assert breaks[0] != "page" and all(b == "page" for b in breaks[1:]), breaks

    page.emulate_media(media="screen")
    page.get_by_role("navigation", name="Applications").get_by_role(
        "link", name="Activities"
    ).click()
    expect(page.get_by_role("link", name="Career fair, City Careers Fair")).to_be_visible()
    assert_accessible(page)


def test_a_period_back_to_front_is_explained_on_the_page(logged_in: Page, live_server):
    page = logged_in
    page.goto(f"{live_server.url}/work-search/")
    page.get_by_label("From").fill("2026-11-18")
    page.get_by_label("To").fill("2026-11-01")
    page.get_by_role("button", name="Show this period").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("The end date is before the start date")
    expect(page.get_by_label("From")).to_have_value("2026-11-18")
    expect(page.get_by_label("To")).to_have_value("2026-11-01")
    assert_accessible(page)
