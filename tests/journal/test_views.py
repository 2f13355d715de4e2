from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import Draft, Entry, SkillGoal
from tests.html import text
from tests.journal.factories import (
    DraftFactory,
    EntryFactory,
    ReflectionFactory,
    SkillGoalFactory,
    WinFactory,
)
from tests.tracker.factories import ApplicationFactory
from tracker import services as tracker_services
from tracker.models import FollowUp, RejectionStage, Status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_text(response) -> str:
    return text(response.content.decode())


@pytest.fixture
def rejected(owner):
    """A rejected application: one step in its history, at the technical stage."""
    application = ApplicationFactory(
        user=owner, company="Acme", role="Data analyst", status=Status.REJECTED
    )
    event = application.events.get()
    event.rejection_stage = RejectionStage.TECHNICAL
    event.rejection_reason = "They chose someone with more SQL."
    event.save()
    return application, event


# --- who may see what ---------------------------------------------------------------------

PAGES_OF_THINGS = [
    ("journal:entry_detail", "entry"),
    ("journal:entry_edit", "entry"),
    ("journal:entry_delete", "entry"),
    ("journal:reflection_draft", "draft"),
    ("journal:draft_delete", "draft"),
    ("journal:skill_edit", "goal"),
    ("journal:skill_delete", "goal"),
]
PAGES = [
    "journal:entry_list",
    "journal:reflection_new",
    "journal:checkin_new",
    "journal:win_new",
    "journal:note_new",
    "journal:skill_list",
    "journal:skill_new",
]


def make_thing(kind: str, user):
    return {
        "entry": lambda: ReflectionFactory(user=user),
        "draft": lambda: DraftFactory(user=user),
        "goal": lambda: SkillGoalFactory(user=user),
    }[kind]()


@pytest.mark.parametrize("name", PAGES)
def test_every_journal_page_opens_for_its_owner(owner_client, name):
    assert owner_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "kind"), PAGES_OF_THINGS)
def test_the_owner_opens_their_things(owner_client, owner, name, kind):
    thing = make_thing(kind, owner)
    assert owner_client.get(reverse(name, args=[thing.pk])).status_code == 200


@pytest.mark.parametrize(("name", "kind"), PAGES_OF_THINGS)
def test_another_persons_things_are_not_found(stranger_client, owner, name, kind):
    thing = make_thing(kind, owner)
    assert stranger_client.get(reverse(name, args=[thing.pk])).status_code == 404


@pytest.mark.parametrize(("name", "kind"), PAGES_OF_THINGS)
def test_anonymous_visitors_cannot_open_things(client, owner, name, kind):
    thing = make_thing(kind, owner)
    response = client.get(reverse(name, args=[thing.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_person_can_change_nothing(stranger_client, owner):
    entry = ReflectionFactory(user=owner, body="Mine.")
    draft = DraftFactory(user=owner)
    goal = SkillGoalFactory(user=owner)
    posts = [
        (reverse("journal:entry_edit", args=[entry.pk]), {"on": "2026-01-01"}),
        (reverse("journal:entry_delete", args=[entry.pk]), {}),
        (reverse("journal:reflection_draft", args=[draft.pk]) + "?autosave=1", {"step": "1"}),
        (reverse("journal:reflection_new") + "?autosave=1", {"draft": draft.pk}),
        (reverse("journal:draft_delete", args=[draft.pk]), {}),
        (reverse("journal:skill_edit", args=[goal.pk]), {"title": "x", "status": "done"}),
        (reverse("journal:skill_set_status", args=[goal.pk]), {"status": "done"}),
        (reverse("journal:skill_delete", args=[goal.pk]), {}),
    ]
    for url, data in posts:
        assert stranger_client.post(url, data).status_code == 404, url
    entry.refresh_from_db()
    draft.refresh_from_db()
    goal.refresh_from_db()
    assert entry.body == "Mine."
    assert draft.data == {"what_happened": "They wrote back with a no."}
    assert goal.status == SkillGoal.Status.PLANNED


def test_another_persons_entries_never_show_in_the_journal(stranger_client, owner):
    ReflectionFactory(user=owner, body="A private thought about Acme.")
    WinFactory(user=owner, title="A private win")
    page = page_text(stranger_client.get(reverse("journal:entry_list")))
    assert "private" not in page
    assert "Your journal is empty" in page


def test_a_link_with_another_persons_ids_opens_unlinked_and_tells_nothing(
    stranger_client, stranger, rejected
):
    application, event = rejected
    url = reverse("journal:reflection_new")
    for query in (
        f"application={application.pk}",
        f"event={event.pk}",
        f"application={application.pk}&event={event.pk}",
    ):
        response = stranger_client.get(f"{url}?{query}")
        page = page_text(response)
        assert response.status_code == 200, query
        assert "We couldn’t find that" in page and "it may have been deleted" in page
        assert "Acme" not in page and "Data analyst" not in page and "more SQL" not in page
        assert response.context["form"].initial["application"] == ""
    assert not Draft.objects.filter(user=stranger).exists()


@pytest.mark.parametrize("name", ["journal:checkin_new", "journal:win_new", "journal:note_new"])
def test_other_entries_opened_for_someone_elses_application_open_unlinked_too(
    owner_client, stranger, name
):
    theirs = ApplicationFactory(user=stranger, company="Their Co")
    for value in (theirs.pk, "²", "abc"):
        response = owner_client.get(reverse(name), {"application": value})
        page = page_text(response)
        assert response.status_code == 200
        assert "We couldn’t find that application among yours" in page
        assert "Their Co" not in page
        assert response.context["form"].initial["application"] is None


def test_a_check_in_opened_for_an_application_is_linked_to_it(owner_client, owner):
    application = ApplicationFactory(user=owner, company="Acme")
    response = owner_client.get(reverse("journal:checkin_new"), {"application": application.pk})
    assert response.context["form"].initial["application"] == application.pk
    assert "We couldn’t find" not in page_text(response)


def test_the_application_picker_offers_only_the_persons_own(owner_client, owner, stranger):
    ApplicationFactory(user=owner, company="Mine Ltd")
    ApplicationFactory(user=stranger, company="Theirs plc")
    for name in ("journal:reflection_new", "journal:checkin_new", "journal:win_new"):
        page = page_text(owner_client.get(reverse(name)))
        assert "Mine Ltd" in page and "Theirs plc" not in page


# --- the reflection ------------------------------------------------------------------------


def reflection_url(application, event) -> str:
    return f"{reverse('journal:reflection_new')}?application={application.pk}&event={event.pk}"


def test_starting_from_a_rejection_shows_what_it_is_about(owner_client, rejected):
    page = page_text(owner_client.get(reflection_url(*rejected)))
    assert "Data analyst at Acme" in page
    assert "Technical interview" in page
    assert "They chose someone with more SQL." in page
    assert "Step 1 of 7" in page


def test_starting_again_from_the_same_rejection_continues_the_draft(owner_client, owner, rejected):
    application, event = rejected
    draft = DraftFactory(user=owner, application=application, status_event=event, step=4)
    response = owner_client.get(reflection_url(application, event))
    assert response.status_code == 302
    assert response["Location"] == f"/journal/reflections/drafts/{draft.pk}/?step=4"


def reflection_page(client, **query):
    response = client.get(reverse("journal:reflection_new"), query)
    assert response.status_code == 200
    return response, page_text(response)


def test_a_link_with_only_the_application_takes_its_latest_rejection(owner_client, rejected):
    application, event = rejected
    response, page = reflection_page(owner_client, application=application.pk)
    assert "On Data analyst at Acme" in page
    assert "They chose someone with more SQL." in page
    assert response.context["form"].initial["status_event"] == str(event.pk)
    assert "We couldn’t find" not in page


def test_a_link_to_an_application_never_rejected_opens_about_it(owner_client, owner):
    application = ApplicationFactory(user=owner, company="Birch", role="Analyst")
    response, page = reflection_page(owner_client, application=application.pk)
    assert "On Analyst at Birch" in page
    assert response.context["form"].initial["status_event"] == ""
    assert "Step 1 of 7" in page


def test_a_link_with_only_the_step_finds_its_application(owner_client, rejected):
    application, event = rejected
    response, page = reflection_page(owner_client, event=event.pk)
    assert "On Data analyst at Acme" in page and "Technical interview" in page
    assert response.context["form"].initial["application"] == str(application.pk)


def test_a_link_whose_step_is_of_another_application_follows_the_application(
    owner_client, owner, rejected
):
    application, event = rejected
    other = ApplicationFactory(user=owner, company="Birch", role="Analyst")
    response, page = reflection_page(
        owner_client, application=application.pk, event=other.events.get().pk
    )
    assert "On Data analyst at Acme" in page and "On Analyst at Birch" not in page
    assert "so the reflection is about its latest rejection instead." in page
    assert response.context["form"].initial["status_event"] == str(event.pk)


def test_a_link_with_neither_opens_a_blank_reflection(owner_client):
    response, page = reflection_page(owner_client)
    assert "Seven short steps." in page and "We couldn’t find" not in page


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "abc", "0", "1e3"])
@pytest.mark.parametrize("name", ["application", "event"])
def test_a_link_with_something_that_is_not_an_id_still_opens_and_says_so(owner_client, name, value):
    response, page = reflection_page(owner_client, **{name: value})
    assert "We couldn’t find that" in page
    assert "Step 1 of 7" in page


def test_a_link_with_a_broken_step_keeps_the_application(owner_client, rejected):
    application, event = rejected
    response, page = reflection_page(owner_client, application=application.pk, event="²")
    assert "On Data analyst at Acme" in page
    assert "We couldn’t find that step in this application’s history" in page


def test_a_link_to_a_rejection_with_a_draft_continues_it_even_without_the_step(
    owner_client, owner, rejected
):
    application, event = rejected
    draft = DraftFactory(user=owner, application=application, status_event=event, step=3)
    response = owner_client.get(reverse("journal:reflection_new"), {"application": application.pk})
    assert response["Location"] == f"/journal/reflections/drafts/{draft.pk}/?step=3"


def test_a_draft_about_a_since_deleted_application_opens_with_every_word(
    owner_client, owner, rejected
):
    application, event = rejected
    draft = services.draft_save(
        user=owner,
        data={
            "application": str(application.pk),
            "status_event": str(event.pk),
            "what_happened": "Kept words",
            "on": timezone.localdate().isoformat(),
        },
        step=1,
    )
    tracker_services.application_delete(application=application)
    response = owner_client.get(reverse("journal:reflection_draft", args=[draft.pk]))
    page = page_text(response)
    assert response.status_code == 200
    assert "The application this draft was about is no longer in your applications" in page
    assert "Kept words" in page and "Acme" not in page
    assert response.context["form"].initial["application"] == ""
    # Saving it now is not stopped by the link that went away.
    saved = owner_client.post(
        reverse("journal:reflection_draft", args=[draft.pk]),
        {**response.context["form"].initial, "finish": "1", "step": "8"},
    )
    assert saved.status_code == 302
    assert Entry.objects.get(user=owner).body == "Kept words"


def test_a_draft_about_a_since_deleted_step_opens_about_the_application(
    owner_client, owner, rejected
):
    application, event = rejected
    draft = services.draft_save(
        user=owner,
        data={"application": str(application.pk), "status_event": str(event.pk)},
        step=2,
    )
    event.delete()
    response = owner_client.get(reverse("journal:reflection_draft", args=[draft.pk]))
    page = page_text(response)
    assert response.status_code == 200
    assert "The step of the application this draft was about has since been deleted." in page
    assert "On Data analyst at Acme" in page


def test_autosave_makes_a_draft_then_keeps_saving_into_it(owner_client, owner, rejected):
    application, event = rejected
    url = reverse("journal:reflection_new") + "?autosave=1"
    fields = {
        "application": application.pk,
        "status_event": event.pk,
        "what_happened": "An email at 9pm.",
        "step": "1",
    }
    first = owner_client.post(url, fields, **HTMX)
    draft = Draft.objects.get(user=owner)
    assert first.status_code == 200
    assert first["HX-Trigger"] == '{"draftSaved": {}}'
    assert first["HX-Replace-Url"] == f"/journal/reflections/drafts/{draft.pk}/?step=1"
    assert f'value="{draft.pk}"' in first.content.decode()
    assert "Draft saved at" in page_text(first)

    fields["what_happened"] = "An email at 9pm. Short and polite."
    second = owner_client.post(url, {**fields, "draft": draft.pk}, **HTMX)
    assert second.status_code == 200
    assert "HX-Replace-Url" not in second
    assert (
        Draft.objects.get(user=owner).data["what_happened"] == "An email at 9pm. Short and polite."
    )
    assert (draft.pk, draft.status_event) == (Draft.objects.get().pk, event)


def test_a_draft_reopens_with_every_character_where_it_was_left(owner_client, owner):
    typed = 'They said "not this time" — I’m <b>fine</b>,\nreally & truly.'
    draft = services.draft_save(
        user=owner,
        data={"what_happened": typed, "reframe": "One role.", "mood": "4", "emotions": ["numb"]},
        step=3,
    )
    response = owner_client.get(reverse("journal:reflection_draft", args=[draft.pk]))
    html = response.content.decode()
    assert (
        "They said &quot;not this time&quot; — I’m &lt;b&gt;fine&lt;/b&gt;,\nreally &amp; truly."
        in html
    )
    assert 'class="step step--current" id="step-3"' in html
    assert 'value="4" id="id_mood_3" checked' in html
    assert 'value="numb" id="id_emotions_6" checked' in html
    assert "There is a problem" not in page_text(response)


def test_moving_on_saves_and_shows_the_next_step(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:reflection_draft", args=[draft.pk])
    response = owner_client.post(
        url, {"go": "3", "step": "2", "mood": "3", "emotions": ["sad", "tired"]}, **HTMX
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="step step--current" id="step-3"' in html
    assert response["HX-Push-Url"] == f"{url}?step=3"
    draft.refresh_from_db()
    assert (draft.step, draft.data["emotions"]) == (3, ["sad", "tired"])


def test_without_scripts_moving_on_redirects_to_the_step(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:reflection_draft", args=[draft.pk])
    response = owner_client.post(url, {"go": "5", "step": "4"})
    assert response["Location"] == f"{url}?step=5#step-5"


def test_a_mistake_in_a_step_keeps_you_on_it_with_the_words_kept(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:reflection_draft", args=[draft.pk])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = owner_client.post(
        url, {"go": "2", "step": "1", "on": future, "what_happened": "Kept text"}, **HTMX
    )
    page = page_text(response)
    assert "There is a problem" in page
    assert "The date can’t be in the future." in page
    assert 'id="step-1"' in response.content.decode().split("step--current")[1][:20]
    assert "Kept text" in page
    draft.refresh_from_db()
    assert draft.data["what_happened"] == "Kept text"
    assert draft.step == 1


def test_going_back_never_asks_to_fix_anything_first(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:reflection_draft", args=[draft.pk])
    response = owner_client.post(url, {"go": "5", "step": "6", "next_feedback": "on"}, **HTMX)
    assert 'class="step step--current" id="step-5"' in response.content.decode()


def test_the_next_steps_say_when_a_feedback_reminder_already_exists(owner_client, owner):
    application = tracker_services.application_create(user=owner, company="Acme", role="QA")
    tracker_services.application_set_status(application=application, status=Status.REJECTED)
    draft = DraftFactory(user=owner, data={"application": str(application.pk)})
    url = reverse("journal:reflection_draft", args=[draft.pk]) + "?step=6"
    page = page_text(owner_client.get(url))
    assert "Ask Acme for feedback" in page
    assert "You already have a reminder for this, due" in page


def test_the_last_step_sums_up_the_answers(owner_client, owner, rejected):
    application, event = rejected
    draft = DraftFactory(
        user=owner,
        data={
            "application": str(application.pk),
            "status_event": str(event.pk),
            "mood": "3",
            "thinking_traps": ["labelling"],
            "next_skill": "Window functions",
            "mood_after": "6",
        },
    )
    response = owner_client.get(reverse("journal:reflection_draft", args=[draft.pk]) + "?step=8")
    page = page_text(response)
    assert "Check your answers" in page
    assert "Your mood right now 3 out of 10" in page
    assert "Labelling" in page
    assert "A skill to build Window functions" in page
    assert "Your mood now 6 out of 10" in page
    assert "Skipped." in page  # nothing about outside factors yet


def test_saving_a_reflection_creates_it_and_its_next_steps(owner_client, owner, rejected):
    application, event = rejected
    draft = DraftFactory(user=owner)
    response = owner_client.post(
        reverse("journal:reflection_draft", args=[draft.pk]),
        {
            "finish": "1",
            "step": "8",
            "application": application.pk,
            "status_event": event.pk,
            "on": timezone.localdate().isoformat(),
            "what_happened": "A short no.",
            "mood": "3",
            "emotions": ["disappointed"],
            "emotions_own": "overlooked, tired of waiting",
            "automatic_thought": "Nobody wants me.",
            "thinking_traps": ["overgeneralising"],
            "reframe": "This team did not pick me.",
            "next_feedback": "on",
            "next_skill": "SQL",
            "next_break": "on",
            "mood_after": "5",
            "tags": "sql, analyst",
        },
        follow=True,
    )
    entry = Entry.objects.get(user=owner)
    assert response.redirect_chain[-1][0] == reverse("journal:entry_detail", args=[entry.pk])
    page = page_text(response)
    assert "Your reflection is saved." in page
    assert "a reminder to ask for feedback" in page
    assert "Up 2 while you wrote." in page
    assert "overlooked" in page and "tired of waiting" in page
    assert entry.status_event == event
    assert {f.kind for f in entry.followups.all()} == {
        FollowUp.Kind.FEEDBACK_REQUEST,
        FollowUp.Kind.OTHER,
    }
    assert SkillGoal.objects.get(user=owner).source_entry == entry
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_a_reflection_that_cannot_be_saved_keeps_every_character(owner_client, owner):
    typed = "Ünïcode, <angles> & a very long line " + "x" * 300
    response = owner_client.post(
        reverse("journal:reflection_new"),
        {
            "finish": "1",
            "step": "8",
            "on": "not a date",
            "what_happened": typed,
            "reframe": "Still here",
            "next_feedback": "on",
            "next_skill": "s" * 201,
        },
    )
    html = response.content.decode()
    page = page_text(response)
    assert response.status_code == 200
    assert html.count("<title>Error: ") == 1
    assert "There is a problem" in page
    assert "Enter date as a real date" in page
    assert "Choose the application in step 1, so we know whom to ask." in page
    assert "A skill to build can be up to 200 characters; this has 201." in page
    assert "Ünïcode, &lt;angles&gt; &amp; a very long line " + "x" * 300 in html
    assert 'value="not a date"' in html
    assert 'data-mode="all"' in html
    # Kept on the server as well, in case the tab is closed now.
    assert Draft.objects.get(user=owner).data["what_happened"] == typed
    assert not Entry.objects.exists()


def test_without_scripts_save_and_finish_later_keeps_a_draft(owner_client, owner):
    response = owner_client.post(
        reverse("journal:reflection_new"),
        {"save_draft": "1", "step": "1", "what_happened": "Half a thought"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("journal:entry_list")
    page = page_text(response)
    assert "Your draft is saved." in page
    assert "Unfinished reflections" in page and "Continue" in page
    assert Draft.objects.get(user=owner).data["what_happened"] == "Half a thought"


def test_deleting_a_draft_asks_first(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:draft_delete", args=[draft.pk])
    assert "cannot be undone" in page_text(owner_client.get(url))
    assert Draft.objects.exists()
    owner_client.post(url)
    assert not Draft.objects.exists()


def test_editing_a_reflection_changes_words_but_not_next_steps(owner_client, owner, rejected):
    application, _ = rejected
    entry = services.reflection_create(
        user=owner, application=application, body="Before", next_break=True
    )
    url = reverse("journal:entry_edit", args=[entry.pk])
    form_page = page_text(owner_client.get(url))
    assert "Edit your reflection" in form_page
    assert "Take a break today" not in form_page
    response = owner_client.post(
        url,
        {
            "on": entry.on.isoformat(),
            "application": application.pk,
            "what_happened": "After",
            "mood": "4",
            "mood_after": "7",
            "next_break": "on",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.body, entry.mood, entry.mood_after) == ("After", 4, 7)
    assert FollowUp.objects.filter(user=owner, kind=FollowUp.Kind.OTHER).count() == 1


# --- check-ins, wins, notes -----------------------------------------------------------------


def test_a_check_in_is_saved_with_its_prompt(owner_client, owner):
    response = owner_client.get(reverse("journal:checkin_new"))
    prompt = response.context["form"].initial["prompt"]
    assert prompt in page_text(response)
    owner_client.post(
        reverse("journal:checkin_new"),
        {
            "mood": "6",
            "emotions": ["hopeful"],
            "body": "Slept well.",
            "prompt": prompt,
            "prompt_answer": "Sent two applications.",
            "on": timezone.localdate().isoformat(),
        },
    )
    entry = Entry.objects.get(user=owner)
    assert (entry.kind, entry.mood, entry.prompt, entry.prompt_answer) == (
        Entry.Kind.CHECK_IN,
        6,
        prompt,
        "Sent two applications.",
    )


def test_a_check_in_without_a_mood_says_so_and_keeps_the_note(owner_client):
    response = owner_client.post(
        reverse("journal:checkin_new"),
        {"body": "A long day, honestly.", "on": timezone.localdate().isoformat()},
    )
    page = page_text(response)
    assert "There is a problem" in page
    assert page.count("Choose a mood from 1 to 10.") == 2  # the summary and by the field
    assert "A long day, honestly." in page
    assert not Entry.objects.exists()


def test_a_win_needs_a_few_words(owner_client, owner):
    response = owner_client.post(
        reverse("journal:win_new"), {"title": "", "body": "Details kept", "on": "2026-01-02"}
    )
    assert "Say what the win was" in page_text(response)
    assert "Details kept" in page_text(response)
    owner_client.post(
        reverse("journal:win_new"), {"title": "Recruiter called back", "on": "2026-01-02"}
    )
    assert Entry.objects.get(user=owner).heading == "Recruiter called back"


def test_a_note_can_be_back_dated_and_linked(owner_client, owner):
    application = ApplicationFactory(user=owner)
    owner_client.post(
        reverse("journal:note_new"),
        {"body": "Notes from the call.", "on": "2025-12-01", "application": application.pk},
    )
    entry = Entry.objects.get(user=owner)
    assert (str(entry.on), entry.application) == ("2025-12-01", application)


def test_an_empty_note_is_explained(owner_client):
    page = page_text(owner_client.post(reverse("journal:note_new"), {"on": "2026-01-02"}))
    assert "Write something to save." in page


def test_one_tap_logs_a_mood_in_place(owner_client, owner):
    response = owner_client.post(reverse("journal:mood_log"), {"mood": "7"}, **HTMX)
    assert "Logged: mood 7 today." in page_text(response)
    assert "<html" not in response.content.decode()
    assert Entry.objects.get(user=owner).mood == 7


def test_one_tap_works_without_scripts_too(owner_client, owner):
    response = owner_client.post(reverse("journal:mood_log"), {"mood": "2"}, follow=True)
    assert "Logged: mood 2 today." in page_text(response)
    assert owner_client.post(reverse("journal:mood_log"), {"mood": "11"}).status_code == 302
    assert Entry.objects.filter(user=owner).count() == 1


def test_editing_a_check_in(owner_client, owner):
    entry = services.entry_create(user=owner, kind=Entry.Kind.CHECK_IN, mood=3, tags=["x"])
    url = reverse("journal:entry_edit", args=[entry.pk])
    assert 'value="x"' in owner_client.get(url).content.decode()
    owner_client.post(url, {"mood": "5", "body": "Better", "on": entry.on.isoformat()})
    entry.refresh_from_db()
    assert (entry.mood, entry.body) == (5, "Better")


def test_deleting_an_entry_asks_first(owner_client, owner):
    entry = WinFactory(user=owner)
    url = reverse("journal:entry_delete", args=[entry.pk])
    assert "cannot be undone" in page_text(owner_client.get(url))
    response = owner_client.post(url, follow=True)
    assert "The entry is deleted." in page_text(response)
    assert not Entry.objects.exists()


# --- the list ------------------------------------------------------------------------------------


def test_the_list_shows_entries_drafts_and_mood(owner_client, owner, rejected):
    application, _ = rejected
    ReflectionFactory(user=owner, application=application, mood=2, mood_after=4)
    DraftFactory(user=owner, data={"what_happened": "Half-written"})
    page = page_text(owner_client.get(reverse("journal:entry_list")))
    assert "Reflection on Data analyst at Acme" in page
    assert "Mood 2 → 4" in page
    assert "Unfinished reflections" in page and "Half-written" in page
    assert "On average 3.0 out of 10" in page


def test_filtering_with_htmx_returns_just_the_results(owner_client, owner):
    WinFactory(user=owner, title="Finished a module")
    EntryFactory(user=owner, body="Tired today")
    response = owner_client.get(
        reverse("journal:entry_list"), {"kind": "win"}, HTTP_HX_TARGET="journal-results", **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="journal-results"')
    assert "Finished a module" in html and "Tired today" not in html
    assert "1 entry matches" in text(html)


def test_a_search_with_no_match_says_so(owner_client, owner):
    EntryFactory(user=owner, body="Tired today")
    page = page_text(owner_client.get(reverse("journal:entry_list"), {"q": "zebra"}))
    assert "Nothing matches those filters." in page


def test_a_very_long_search_is_trimmed_and_the_page_says_so(owner_client, owner):
    ReflectionFactory(user=owner, body="The panel liked my portfolio.")
    ReflectionFactory(user=owner, body="A quiet week.")
    typed = "panel portfolio " + " ".join("panel" for _ in range(998))
    for headers in ({}, {"HTTP_HX_TARGET": "journal-results", **HTMX}):
        response = owner_client.get(reverse("journal:entry_list"), {"q": typed}, **headers)
        page = page_text(response)
        assert response.status_code == 200
        assert (
            "That was a long search, so we looked for the first 2 words: panel portfolio." in page
        )
        assert "1 entry matches" in page
        assert "The panel liked my portfolio." in page and "A quiet week." not in page


def test_a_search_longer_than_two_hundred_characters_is_not_ignored(owner_client, owner):
    ReflectionFactory(user=owner, body="The panel liked my portfolio.")
    ReflectionFactory(user=owner, body="A quiet week.")
    typed = "portfolio " + "x" * 300
    page = page_text(owner_client.get(reverse("journal:entry_list"), {"q": typed}))
    assert "That was a long search, so we looked for the start of it only: portfolio." in page
    assert "A quiet week." not in page


def test_a_short_search_says_nothing_about_trimming(owner_client, owner):
    ReflectionFactory(user=owner, body="The panel liked my portfolio.")
    page = page_text(owner_client.get(reverse("journal:entry_list"), {"q": "panel"}))
    assert "long search" not in page and "1 entry matches" in page


def test_the_list_is_paginated(owner_client, owner):
    for n in range(25):
        EntryFactory(user=owner, on=timezone.localdate() - timedelta(days=n))
    first = page_text(owner_client.get(reverse("journal:entry_list")))
    assert "page 1 of 2" in first and "Older entries" in first
    second = page_text(owner_client.get(reverse("journal:entry_list"), {"page": 2}))
    assert "page 2 of 2" in second and "Newer entries" in second


@pytest.mark.parametrize("size", [2, 30])
def test_the_list_runs_the_same_queries_however_much_is_written(
    owner_client, owner, django_assert_num_queries, size
):
    for n in range(size):
        application = ApplicationFactory(user=owner)
        services.entry_create(
            user=owner,
            kind=Entry.Kind.CHECK_IN,
            mood=1 + n % 10,
            on=timezone.localdate() - timedelta(days=n % 20),
            emotions=["sad", f"own {n}"],
            tags=[f"tag {n}"],
            application=application,
        )
        ReflectionFactory(user=owner, application=application)
        DraftFactory(user=owner, application=application)
    # session, user; filters: feelings, tags, applications; drafts; mood;
    # the page: count, rows, their feelings, their tags.
    with django_assert_num_queries(11):
        response = owner_client.get(reverse("journal:entry_list"))
    assert response.status_code == 200


# --- skill goals -----------------------------------------------------------------------------


def test_a_skill_goal_can_come_from_a_reflection(owner_client, owner):
    entry = ReflectionFactory(user=owner)
    url = reverse("journal:skill_new") + f"?entry={entry.pk}"
    assert "Prompted by" in page_text(owner_client.get(url))
    owner_client.post(
        url,
        {
            "title": "Storytelling",
            "status": "planned",
            "resources": "https://example.org/course",
            "source_entry": entry.pk,
        },
    )
    goal = SkillGoal.objects.get(user=owner)
    assert (goal.title, goal.source_entry) == ("Storytelling", entry)
    page = page_text(owner_client.get(reverse("journal:skill_list")))
    assert "Storytelling" in page and "Prompted by" in page


def test_a_skill_goal_cannot_be_linked_to_another_persons_entry(owner_client, stranger):
    theirs = ReflectionFactory(user=stranger)
    url = reverse("journal:skill_new") + f"?entry={theirs.pk}"
    assert owner_client.get(url).status_code == 404
    response = owner_client.post(
        reverse("journal:skill_new"),
        {"title": "x", "status": "planned", "source_entry": theirs.pk},
    )
    assert response.status_code == 404
    assert not SkillGoal.objects.exists()


def test_a_skill_goal_without_a_title_is_explained(owner_client):
    response = owner_client.post(
        reverse("journal:skill_new"), {"title": "", "status": "planned", "why": "Kept why"}
    )
    page = page_text(response)
    assert "The skill is needed." in page and "Kept why" in page


def test_marking_a_skill_goal_done_in_place_counts_it_as_a_win(owner_client, owner):
    goal = SkillGoalFactory(user=owner, title="Docker basics")
    response = owner_client.post(
        reverse("journal:skill_set_status", args=[goal.pk]), {"status": "done"}, **HTMX
    )
    page = page_text(response)
    assert "Done: Docker basics. That counts as a win." in page
    assert "<html" not in response.content.decode()
    assert response["HX-Trigger"] == '{"skillGoalChanged": {}}'
    goal.refresh_from_db()
    assert goal.status == SkillGoal.Status.DONE and goal.done_on == timezone.localdate()


def test_a_made_up_status_is_refused(owner_client, owner):
    goal = SkillGoalFactory(user=owner)
    response = owner_client.post(
        reverse("journal:skill_set_status", args=[goal.pk]), {"status": "abandoned"}
    )
    assert response.status_code == 404


def test_editing_and_deleting_a_skill_goal(owner_client, owner):
    goal = SkillGoalFactory(user=owner)
    owner_client.post(
        reverse("journal:skill_edit", args=[goal.pk]),
        {"title": "Public speaking", "status": "in_progress", "progress_notes": "Two talks"},
    )
    goal.refresh_from_db()
    assert (goal.title, goal.status, goal.progress_notes) == (
        "Public speaking",
        "in_progress",
        "Two talks",
    )
    url = reverse("journal:skill_delete", args=[goal.pk])
    assert "cannot be undone" in page_text(owner_client.get(url))
    owner_client.post(url)
    assert not SkillGoal.objects.exists()


def test_without_scripts_a_mistake_in_a_step_is_shown_with_the_words_kept(owner_client, owner):
    draft = DraftFactory(user=owner)
    url = reverse("journal:reflection_draft", args=[draft.pk])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = owner_client.post(
        url, {"go": "2", "step": "1", "on": future, "what_happened": "Kept text"}
    )
    assert response.status_code == 200
    page = page_text(response)
    assert "There is a problem" in page
    assert "The date can’t be in the future." in page
    assert "Kept text" in page


def test_one_tap_without_scripts_goes_back_to_the_page_it_came_from(owner_client):
    response = owner_client.post(reverse("journal:mood_log"), {"mood": "6", "next": "/"})
    assert response["Location"] == "/"


def test_one_tap_with_a_strange_mood_says_so_in_place(owner_client, owner):
    response = owner_client.post(reverse("journal:mood_log"), {"mood": "11"}, **HTMX)
    assert "Choose a mood from 1 to 10 to log it." in page_text(response)
    assert "<html" not in response.content.decode()
    assert not Entry.objects.filter(user=owner).exists()
