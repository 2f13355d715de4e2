"""Importing a spreadsheet in a real browser: upload, match a column, import, and
find the applications in the list with their statuses and dates."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.portability import samples
from tests.portability.samples import days_ago
from tracker.models import Application


def test_upload_a_spreadsheet_match_a_column_and_import(logged_in: Page, live_server, user):
    rows = [
        ["Employer", "Position", "Where I'm at", "Date applied", "Comments"],
        ["Globex", "Account Manager", "Phone screen", days_ago(40), "Nice people"],
        ["Initech", "Sales Lead", "Ghosted", days_ago(80), ""],
        ["Umbrella", "Key Accounts", "Applied", days_ago(13), ""],
    ]
    page = logged_in
    page.goto(f"{live_server.url}/data/import/")
    assert_accessible(page)
    page.get_by_label("A file").set_input_files(
        files=[
            {
                "name": "my applications.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": samples.xlsx(rows),
            }
        ]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Check your import")).to_be_visible()
    expect(page.get_by_text("my applications.xlsx: 3 rows")).to_be_visible()
    assert_accessible(page)

    # "Where I'm at" is their status column: say so, and see their words become ours.
    page.get_by_label("Status (optional)", exact=True).select_option(label="Where I'm at")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.get_by_label("“Phone screen” (1 row)")).to_have_value("screening")
    expect(page.get_by_label("“Ghosted” (1 row)")).to_have_value("no_response")
    preview = page.get_by_role("table")
    expect(preview.get_by_role("row", name=re.compile("Globex"))).to_contain_text("Screening")

    page.get_by_role("button", name="Import 3 applications").click()
    expect(page.get_by_text("Imported 3 applications.")).to_be_visible()
    globex = page.get_by_role("row", name=re.compile("Globex"))
    expect(globex).to_contain_text("Screening")
    expect(globex).to_contain_text(f"{days_ago(40):%-d %b %Y}")
    expect(page.get_by_role("row", name=re.compile("Initech"))).to_contain_text("No response")
    assert Application.objects.filter(user=user).count() == 3
