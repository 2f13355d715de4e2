"""Import & export in a real browser: downloads, a restore, the calendar address,
and leaving for good."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from jobsearch.models import User
from tests.browser.axe import assert_accessible
from tests.jobsearch.factories import PASSWORD, UserFactory
from tests.tracker.factories import ApplicationFactory
from tracker.models import Application


def _open_the_page(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Import & export").click()
    expect(page.get_by_role("heading", name="Import & export", level=1)).to_be_visible()


def test_downloading_the_applications_and_everything(logged_in: Page, live_server, user):
    ApplicationFactory(user=user, company="Acme", role="Analyst")
    _open_the_page(logged_in, live_server)
    assert_accessible(logged_in)

    with logged_in.expect_download() as download:
        logged_in.get_by_role("link", name="Download applications (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("company,role,status,applied_on")
    assert "Acme,Analyst,applied" in text

    with logged_in.expect_download() as download:
        logged_in.get_by_role("link", name="Download everything").click()
    assert re.fullmatch(
        r"jobsearch-backup-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename
    )
    backup = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert backup["applications"][0]["company"] == "Acme"


def test_restoring_a_backup_into_a_new_account(logged_in: Page, live_server, user, tmp_path):
    from jobsearch.portability.backup import backup_json

    someone = UserFactory()
    ApplicationFactory(user=someone, company="Brought along")
    path = tmp_path / "backup.json"
    path.write_text(backup_json(user=someone), encoding="utf-8")

    _open_the_page(logged_in, live_server)
    logged_in.get_by_role("link", name="Restore a backup").click()
    logged_in.get_by_label("Backup file").set_input_files(str(path))
    logged_in.get_by_role("button", name="Check this file").click()
    expect(logged_in.get_by_role("heading", name="Restore this backup?")).to_be_visible()
    expect(logged_in.get_by_text("1 application", exact=True)).to_be_visible()
    assert_accessible(logged_in)
    logged_in.get_by_role("button", name="Restore", exact=True).click()
    expect(logged_in.get_by_text("Your backup is restored")).to_be_visible()
    assert Application.objects.get(user=user).company == "Brought along"


def test_a_file_that_is_not_a_backup_is_explained(logged_in: Page, live_server, tmp_path):
    path = tmp_path / "applications.csv"
    path.write_text("company,role\nAcme,Analyst\n")
    logged_in.goto(f"{live_server.url}/data/restore/")
    assert_accessible(logged_in)
    logged_in.get_by_label("Backup file").set_input_files(str(path))
    logged_in.get_by_role("button", name="Check this file").click()
    expect(logged_in.get_by_role("alert")).to_be_focused()
    expect(logged_in).to_have_title(re.compile("^Error: "))
    expect(logged_in.get_by_role("alert")).to_contain_text("could not be read")
    assert_accessible(logged_in)


def test_making_a_calendar_address_shows_it_once(logged_in: Page, live_server):
    _open_the_page(logged_in, live_server)
    logged_in.get_by_role("button", name="Make a private address").click()
    address = logged_in.get_by_label("Your private calendar address")
    expect(address).to_have_value(re.compile(r"^http://.+/data/calendar/feed\.ics\?token=.+$"))
    response = logged_in.request.get(address.input_value())
    assert response.ok
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    logged_in.reload()
    expect(logged_in.get_by_label("Your private calendar address")).to_have_count(0)
    expect(logged_in.get_by_role("button", name="Make a new address")).to_be_visible()


def test_deleting_the_account(logged_in: Page, live_server, user):
    ApplicationFactory(user=user)
    _open_the_page(logged_in, live_server)
    logged_in.get_by_role("link", name="Delete my account").click()
    expect(logged_in.get_by_role("heading", name="Keep a copy first?")).to_be_visible()
    assert_accessible(logged_in)

    logged_in.get_by_label("Your password").fill("not my password")
    logged_in.get_by_role("button", name="Delete my account and everything in it").click()
    expect(logged_in.get_by_role("alert")).to_be_focused()
    expect(logged_in.get_by_role("alert")).to_contain_text("That is not your password.")
    assert User.objects.filter(pk=user.pk).exists()

    logged_in.get_by_label("Your password").fill(PASSWORD)
    logged_in.get_by_role("button", name="Delete my account and everything in it").click()
    expect(logged_in.get_by_text("Your account and everything in it are deleted.")).to_be_visible()
    expect(logged_in).to_have_title(re.compile("^Log in"))
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Application.objects.exists()
