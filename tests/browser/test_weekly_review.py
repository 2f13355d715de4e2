"""The weekly review in a real browser: from the dashboard, through the week's facts, to a
saved review in the journal and next week's goal.

The week under review is worked out from today, as the app does, so these run any day."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jobsearch.weekly_review import week_to_review
from journal.models import Draft, Entry
from tests.browser.axe import assert_accessible
from tests.tracker.factories import ApplicationFactory, StatusEventFactory, WeeklyGoalFactory
from tracker.models import RejectionStage, Status, WeeklyGoal

REVIEW_LINK = re.compile("^Review (your|last) week$")


@pytest.fixture
def week(user):
    """The week the review is due for today; the person has been here a while."""
    user.date_joined = timezone.now() - timedelta(weeks=3)
    user.save()
    monday = week_to_review(timezone.localdate())
    WeeklyGoalFactory(user=user, week_start=monday - timedelta(weeks=1), target=5)
    ApplicationFactory(user=user, company="Initech", applied_on=monday)
    ApplicationFactory(user=user, company="Umbrella", applied_on=monday + timedelta(days=1))
    return monday


def reject(user, on, company):
    application = ApplicationFactory(user=user, company=company, role="Analyst", applied_on=on)
    StatusEventFactory(
        application=application,
        status=Status.REJECTED,
        happened_on=on,
        rejection_stage=RejectionStage.ASSESSMENT,
    )


def test_a_weekly_review_from_the_dashboard_saved_into_the_journal(
    logged_in: Page, live_server, user, week
):
    page = logged_in
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=REVIEW_LINK).click()

    # The week's facts come first.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^Review (your|the) week$")
    )
    facts = page.get_by_role("table", name="The week’s facts, beside the week before")
    expect(facts.get_by_role("row", name=re.compile("Applications sent"))).to_contain_text("2 of 5")
    assert_accessible(page)

    # Three questions; the words are kept as a draft while typing.
    page.get_by_label("What went well?").fill("Two applications I am proud of.")
    expect(page.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()
    assert Draft.objects.get(user=user).data["went_well"] == "Two applications I am proud of."
    page.get_by_label("What would you change?").fill("Start earlier in the day.")
    page.get_by_label("One thing for next week").fill("Ask Sam for an introduction.")
    goal = page.get_by_label("Applications to aim for next week")
    expect(goal).to_have_value("5")
    goal.fill("4")
    page.get_by_role("button", name="Save review").click()

    expect(
        page.get_by_text("Your weekly review is saved. Next week’s goal is 4 applications.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Weekly review: the week of ")
    )
    expect(page.get_by_text("As they were when you wrote this")).to_be_visible()
    expect(page.get_by_text("Ask Sam for an introduction.")).to_be_visible()
    assert_accessible(page)
    assert WeeklyGoal.objects.get(user=user, week_start=week + timedelta(weeks=1)).target == 4
    assert not Draft.objects.filter(user=user).exists()

    # Listed in the journal, and found by its kind.
    page.get_by_role("link", name="Back to the journal").click()
    page.get_by_text("Filter by kind, feeling, tag or application").click()
    page.get_by_label("Kind").select_option("weekly_review")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=re.compile("^Weekly review: the week of"))).to_be_visible()
    expect(page.get_by_text("1 entry matches")).to_be_visible()

    # The dashboard no longer asks.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name=REVIEW_LINK)).to_have_count(0)


def test_a_review_without_words_is_explained_and_keeps_the_goal_typed(
    logged_in: Page, live_server, user, week
):
    page = logged_in
    page.goto(f"{live_server.url}/journal/weekly-review/")
    page.get_by_label("Applications to aim for next week").fill("lots")
    page.get_by_role("button", name="Save review").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Write a few words in at least one of the three questions")
    expect(page.get_by_label("Applications to aim for next week")).to_have_value("lots")
    assert_accessible(page)
    assert not Entry.objects.filter(user=user).exists()


def test_a_heavy_week_offers_a_lighter_one(logged_in: Page, live_server, user, week):
    page = logged_in
    for n in range(3):
        reject(user, week + timedelta(days=n), f"Company {n}")
    page.goto(f"{live_server.url}/journal/weekly-review/")
    expect(page.get_by_role("heading", name=re.compile("^A heavy week"))).to_be_visible()
    expect(page.get_by_text("3 rejections in one week is a lot to carry")).to_be_visible()
    page.get_by_role("link", name="Plan a lighter week").click()
    expect(page.get_by_label("Applications to aim for next week")).to_have_value("3")
    # Each rejection offers a reflection, never insists.
    expect(page.get_by_role("link", name=re.compile("^write a reflection"))).to_have_count(3)
    assert_accessible(page)
