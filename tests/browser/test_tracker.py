from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.tracker.factories import ApplicationFactory, FollowUpFactory, InterviewFactory
from tracker import services
from tracker.models import Application, FollowUp, Status


def mark_page(page: Page) -> None:
    """Leave a mark in the page's JavaScript: a full reload would wipe it."""
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__notReloaded === true"), "the page reloaded"


def test_add_an_application_and_move_it_to_rejected_in_place(logged_in: Page, live_server, user):
    page = logged_in
    page.goto(f"{live_server.url}/applications/")
    page.get_by_role("link", name="Add an application").first.click()
    page.get_by_label("Company").fill("Northwind Analytics")
    page.get_by_label("Role").fill("Data analyst")
    page.get_by_label("Where is it now?").select_option("applied")
    page.get_by_role("button", name="Add application").click()
    expect(
        page.get_by_role("heading", name=re.compile("Data analyst at Northwind Analytics"))
    ).to_be_visible()

    page.get_by_role("link", name="All applications").click()
    mark_page(page)
    row = page.get_by_role("row", name=re.compile("Northwind Analytics"))
    for status, label in (("screening", "Screening"), ("interviewing", "Interviewing")):
        row.get_by_label(re.compile("Move Northwind Analytics")).select_option(status)
        row.get_by_role("button", name="Move").click()
        expect(row.get_by_text(f"Moved to “{label}”.")).to_be_visible()
    row.get_by_label(re.compile("Move Northwind Analytics")).select_option("rejected")
    row.get_by_role("button", name="Move").click()
    expect(row.get_by_text("Recorded as rejected")).to_be_visible()
    expect(row.get_by_role("link", name="Write a reflection about this")).to_be_visible()
    expect(row.get_by_role("link", name="Ask for feedback")).to_be_visible()
    assert_not_reloaded(page)
    application = Application.objects.get(user=user)
    assert [e.status for e in application.events.all()] == [
        "applied",
        "screening",
        "interviewing",
        "rejected",
    ]

    # The feedback suggestion is waiting on the follow-ups page.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    expect(
        page.get_by_role("listitem").filter(has_text="Ask Northwind Analytics for feedback")
    ).to_be_visible()


def test_undo_a_status_change_made_by_mistake(logged_in: Page, live_server, user):
    ApplicationFactory(user=user, company="Bluefin")
    page = logged_in
    page.goto(f"{live_server.url}/applications/")
    mark_page(page)
    row = page.get_by_role("row", name=re.compile("Bluefin"))
    row.get_by_label(re.compile("Move Bluefin")).select_option("withdrawn")
    row.get_by_role("button", name="Move").click()
    row.get_by_role("button", name="Undo").click()
    expect(row.get_by_text("Took back “Withdrawn by me”.")).to_be_visible()
    assert_not_reloaded(page)
    assert Application.objects.get(user=user).status == Status.APPLIED


def test_record_a_rejection_with_its_stage_on_the_detail_page(logged_in: Page, live_server, user):
    application = ApplicationFactory(user=user, company="Larkspur")
    page = logged_in
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    mark_page(page)
    stage = page.get_by_label("How far did it get?")
    expect(stage).to_be_hidden()  # only asked about rejections
    page.get_by_label("New status").select_option("rejected")
    stage.select_option("final")
    page.get_by_label("Reason they gave").fill("Went with an internal candidate")
    page.get_by_role("button", name="Record this step").click()

    expect(page.get_by_text("Recorded as rejected")).to_be_visible()
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Stage reached: Final round.")).to_be_visible()
    expect(
        page.locator("#followups").get_by_role("listitem").filter(has_text="Ask Larkspur")
    ).to_be_visible()
    assert_not_reloaded(page)


def test_mark_a_follow_up_done_and_undo_it(logged_in: Page, live_server, user):
    FollowUpFactory(user=user, title="Thank Priya for the call", due_on=timezone.localdate())
    page = logged_in
    page.goto(f"{live_server.url}/follow-ups/")
    mark_page(page)
    item = page.get_by_role("listitem").filter(has_text="Thank Priya for the call")
    item.get_by_role("button", name=re.compile("^Mark done")).click()
    expect(item.get_by_text("Marked done.")).to_be_visible()
    undo = item.get_by_role("button", name=re.compile("^Undo"))
    expect(undo).to_be_focused()
    assert FollowUp.objects.get().done_at is not None

    undo.click()
    expect(item.get_by_text("Open again.")).to_be_visible()
    expect(item.get_by_role("button", name=re.compile("^Mark done"))).to_be_focused()
    assert FollowUp.objects.get().done_at is None
    assert_not_reloaded(page)


def test_the_undo_steps_aside_after_a_few_seconds(logged_in: Page, live_server, user):
    FollowUpFactory(user=user, title="Check in with Acme")
    page = logged_in
    page.clock.install()
    page.goto(f"{live_server.url}/follow-ups/")
    item = page.get_by_role("listitem").filter(has_text="Check in with Acme")
    item.get_by_role("button", name=re.compile("^Mark done")).click()
    expect(item.get_by_role("button", name=re.compile("^Undo"))).to_be_visible()
    page.locator("body").click(position={"x": 5, "y": 5})  # focus leaves the button
    page.mouse.move(1, 1)
    page.clock.run_for(11_000)
    expect(item.get_by_role("button", name=re.compile("^Undo"))).to_be_hidden()
    expect(item.get_by_text("Marked done.")).to_be_visible()


def test_the_dashboard_count_follows_marking_done(logged_in: Page, live_server, user):
    FollowUpFactory.create_batch(2, user=user, due_on=timezone.localdate())
    page = logged_in
    page.goto(live_server.url)
    expect(page.locator("#due-count")).to_contain_text("2")
    page.get_by_role("button", name=re.compile("^Mark done")).first.click()
    expect(page.locator("#due-count")).to_contain_text("1")


def test_move_a_card_on_the_board_with_the_keyboard(logged_in: Page, live_server, user):
    ApplicationFactory(user=user, company="Kestrel")
    page = logged_in
    page.goto(f"{live_server.url}/board/")
    screening = page.get_by_role("region", name=re.compile("^Screening"))
    expect(screening.get_by_role("link", name="Kestrel")).to_have_count(0)
    select = page.get_by_label(re.compile("Move Kestrel"))
    select.focus()
    select.select_option("screening")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Move")).to_be_focused()
    page.keyboard.press("Enter")
    expect(screening.get_by_role("link", name="Kestrel")).to_be_visible()
    expect(page.get_by_label(re.compile("Move Kestrel"))).to_be_focused()


def test_find_an_application_with_search(logged_in: Page, live_server, user):
    ApplicationFactory(user=user, company="Copperleaf Books", role="Data analyst")
    ApplicationFactory(user=user, company="Tidewater Labs", role="Analytics engineer")
    page = logged_in
    page.goto(f"{live_server.url}/applications/")
    mark_page(page)
    page.get_by_label("Search company or role").fill("tidewater")
    expect(page.get_by_role("link", name="Tidewater Labs")).to_be_visible()
    expect(page.get_by_role("link", name="Copperleaf Books")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=tidewater"))
    assert_not_reloaded(page)


def test_a_duplicate_warning_then_save_anyway(logged_in: Page, live_server, user):
    services.application_create(user=user, company="Acme", role="Data analyst")
    page = logged_in
    page.goto(f"{live_server.url}/applications/new/")
    page.get_by_label("Company").fill("ACME")
    page.get_by_label("Role").fill("data  analyst")
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name="You may have applied already")).to_be_visible()
    expect(page.get_by_label("Company")).to_have_value("ACME")
    page.get_by_role("button", name="Save anyway").click()
    expect(page.get_by_text("Added data analyst at ACME")).to_be_visible()


@pytest.fixture
def busy_user(user):
    today = timezone.localdate()
    for n, status in enumerate([Status.APPLIED, Status.SCREENING, Status.REJECTED, Status.SAVED]):
        application = services.application_create(
            user=user,
            company=f"Company {n}",
            role="Analyst",
            applied_on=today - timedelta(days=5),
        )
        if status != Status.APPLIED:
            services.application_set_status(application=application, status=status)
    InterviewFactory(user=user, application=Application.objects.filter(user=user).first())
    services.contact_create(
        user=user, name="Priya Shah", keep_in_touch_days=30, last_contacted_on=today
    )
    return user


@pytest.mark.parametrize(
    "path",
    ["/", "/applications/", "/board/", "/follow-ups/", "/contacts/", "/interviews/", "/settings/"],
)
def test_tracker_pages_have_no_accessibility_violations(
    logged_in: Page, live_server, busy_user, path
):
    logged_in.goto(live_server.url + path)
    expect(logged_in.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(logged_in)


def test_the_application_pages_have_no_accessibility_violations(
    logged_in: Page, live_server, busy_user
):
    application = Application.objects.filter(user=busy_user, status=Status.REJECTED).get()
    for path in (
        f"/applications/{application.pk}/",
        f"/applications/{application.pk}/edit/",
        "/applications/new/",
        "/follow-ups/new/",
        "/contacts/new/",
    ):
        logged_in.goto(live_server.url + path)
        assert_accessible(logged_in)


def test_marking_done_after_the_session_ended_says_so_and_keeps_the_page(
    logged_in: Page, live_server, user
):
    from django.contrib.sessions.models import Session

    FollowUpFactory(user=user, title="Thank Priya", due_on=timezone.localdate())
    page = logged_in
    page.goto(f"{live_server.url}/follow-ups/")
    mark_page(page)
    Session.objects.all().delete()  # logged out elsewhere, or the session ran out
    item = page.get_by_role("listitem").filter(has_text="Thank Priya")
    item.get_by_role("button", name=re.compile("^Mark done")).click()
    notice = page.get_by_role("alert").filter(has_text="You have been logged out")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name="Log in again")).to_have_attribute(
        "href", "/login/?next=%2Ffollow-ups%2F"
    )
    expect(item.get_by_role("button", name=re.compile("^Mark done"))).to_be_visible()
    assert_not_reloaded(page)
    assert FollowUp.objects.get().done_at is None
