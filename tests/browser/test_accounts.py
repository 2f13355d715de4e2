from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.jobsearch.factories import PASSWORD


def test_sign_up_log_out_and_log_in_again(page: Page, live_server, transactional_db):
    page.goto(live_server.url)
    expect(page).to_have_title(re.compile("^Log in"))
    page.get_by_role("link", name="Create an account").click()

    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Hello, maya")).to_be_visible()
    expect(page.get_by_text("Your journal is ready")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out")).to_be_visible()

    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, maya")).to_be_visible()


def test_sign_up_stores_the_browsers_time_zone(page: Page, live_server, transactional_db):
    from jobsearch.models import User

    page.context.close()
    context = page.context.browser.new_context(timezone_id="America/Halifax")
    other = context.new_page()
    other.goto(f"{live_server.url}/signup/")
    other.get_by_label("Username").fill("ines")
    other.get_by_label("Password", exact=True).fill(PASSWORD)
    other.get_by_label("Type the password again").fill(PASSWORD)
    other.get_by_role("button", name="Create account").click()
    expect(other.get_by_role("heading", name="Hello, ines")).to_be_visible()
    assert User.objects.get(username="ines").time_zone == "America/Halifax"
    context.close()


def test_a_sign_up_mistake_moves_focus_to_the_error_summary(
    page: Page, live_server, transactional_db
):
    page.goto(f"{live_server.url}/signup/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill("not the same")
    page.get_by_role("button", name="Create account").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Username")).to_have_value("maya")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Type the password again")).to_be_focused()


def test_dismissing_a_notice(logged_in: Page, live_server):
    logged_in.goto(f"{live_server.url}/settings/")
    logged_in.get_by_role("button", name="Save settings").click()
    expect(logged_in.get_by_text("Your settings are saved")).to_be_visible()
    logged_in.get_by_role("button", name="Dismiss this message").click()
    expect(logged_in.get_by_text("Your settings are saved")).to_have_count(0)


def test_account_pages_have_no_accessibility_violations(page: Page, live_server, transactional_db):
    page.goto(f"{live_server.url}/signup/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)


def test_the_dashboard_has_no_accessibility_violations(logged_in: Page, live_server):
    logged_in.goto(live_server.url)
    expect(logged_in.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(logged_in)


def test_without_mail_the_log_in_page_says_how_to_reset_a_password(
    page: Page, live_server, transactional_db, settings
):
    settings.PASSWORD_RESET_BY_EMAIL = False
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="Forgotten your password?")).to_be_visible()
    expect(page.get_by_text(".venv/bin/python manage.py changepassword USERNAME")).to_be_visible()
    assert_accessible(page)


def test_resetting_a_forgotten_password_by_email(
    page: Page, live_server, transactional_db, settings
):
    from django.core import mail

    from tests.jobsearch.factories import UserFactory

    settings.PASSWORD_RESET_BY_EMAIL = True
    UserFactory(username="noor", email="noor@example.org")
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your email address").fill("noor@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    (message,) = mail.outbox
    link = re.search(r"/password-reset/\S+/", message.body).group(0)
    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a-brand-new-password-77")
    page.get_by_label("Type the new password again").fill("a-brand-new-password-77")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("noor")
    page.get_by_label("Password").fill("a-brand-new-password-77")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, noor")).to_be_visible()


def test_after_logging_out_back_does_not_show_the_journal(logged_in: Page, live_server):
    # The whole behaviour in a real browser; the Cache-Control: no-store that a
    # browser's back-forward cache needs is checked in tests/jobsearch/test_middleware.py.
    logged_in.goto(f"{live_server.url}/journal/")
    expect(logged_in.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    logged_in.get_by_role("button", name="Log out").click()
    expect(logged_in.get_by_text("You have logged out")).to_be_visible()
    logged_in.go_back()
    expect(logged_in).to_have_title(re.compile("^Log in"))
    expect(logged_in.get_by_role("heading", name="Journal", exact=True)).to_have_count(0)
