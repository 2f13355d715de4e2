"""The post-rejection reflection and the rest of the journal, in a real browser."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from journal.models import Draft, Entry, SkillGoal
from tests.browser.axe import assert_accessible
from tests.jobsearch.factories import UserFactory
from tests.journal.factories import (
    EntryFactory,
    ReflectionFactory,
    SkillGoalFactory,
    WinFactory,
)
from tests.tracker.factories import ApplicationFactory
from tracker.models import FollowUp, RejectionStage, Status


@pytest.fixture
def rejected(user):
    application = ApplicationFactory(
        user=user, company="Acme", role="Data analyst", status=Status.REJECTED
    )
    event = application.events.get()
    event.rejection_stage = RejectionStage.TECHNICAL
    event.save()
    return application, event


def start_url(live_server, application, event) -> str:
    return (
        f"{live_server.url}/journal/reflections/new/?application={application.pk}&event={event.pk}"
    )


def continue_to(page: Page, heading: str) -> None:
    page.get_by_role("button", name=re.compile("^(Continue|Check your answers)$")).click()
    expect(page.get_by_role("heading", name=heading)).to_be_focused()


def test_writing_a_full_reflection_after_a_rejection(logged_in: Page, live_server, user):
    page = logged_in
    application = ApplicationFactory(user=user, company="Acme", role="Data analyst")
    # The rejection arrives: record it on the application's page, where the
    # offer to reflect appears.
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.get_by_label("New status").select_option("rejected")
    page.get_by_label("How far did it get?").select_option("technical")
    page.get_by_role("button", name="Record this step").click()
    started = time.monotonic()
    page.get_by_role("link", name="Write a reflection about this").click()
    event = application.events.get(status=Status.REJECTED)

    expect(page.get_by_role("heading", name="What happened?")).to_be_visible()
    expect(page.get_by_text("Technical interview")).to_be_visible()
    page.get_by_label("In your own words").fill("A two-line email the day after the interview.")
    continue_to(page, "How do you feel?")

    page.get_by_role("group", name="Your mood right now").get_by_label("3", exact=True).check()
    page.get_by_label("disappointed").check()
    page.get_by_label("Other feelings, in your words").fill("overlooked")
    page.get_by_label("Medium — hard to put aside").check()
    continue_to(page, "What is your mind telling you?")

    page.get_by_label("The thought that keeps coming back").fill("I'm never going to get hired.")
    page.get_by_label("Overgeneralising").check()
    page.get_by_label("Fortune telling").check()
    # The thought stays in view while writing the reframe.
    expect(page.locator("[data-thought-echo]")).to_contain_text("I'm never going to get hired.")
    page.get_by_label("A more balanced way to see it").fill("One team said no. I reached round 3.")
    continue_to(page, "What was outside your control?")

    page.get_by_label("They chose someone from inside").check()
    continue_to(page, "What can you take from it?")

    page.get_by_role("textbox", name="What went well").fill("The SQL exercise.")
    page.get_by_label("Not sure").check()
    continue_to(page, "What would help next?")

    page.get_by_label("Ask Acme for feedback").check()
    page.get_by_label("A skill to build").fill("Query tuning in PostgreSQL")
    page.get_by_label("Someone to reach out to").fill("Sam from the meetup")
    page.get_by_label("Take a break today").check()
    continue_to(page, "How do you feel now?")

    page.get_by_role("group", name="Your mood now").get_by_label("6", exact=True).check()
    continue_to(page, "Check your answers")
    expect(page.get_by_text("3 out of 10")).to_be_visible()
    expect(page.get_by_text("Query tuning in PostgreSQL")).to_be_visible()

    # The browser's back button returns to the step before, answers intact.
    page.go_back()
    expect(page.get_by_role("heading", name="How do you feel now?")).to_be_visible()
    expect(
        page.get_by_role("group", name="Your mood now").get_by_label("6", exact=True)
    ).to_be_checked()
    continue_to(page, "Check your answers")

    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Your reflection is saved.")).to_be_visible()
    expect(page.get_by_text("Up 3 while you wrote.")).to_be_visible()
    expect(page.get_by_text("Ask Acme for feedback — due")).to_be_visible()
    assert time.monotonic() - started < 120

    entry = Entry.objects.get(user=application.user)
    assert entry.status_event == event
    assert {f.kind for f in entry.followups.all()} == {
        FollowUp.Kind.FEEDBACK_REQUEST,
        FollowUp.Kind.KEEP_IN_TOUCH,
        FollowUp.Kind.OTHER,
    }
    assert not Draft.objects.exists()

    page.get_by_role("link", name="Back to the journal").click()
    expect(page.get_by_role("link", name="Reflection on Data analyst at Acme")).to_be_visible()
    expect(page.get_by_text("Mood 3 → 6")).to_be_visible()
    page.get_by_role("link", name="Skill goals").click()
    expect(page.get_by_role("heading", name="Query tuning in PostgreSQL")).to_be_visible()

    # And the reflection sits on the application's timeline.
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Reflection written", exact=True)).to_be_visible()
    expect(timeline.get_by_text("Mood 3 → 6.")).to_be_visible()
    timeline.get_by_role("link", name=re.compile("^Open.*Reflection written")).click()
    expect(page).to_have_url(f"{live_server.url}/journal/{entry.pk}/")


def test_a_reflection_typed_and_left_is_there_when_you_come_back(
    logged_in: Page, live_server, rejected
):
    page = logged_in
    page.goto(start_url(live_server, *rejected))
    page.get_by_label("In your own words").fill("Written, then the laptop died.")
    expect(page.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/journal/reflections/drafts/\d+/\?step=1$"))
    page.close(run_before_unload=True)

    again = page.context.new_page()
    again.goto(f"{live_server.url}/journal/")
    drafts = again.get_by_role("region", name="Unfinished reflections")
    expect(drafts).to_contain_text("Data analyst at Acme")
    drafts.get_by_role("link", name=re.compile("^Continue")).click()
    expect(again.get_by_label("In your own words")).to_have_value("Written, then the laptop died.")


def test_a_reflection_opened_with_only_the_application_is_about_its_rejection(
    logged_in: Page, live_server, rejected
):
    application, event = rejected
    page = logged_in
    page.goto(f"{live_server.url}/journal/reflections/new/?application={application.pk}")
    expect(page.get_by_role("heading", name="What happened?")).to_be_visible()
    expect(page.get_by_text("Technical interview")).to_be_visible()
    page.get_by_label("In your own words").fill("The email came at lunch.")
    continue_to(page, "How do you feel?")
    draft = Draft.objects.get()
    assert (draft.application, draft.status_event) == (application, event)


def test_a_link_that_points_at_nothing_of_yours_still_opens_and_says_why(
    logged_in: Page, live_server, user
):
    theirs = ApplicationFactory(user=UserFactory(), company="Their Co", status=Status.REJECTED)
    page = logged_in
    for query in (f"application={theirs.pk}", f"event={theirs.events.get().pk}", "event=%C2%B2"):
        page.goto(f"{live_server.url}/journal/reflections/new/?{query}")
        expect(page.get_by_text(re.compile("^We couldn’t find that"))).to_be_visible()
        expect(page.get_by_text("Their Co")).to_have_count(0)
    page.get_by_label("In your own words").fill("Writing anyway.")
    continue_to(page, "How do you feel?")
    assert Draft.objects.get().application is None


def test_a_draft_about_a_deleted_application_reopens_with_its_words(
    logged_in: Page, live_server, rejected
):
    application, _ = rejected
    page = logged_in
    page.goto(start_url(live_server, *rejected))
    page.get_by_label("In your own words").fill("Kept, whatever happens to the application.")
    expect(page.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()
    application.delete()
    page.reload()
    expect(page.get_by_text(re.compile("^The application this draft was about"))).to_be_visible()
    expect(page.get_by_label("In your own words")).to_have_value(
        "Kept, whatever happens to the application."
    )


def test_a_lost_log_in_is_said_plainly_and_the_words_stay(logged_in: Page, live_server):
    page = logged_in
    page.goto(f"{live_server.url}/journal/reflections/new/")
    page.context.clear_cookies(name="sessionid")
    page.get_by_label("In your own words").fill("Typed after the session ran out.")
    expect(page.get_by_role("status").filter(has_text="Not saved just now")).to_be_visible()
    expect(page.get_by_label("In your own words")).to_have_value("Typed after the session ran out.")
    assert not Draft.objects.exists()
    # The words are not on the server, so leaving warns.
    page.expected_dialogs = ("beforeunload",)
    seen: list[str] = []
    page.on("dialog", lambda dialog: seen.append(dialog.type))
    page.get_by_role("link", name="Back to the journal").click()
    expect(page.get_by_label("In your own words")).to_be_visible()
    assert seen == ["beforeunload"]


def test_leaving_a_page_with_unsaved_words_warns_first(logged_in: Page, live_server):
    page = logged_in
    page.expected_dialogs = ("beforeunload",)
    seen: list[str] = []
    page.on("dialog", lambda dialog: seen.append(dialog.type))
    page.goto(f"{live_server.url}/journal/check-ins/new/")
    page.get_by_label("A short note").fill("Half a sentence")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_label("A short note")).to_have_value("Half a sentence")
    assert seen == ["beforeunload"]
    # Saving is not leaving: no warning.
    page.get_by_role("group", name="How are you").get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Your check-in is saved.")).to_be_visible()
    assert seen == ["beforeunload"]


def test_a_mistake_keeps_every_word_and_points_at_the_field(logged_in: Page, live_server):
    page = logged_in
    page.goto(f"{live_server.url}/journal/reflections/new/")
    page.get_by_label("In your own words").fill("No reply, then a form rejection.")
    page.get_by_label("Date").fill("2099-01-01")
    page.get_by_role("button", name="Continue").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The date can’t be in the future.")
    expect(page.get_by_label("In your own words")).to_have_value("No reply, then a form rejection.")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Date")).to_be_focused()

    # A full page that fails to save keeps everything too.
    page.goto(f"{live_server.url}/journal/check-ins/new/")
    page.get_by_label("A short note").fill("Tired, but I sent two applications.")
    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_label("A short note")).to_have_value("Tired, but I sent two applications.")


def test_one_tap_logs_a_mood_and_the_chart_follows(logged_in: Page, live_server):
    page = logged_in
    page.goto(f"{live_server.url}/journal/")
    mood = page.get_by_role("region", name="Mood, last 14 days")
    expect(mood).to_contain_text("No moods logged")
    page.get_by_role("group", name="One tap logs your mood").get_by_role("button", name="7").click()
    expect(page.get_by_text("Logged: mood 7 today.")).to_be_focused()
    expect(mood).to_contain_text("On average 7.0 out of 10")
    assert Entry.objects.get().mood == 7


def test_searching_the_journal_updates_the_list_in_place(logged_in: Page, live_server, user):
    EntryFactory(user=user, body="Coffee with Priya went well")
    EntryFactory(user=user, body="Rejected by a bank")
    page = logged_in
    page.goto(f"{live_server.url}/journal/")
    page.get_by_label("Search your words").fill("priya")
    expect(page.get_by_text("1 entry matches")).to_be_visible()
    expect(page.get_by_text("Rejected by a bank")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=priya"))


def test_marking_a_skill_goal_done_moves_it_in_place(logged_in: Page, live_server, user):
    SkillGoalFactory(user=user, title="Docker basics")
    page = logged_in
    page.goto(f"{live_server.url}/journal/skills/")
    page.get_by_role("button", name="Mark “Docker basics” done").click()
    expect(page.get_by_text("Done: Docker basics. That counts as a win.")).to_be_focused()
    done = page.get_by_role("region", name="Done")
    expect(done.get_by_role("heading", name="Docker basics")).to_be_visible()
    assert SkillGoal.objects.get().status == SkillGoal.Status.DONE


def test_journal_pages_have_no_accessibility_violations(
    logged_in: Page, live_server, rejected, user
):
    page = logged_in
    WinFactory(user=user, title="Recruiter called back")
    SkillGoalFactory(user=user, title="Public speaking", why="Panels make me freeze.")
    page.goto(f"{live_server.url}/journal/")
    assert_accessible(page)

    page.goto(start_url(live_server, *rejected))
    assert_accessible(page)
    for heading in ("How do you feel?", "What is your mind telling you?"):
        continue_to(page, heading)
        assert_accessible(page)
    page.goto(page.url.split("?")[0] + "?step=8")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)

    for path in ("check-ins/new/", "wins/new/", "notes/new/", "skills/", "skills/new/"):
        page.goto(f"{live_server.url}/journal/{path}")
        assert_accessible(page)
    page.get_by_role("button", name="Save skill goal").click()  # with a mistake showing
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/journal/{Entry.objects.get().pk}/")
    assert_accessible(page)

    reflection = ReflectionFactory(
        user=user,
        application=rejected[0],
        status_event=rejected[1],
        thinking_traps=["labelling"],
        outside_factors=["budget"],
    )
    page.goto(f"{live_server.url}/journal/{reflection.pk}/")
    expect(page.get_by_text("Up 2 while you wrote.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/journal/{reflection.pk}/edit/")
    assert_accessible(page)


def test_without_javascript_the_reflection_is_one_long_form(logged_in: Page, live_server, rejected):
    context = logged_in.context.browser.new_context(java_script_enabled=False)
    context.add_cookies(logged_in.context.cookies())
    page = context.new_page()
    page.goto(start_url(live_server, *rejected))
    for heading in ("What happened?", "How do you feel?", "How do you feel now?"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("button", name="Continue")).to_have_count(0)
    page.get_by_label("In your own words").fill("Read it on my phone on the bus.")
    page.get_by_role("group", name="Your mood right now").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Your mood now").get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Up 1 while you wrote.")).to_be_visible()
    assert Entry.objects.get().body == "Read it on my phone on the bus."
    context.close()
