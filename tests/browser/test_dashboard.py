"""The dashboard in a real Chromium: "Needs you" and its actions, panels that follow
what happens elsewhere on the page, quick add, and axe in both colour schemes."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from jobsearch.management.commands.demo import DEMO_USERNAME
from jobsearch.models import User
from tests.browser.axe import assert_accessible
from tests.tracker.factories import FollowUpFactory
from tracker import services
from tracker.models import Application, Status


def mark_page(page: Page) -> None:
    """Leave a mark in the page's JavaScript: a full reload would wipe it."""
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__notReloaded === true"), "the page reloaded"


def applied(user, company: str, days_ago: int) -> Application:
    return services.application_create(
        user=user,
        company=company,
        role="Data analyst",
        applied_on=timezone.localdate() - timedelta(days=days_ago),
    )


def test_a_rejection_is_under_needs_you_and_reflect_opens_the_linked_reflection(
    logged_in: Page, live_server, user
):
    application = applied(user, "Larkspur Energy", 30)
    services.application_set_status(application=application, status=Status.REJECTED)
    page = logged_in
    page.goto(live_server.url + "/")
    needs = page.get_by_role("region", name=re.compile("^Needs you"))
    item = needs.get_by_role("listitem").filter(has_text="Larkspur Energy")
    expect(item).to_contain_text("Rejected today.")
    item.get_by_role("link", name="Reflect on Data analyst at Larkspur Energy").click()
    expect(page).to_have_url(re.compile(r"/journal/reflections/new/\?application=\d+&event=\d+"))
    expect(page.locator(".lead")).to_contain_text("Larkspur Energy")


def test_not_now_hides_the_offer_and_undo_brings_it_back(logged_in: Page, live_server, user):
    application = applied(user, "Larkspur Energy", 30)
    services.application_set_status(application=application, status=Status.REJECTED)
    page = logged_in
    page.goto(live_server.url + "/")
    mark_page(page)
    needs = page.locator("#needs-you")
    needs.get_by_role("button", name=re.compile("^Not now")).click()
    expect(needs.get_by_role("status")).to_have_text(
        "Hidden for now: a reflection on Data analyst at Larkspur Energy."
    )
    undo = needs.get_by_role("button", name=re.compile("^Undo"))
    expect(undo).to_be_focused()
    undo.click()
    # The list redraws itself with the offer back in its place.
    expect(
        needs.get_by_role("link", name="Reflect on Data analyst at Larkspur Energy")
    ).to_be_visible()
    application.refresh_from_db()
    assert application.needs_you_dismissed_on is None
    assert_not_reloaded(page)


def test_mark_as_no_response_and_its_undo_update_the_counts_in_place(
    logged_in: Page, live_server, user
):
    application = applied(user, "Quarry Street Media", 30)
    page = logged_in
    page.goto(live_server.url + "/")
    mark_page(page)
    applied_count = page.locator("#pipeline-counts").get_by_role("link", name=re.compile("Applied"))
    expect(applied_count).to_contain_text("1")
    item = page.locator("#needs-you").get_by_role("listitem").filter(has_text="has gone quiet")
    item.get_by_role("button", name=re.compile("^Mark as no response")).click()

    expect(page.get_by_role("status").filter(has_text="as “No response”")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Write a few lines about it"))).to_be_visible()
    expect(applied_count).to_contain_text("0")
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE
    assert application.events.filter(status=Status.NO_RESPONSE).count() == 1

    page.locator("#needs-you").get_by_role("button", name=re.compile("^Undo")).click()
    expect(applied_count).to_contain_text("1")
    expect(
        page.locator("#needs-you").get_by_role("button", name=re.compile("^Mark as no response"))
    ).to_be_visible()
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not application.events.filter(status=Status.NO_RESPONSE).exists()
    assert_not_reloaded(page)


def test_still_waiting_takes_it_off_the_list_without_changing_it(
    logged_in: Page, live_server, user
):
    application = applied(user, "Quarry Street Media", 30)
    page = logged_in
    page.goto(live_server.url + "/")
    page.locator("#needs-you").get_by_role("button", name=re.compile("^Still waiting")).click()
    expect(page.locator("#needs-you").get_by_role("status")).to_contain_text(
        "Still waiting on Quarry Street Media."
    )
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert application.still_waiting_on == timezone.localdate()


def test_marking_a_follow_up_done_updates_the_count_without_a_reload(
    logged_in: Page, live_server, user
):
    for title in ("Thank Priya for the call", "Send the portfolio link"):
        FollowUpFactory(user=user, title=title, due_on=timezone.localdate())
    page = logged_in
    page.goto(live_server.url + "/")
    mark_page(page)
    count = page.locator("#due-count")
    expect(count).to_have_text("2 follow-ups due")
    item = page.get_by_role("listitem").filter(has_text="Thank Priya for the call")
    item.get_by_role("button", name=re.compile("^Mark done")).click()
    expect(count).to_have_text("1 follow-up due")
    item.get_by_role("button", name=re.compile("^Undo")).click()
    expect(count).to_have_text("2 follow-ups due")
    assert_not_reloaded(page)


def test_quick_add_adds_in_place_and_the_counts_follow(logged_in: Page, live_server, user):
    page = logged_in
    page.goto(live_server.url + "/")
    mark_page(page)
    form = page.locator("#quick-add")
    form.get_by_role("button", name="Add").click()
    expect(form.get_by_role("alert")).to_contain_text("Nothing was added yet")
    form.get_by_label("Company").fill("Northwind Analytics")
    form.get_by_label("Role").fill("Analytics engineer")
    form.get_by_label("Where is it now?").select_option("screening")
    form.get_by_role("button", name="Add").click()
    expect(form.get_by_role("status")).to_contain_text(
        "Added Analytics engineer at Northwind Analytics"
    )
    expect(
        page.locator("#pipeline-counts").get_by_role("link", name=re.compile("Screening"))
    ).to_contain_text("1")
    expect(form.get_by_label("Company")).to_have_value("")
    assert Application.objects.get(user=user).status == Status.SCREENING
    assert_not_reloaded(page)


@pytest.fixture
def demo_user(transactional_db):
    call_command("demo", stdout=io.StringIO())
    return User.objects.get(username=DEMO_USERNAME)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dashboard_with_demo_data_is_accessible_in_both_colour_schemes(
    page: Page, live_server, demo_user, scheme
):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(demo_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name=re.compile("^Needs you"))).to_be_visible()
    assert_accessible(page)


def test_the_quick_add_page_is_accessible_with_its_mistakes_shown(logged_in: Page, live_server):
    # Where a plain post with a mistake lands without JavaScript; with it, the same form
    # answers in place.
    page = logged_in
    page.goto(live_server.url + "/applications/quick-add/")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was added yet")
    assert_accessible(page)
