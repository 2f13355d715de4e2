"""The feedback pages: from a rejection to a ready email, sending, the reply, its themes."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import services as journal_services
from journal.models import SkillGoal
from tests.html import text
from tests.tracker.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
)
from tracker import services
from tracker.feedback import services as feedback_services
from tracker.feedback import skill_goals
from tracker.models import Contact, FeedbackRequest, FeedbackTemplate, FollowUp, Status

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def rejected(owner, company="Northwind", role="Data analyst"):
    application = ApplicationFactory(user=owner, company=company, role=role)
    application.contacts.add(
        ContactFactory(user=owner, name="Sam Recruiter", email="sam@example.com"),
        ContactFactory(
            user=owner,
            name="Priya Shah",
            email="priya@example.com",
            relationship=Contact.Relationship.HIRING_MANAGER,
        ),
    )
    services.application_set_status(application=application, status=Status.REJECTED)
    return application


def compose_url(application) -> str:
    return f"{reverse('tracker:feedback_new')}?application={application.pk}"


def sent(owner, **kwargs) -> FeedbackRequest:
    feedback = FeedbackRequestFactory(user=owner, application=rejected(owner, **kwargs))
    feedback_services.feedback_request_mark_sent(feedback=feedback)
    feedback.refresh_from_db()
    return feedback


# --- composing -------------------------------------------------------------------------


def test_a_rejection_offers_a_ready_email_to_the_hiring_manager(owner_client, owner):
    owner.first_name, owner.last_name = "Alex", "Rivera"
    owner.save()
    application = rejected(owner)
    detail = owner_client.get(reverse("tracker:application_detail", args=[application.pk]))
    assert compose_url(application) in detail.content.decode()

    response = owner_client.get(compose_url(application))
    html = response.content.decode()
    page = text(html)
    assert "Ask Northwind for feedback" in page
    # The hiring manager comes first, with their address.
    assert 'value="priya@example.com"' in html
    assert "Hi Priya," in page
    assert "Data analyst role at Northwind" in page
    assert "Alex Rivera" in page
    assert "Still to fill in by hand" not in page
    assert "mailto:priya@example.com?subject=My%20application%20for%20the%20Data%20analyst" in html
    assert not FeedbackRequest.objects.exists(), "opening the composer writes nothing"


def test_after_an_interview_the_interview_template_is_chosen(owner_client, owner):
    application = rejected(owner)
    InterviewFactory(
        user=owner, application=application, scheduled_at=timezone.now() - timedelta(days=3)
    )
    page = text(owner_client.get(compose_url(application)).content.decode())
    assert "for the time you and the team gave me during the interview on" in page


def test_placeholders_without_a_value_are_pointed_out(owner_client, owner):
    application = ApplicationFactory(user=owner, company="Solo")
    page = text(owner_client.get(compose_url(application)).content.decode())
    assert "Still to fill in by hand: {contact_first_name} , {my_name} ." in page
    assert "Add your name in Settings" in page


def test_a_hostile_company_name_is_inert_on_the_page_and_exact_in_the_mail(owner_client, owner):
    application = rejected(owner, company="<script>alert(1)</script> & Sons")
    html = owner_client.get(compose_url(application)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons" in html
    href = html.split('href="mailto:', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    body = unquote(href.split("body=", 1)[1])
    assert "<script>alert(1)</script> & Sons" in body


def test_starting_without_an_application_asks_which_one(owner_client, owner):
    application = rejected(owner)
    response = owner_client.get(reverse("tracker:feedback_new"))
    assert "Which application is it about?" in text(response.content.decode())
    assert f'value="{application.pk}"' in response.content.decode()


def test_another_persons_application_cannot_be_asked_about(stranger_client, owner):
    application = rejected(owner)
    assert stranger_client.get(compose_url(application)).status_code == 404
    response = stranger_client.post(
        reverse("tracker:feedback_new"), {"application": application.pk, "subject": "x"}
    )
    assert response.status_code == 404
    assert not FeedbackRequest.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, owner):
    application = rejected(owner)
    for url in (compose_url(application), reverse("tracker:feedback_list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_autosave_makes_one_draft_and_keeps_every_character(owner_client, owner):
    application = rejected(owner)
    url = reverse("tracker:feedback_new") + "?autosave=1"
    words = "Hi Priya,\n\nThank you — could you share what held me back? Zoë 🙂"
    data = {
        "application": application.pk,
        "feedback": "",
        "to_email": "priya@example.com",
        "subject": "Feedback",
        "body": words,
    }
    first = owner_client.post(url, data, headers=HTMX)
    draft = FeedbackRequest.objects.get()
    assert "draftSaved" in first["HX-Trigger"]
    assert first["HX-Replace-Url"] == reverse("tracker:feedback_detail", args=[draft.pk])
    second = owner_client.post(
        url, {**data, "feedback": draft.pk, "body": words + " More."}, headers=HTMX
    )
    assert "draftSaved" in second["HX-Trigger"]
    draft.refresh_from_db()
    assert FeedbackRequest.objects.count() == 1
    assert draft.body == words + " More."
    assert draft.state == FeedbackRequest.State.DRAFT


def test_autosave_keeps_the_words_while_the_address_is_half_typed(owner_client, owner):
    application = rejected(owner)
    response = owner_client.post(
        reverse("tracker:feedback_new") + "?autosave=1",
        {"application": application.pk, "to_email": "priya@", "body": "Words first"},
        headers=HTMX,
    )
    assert "draftProblem" in response["HX-Trigger"]
    assert "all but the email address: Enter an email address" in text(response.content.decode())
    draft = FeedbackRequest.objects.get()
    assert (draft.body, draft.to_email) == ("Words first", "")


def test_autosave_with_a_mistake_in_the_words_says_why_and_saves_nothing(owner_client, owner):
    application = rejected(owner)
    response = owner_client.post(
        reverse("tracker:feedback_new") + "?autosave=1",
        {"application": application.pk, "subject": "x" * 301, "body": "Hi"},
        headers=HTMX,
    )
    assert "draftProblem" in response["HX-Trigger"]
    assert "Not saved yet: Subject can be up to 300 characters" in text(response.content.decode())
    assert not FeedbackRequest.objects.exists()


def test_an_odd_date_sent_never_holds_up_an_autosave(owner_client, owner):
    application = rejected(owner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:feedback_new") + "?autosave=1",
        {"application": application.pk, "body": "Saved anyway", "sent_on": tomorrow},
        headers=HTMX,
    )
    assert "draftSaved" in response["HX-Trigger"]
    assert FeedbackRequest.objects.get().body == "Saved anyway"


def test_filling_in_again_after_an_autosave_keeps_to_the_same_draft(owner_client, owner):
    application = rejected(owner)
    draft = FeedbackRequestFactory(user=owner, application=application)
    html = owner_client.get(compose_url(application) + "&template=stay_in_touch").content.decode()
    assert f'name="feedback" id="feedback-id" value="{draft.pk}"' in html
    assert 'value="Staying in touch with Northwind"' in html


def test_a_mistake_comes_back_explained_with_every_character(owner_client, owner):
    application = rejected(owner)
    body = "Hello <b>there</b> & thanks — ありがとう"
    response = owner_client.post(
        reverse("tracker:feedback_new"),
        {"application": application.pk, "to_email": "priya@", "subject": "S", "body": body},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "There is a problem" in text(html)
    assert "Enter an email address like name@example.com." in text(html)
    assert 'value="priya@"' in html
    assert "Hello &lt;b&gt;there&lt;/b&gt; &amp; thanks — ありがとう" in html
    assert not FeedbackRequest.objects.exists()


def test_save_draft_and_continue_it_later(owner_client, owner):
    application = rejected(owner)
    response = owner_client.post(
        reverse("tracker:feedback_new"),
        {"application": application.pk, "subject": "Kept", "body": "Words", "save": "1"},
    )
    draft = FeedbackRequest.objects.get()
    assert response["Location"] == reverse("tracker:feedback_detail", args=[draft.pk])
    # Asking again finds the draft instead of starting another.
    again = owner_client.get(compose_url(application))
    assert again["Location"] == reverse("tracker:feedback_detail", args=[draft.pk])
    page = owner_client.get(again["Location"]).content.decode()
    assert 'value="Kept"' in page and ">\nWords</textarea>" in page


def test_filling_in_again_from_another_template_replaces_the_text(owner_client, owner):
    application = rejected(owner)
    draft = FeedbackRequestFactory(user=owner, application=application, subject="Mine")
    url = reverse("tracker:feedback_detail", args=[draft.pk]) + "?template=stay_in_touch"
    html = owner_client.get(url).content.decode()
    assert "Filled in from “Stay in touch for future roles”" in text(html)
    assert 'value="Staying in touch with Northwind"' in html
    draft.refresh_from_db()
    assert draft.subject == "Mine", "showing a template saves nothing"


def test_marking_sent_starts_the_wait_with_one_reminder(owner_client, owner):
    application = rejected(owner)
    asked = FollowUp.objects.get(kind=FollowUp.Kind.FEEDBACK_REQUEST)
    response = owner_client.post(
        reverse("tracker:feedback_new"),
        {
            "application": application.pk,
            "subject": "S",
            "body": "B",
            "sent_on": timezone.localdate().isoformat(),
            "send": "1",
        },
        follow=True,
    )
    feedback = FeedbackRequest.objects.get()
    assert feedback.state == FeedbackRequest.State.SENT
    reminder = FollowUp.objects.get(rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK)
    assert reminder.due_on == timezone.localdate() + timedelta(days=7)
    asked.refresh_from_db()
    assert asked.done_at is not None
    page = text(response.content.decode())
    assert "Marked as sent on" in page
    assert "Your reminder to ask for feedback is ticked off." in page
    assert "Record their reply" in page

    # The follow-ups page offers to record the reply straight from the reminder.
    followups = owner_client.get(reverse("tracker:followup_list")).content.decode()
    assert reverse("tracker:feedback_detail", args=[feedback.pk]) + "#reply" in followups


def test_marking_sent_twice_from_the_same_page_records_one_request(owner_client, owner):
    application = rejected(owner)
    page = owner_client.get(compose_url(application)).content.decode()
    form_key = page.split('name="form_key" value="', 1)[1].split('"', 1)[0]
    assert len(form_key) == 32
    data = {"application": application.pk, "form_key": form_key, "body": "B", "send": "1"}
    owner_client.post(reverse("tracker:feedback_new"), data)
    again = owner_client.post(reverse("tracker:feedback_new"), data, follow=True)
    assert "already marked as sent" in text(again.content.decode())
    assert FeedbackRequest.objects.count() == 1
    assert FollowUp.objects.filter(rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK).count() == 1


def test_posting_a_sent_request_again_changes_nothing(owner_client, owner):
    feedback = sent(owner)
    url = reverse("tracker:feedback_detail", args=[feedback.pk])
    response = owner_client.post(url, {"subject": "Changed", "send": "1"}, follow=True)
    assert "already marked as sent" in text(response.content.decode())
    autosave = owner_client.post(url + "?autosave=1", {"subject": "Changed"}, headers=HTMX)
    assert "draftProblem" in autosave["HX-Trigger"]
    feedback.refresh_from_db()
    assert feedback.subject != "Changed"


def test_a_contact_taken_off_the_application_stays_on_the_draft(owner_client, owner):
    application = rejected(owner)
    priya = application.contacts.get(name="Priya Shah")
    draft = FeedbackRequestFactory(user=owner, application=application, contact=priya)
    application.contacts.remove(priya)
    url = reverse("tracker:feedback_detail", args=[draft.pk])
    assert f'<option value="{priya.pk}" selected data-email="priya@example.com">' in (
        owner_client.get(url).content.decode()
    )
    owner_client.post(url, {"contact": priya.pk, "subject": "S", "body": "B", "save": "1"})
    draft.refresh_from_db()
    assert draft.contact == priya


def test_a_sent_date_in_the_future_is_refused(owner_client, owner):
    application = rejected(owner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:feedback_new"),
        {"application": application.pk, "body": "Kept words", "sent_on": tomorrow, "send": "1"},
    )
    assert "The date can’t be in the future" in text(response.content.decode())
    assert "Kept words" in response.content.decode()
    assert not FeedbackRequest.objects.filter(state=FeedbackRequest.State.SENT).exists()


# --- tracking ----------------------------------------------------------------------------


def test_a_reply_cannot_be_recorded_for_a_draft(owner_client, owner):
    draft = FeedbackRequestFactory(user=owner, application=rejected(owner))
    response = owner_client.post(
        reverse("tracker:feedback_reply", args=[draft.pk]),
        {"replied_on": timezone.localdate().isoformat(), "reply_text": "x"},
        follow=True,
    )
    assert "Mark it as sent first" in text(response.content.decode())
    draft.refresh_from_db()
    assert draft.state == FeedbackRequest.State.DRAFT and draft.reply_text == ""


def test_recording_the_reply_with_themes_completes_the_reminder(owner_client, owner):
    feedback = sent(owner)
    response = owner_client.post(
        reverse("tracker:feedback_reply", args=[feedback.pk]),
        {
            "replied_on": timezone.localdate().isoformat(),
            "reply_text": "Strong overall; we wanted deeper SQL.",
            "themes": ["technical_depth", "experience_level"],
            "tags": "SQL, sql, window functions",
            "will_change": "Practise SQL window functions",
        },
        follow=True,
    )
    feedback.refresh_from_db()
    assert feedback.state == FeedbackRequest.State.REPLIED
    assert feedback.themes == ["technical_depth", "experience_level"]
    assert feedback.tags == ["SQL", "window functions"]
    reminder = FollowUp.objects.get(rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK)
    assert reminder.done_at is not None
    page = text(response.content.decode())
    assert "Technical depth" in page and "Experience level" in page
    assert "we wanted deeper SQL" in page
    assert "Make this a skill goal" in page


def test_correcting_a_reply_with_a_mistake_keeps_what_was_typed(owner_client, owner):
    feedback = sent(owner)
    feedback_services.feedback_request_record_reply(
        feedback=feedback, on=timezone.localdate(), text="Old"
    )
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:feedback_reply", args=[feedback.pk]),
        {"replied_on": tomorrow, "reply_text": "New words, kept", "will_change": "Mine"},
    )
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "The date can’t be in the future" in text(html)
    assert "New words, kept" in html and "Mine" in html
    feedback.refresh_from_db()
    assert feedback.reply_text == "Old"


def test_a_reply_dated_before_the_request_comes_back_with_what_was_typed(owner_client, owner):
    feedback = sent(owner)
    response = owner_client.post(
        reverse("tracker:feedback_reply", args=[feedback.pk]),
        {
            "replied_on": (feedback.sent_on - timedelta(days=2)).isoformat(),
            "reply_text": "Typed reply, kept",
            "themes": ["communication"],
        },
    )
    html = response.content.decode()
    assert "The reply can’t have come before you sent the request" in text(html)
    assert "Typed reply, kept" in html
    feedback.refresh_from_db()
    assert feedback.state == FeedbackRequest.State.SENT


def test_close_as_no_reply_then_reopen(owner_client, owner):
    feedback = sent(owner)
    owner_client.post(reverse("tracker:feedback_close", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.state == FeedbackRequest.State.NO_REPLY
    assert FollowUp.objects.get(source_feedback=feedback).done_at is not None
    response = owner_client.post(
        reverse("tracker:feedback_reopen", args=[feedback.pk]), follow=True
    )
    feedback.refresh_from_db()
    assert feedback.state == FeedbackRequest.State.SENT
    assert "Waiting for a reply again." in text(response.content.decode())


def test_a_long_wait_suggests_closing_it(owner_client, owner):
    feedback = FeedbackRequestFactory(user=owner, application=rejected(owner))
    feedback_services.feedback_request_mark_sent(
        feedback=feedback, on=timezone.localdate() - timedelta(days=25)
    )
    page = text(
        owner_client.get(reverse("tracker:feedback_detail", args=[feedback.pk])).content.decode()
    )
    assert "No reply after 25 days" in page
    listing = text(owner_client.get(reverse("tracker:feedback_list")).content.decode())
    assert "waiting 25 days — no reply after 21 days; you could close it" in listing


def test_not_sent_after_all_goes_back_to_drafts(owner_client, owner):
    feedback = sent(owner)
    asked = FollowUp.objects.get(kind=FollowUp.Kind.FEEDBACK_REQUEST)
    assert asked.done_at is not None, "marking it sent ticked off the reminder to ask"
    owner_client.post(reverse("tracker:feedback_unsend", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.state == FeedbackRequest.State.DRAFT
    assert not FollowUp.objects.filter(source_feedback=feedback).exists()
    asked.refresh_from_db()
    assert asked.done_at is None, "and taking it back opens that reminder again"


def test_deleting_asks_first_then_deletes(owner_client, owner):
    feedback = sent(owner)
    url = reverse("tracker:feedback_delete", args=[feedback.pk])
    assert "Delete this feedback request?" in text(owner_client.get(url).content.decode())
    owner_client.post(url)
    assert not FeedbackRequest.objects.exists()
    assert not FollowUp.objects.filter(rule=FollowUp.Rule.FEEDBACK_REPLY_CHECK).exists()


def test_the_timeline_shows_the_request_and_the_reply(owner_client, owner):
    feedback = sent(owner)
    feedback_services.feedback_request_record_reply(
        feedback=feedback, on=timezone.localdate(), text="Great culture fit", themes=["other"]
    )
    page = text(
        owner_client.get(
            reverse("tracker:application_detail", args=[feedback.application_id])
        ).content.decode()
    )
    assert "Asked for feedback" in page
    assert "Feedback received" in page and "Themes: Other." in page


# --- a skill goal in one click -------------------------------------------------------------


def test_what_ill_change_becomes_a_skill_goal_once(owner_client, owner):
    feedback = sent(owner)
    feedback_services.feedback_request_record_reply(
        feedback=feedback, on=timezone.localdate(), will_change="Practise system design"
    )
    url = reverse("journal:skill_from_feedback", args=[feedback.pk])
    response = owner_client.post(url, headers=HTMX)
    assert "Added to your skill goals: “Practise system design”" in text(response.content.decode())
    assert "skillGoalChanged" in response["HX-Trigger"]
    again = owner_client.post(url, follow=True)
    assert "already a skill goal" in text(again.content.decode())
    goal = SkillGoal.objects.get()
    assert goal.source_feedback == feedback and goal.user == owner
    skills = text(owner_client.get(reverse("journal:skill_list")).content.decode())
    assert "From the feedback Northwind gave" in skills


def replied_with_a_change(owner, change="Practise system design") -> FeedbackRequest:
    feedback = sent(owner)
    feedback_services.feedback_request_record_reply(
        feedback=feedback, on=timezone.localdate(), will_change=change
    )
    return feedback


def test_a_reply_not_yet_a_skill_goal_offers_to_make_one(owner_client, owner):
    feedback = replied_with_a_change(owner)
    page = text(
        owner_client.get(reverse("tracker:feedback_detail", args=[feedback.pk])).content.decode()
    )
    assert "Make this a skill goal" in page and "Skill goal:" not in page


def test_a_reply_already_a_skill_goal_links_to_it_instead(owner_client, owner):
    feedback = replied_with_a_change(owner)
    goal, _ = journal_services.skill_goal_from_feedback(user=owner, feedback=feedback)
    html = owner_client.get(reverse("tracker:feedback_detail", args=[feedback.pk])).content.decode()
    assert "Skill goal: Practise system design" in text(html)
    assert f'<a href="/journal/skills/#goal-{goal.pk}">Practise system design</a>' in html
    assert "Make this a skill goal" not in text(html)


def test_someone_elses_skill_goals_never_count(owner, stranger):
    mine = replied_with_a_change(owner)
    theirs = replied_with_a_change(stranger)
    journal_services.skill_goal_from_feedback(user=stranger, feedback=theirs)
    found = skill_goals.skill_goals_for(user=owner, feedback_ids=[mine.pk, theirs.pk])
    assert found == {}


def test_with_no_provider_registered_the_page_still_offers_to_make_a_goal(
    owner_client, owner, monkeypatch
):
    feedback = replied_with_a_change(owner)
    journal_services.skill_goal_from_feedback(user=owner, feedback=feedback)
    monkeypatch.setattr(skill_goals, "_providers", [])
    response = owner_client.get(reverse("tracker:feedback_detail", args=[feedback.pk]))
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "Make this a skill goal" in page and "Skill goal:" not in page


def test_without_what_ill_change_there_is_nothing_to_make_a_goal_of(owner_client, owner):
    feedback = sent(owner)
    feedback_services.feedback_request_record_reply(feedback=feedback, on=timezone.localdate())
    response = owner_client.post(
        reverse("journal:skill_from_feedback", args=[feedback.pk]), headers=HTMX
    )
    assert "Write what you’ll change first" in text(response.content.decode())
    assert not SkillGoal.objects.exists()


# --- the list -----------------------------------------------------------------------------


def test_the_list_filters_by_state_and_adds_up_the_replies(owner_client, owner):
    waiting = sent(owner, company="Waiting Co")
    answered = sent(owner, company="Answered Co")
    feedback_services.feedback_request_record_reply(
        feedback=answered, on=timezone.localdate(), text="Keep going", themes=["skills_gap"]
    )
    FeedbackRequestFactory(user=owner, application=rejected(owner, company="Draft Co"))
    everything = text(owner_client.get(reverse("tracker:feedback_list")).content.decode())
    assert all(name in everything for name in ("Waiting Co", "Answered Co", "Draft Co"))
    assert "Replied 1 (50%)" in everything
    assert "Skills gap 1" in everything
    only_replied = owner_client.get(
        reverse("tracker:feedback_list") + "?state=replied", headers=HTMX
    ).content.decode()
    assert "Answered Co" in only_replied and waiting.application.company not in only_replied
    assert "“Keep going”" in text(only_replied)


def test_the_list_can_be_searched_within_a_tab_and_the_tabs_keep_the_search(owner_client, owner):
    waiting = sent(owner, company="Northwind")
    answered = sent(owner, company="Northwind Labs")
    feedback_services.feedback_request_record_reply(
        feedback=answered, on=timezone.localdate(), text="More SQL depth, please"
    )
    sent(owner, company="Bluefin")
    page = text(
        owner_client.get(reverse("tracker:feedback_list"), {"q": "northwind"}).content.decode()
    )
    assert "Northwind Labs" in page and "Bluefin" not in page
    assert "All 2 Drafts 0 Waiting 1 Replied 1" in page
    html = owner_client.get(
        reverse("tracker:feedback_list"), {"q": "sql", "state": "replied"}, headers=HTMX
    ).content.decode()
    assert "Northwind Labs" in html and f">{waiting.application.role} at Northwind<" not in html
    assert 'href="/feedback/?state=sent&amp;q=sql"' in html
    assert '<input type="hidden" name="state" value="replied" form="feedback-search">' in html


def test_a_feedback_search_of_a_thousand_words_answers_and_says_it_was_trimmed(owner_client, owner):
    sent(owner, company="Northwind")
    words = " ".join(["northwind", *(f"word{n}" for n in range(999))])
    response = owner_client.get(reverse("tracker:feedback_list"), {"q": words}, headers=HTMX)
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "That was a long search, so we looked for the first 10 words: northwind word0" in page
    assert "No request matches “northwind word0 word1" in page


def test_a_long_feedback_search_still_finds_what_it_names(owner_client, owner):
    sent(owner, company="Northwind")
    sent(owner, company="Bluefin")
    response = owner_client.get(reverse("tracker:feedback_list"), {"q": "Bluefin " * 300})
    page = text(response.content.decode())
    assert "so we looked for the start of it only: Bluefin." in page
    assert "Bluefin" in page and "Northwind" not in page


def test_the_list_runs_the_same_queries_however_many(
    owner_client, owner, django_assert_num_queries
):
    def add(count: int) -> None:
        for _ in range(count):
            feedback = sent(owner)
            feedback_services.feedback_request_record_reply(
                feedback=feedback, on=timezone.localdate(), themes=["other"]
            )
            sent(owner)

    # session, user, count, page, counts by state, stats (requests, rejection stages)
    add(1)
    with django_assert_num_queries(7):
        owner_client.get(reverse("tracker:feedback_list"))
    add(6)
    with django_assert_num_queries(7):
        owner_client.get(reverse("tracker:feedback_list"))


def test_the_list_shows_only_ones_own_requests(stranger_client, owner):
    sent(owner, company="Private Co")
    page = text(stranger_client.get(reverse("tracker:feedback_list")).content.decode())
    assert "Private Co" not in page
    assert "No feedback requests yet" in page


# --- templates in settings ------------------------------------------------------------------


def test_changing_our_wording_is_used_in_the_next_email(owner_client, owner):
    settings_page = text(owner_client.get(reverse("settings")).content.decode())
    assert "After an interview" in settings_page and "our wording" in settings_page
    response = owner_client.post(
        reverse("tracker:feedback_template_new") + "?from=after_application",
        {
            "from": "after_application",
            "name": "After applying",
            "subject": "Quick question, {company}",
            "body": "Dear {contact_first_name}, {salary}",
        },
        follow=True,
    )
    page = text(response.content.decode())
    assert "{salary} is not a placeholder we fill in" in page
    template = FeedbackTemplate.objects.get()
    assert template.builtin == "after_application"
    composer = owner_client.get(compose_url(rejected(owner))).content.decode()
    assert 'value="Quick question, Northwind"' in composer
    assert "Still to fill in by hand: {salary} ." in text(composer)

    # Going back to our wording.
    owner_client.post(reverse("tracker:feedback_template_delete", args=[template.pk]))
    assert not FeedbackTemplate.objects.exists()


def test_a_template_of_ones_own_needs_a_name_and_keeps_what_was_typed(owner_client, owner):
    response = owner_client.post(
        reverse("tracker:feedback_template_new"),
        {"name": "", "subject": "Hello {company}", "body": "Typed body"},
    )
    html = response.content.decode()
    assert "Template name is needed." in text(html)
    assert 'value="Hello {company}"' in html and "Typed body" in html
    assert not FeedbackTemplate.objects.exists()


def test_ones_name_in_settings_signs_the_emails(owner_client, owner):
    owner_client.post(
        reverse("settings"),
        {"form": "account", "first_name": "Zoë", "last_name": "Ångström", "time_zone": "UTC"},
    )
    owner.refresh_from_db()
    assert owner.get_full_name() == "Zoë Ångström"
    page = text(owner_client.get(compose_url(rejected(owner))).content.decode())
    assert "Zoë Ångström" in page
