from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.html import text
from tests.tracker.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    FollowUpFactory,
    InterviewFactory,
)
from tracker import selectors, services
from tracker.feedback import services as feedback_services
from tracker.models import Application, Contact, FollowUp, Interview, Status, StatusEvent

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def page_text(response) -> str:
    return text(response.content.decode())


def new_application(owner, **fields):
    return services.application_create(
        user=owner, **{"company": "Acme", "role": "Data analyst", **fields}
    )


# --- list ----------------------------------------------------------------------------


def test_the_list_shows_my_applications_and_nobody_elses(owner_client, owner, stranger):
    ApplicationFactory(user=owner, company="Northwind")
    ApplicationFactory(user=stranger, company="Secret Corp")
    page = page_text(owner_client.get(reverse("tracker:application_list")))
    assert "Northwind" in page
    assert "Secret Corp" not in page


def test_a_new_person_sees_how_to_start(owner_client):
    page = page_text(owner_client.get(reverse("tracker:application_list")))
    assert "Nothing here yet" in page


def test_search_matches_company_or_role_words(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind Analytics", role="Data analyst")
    ApplicationFactory(user=owner, company="Bluefin", role="Product designer")
    response = owner_client.get(reverse("tracker:application_list"), {"q": "north  data"})
    page = page_text(response)
    assert "Northwind Analytics" in page and "Bluefin" not in page
    assert "1 application match" in page


def thousand_words(*first: str) -> str:
    return " ".join([*first, *(f"word{n}" for n in range(1000 - len(first)))])


def test_a_search_of_a_thousand_words_answers_and_says_it_was_trimmed(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind Analytics", role="Data analyst")
    response = owner_client.get(
        reverse("tracker:application_list"), {"q": thousand_words("northwind", "data")}
    )
    assert response.status_code == 200
    page = page_text(response)
    assert (
        "That was a long search, so we looked for the first 10 words: northwind data word0 "
        "word1 word2 word3 word4 word5 word6 word7." in page
    )
    assert "Nothing matches that search" in page


def test_a_long_search_still_finds_what_its_first_words_name(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind Analytics", role="Data analyst")
    ApplicationFactory(user=owner, company="Bluefin", role="Product designer")
    response = owner_client.get(
        reverse("tracker:application_list"), {"q": " ".join(["Northwind"] * 1000)}, headers=HTMX
    )
    page = page_text(response)
    assert "That was a long search, so we looked for the start of it only: Northwind." in page
    assert "Northwind Analytics" in page and "Bluefin" not in page


def test_a_short_search_shows_no_notice(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind Analytics")
    page = page_text(owner_client.get(reverse("tracker:application_list"), {"q": "north"}))
    assert "Northwind Analytics" in page and "long search" not in page


def test_filters_and_a_search_with_no_match_say_so(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind", status=Status.APPLIED)
    page = page_text(owner_client.get(reverse("tracker:application_list"), {"status": "offer"}))
    assert "Nothing matches that search" in page


def test_sorting_by_company(owner_client, owner):
    for company in ("Zephyr", "Acme", "Mosaic"):
        ApplicationFactory(user=owner, company=company)
    html = owner_client.get(
        reverse("tracker:application_list"), {"sort": "company"}
    ).content.decode()
    assert html.index("Acme") < html.index("Mosaic") < html.index("Zephyr")


def test_the_list_is_paginated(owner_client, owner):
    ApplicationFactory.create_batch(30, user=owner)
    page = page_text(owner_client.get(reverse("tracker:application_list")))
    assert "30 applications" in page and "page 1 of 2" in page
    page2 = page_text(owner_client.get(reverse("tracker:application_list"), {"page": 2}))
    assert "Page 2 of 2" in page2


def test_htmx_search_returns_just_the_results(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind")
    response = owner_client.get(reverse("tracker:application_list"), {"q": "north"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "Northwind" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_the_same_queries_however_many_rows(
    owner_client, owner, rows, django_assert_num_queries
):
    ApplicationFactory.create_batch(rows, user=owner)
    # session, user, count, page of rows
    with django_assert_num_queries(4):
        owner_client.get(reverse("tracker:application_list"))


# --- adding and editing --------------------------------------------------------------


def test_adding_an_application_records_its_first_step(owner_client, owner):
    response = owner_client.post(
        reverse("tracker:application_new"),
        {
            "company": "Acme",
            "role": "Data analyst",
            "status": "applied",
            "applied_on": "2026-11-02",
        },
        follow=True,
    )
    application = Application.objects.get(user=owner)
    assert response.redirect_chain[-1][0] == reverse(
        "tracker:application_detail", args=[application.pk]
    )
    assert "Added Data analyst at Acme" in page_text(response)
    assert application.status == Status.APPLIED
    assert application.events.get().happened_on.isoformat() == "2026-11-02"


def test_adding_with_mistakes_explains_them_and_keeps_everything_typed(owner_client, owner):
    response = owner_client.post(
        reverse("tracker:application_new"),
        {
            "company": "",
            "role": "Data analyst with a long title",
            "status": "applied",
            "job_url": "javascript:alert(1)",
            "salary_min": "60000",
            "salary_max": "50000",
            "notes": "Remember to mention the dashboard project.",
        },
    )
    html = response.content.decode()
    page = text(html)
    assert "There is a problem" in page
    assert "Company is needed." in page
    assert "Enter a web address starting with http:// or https://." in page
    assert "The highest salary should not be below the lowest." in page
    assert 'value="Data analyst with a long title"' in html
    assert "Remember to mention the dashboard project." in html
    assert 'value="60000"' in html
    assert not Application.objects.exists()


def test_a_second_application_for_the_same_role_warns_first_then_saves(owner_client, owner):
    first = new_application(owner, company="Acme Corp", role="Data Analyst")
    data = {"company": "acme  corp", "role": "data analyst", "status": "applied"}
    response = owner_client.post(reverse("tracker:application_new"), data)
    page = page_text(response)
    assert "You may have applied already" in page
    assert reverse("tracker:application_detail", args=[first.pk]) in response.content.decode()
    assert "Save anyway" in page
    assert Application.objects.count() == 1

    response = owner_client.post(
        reverse("tracker:application_new"), {**data, "confirm_duplicate": "on"}
    )
    assert response.status_code == 302
    assert Application.objects.count() == 2


def test_another_persons_applications_are_not_duplicates(owner_client, stranger):
    new_application(stranger, company="Acme", role="Data analyst")
    response = owner_client.post(
        reverse("tracker:application_new"),
        {"company": "Acme", "role": "Data analyst", "status": "applied"},
    )
    assert response.status_code == 302


def test_another_persons_contact_cannot_be_linked(owner_client, stranger):
    theirs = ContactFactory(user=stranger)
    response = owner_client.post(
        reverse("tracker:application_new"),
        {"company": "Acme", "role": "Data analyst", "status": "applied", "contacts": [theirs.pk]},
    )
    assert response.status_code in (200, 302)
    assert not Contact.objects.filter(applications__isnull=False).exists()


def test_editing_saves_and_keeps_the_history(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_edit", args=[application.pk]),
        {"company": "Acme", "role": "Senior data analyst", "notes": "Hybrid, 2 days in office."},
        follow=True,
    )
    assert "Your changes are saved" in page_text(response)
    application.refresh_from_db()
    assert application.role == "Senior data analyst"
    assert application.status == Status.APPLIED


def application_with_everything(owner):
    """An application with two steps, an interview, follow-ups, two feedback requests (one
    answered and made a skill goal), a contact, and a journal entry about it."""
    from journal import services as journal_services
    from tests.journal.factories import EntryFactory

    application = new_application(owner, applied_on=timezone.localdate() - timedelta(days=9))
    contact = ContactFactory(user=owner, name="Priya Shah")
    application.contacts.add(contact)
    interview = InterviewFactory(user=owner, application=application)
    interview.contacts.add(contact)
    services.application_set_status(application=application, status=Status.REJECTED)
    answered, waiting = (
        FeedbackRequestFactory(user=owner, application=application),
        FeedbackRequestFactory(user=owner, application=application),
    )
    for request in (answered, waiting):
        feedback_services.feedback_request_mark_sent(feedback=request)
    feedback_services.feedback_request_record_reply(
        feedback=answered,
        on=timezone.localdate(),
        text="Strong, but we needed more SQL.",
        themes=["technical_depth"],
        tags=["SQL"],
        will_change="Practise SQL",
    )
    journal_services.skill_goal_from_feedback(user=owner, feedback=answered)
    EntryFactory(user=owner, application=application)
    return application


def test_the_delete_page_lists_everything_that_goes_and_what_stays(owner_client, owner):
    application = application_with_everything(owner)
    followups = FollowUp.objects.filter(application=application).count()
    assert followups >= 3  # the rejection's suggestions and the reply checks
    page = page_text(owner_client.get(reverse("tracker:application_delete", args=[application.pk])))
    assert (
        "What goes with it 2 steps in its history 1 interview "
        f"{followups} follow-ups "
        "2 feedback requests, 1 of them with the employer’s reply, its themes and tags "
        "What stays The contact linked to it stays in your contacts. "
        "In your journal, 1 entry and 1 skill goal about it stay, no longer linked to it."
    ) in page


def test_the_delete_page_counts_are_what_deleting_removes(owner):
    from journal.models import Entry, SkillGoal

    application = application_with_everything(owner)
    ApplicationFactory(user=owner)  # another application, untouched
    preview = selectors.application_delete_preview(application=application)
    deleted = services.application_delete(application=application)
    assert preview.counts == deleted
    assert deleted["tracker.FeedbackRequest"] == 2 and deleted["tracker.StatusEvent"] == 2
    assert Contact.objects.filter(name="Priya Shah").exists()
    assert Entry.objects.get().application is None
    assert SkillGoal.objects.get().source_feedback is None


def test_deleting_asks_first_then_removes_everything(owner_client, owner):
    application = new_application(owner)
    url = reverse("tracker:application_delete", args=[application.pk])
    assert "It can’t be undone" in page_text(owner_client.get(url))
    response = owner_client.post(url, follow=True)
    assert "Deleted Data analyst at Acme" in page_text(response)
    assert not StatusEvent.objects.exists()


# --- the detail page and status changes ---------------------------------------------------


def test_the_detail_page_shows_the_timeline(owner_client, owner):
    application = new_application(owner, applied_on=timezone.localdate() - timedelta(days=5))
    services.application_set_status(
        application=application, status=Status.REJECTED, stage="recruiter_screen", reason="Budget"
    )
    InterviewFactory(user=owner, application=application, scheduled_at=timezone.now())
    page = page_text(owner_client.get(reverse("tracker:application_detail", args=[application.pk])))
    assert "Stage reached: Recruiter screen." in page
    assert "Reason given: Budget" in page
    assert "Video interview" in page
    assert "Ask Acme for feedback" in page  # an open follow-up, beside the timeline


@pytest.mark.parametrize("steps", [1, 12])
def test_the_detail_page_runs_the_same_queries_however_long_the_history(
    owner_client, owner, steps, django_assert_num_queries
):
    application = new_application(owner)
    for _ in range(steps):
        services.application_set_status(application=application, status=Status.SCREENING)
        InterviewFactory(user=owner, application=application)
    FollowUpFactory.create_batch(steps, user=owner, application=application)
    for _ in range(steps):
        feedback_services.feedback_request_mark_sent(
            feedback=FeedbackRequestFactory(user=owner, application=application)
        )
    # session, user, application, contacts, events, interviews (+ their contacts),
    # done follow-ups, feedback requests (timeline), journal entries (the journal's
    # timeline provider), open follow-ups, feedback requests (side panel)
    with django_assert_num_queries(12):
        owner_client.get(reverse("tracker:application_detail", args=[application.pk]))


def test_a_status_change_without_javascript_redirects_back(owner_client, owner):
    application = new_application(owner)
    url = reverse("tracker:application_status", args=[application.pk])
    response = owner_client.post(url, {"status": "screening", "next": "/applications/"})
    assert response["Location"] == "/applications/"
    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_a_rejection_without_javascript_lands_on_the_offer_to_reflect(owner_client, owner):
    application = new_application(owner)
    url = reverse("tracker:application_status", args=[application.pk])
    response = owner_client.post(url, {"status": "rejected", "stage": "final"}, follow=True)
    page = page_text(response)
    assert "Recorded as rejected" in page
    assert "Write a reflection about this" in page
    assert "Ask for feedback" in page
    assert application.events.latest("id").rejection_stage == "final"


def test_a_status_change_from_a_list_row_returns_the_row(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "interviewing", "where": "row"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="application-{application.pk}"')
    assert "Moved to “Interviewing”" in text(html)
    assert "applicationChanged" in response["HX-Trigger"]


def test_a_rejection_from_a_list_row_offers_reflection_and_feedback(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "rejected", "where": "row"},
        headers=HTMX,
    )
    page = page_text(response)
    assert "Write a reflection about this" in page and "Ask for feedback" in page
    assert "Undo" in page


def test_a_move_on_the_board_returns_the_board(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "screening", "where": "card"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board">')
    assert f'id="card-{application.pk}"' in html


def test_a_change_on_the_detail_page_updates_status_followups_and_timeline(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "rejected", "where": "detail", "on": timezone.localdate().isoformat()},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="status"')
    assert (
        'id="timeline" class="panel" aria-labelledby="timeline-heading" hx-swap-oob="true"' in html
    )
    assert 'id="followups"' in html and "Ask Acme for feedback" in html


def test_a_status_change_in_the_future_is_refused_with_a_message(owner_client, owner):
    application = new_application(owner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "screening", "on": tomorrow, "note": "Call booked"},
    )
    page = page_text(response)
    assert "The date can’t be in the future" in page
    assert "Call booked" in response.content.decode()
    assert application.events.count() == 1


def test_moving_without_choosing_a_status_says_what_to_do(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "", "where": "row"},
        headers=HTMX,
    )
    assert "Choose where to move it first." in page_text(response)


def test_undo_takes_back_the_step(owner_client, owner):
    application = new_application(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    response = owner_client.post(
        reverse("tracker:status_event_delete", args=[application.pk, change.event.pk]),
        {"where": "row"},
        headers=HTMX,
    )
    assert "Took back “Rejected”" in page_text(response)
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_the_first_step_cannot_be_taken_back(owner_client, owner):
    application = new_application(owner)
    event = application.events.get()
    response = owner_client.post(
        reverse("tracker:status_event_delete", args=[application.pk, event.pk]), follow=True
    )
    assert "keeps at least one step" in page_text(response)
    assert application.events.count() == 1


def test_correcting_a_rejection_step(owner_client, owner):
    application = new_application(owner)
    change = services.application_set_status(application=application, status=Status.REJECTED)
    url = reverse("tracker:status_event_edit", args=[application.pk, change.event.pk])
    assert "How far did it get?" not in page_text(owner_client.get(url))  # model labels instead
    response = owner_client.post(
        url,
        {
            "happened_on": timezone.localdate().isoformat(),
            "rejection_stage": "final",
            "rejection_channel": "call",
            "rejection_reason": "Internal candidate",
            "note": "",
        },
        follow=True,
    )
    assert "The step is updated" in page_text(response)
    change.event.refresh_from_db()
    assert change.event.rejection_stage == "final"


# --- board ----------------------------------------------------------------------------


def test_the_board_has_a_column_per_active_status(owner_client, owner):
    ApplicationFactory(user=owner, company="Northwind", status=Status.APPLIED)
    ApplicationFactory(user=owner, company="Gone Corp", status=Status.REJECTED)
    page = page_text(owner_client.get(reverse("tracker:board")))
    for column in ("Saved for later", "Applied", "Screening", "Interviewing", "Offer"):
        assert column in page
    assert "Northwind" in page and "Gone Corp" not in page


@pytest.mark.parametrize("cards", [5, 250])
def test_the_board_runs_the_same_queries_however_many_cards(
    owner_client, owner, cards, django_assert_num_queries
):
    statuses = [Status.SAVED, Status.APPLIED, Status.SCREENING, Status.INTERVIEWING, Status.OFFER]
    Application.objects.bulk_create(
        Application(user=owner, company=f"C{n}", role="r", status=statuses[n % 5])
        for n in range(cards)
    )
    # session, user, the column totals, and one bounded query per column
    with django_assert_num_queries(8):
        owner_client.get(reverse("tracker:board"))


def test_a_long_column_says_how_many_more_there_are(owner_client, owner):
    Application.objects.bulk_create(
        Application(user=owner, company=f"C{n}", role="r", status=Status.APPLIED) for n in range(20)
    )
    assert "5 more in the list" in page_text(owner_client.get(reverse("tracker:board")))


# --- interviews -------------------------------------------------------------------------


def test_adding_an_interview_suggests_a_thank_you(owner_client, owner):
    application = new_application(owner)
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    response = owner_client.post(
        reverse("tracker:interview_new", args=[application.pk]),
        {
            "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
            "kind": "video",
            "prep_notes": "STAR stories",
        },
        follow=True,
    )
    assert "Good luck with it" in page_text(response)
    assert Interview.objects.get().prep_notes == "STAR stories"
    assert FollowUp.objects.filter(kind=FollowUp.Kind.THANK_YOU).exists()
    upcoming = page_text(owner_client.get(reverse("tracker:interview_list")))
    assert "Video interview" in upcoming and "Acme" in upcoming


def test_an_interview_without_a_time_is_explained(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:interview_new", args=[application.pk]),
        {"scheduled_at": "", "kind": "video", "prep_notes": "My notes"},
    )
    assert "Date and time is needed." in page_text(response)
    assert "My notes" in response.content.decode()


def test_noting_how_an_interview_went(owner_client, owner):
    interview = InterviewFactory(user=owner, application=new_application(owner))
    response = owner_client.post(
        reverse("tracker:interview_edit", args=[interview.pk]),
        {
            "scheduled_at": timezone.localtime(interview.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
            "kind": "technical",
            "went_well": "Explained my approach clearly",
            "to_improve": "Ask more questions",
        },
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.went_well == "Explained my approach clearly"


def test_removing_an_interview(owner_client, owner):
    interview = InterviewFactory(user=owner, application=new_application(owner))
    url = reverse("tracker:interview_delete", args=[interview.pk])
    assert "Remove this interview?" in page_text(owner_client.get(url))
    owner_client.post(url)
    assert not Interview.objects.exists()


# --- contacts ---------------------------------------------------------------------------


def test_contacts_can_be_searched(owner_client, owner, stranger):
    ContactFactory(user=owner, name="Priya Shah", company="Acme")
    ContactFactory(user=owner, name="Tom Bell", company="Initech")
    ContactFactory(user=stranger, name="Priya Other", company="Acme")
    page = page_text(owner_client.get(reverse("tracker:contact_list"), {"q": "acme"}))
    assert "Priya Shah" in page and "Tom Bell" not in page and "Priya Other" not in page


def test_a_contact_search_of_a_thousand_words_answers_and_says_it_was_trimmed(owner_client, owner):
    ContactFactory(user=owner, name="Priya Shah", company="Acme")
    response = owner_client.get(reverse("tracker:contact_list"), {"q": thousand_words("priya")})
    assert response.status_code == 200
    page = page_text(response)
    assert "That was a long search, so we looked for the first 10 words: priya word0" in page
    assert "No one matches “priya word0 word1 word2 word3 word4 word5 word6 word7 word8”" in page


def test_a_long_contact_search_still_finds_them_and_says_so_in_the_results(owner_client, owner):
    ContactFactory(user=owner, name="Priya Shah", company="Acme")
    ContactFactory(user=owner, name="Tom Bell", company="Initech")
    response = owner_client.get(
        reverse("tracker:contact_list"), {"q": "  ".join(["acme"] * 500)}, headers=HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    page = text(html)
    assert "That was a long search, so we looked for the start of it only: acme." in page
    assert "Priya Shah" in page and "Tom Bell" not in page


def test_contact_page_links_keep_a_search_with_an_ampersand(owner_client, owner):
    for n in range(30):
        ContactFactory(user=owner, name=f"Person {n:02}", company="Smith & Co")
    html = owner_client.get(reverse("tracker:contact_list"), {"q": "smith & co"}).content.decode()
    assert "?q=smith+%26+co&amp;page=2" in html


def test_a_contacts_email_link_is_encoded_so_it_cannot_add_a_copy(owner_client, owner):
    contact = ContactFactory(user=owner, name="Priya Shah", email="a?cc=boss@x.org")
    html = owner_client.get(reverse("tracker:contact_detail", args=[contact.pk])).content.decode()
    assert '<a href="mailto:a%3Fcc%3Dboss@x.org">a?cc=boss@x.org</a>' in html
    assert "cc=boss" not in html.replace(">a?cc=boss@x.org<", "")


def test_a_plain_email_address_reads_as_itself_in_its_link(owner_client, owner):
    contact = ContactFactory(user=owner, name="Priya Shah", email="priya.shah+jobs@acme.test")
    html = owner_client.get(reverse("tracker:contact_detail", args=[contact.pk])).content.decode()
    assert '<a href="mailto:priya.shah%2Bjobs@acme.test">priya.shah+jobs@acme.test</a>' in html


def test_adding_a_contact_from_an_application_links_them(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:contact_new"),
        {"name": "Priya Shah", "relationship": "recruiter", "application": application.pk},
        follow=True,
    )
    assert "Added Priya Shah to Data analyst at Acme" in page_text(response)
    assert list(application.contacts.values_list("name", flat=True)) == ["Priya Shah"]


def test_a_contact_with_a_bad_email_keeps_what_was_typed(owner_client):
    response = owner_client.post(
        reverse("tracker:contact_new"), {"name": "Priya Shah", "email": "priya at acme"}
    )
    assert "Enter an email address like name@example.com." in page_text(response)
    assert 'value="priya at acme"' in response.content.decode()


def test_a_profile_link_that_is_not_a_web_address_is_never_a_link(owner_client, owner):
    contact = ContactFactory(user=owner)
    Contact.objects.filter(pk=contact.pk).update(profile_url="javascript:alert(1)")
    html = owner_client.get(reverse("tracker:contact_detail", args=[contact.pk])).content.decode()
    assert 'href="javascript:' not in html


def test_in_touch_today_updates_the_contact_and_the_next_reminder(owner_client, owner):
    contact = services.contact_create(user=owner, name="Sam", keep_in_touch_days=30)
    response = owner_client.post(reverse("tracker:contact_touch", args=[contact.pk]), follow=True)
    assert "you were in touch with Sam today" in page_text(response)
    contact.refresh_from_db()
    assert contact.last_contacted_on == timezone.localdate()
    assert FollowUp.objects.get(contact=contact).due_on == timezone.localdate() + timedelta(days=30)


def test_editing_and_deleting_a_contact(owner_client, owner):
    contact = ContactFactory(user=owner, name="Sam")
    owner_client.post(reverse("tracker:contact_edit", args=[contact.pk]), {"name": "Sam Lee"})
    contact.refresh_from_db()
    assert contact.name == "Sam Lee"
    owner_client.post(reverse("tracker:contact_delete", args=[contact.pk]))
    assert not Contact.objects.exists()


# --- follow-ups --------------------------------------------------------------------------


def test_the_follow_ups_page_groups_by_when_they_are_due(owner_client, owner):
    today = timezone.localdate()
    FollowUpFactory(user=owner, title="Late one", due_on=today - timedelta(days=3))
    FollowUpFactory(user=owner, title="Today one", due_on=today)
    FollowUpFactory(user=owner, title="Soon one", due_on=today + timedelta(days=3))
    FollowUpFactory(user=owner, title="Far one", due_on=today + timedelta(days=60))
    done = FollowUpFactory(user=owner, title="Finished one")
    services.followup_mark_done(followup=done)
    html = owner_client.get(reverse("tracker:followup_list")).content.decode()
    order = [
        "Overdue",
        "Late one",
        "Today",
        "Today one",
        "The next two weeks",
        "Soon one",
        "Later",
        "Far one",
        "Done in the last two weeks",
        "Finished one",
    ]
    positions = [html.index(word) for word in order]
    assert positions == sorted(positions)
    assert "overdue, was due 3 days ago" in text(html)


def test_marking_done_in_place_offers_undo(owner_client, owner):
    followup = FollowUpFactory(user=owner, title="Send thanks")
    response = owner_client.post(reverse("tracker:followup_done", args=[followup.pk]), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(
        f'<li class="followup followup--done" id="followup-{followup.pk}"'
    )
    assert "Marked done." in text(html) and "Undo" in text(html)
    assert "followupChanged" in response["HX-Trigger"]
    followup.refresh_from_db()
    assert followup.done_at is not None


def test_undo_reopens_it(owner_client, owner):
    followup = FollowUpFactory(user=owner)
    services.followup_mark_done(followup=followup)
    response = owner_client.post(
        reverse("tracker:followup_reopen", args=[followup.pk]), headers=HTMX
    )
    assert "Open again." in page_text(response)
    followup.refresh_from_db()
    assert followup.done_at is None


def test_marking_done_without_javascript_goes_back_to_the_page(owner_client, owner):
    followup = FollowUpFactory(user=owner, title="Send thanks")
    response = owner_client.post(
        reverse("tracker:followup_done", args=[followup.pk]), {"next": "/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Done: “Send thanks”." in page_text(response)


def test_snoozing_to_next_week(owner_client, owner):
    followup = FollowUpFactory(user=owner, due_on=timezone.localdate() - timedelta(days=4))
    response = owner_client.post(
        reverse("tracker:followup_snooze", args=[followup.pk]), {"days": "7"}, headers=HTMX
    )
    assert "Moved to next week." in page_text(response)
    followup.refresh_from_db()
    assert followup.due_on == timezone.localdate() + timedelta(days=7)


def test_snoozing_for_a_strange_length_is_refused(owner_client, owner):
    followup = FollowUpFactory(user=owner)
    response = owner_client.post(
        reverse("tracker:followup_snooze", args=[followup.pk]), {"days": "400"}, follow=True
    )
    assert "Snooze for a day or a week." in page_text(response)


def test_adding_a_follow_up_for_an_application(owner_client, owner):
    application = new_application(owner)
    response = owner_client.get(
        reverse("tracker:followup_new"), {"application": application.pk, "kind": "feedback_request"}
    )
    assert f'<option value="{application.pk}" selected>' in response.content.decode()
    response = owner_client.post(
        reverse("tracker:followup_new"),
        {
            "title": "Ask for feedback",
            "due_on": timezone.localdate().isoformat(),
            "kind": "feedback_request",
            "application": application.pk,
        },
        follow=True,
    )
    assert "Added “Ask for feedback”" in page_text(response)


def test_a_follow_up_for_another_persons_application_is_refused(owner_client, stranger):
    theirs = ApplicationFactory(user=stranger)
    response = owner_client.post(
        reverse("tracker:followup_new"),
        {"title": "Sneaky", "due_on": "2026-12-01", "kind": "other", "application": theirs.pk},
    )
    assert "Choose one of the options" in page_text(response)
    assert not FollowUp.objects.filter(title="Sneaky").exists()


def test_editing_and_deleting_a_follow_up(owner_client, owner):
    followup = FollowUpFactory(user=owner, title="Old title")
    owner_client.post(
        reverse("tracker:followup_edit", args=[followup.pk]),
        {"title": "New title", "due_on": "2026-12-01", "kind": "other"},
    )
    followup.refresh_from_db()
    assert followup.title == "New title"
    url = reverse("tracker:followup_delete", args=[followup.pk])
    assert "Delete this follow-up?" in page_text(owner_client.get(url))
    owner_client.post(url)
    assert not FollowUp.objects.exists()


def test_a_suggestion_edited_on_its_page_is_still_there_after_the_status_moves_on(
    owner_client, owner
):
    untouched = new_application(owner, company="Bluefin")
    application = new_application(owner, applied_on=timezone.localdate())
    check_in = FollowUp.objects.get(application=application, rule=FollowUp.Rule.APPLIED_CHECK_IN)
    owner_client.post(
        reverse("tracker:followup_edit", args=[check_in.pk]),
        {
            "title": check_in.title,
            "due_on": check_in.due_on.isoformat(),
            "kind": check_in.kind,
            "application": application.pk,
            "notes": "Mention the portfolio link",
        },
    )
    for moved in (application, untouched):
        owner_client.post(
            reverse("tracker:application_status", args=[moved.pk]), {"status": "screening"}
        )
    page = page_text(owner_client.get(reverse("tracker:followup_list")))
    assert "Check in with Acme about Data analyst" in page
    assert "Check in with Bluefin" not in page


# --- dashboard and settings -----------------------------------------------------------------


def test_the_dashboard_shows_what_is_due_and_the_weeks_progress(owner_client, owner):
    services.weekly_goal_set(user=owner, target=5)
    new_application(owner)
    FollowUpFactory(user=owner, title="Thank Priya", due_on=timezone.localdate())
    page = page_text(owner_client.get(reverse("dashboard")))
    assert "Thank Priya" in page
    assert "1 of 5 applications sent" in page


def test_the_dashboard_due_count_refreshes_alone(owner_client, owner):
    FollowUpFactory.create_batch(2, user=owner, due_on=timezone.localdate())
    response = owner_client.get(reverse("dashboard"), headers={**HTMX, "HX-Target": "due-count"})
    html = response.content.decode()
    assert html.lstrip().startswith('<span id="due-count"') and ">2<" in html


def test_settings_set_the_weekly_goal_and_turn_suggestions_off(owner_client, owner):
    response = owner_client.post(
        reverse("settings"), {"form": "tracker", "weekly_target": "6"}, follow=True
    )
    assert "Your settings are saved" in page_text(response)
    from tracker import selectors

    assert selectors.weekly_goal_current(user=owner).target == 6
    assert selectors.preferences_for(user=owner).suggest_followups is False


def test_settings_explain_a_goal_that_is_not_a_number(owner_client):
    response = owner_client.post(reverse("settings"), {"form": "tracker", "weekly_target": "lots"})
    assert "Enter applications a week as a number." in page_text(response)
    assert 'value="lots"' in response.content.decode()


def test_a_long_group_shows_its_first_few_and_links_to_the_rest(owner_client, owner):
    late = timezone.localdate() - timedelta(days=3)
    FollowUp.objects.bulk_create(
        FollowUp(user=owner, title=f"Late {n:02}", due_on=late) for n in range(30)
    )
    page = page_text(owner_client.get(reverse("tracker:followup_list")))
    assert "Late 09" in page and "Late 10" not in page
    assert "See all 30" in page
    group = page_text(owner_client.get(reverse("tracker:followup_list"), {"group": "overdue"}))
    assert "Overdue 30" in group and "Late 29" in group


@pytest.mark.parametrize("count", [4, 80])
def test_the_follow_ups_page_runs_the_same_queries_however_many(
    owner_client, owner, count, django_assert_num_queries
):
    today = timezone.localdate()
    FollowUp.objects.bulk_create(
        # overdue, today, in the next two weeks, later
        FollowUp(user=owner, title=f"F{n}", due_on=today + timedelta(days=(-3, 0, 5, 30)[n % 4]))
        for n in range(count)
    )
    # session, user, the counts, overdue, today, next two weeks, later (done is empty)
    with django_assert_num_queries(7):
        owner_client.get(reverse("tracker:followup_list"))


# --- found in review ------------------------------------------------------------------


def test_moving_a_card_off_the_board_still_offers_undo_and_a_reflection(owner_client, owner):
    application = new_application(owner, company="Kestrel")
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "rejected", "where": "card"},
        headers=HTMX,
    )
    page = page_text(response)
    assert "Kestrel" in page and "left the board." in page
    assert "Write a reflection about this" in page and "Undo" in page


def test_a_contact_added_from_an_application_stays_linked_after_a_mistake(owner_client, owner):
    application = new_application(owner)
    url = reverse("tracker:contact_new") + f"?application={application.pk}"
    response = owner_client.post(url, {"name": "", "application": application.pk})
    assert f'name="application" value="{application.pk}"' in response.content.decode()
    owner_client.post(
        reverse("tracker:contact_new"), {"name": "Priya", "application": application.pk}
    )
    assert list(application.contacts.values_list("name", flat=True)) == ["Priya"]


def test_a_contact_cannot_be_linked_to_another_persons_application(owner_client, stranger):
    theirs = ApplicationFactory(user=stranger)
    response = owner_client.post(
        reverse("tracker:contact_new"), {"name": "Priya", "application": theirs.pk}
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_ask_for_feedback_opens_the_composer_and_mentions_the_reminder(owner_client, owner):
    application = new_application(owner)
    response = owner_client.post(
        reverse("tracker:application_status", args=[application.pk]),
        {"status": "rejected", "where": "row"},
        headers=HTMX,
    )
    assert FollowUp.objects.filter(kind=FollowUp.Kind.FEEDBACK_REQUEST).exists()
    html = response.content.decode()
    assert f"{reverse('tracker:feedback_new')}?application={application.pk}" in html
    assert "a reminder is set for" in text(html)


def test_correcting_a_step_into_the_future_is_refused(owner_client, owner):
    application = new_application(owner)
    change = services.application_set_status(application=application, status=Status.SCREENING)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:status_event_edit", args=[application.pk, change.event.pk]),
        {"happened_on": tomorrow, "note": "x"},
    )
    assert "The date can’t be in the future" in page_text(response)


def test_a_strange_snooze_in_place_is_explained_in_the_row(owner_client, owner):
    followup = FollowUpFactory(user=owner)
    response = owner_client.post(
        reverse("tracker:followup_snooze", args=[followup.pk]), {"days": "400"}, headers=HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="followup')
    assert "Snooze for a day or a week." in text(html)


def test_taking_back_the_only_step_in_place_says_why(owner_client, owner):
    application = new_application(owner)
    event = application.events.get()
    response = owner_client.post(
        reverse("tracker:status_event_delete", args=[application.pk, event.pk]),
        {"where": "row"},
        headers=HTMX,
    )
    assert "keeps at least one step" in page_text(response)
    assert response.content.decode().lstrip().startswith("<tr")
