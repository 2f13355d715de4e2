"""Feedback requests to employers: the emails, their mailto: links, the way a
request moves from draft to reply, the templates, and what it all adds up to."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import (
    ApplicationFactory,
    ContactFactory,
    FollowUpFactory,
    InterviewFactory,
    StatusEventFactory,
)
from tracker import selectors, services
from tracker.feedback import emails
from tracker.feedback import selectors as feedback_selectors
from tracker.feedback import services as feedback_services
from tracker.models import (
    BuiltinTemplate,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FeedbackTheme,
    FollowUp,
    RejectionStage,
    Status,
)

pytestmark = pytest.mark.django_db

State = FeedbackRequest.State


def today():
    return timezone.localdate()


def days_ago(n: int):
    return today() - timedelta(days=n)


def make_application(owner, **fields):
    fields = {"user": owner, "company": "Acme", "role": "Data analyst", **fields}
    return ApplicationFactory(**fields)


def draft(owner, application=None, **fields):
    return feedback_services.feedback_request_create(
        user=owner, application=application or make_application(owner), **fields
    )


def sent(owner, application=None, on=None, **fields) -> FeedbackRequest:
    request = draft(owner, application, **fields)
    feedback_services.feedback_request_mark_sent(feedback=request, on=on or days_ago(3))
    request.refresh_from_db()
    return request


def replied(owner, application=None, sent_on=None, replied_on=None, **reply) -> FeedbackRequest:
    request = sent(owner, application, on=sent_on or days_ago(3))
    feedback_services.feedback_request_record_reply(
        feedback=request, on=replied_on or today(), **reply
    )
    request.refresh_from_db()
    return request


def past(days: int):
    return timezone.now() - timedelta(days=days)


# --- filling in a template --------------------------------------------------------------

VALUES = {
    "contact_first_name": "Ana",
    "role": "Data analyst",
    "company": "Acme",
    "my_name": "Sam Taylor",
    "stage": "final round",
    "interview_date": "3 March",
}


def test_known_placeholders_are_filled_with_their_values():
    filled = emails.fill(
        "Hi {contact_first_name}, the {role} role at {company} ({stage}, {interview_date}). "
        "{my_name}",
        VALUES,
    )
    assert filled.text == (
        "Hi Ana, the Data analyst role at Acme (final round, 3 March). Sam Taylor"
    )
    assert (filled.unknown, filled.missing) == ([], [])


def test_an_unknown_placeholder_stays_visible_and_is_reported_once():
    filled = emails.fill("About {salary} at {company}; {salary} again, {Role}", VALUES)
    assert filled.text == "About {salary} at Acme; {salary} again, {Role}"
    assert filled.unknown == ["{salary}", "{Role}"]
    assert filled.missing == []


@pytest.mark.parametrize(
    "placeholder", ["{contact_first_name}", "{my_name}", "{interview_date}", "{stage}"]
)
def test_a_known_placeholder_with_no_value_stays_visible_and_is_reported_missing(placeholder):
    values = {**VALUES, placeholder[1:-1]: ""}
    filled = emails.fill(f"Dear {placeholder}, at {{company}}. {placeholder}", values)
    assert filled.text == f"Dear {placeholder}, at Acme. {placeholder}"
    assert filled.missing == [placeholder]
    assert filled.unknown == []


def test_a_placeholder_missing_from_the_values_counts_as_missing_not_unknown():
    filled = emails.fill("Hi {contact_first_name}", {"role": "Data analyst"})
    assert filled.text == "Hi {contact_first_name}"
    assert filled.missing == ["{contact_first_name}"]


def test_an_application_with_no_contact_name_or_interview_leaves_those_to_fill_by_hand(owner):
    application = make_application(owner)
    values = emails.placeholder_values(
        application=application,
        history=emails.history_of(application),
        contact=None,
        my_name="   ",
    )
    subject, body = emails.BUILTIN_WORDING[BuiltinTemplate.AFTER_INTERVIEW]
    filled = emails.fill(body, values)
    assert filled.missing == ["{contact_first_name}", "{interview_date}", "{my_name}"]
    assert filled.unknown == []
    assert "Acme" in filled.text
    assert emails.leftovers(emails.fill(subject, values).text, filled.text) == [
        "{contact_first_name}",
        "{interview_date}",
        "{my_name}",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "{role.__class__}",
        "{role.__class__.__mro__}",
        "{company.__init__.__globals__}",
        "{0}",
        "{role[0]}",
        "{role!r}",
        "{role:>10}",
        "{ role }",
        "{__import__('os')}",
    ],
)
def test_attribute_access_and_format_tricks_are_never_evaluated(typed):
    filled = emails.fill(f"Before {typed} after {{role}}", VALUES)
    assert filled.text == f"Before {typed} after Data analyst"
    assert filled.unknown == [typed]
    assert filled.missing == []
    assert "class" not in filled.text.replace(typed, "")
    assert emails.unknown_placeholders(f"Before {typed}") == [typed]


@pytest.mark.parametrize(
    "typed",
    ["{", "}", "}}", "{{", "{role", "role}", "{}", "{\n}", "}{", "{{}}", "a { b } c }"],
)
def test_stray_braces_never_crash_and_stay_as_typed(typed):
    text = f"{typed} at {{company}}"
    filled = emails.fill(text, VALUES)
    assert filled.text == text.replace("{company}", "Acme")
    assert filled.missing == []


def test_a_value_that_looks_like_a_placeholder_or_a_backreference_goes_in_literally():
    values = {**VALUES, "company": r"{role} \1 \g<0> $1", "role": "Data analyst"}
    filled = emails.fill("At {company}.", values)
    assert filled.text == r"At {role} \1 \g<0> $1."


def test_a_very_long_brace_run_is_not_taken_for_a_placeholder():
    long_name = "x" * 61
    filled = emails.fill(f"{{{long_name}}} {{role}}", VALUES)
    assert filled.text == f"{{{long_name}}} Data analyst"
    assert filled.unknown == []


@pytest.mark.parametrize(
    ("name", "first"),
    [("Zoë Ångström", "Zoë"), ("Dr. Jane Smith", "Jane"), ("Prof Ada", "Ada"), ("Dr.", "Dr.")],
)
def test_the_first_name_skips_a_title(name, first):
    assert emails.first_name(name) == first


def test_placeholder_values_for_an_application_with_a_contact_and_an_interview(owner):
    application = make_application(owner, company="Acme Corp", role="Data analyst")
    contact = ContactFactory(user=owner, name="Zoë Ångström")
    here = timezone.get_current_timezone()  # the day is the person's, in any zone
    InterviewFactory(application=application, scheduled_at=datetime(2024, 3, 3, 10, 0, tzinfo=here))
    values = emails.placeholder_values(
        application=application,
        history=emails.history_of(application),
        contact=contact,
        my_name="  Sam Taylor ",
    )
    assert values == {
        "contact_first_name": "Zoë",
        "role": "Data analyst",
        "company": "Acme Corp",
        "my_name": "Sam Taylor",
        "stage": "interview",
        "interview_date": "3 March",
    }


def test_the_interview_date_is_the_last_one_that_already_happened(owner):
    application = make_application(owner)
    InterviewFactory(application=application, scheduled_at=datetime(2024, 3, 3, 10, tzinfo=UTC))
    InterviewFactory(application=application, scheduled_at=datetime(2024, 6, 17, 9, tzinfo=UTC))
    InterviewFactory(application=application, scheduled_at=timezone.now() + timedelta(days=5))
    values = emails.placeholder_values(
        application=application, history=emails.history_of(application), contact=None, my_name=""
    )
    assert values["interview_date"] == "17 June"


def test_only_a_future_interview_gives_no_interview_date(owner):
    application = make_application(owner)
    InterviewFactory(application=application, scheduled_at=timezone.now() + timedelta(days=5))
    values = emails.placeholder_values(
        application=application, history=emails.history_of(application), contact=None, my_name=""
    )
    assert values["interview_date"] == ""
    assert values["stage"] == "application"


@pytest.mark.parametrize(
    ("stage", "words"),
    [
        (RejectionStage.FINAL, "final round"),
        (RejectionStage.TECHNICAL, "technical interview"),
        (RejectionStage.RECRUITER_SCREEN, "recruiter screen"),
        (RejectionStage.APPLICATION, "application"),
        (RejectionStage.ONSITE, "on-site interview"),
        (RejectionStage.AFTER_OFFER, "offer"),
    ],
)
def test_the_stage_is_the_one_recorded_with_the_rejection_in_plain_words(owner, stage, words):
    application = make_application(owner)
    StatusEventFactory(application=application, status=Status.INTERVIEWING)
    StatusEventFactory(application=application, status=Status.REJECTED, rejection_stage=stage)
    values = emails.placeholder_values(
        application=application, history=emails.history_of(application), contact=None, my_name=""
    )
    assert values["stage"] == words


@pytest.mark.parametrize(
    ("steps", "past_interview", "expected"),
    [
        ([], False, "application"),
        ([Status.REJECTED], False, "application"),
        ([Status.SCREENING, Status.REJECTED], False, "screening"),
        ([Status.SCREENING, Status.INTERVIEWING, Status.REJECTED], False, "interview"),
        ([Status.REJECTED], True, "interview"),
    ],
)
def test_without_a_recorded_stage_the_stage_comes_from_the_history(
    owner, steps, past_interview, expected
):
    application = make_application(owner)
    for offset, status in enumerate(steps):
        StatusEventFactory(application=application, status=status, happened_on=days_ago(9 - offset))
    if past_interview:
        InterviewFactory(application=application, scheduled_at=past(2))
    values = emails.placeholder_values(
        application=application, history=emails.history_of(application), contact=None, my_name=""
    )
    assert values["stage"] == expected


@pytest.mark.parametrize(
    ("stage", "past_interview", "expected"),
    [
        ("", False, BuiltinTemplate.AFTER_APPLICATION),
        (RejectionStage.APPLICATION, False, BuiltinTemplate.AFTER_APPLICATION),
        (RejectionStage.RECRUITER_SCREEN, False, BuiltinTemplate.AFTER_APPLICATION),
        (RejectionStage.ASSESSMENT, False, BuiltinTemplate.AFTER_APPLICATION),
        (RejectionStage.TECHNICAL, False, BuiltinTemplate.AFTER_INTERVIEW),
        (RejectionStage.ONSITE, False, BuiltinTemplate.AFTER_INTERVIEW),
        (RejectionStage.FINAL, False, BuiltinTemplate.AFTER_INTERVIEW),
        (RejectionStage.AFTER_OFFER, False, BuiltinTemplate.AFTER_INTERVIEW),
        ("", True, BuiltinTemplate.AFTER_INTERVIEW),
        (RejectionStage.APPLICATION, True, BuiltinTemplate.AFTER_INTERVIEW),
    ],
)
def test_the_suggested_template_follows_how_far_it_got(owner, stage, past_interview, expected):
    application = make_application(owner)
    StatusEventFactory(application=application, status=Status.REJECTED, rejection_stage=stage)
    if past_interview:
        InterviewFactory(application=application, scheduled_at=past(4))
    assert emails.suggested_template(emails.history_of(application)) == expected


def test_an_interview_still_to_come_does_not_suggest_the_after_interview_template(owner):
    application = make_application(owner)
    InterviewFactory(application=application, scheduled_at=timezone.now() + timedelta(days=2))
    assert (
        emails.suggested_template(emails.history_of(application))
        == BuiltinTemplate.AFTER_APPLICATION
    )


@pytest.mark.parametrize("builtin", list(BuiltinTemplate))
def test_every_builtin_template_fills_completely_for_a_full_application(owner, builtin):
    application = make_application(owner, company="Acme Corp", role="Data analyst")
    contact = ContactFactory(user=owner, name="Ana Pérez")
    application.contacts.add(contact)
    InterviewFactory(application=application, scheduled_at=datetime(2024, 3, 3, 10, tzinfo=UTC))
    StatusEventFactory(
        application=application, status=Status.REJECTED, rejection_stage=RejectionStage.FINAL
    )
    values = emails.placeholder_values(
        application=application,
        history=emails.history_of(application),
        contact=contact,
        my_name="Sam Taylor",
    )
    subject, body = emails.BUILTIN_WORDING[builtin]
    filled_subject, filled_body = emails.fill(subject, values), emails.fill(body, values)
    for filled in (filled_subject, filled_body):
        assert (filled.unknown, filled.missing) == ([], [])
    assert emails.leftovers(filled_subject.text, filled_body.text) == []
    assert "{" not in filled_subject.text + filled_body.text
    assert filled_body.text.startswith("Hi Ana,")
    assert filled_body.text.endswith("\nSam Taylor")
    assert "Acme Corp" in filled_subject.text + filled_body.text


def test_our_templates_only_use_placeholders_we_know():
    for subject, body in emails.BUILTIN_WORDING.values():
        assert emails.unknown_placeholders(subject, body) == []
    assert set(emails.BUILTIN_WORDING) == set(BuiltinTemplate)


def test_leftovers_lists_each_placeholder_once_in_order():
    assert emails.leftovers("{b} {a}", "{b} {c}", "") == ["{b}", "{a}", "{c}"]
    assert emails.unknown_placeholders("{role} {salary}", "{x.y}") == ["{salary}", "{x.y}"]


# --- escaping and the mailto: link ------------------------------------------------------

UNRESERVED_OR_ENCODED = re.compile(r"^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$")


def mailto_parts(link: str) -> tuple[str, dict[str, str]]:
    """Take a mailto: link apart the way a mail app would."""
    assert link.startswith("mailto:")
    address, _, query = link.removeprefix("mailto:").partition("?")
    parts: dict[str, str] = {}
    for pair in query.split("&") if query else []:
        name, _, value = pair.partition("=")
        assert name not in parts, f"{name} given twice"
        assert UNRESERVED_OR_ENCODED.match(value), value
        parts[name] = unquote(value, errors="strict")
    return unquote(address), parts


def test_a_company_name_with_markup_fills_as_plain_text_and_survives_the_link(owner):
    company = "<script>alert(1)</script> & Co"
    application = make_application(owner, company=company)
    values = emails.placeholder_values(
        application=application,
        history=emails.history_of(application),
        contact=None,
        my_name="Sam",
    )
    subject, body = emails.BUILTIN_WORDING[BuiltinTemplate.STAY_IN_TOUCH]
    subject, body = emails.fill(subject, values).text, emails.fill(body, values).text
    assert subject == f"Staying in touch with {company}"
    assert f"interest in {company} and" in body
    assert "&lt;" not in body and "&amp;" not in body
    link = emails.mailto(to="ana@acme.test", subject=subject, body=body)
    assert "<" not in link and " " not in link
    address, parts = mailto_parts(link)
    assert address == "ana@acme.test"
    assert parts["subject"] == subject
    assert parts["body"] == body.replace("\n", "\r\n")
    assert set(parts) == {"subject", "body"}


@pytest.mark.parametrize(
    "text",
    [
        "Q&A? #1 = 100% + more",
        "subject=evil&body=injected",
        "a&cc=boss@acme.test",
        "Zoë Ångström",
        "山田太郎",
        "Thanks 🎉🙏",
        "tab\there, quote \" and ' and \\ backslash",
        "%20 stays %20, %0A stays %0A",
    ],
)
def test_awkward_characters_round_trip_through_the_link(text):
    address, parts = mailto_parts(emails.mailto(to="ana@acme.test", subject=text, body=text))
    assert parts == {"subject": text, "body": text}
    assert address == "ana@acme.test"


def test_line_breaks_travel_as_crlf():
    link = emails.mailto(to="a@b.test", subject="", body="Hi Ana,\n\nThanks.\r\nSam")
    assert link == "mailto:a@b.test?body=Hi%20Ana%2C%0D%0A%0D%0AThanks.%0D%0ASam"
    assert mailto_parts(link)[1]["body"] == "Hi Ana,\r\n\r\nThanks.\r\nSam"


def test_spaces_are_percent_twenty_never_plus():
    link = emails.mailto(to="a@b.test", subject="a b", body="c + d")
    assert link == "mailto:a@b.test?subject=a%20b&body=c%20%2B%20d"


def test_a_long_body_round_trips_completely():
    body = ("Line with words, & symbols ✓ and ümlauts.\n" * 125)[:5000]
    assert len(body) == 5000
    link = emails.mailto(to="a@b.test", subject="Feedback", body=body)
    assert len(link) > emails.MAILTO_COMFORTABLE_LENGTH
    assert mailto_parts(link)[1]["body"] == body.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("", "", "mailto:a@b.test"),
        ("Hi", "", "mailto:a@b.test?subject=Hi"),
        ("", "Hi", "mailto:a@b.test?body=Hi"),
        ("Hi", "Yo", "mailto:a@b.test?subject=Hi&body=Yo"),
    ],
)
def test_an_empty_subject_or_body_is_left_out_of_the_link(subject, body, expected):
    assert emails.mailto(to="a@b.test", subject=subject, body=body) == expected


def test_the_address_keeps_its_at_sign_and_loses_surrounding_spaces():
    link = emails.mailto(to="  ana.perez+jobs@acme.test ", subject="", body="")
    assert link == "mailto:ana.perez%2Bjobs@acme.test"
    assert mailto_parts(link)[0] == "ana.perez+jobs@acme.test"


def test_an_address_cannot_smuggle_in_extra_fields():
    link = emails.mailto(to="a@b.test?bcc=evil@x.test", subject="", body="Hi")
    address, parts = mailto_parts(link)
    assert address == "a@b.test?bcc=evil@x.test"
    assert parts == {"body": "Hi"}


def test_no_address_still_makes_a_link_with_the_words():
    assert emails.mailto(to="", subject="Hi there", body="") == "mailto:?subject=Hi%20there"


# --- from draft to reply ----------------------------------------------------------------


def test_a_new_request_is_a_draft_with_what_was_typed(owner):
    application = make_application(owner)
    contact = ContactFactory(user=owner)
    request = feedback_services.feedback_request_create(
        user=owner,
        application=application,
        contact=contact,
        to_email="  ana@acme.test ",
        subject="Feedback",
        body="Hi",
    )
    request.refresh_from_db()
    assert (request.state, request.sent_on, request.to_email) == (
        State.DRAFT,
        None,
        "ana@acme.test",
    )
    assert (request.user, request.application, request.contact) == (owner, application, contact)
    assert not FollowUp.objects.filter(source_feedback=request).exists()


def test_cannot_record_a_reply_to_a_draft(owner):
    request = draft(owner)
    with pytest.raises(ValidationError, match="still a draft"):
        feedback_services.feedback_request_record_reply(feedback=request, on=today(), text="Thanks")
    request.refresh_from_db()
    assert (request.state, request.replied_on, request.reply_text) == (State.DRAFT, None, "")


def test_marking_sent_creates_exactly_one_reply_reminder(owner):
    application = make_application(owner)
    contact = ContactFactory(user=owner, name="Ana Pérez")
    request = draft(owner, application, contact=contact)
    on = days_ago(2)
    result = feedback_services.feedback_request_mark_sent(feedback=request, on=on)
    request.refresh_from_db()
    assert (request.state, request.sent_on) == (State.SENT, on)
    reminder = FollowUp.objects.get(user=owner)
    assert result.reminder == reminder
    assert reminder.rule == FollowUp.Rule.FEEDBACK_REPLY_CHECK
    assert reminder.kind == FollowUp.Kind.FEEDBACK_REPLY
    assert reminder.due_on == on + timedelta(days=7)
    assert (reminder.application, reminder.source_feedback, reminder.contact) == (
        application,
        request,
        contact,
    )
    assert reminder.done_at is None
    assert reminder.title == "Check for a reply from Ana Pérez about feedback"


def test_marking_sent_without_a_date_means_today(owner):
    request = draft(owner)
    result = feedback_services.feedback_request_mark_sent(feedback=request)
    assert result.feedback.sent_on == today()
    assert result.reminder.due_on == today() + timedelta(days=7)


def test_a_request_recorded_as_sent_long_ago_gets_its_reminder_from_today(owner):
    request = draft(owner)
    result = feedback_services.feedback_request_mark_sent(feedback=request, on=days_ago(30))
    assert result.reminder.due_on == today()


def test_the_reminder_for_a_request_with_no_contact_names_the_company(owner):
    request = draft(owner, make_application(owner, company="Globex"))
    result = feedback_services.feedback_request_mark_sent(feedback=request, on=today())
    assert result.reminder.title == "Check for a reply from Globex about feedback"
    assert result.reminder.contact is None


def test_marking_sent_twice_is_refused_and_leaves_one_reminder(owner):
    request = draft(owner)
    feedback_services.feedback_request_mark_sent(feedback=request, on=days_ago(5))
    with pytest.raises(ValidationError, match="already marked as sent"):
        feedback_services.feedback_request_mark_sent(feedback=request, on=days_ago(1))
    request.refresh_from_db()
    assert request.sent_on == days_ago(5)
    assert FollowUp.objects.filter(source_feedback=request).count() == 1


def test_a_sent_date_in_the_future_is_refused_in_the_words_every_date_uses(owner):
    request = draft(owner)
    with pytest.raises(
        ValidationError, match="The date you sent it can’t be in the future. Record it when"
    ):
        feedback_services.feedback_request_mark_sent(
            feedback=request, on=today() + timedelta(days=1)
        )
    request.refresh_from_db()
    assert (request.state, request.sent_on) == (State.DRAFT, None)
    assert not FollowUp.objects.filter(user=owner).exists()


def test_marking_sent_completes_the_reminders_to_ask_for_feedback_there_only(owner):
    acme = make_application(owner, company="Acme")
    globex = make_application(owner, company="Globex")
    # The rule's own "ask for feedback" reminder, after a rejection, for both.
    services.application_set_status(application=acme, status=Status.REJECTED)
    services.application_set_status(application=globex, status=Status.REJECTED)
    by_hand = FollowUpFactory(
        user=owner, application=acme, kind=FollowUp.Kind.FEEDBACK_REQUEST, title="Ask Ana"
    )
    long_done = FollowUpFactory(
        user=owner, application=acme, kind=FollowUp.Kind.FEEDBACK_REQUEST, done_at=past(10)
    )
    keep_in_touch = FollowUp.objects.get(application=acme, kind=FollowUp.Kind.KEEP_IN_TOUCH)

    result = feedback_services.feedback_request_mark_sent(feedback=draft(owner, acme), on=today())

    assert result.asked == 2
    acme_asks = FollowUp.objects.filter(application=acme, kind=FollowUp.Kind.FEEDBACK_REQUEST)
    assert acme_asks.count() == 3
    assert not acme_asks.filter(done_at__isnull=True).exists()
    by_hand.refresh_from_db()
    assert by_hand.done_at is not None
    long_done_at = long_done.done_at
    long_done.refresh_from_db()
    assert long_done.done_at == long_done_at
    globex_ask = FollowUp.objects.get(application=globex, kind=FollowUp.Kind.FEEDBACK_REQUEST)
    assert globex_ask.done_at is None
    keep_in_touch.refresh_from_db()
    assert keep_in_touch.done_at is None
    # The new reminder to check for a reply is not "taken care of" by itself.
    assert result.reminder.done_at is None
    assert FollowUp.objects.get(pk=result.reminder.pk).done_at is None


def test_marking_sent_leaves_someone_elses_reminders_alone(owner, stranger):
    application = make_application(owner)
    theirs = FollowUpFactory(user=stranger, kind=FollowUp.Kind.FEEDBACK_REQUEST)
    result = feedback_services.feedback_request_mark_sent(
        feedback=draft(owner, application), on=today()
    )
    assert result.asked == 0
    theirs.refresh_from_db()
    assert theirs.done_at is None


def test_with_suggestions_turned_off_no_reply_reminder_is_made(owner):
    services.preferences_update(user=owner, suggest_followups=False)
    request = draft(owner)
    result = feedback_services.feedback_request_mark_sent(feedback=request, on=today())
    assert result.reminder is None
    assert not FollowUp.objects.filter(user=owner).exists()
    request.refresh_from_db()
    assert request.state == State.SENT


def test_recording_a_reply_completes_the_reminder_without_deleting_it(owner):
    request = sent(owner, on=days_ago(4))
    reminder = FollowUp.objects.get(source_feedback=request)
    feedback_services.feedback_request_record_reply(
        feedback=request,
        on=days_ago(1),
        text="You were close; more SQL depth.",
        themes=[FeedbackTheme.TECHNICAL_DEPTH, FeedbackTheme.SKILLS_GAP],
        tags=["SQL"],
        will_change="Practise window functions",
    )
    request.refresh_from_db()
    assert request.state == State.REPLIED
    assert request.replied_on == days_ago(1)
    assert request.reply_text == "You were close; more SQL depth."
    assert request.themes == ["technical_depth", "skills_gap"]
    assert request.theme_labels == ["Technical depth", "Skills gap"]
    assert request.tags == ["SQL"]
    assert request.will_change == "Practise window functions"
    reminder.refresh_from_db()
    assert reminder.done_at is not None
    assert reminder.source_feedback == request


def test_a_reply_on_the_day_it_was_sent_is_fine(owner):
    request = sent(owner, on=days_ago(2))
    feedback_services.feedback_request_record_reply(feedback=request, on=days_ago(2))
    request.refresh_from_db()
    assert (request.state, request.replied_on) == (State.REPLIED, days_ago(2))


def test_a_reply_before_the_request_was_sent_is_refused(owner):
    request = sent(owner, on=days_ago(3))
    with pytest.raises(ValidationError) as caught:
        feedback_services.feedback_request_record_reply(feedback=request, on=days_ago(4))
    assert "replied_on" in caught.value.message_dict
    request.refresh_from_db()
    assert (request.state, request.replied_on) == (State.SENT, None)
    assert FollowUp.objects.get(source_feedback=request).done_at is None


def test_a_reply_dated_in_the_future_is_refused(owner):
    request = sent(owner, on=days_ago(3))
    with pytest.raises(
        ValidationError, match="The date of the reply can’t be in the future. Record it when"
    ):
        feedback_services.feedback_request_record_reply(
            feedback=request, on=today() + timedelta(days=1)
        )
    request.refresh_from_db()
    assert (request.state, request.replied_on) == (State.SENT, None)


def test_closing_as_no_reply_completes_the_reminder(owner):
    request = sent(owner, on=days_ago(30))
    feedback_services.feedback_request_close(feedback=request)
    request.refresh_from_db()
    assert (request.state, request.closed_on) == (State.NO_REPLY, today())
    reminder = FollowUp.objects.get(source_feedback=request)
    assert reminder.done_at is not None


def test_only_a_request_waiting_for_a_reply_can_be_closed(owner):
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_close(feedback=draft(owner))
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_close(feedback=replied(owner))


def test_reopening_a_request_closed_as_no_reply_goes_back_to_waiting(owner):
    request = sent(owner, on=days_ago(30))
    feedback_services.feedback_request_close(feedback=request)
    feedback_services.feedback_request_reopen(feedback=request)
    request.refresh_from_db()
    assert (request.state, request.closed_on, request.sent_on) == (State.SENT, None, days_ago(30))


def test_only_a_request_closed_as_no_reply_can_be_reopened(owner):
    for request in (draft(owner), sent(owner), replied(owner)):
        state = request.state
        with pytest.raises(ValidationError):
            feedback_services.feedback_request_reopen(feedback=request)
        request.refresh_from_db()
        assert request.state == state


def test_a_late_reply_can_follow_a_request_closed_as_no_reply(owner):
    request = sent(owner, on=days_ago(40))
    feedback_services.feedback_request_close(feedback=request, on=days_ago(10))
    feedback_services.feedback_request_record_reply(
        feedback=request, on=days_ago(2), text="Sorry for the delay", themes=["role_closed"]
    )
    request.refresh_from_db()
    assert request.state == State.REPLIED
    assert request.closed_on is None
    assert request.replied_on == days_ago(2)
    assert request.themes == ["role_closed"]


def test_a_reply_can_be_corrected_after_it_was_recorded(owner):
    request = replied(owner, sent_on=days_ago(5), replied_on=days_ago(3), text="First")
    feedback_services.feedback_request_record_reply(
        feedback=request, on=days_ago(2), text="Corrected"
    )
    request.refresh_from_db()
    assert (request.state, request.replied_on, request.reply_text) == (
        State.REPLIED,
        days_ago(2),
        "Corrected",
    )
    assert FollowUp.objects.filter(source_feedback=request).count() == 1


def test_unsending_goes_back_to_a_draft_and_deletes_the_open_reminder(owner):
    request = sent(owner, on=days_ago(2))
    assert FollowUp.objects.filter(source_feedback=request).exists()
    feedback_services.feedback_request_unsend(feedback=request)
    request.refresh_from_db()
    assert (request.state, request.sent_on) == (State.DRAFT, None)
    assert not FollowUp.objects.filter(user=owner, kind=FollowUp.Kind.FEEDBACK_REPLY).exists()


def test_sending_again_after_unsending_makes_a_fresh_reminder(owner):
    request = sent(owner, on=days_ago(2))
    feedback_services.feedback_request_unsend(feedback=request)
    result = feedback_services.feedback_request_mark_sent(feedback=request, on=today())
    assert result.reminder is not None
    assert result.reminder.due_on == today() + timedelta(days=7)
    assert FollowUp.objects.filter(source_feedback=request).count() == 1


def test_only_a_request_still_waiting_can_be_unsent(owner):
    request = replied(owner)
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_unsend(feedback=request)
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_unsend(feedback=draft(owner))
    request.refresh_from_db()
    assert request.state == State.REPLIED


def test_deleting_a_request_deletes_its_open_reminder_but_keeps_done_ones(owner):
    waiting = sent(owner)
    answered = replied(owner)
    done_reminder = FollowUp.objects.get(source_feedback=answered)
    feedback_services.feedback_request_delete(feedback=waiting)
    feedback_services.feedback_request_delete(feedback=answered)
    assert not FeedbackRequest.objects.filter(user=owner).exists()
    assert list(FollowUp.objects.filter(user=owner)) == [done_reminder]
    done_reminder.refresh_from_db()
    assert done_reminder.done_at is not None
    assert done_reminder.source_feedback is None


def test_a_draft_can_be_changed(owner):
    request = draft(owner, subject="Old", body="Old body")
    contact = ContactFactory(user=owner)
    feedback_services.feedback_request_update(
        feedback=request, contact=contact, to_email=" new@acme.test ", subject="New", body="Hi"
    )
    request.refresh_from_db()
    assert (request.contact, request.to_email, request.subject, request.body) == (
        contact,
        "new@acme.test",
        "New",
        "Hi",
    )


def test_a_sent_request_keeps_its_words(owner):
    request = sent(owner, subject="As sent", body="As sent")
    with pytest.raises(ValidationError, match="sent"):
        feedback_services.feedback_request_update(
            feedback=request, contact=None, to_email="", subject="Changed", body="Changed"
        )
    request.refresh_from_db()
    assert (request.subject, request.body) == ("As sent", "As sent")


def test_a_request_cannot_be_made_for_someone_elses_application(owner, stranger):
    theirs = make_application(stranger)
    with pytest.raises(ValidationError, match="not yours"):
        feedback_services.feedback_request_create(user=owner, application=theirs)
    assert not FeedbackRequest.objects.exists()


def test_a_request_cannot_be_sent_to_someone_elses_contact(owner, stranger):
    their_contact = ContactFactory(user=stranger)
    with pytest.raises(ValidationError) as caught:
        feedback_services.feedback_request_create(
            user=owner, application=make_application(owner), contact=their_contact
        )
    assert "contact" in caught.value.message_dict
    assert not FeedbackRequest.objects.exists()


def test_a_draft_cannot_be_changed_to_someone_elses_contact(owner, stranger):
    request = draft(owner)
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_update(
            feedback=request,
            contact=ContactFactory(user=stranger),
            to_email="",
            subject="",
            body="",
        )
    request.refresh_from_db()
    assert request.contact is None


def test_a_bad_email_address_is_refused(owner):
    with pytest.raises(ValidationError) as caught:
        draft(owner, to_email="not an address")
    assert "to_email" in caught.value.message_dict


@pytest.mark.parametrize(
    "themes", [["salary_negotiation"], ["skills_gap", "nope"], ["Skills gap"], "skills_gap"]
)
def test_themes_outside_the_list_are_refused_by_full_clean(owner, themes):
    request = FeedbackRequest(
        user=owner, application=make_application(owner), themes=themes, state=State.DRAFT
    )
    with pytest.raises(ValidationError) as caught:
        request.full_clean()
    assert "themes" in caught.value.message_dict


def test_recording_a_reply_with_an_unknown_theme_is_refused(owner):
    request = sent(owner)
    with pytest.raises(ValidationError) as caught:
        feedback_services.feedback_request_record_reply(
            feedback=request, on=today(), themes=["bogus"]
        )
    assert "themes" in caught.value.message_dict
    request.refresh_from_db()
    assert (request.state, request.themes) == (State.SENT, [])


def test_repeated_themes_are_kept_once_in_order(owner):
    request = replied(owner, themes=["communication", "skills_gap", "communication"])
    assert request.themes == ["communication", "skills_gap"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (["SQL", "sql", " Sql "], ["SQL"]),
        (["  system   design ", "System Design"], ["system design"]),
        (["", "   ", "\x00"], []),
        (["a\tb", "A B"], ["a b"]),
        (["Straße", "STRASSE"], ["Straße"]),
        (["Python", "Go", "python", "go", "Rust"], ["Python", "Go", "Rust"]),
    ],
)
def test_tags_are_tidied_and_repeats_dropped_ignoring_case(typed, expected):
    assert services.names_clean(typed) == expected


def test_recording_a_reply_stores_tidied_tags(owner):
    request = replied(owner, tags=[" SQL", "sql", "public  speaking"])
    assert request.tags == ["SQL", "public speaking"]


def test_more_tags_than_allowed_are_refused(owner):
    request = sent(owner)
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_record_reply(
            feedback=request, on=today(), tags=[f"tag {n}" for n in range(21)]
        )
    request.refresh_from_db()
    assert request.state == State.SENT


def test_closing_as_no_reply_before_the_request_was_sent_is_refused(owner):
    request = sent(owner, on=days_ago(3))
    with pytest.raises(ValidationError):
        feedback_services.feedback_request_close(feedback=request, on=days_ago(10))


def test_closing_as_no_reply_on_a_future_date_is_refused(owner):
    request = sent(owner, on=days_ago(3))
    with pytest.raises(ValidationError, match="The date you stopped waiting can’t be in the"):
        feedback_services.feedback_request_close(feedback=request, on=today() + timedelta(days=5))


# --- templates --------------------------------------------------------------------------

OURS = [
    BuiltinTemplate.AFTER_INTERVIEW.value,
    BuiltinTemplate.AFTER_APPLICATION.value,
    BuiltinTemplate.STAY_IN_TOUCH.value,
]


def test_the_template_list_starts_with_our_three_in_our_wording(owner):
    options = feedback_selectors.feedback_templates(user=owner)
    assert [option.key for option in options] == OURS
    for option in options:
        builtin = BuiltinTemplate(option.key)
        assert (option.subject, option.body) == emails.BUILTIN_WORDING[builtin]
        assert option.name == builtin.label
        assert (option.builtin, option.row, option.edited) == (option.key, None, False)
        assert option.unknown == []


def test_an_edited_copy_replaces_ours_and_a_persons_own_templates_follow(owner):
    copy = feedback_services.feedback_template_save(
        user=owner,
        builtin=BuiltinTemplate.AFTER_APPLICATION,
        name="  My   gentle ask ",
        subject=" Re: {role} ",
        body="Hi {contact_first_name}, about {salary}",
    )
    zed = feedback_services.feedback_template_save(user=owner, name="Zed", subject="Z", body="z")
    alpha = feedback_services.feedback_template_save(
        user=owner, name="Alpha", subject="A", body="a"
    )
    options = feedback_selectors.feedback_templates(user=owner)
    assert [option.key for option in options] == [*OURS, f"mine-{alpha.pk}", f"mine-{zed.pk}"]
    edited = options[1]
    assert (edited.name, edited.subject, edited.body) == (
        "My gentle ask",
        "Re: {role}",
        "Hi {contact_first_name}, about {salary}",
    )
    assert (edited.edited, edited.row, edited.builtin) == (True, copy, "after_application")
    assert edited.unknown == ["{salary}"]
    assert not options[0].edited and not options[2].edited
    assert options[0].body == emails.BUILTIN_WORDING[BuiltinTemplate.AFTER_INTERVIEW][1]
    mine = options[3]
    assert (mine.name, mine.subject, mine.body, mine.builtin, mine.row) == (
        "Alpha",
        "A",
        "a",
        "",
        alpha,
    )
    assert not mine.edited


def test_saving_a_copy_of_ours_twice_updates_the_same_row(owner):
    first = feedback_services.feedback_template_save(
        user=owner, builtin=BuiltinTemplate.STAY_IN_TOUCH, name="Mine", subject="One", body="1"
    )
    second = feedback_services.feedback_template_save(
        user=owner, builtin=BuiltinTemplate.STAY_IN_TOUCH, name="Mine", subject="Two", body="2"
    )
    assert second.pk == first.pk
    row = FeedbackTemplate.objects.get(user=owner)
    assert (row.builtin, row.subject, row.body) == ("stay_in_touch", "Two", "2")


def test_each_person_can_keep_their_own_copy_of_the_same_template(owner, stranger):
    for person in (owner, stranger):
        feedback_services.feedback_template_save(
            user=person, builtin=BuiltinTemplate.STAY_IN_TOUCH, name="Mine", subject="S", body="B"
        )
    assert FeedbackTemplate.objects.filter(builtin="stay_in_touch").count() == 2


def test_deleting_the_copy_brings_our_wording_back(owner):
    copy = feedback_services.feedback_template_save(
        user=owner, builtin=BuiltinTemplate.AFTER_INTERVIEW, name="Mine", subject="S", body="B"
    )
    feedback_services.feedback_template_delete(template=copy)
    option = feedback_selectors.feedback_templates(user=owner)[0]
    assert option.key == "after_interview"
    assert (option.subject, option.body) == emails.BUILTIN_WORDING[BuiltinTemplate.AFTER_INTERVIEW]
    assert not option.edited
    assert option.name == BuiltinTemplate.AFTER_INTERVIEW.label


def test_another_persons_templates_never_appear(owner, stranger):
    feedback_services.feedback_template_save(
        user=stranger, builtin=BuiltinTemplate.AFTER_INTERVIEW, name="Theirs", subject="T", body="T"
    )
    feedback_services.feedback_template_save(user=stranger, name="Their own", subject="T", body="T")
    options = feedback_selectors.feedback_templates(user=owner)
    assert [option.key for option in options] == OURS
    assert not any(option.edited for option in options)
    assert "Theirs" not in [option.name for option in options]


def test_a_person_cannot_change_someone_elses_template(owner, stranger):
    theirs = feedback_services.feedback_template_save(
        user=stranger, name="Theirs", subject="T", body="T"
    )
    with pytest.raises(ValidationError):
        feedback_services.feedback_template_save(
            user=owner, template=theirs, name="Mine now", subject="X", body="X"
        )
    theirs.refresh_from_db()
    assert (theirs.user, theirs.name) == (stranger, "Theirs")


def test_a_template_that_is_not_one_of_ours_is_refused(owner):
    with pytest.raises(ValidationError):
        feedback_services.feedback_template_save(
            user=owner, builtin="made_up", name="Mine", subject="S", body="B"
        )
    assert not FeedbackTemplate.objects.exists()


# --- reading: recipients, lists, counts, stats, the timeline -------------------------------


def test_recipients_are_the_hiring_manager_then_the_recruiter_then_others_email_first(
    owner, stranger
):
    application = make_application(owner)
    manager = Contact.Relationship.HIRING_MANAGER
    recruiter = Contact.Relationship.RECRUITER

    def person(name, relationship, email=""):
        contact = ContactFactory(user=owner, name=name, relationship=relationship, email=email)
        application.contacts.add(contact)
        return contact

    zara = person("Zara", recruiter)
    bob = person("Bob", "", "bob@acme.test")
    yan = person("Yan", recruiter, "yan@acme.test")
    carl = person("Carl", manager)
    dan = person("Dan", manager, "dan@acme.test")
    amy = person("Amy", Contact.Relationship.INTERVIEWER)
    ContactFactory(user=owner, name="Not on this application", relationship=manager)
    intruder = ContactFactory(user=stranger, name="Aaron", relationship=manager, email="a@x.test")
    application.contacts.add(intruder)

    assert feedback_selectors.feedback_recipients(application=application) == [
        dan,
        carl,
        yan,
        zara,
        bob,
        amy,
    ]


def test_counts_per_state_and_in_all(owner, stranger):
    draft(owner)
    draft(owner)
    sent(owner)
    replied(owner)
    closed = sent(owner)
    feedback_services.feedback_request_close(feedback=closed)
    replied(stranger)
    draft(stranger)
    assert feedback_selectors.feedback_counts(user=owner) == {
        "": 5,
        "draft": 2,
        "sent": 1,
        "replied": 1,
        "no_reply": 1,
    }


def test_counts_are_zero_with_no_requests(owner):
    assert feedback_selectors.feedback_counts(user=owner) == {
        "": 0,
        "draft": 0,
        "sent": 0,
        "replied": 0,
        "no_reply": 0,
    }


def test_the_list_filters_by_state_and_shows_only_the_persons_own(owner, stranger):
    first_draft = draft(owner)
    waiting = sent(owner)
    answered = replied(owner)
    second_draft = draft(owner)
    replied(stranger)
    draft(stranger)
    assert list(feedback_selectors.feedback_list(user=owner)) == [
        second_draft,
        answered,
        waiting,
        first_draft,
    ]
    assert list(feedback_selectors.feedback_list(user=owner, state="draft")) == [
        second_draft,
        first_draft,
    ]
    assert list(feedback_selectors.feedback_list(user=owner, state="replied")) == [answered]
    assert list(feedback_selectors.feedback_list(user=owner, state="sent")) == [waiting]
    assert list(feedback_selectors.feedback_list(user=owner, state="no_reply")) == []
    assert len(feedback_selectors.feedback_list(user=owner, state="bogus")) == 4


def test_stats_add_up_the_replies(owner, stranger):
    final = make_application(owner)
    StatusEventFactory(
        application=final,
        status=Status.REJECTED,
        rejection_stage=RejectionStage.FINAL,
        happened_on=days_ago(125),
    )
    unrecorded = make_application(owner)
    StatusEventFactory(application=unrecorded, status=Status.REJECTED, happened_on=days_ago(25))
    twice = make_application(owner)
    StatusEventFactory(
        application=twice,
        status=Status.REJECTED,
        rejection_stage=RejectionStage.TECHNICAL,
        happened_on=days_ago(60),
    )
    StatusEventFactory(
        application=twice,
        status=Status.REJECTED,
        rejection_stage=RejectionStage.ONSITE,
        happened_on=days_ago(50),
    )
    replied(
        owner,
        final,
        sent_on=days_ago(120),
        replied_on=days_ago(100),
        themes=["skills_gap", "communication"],
        tags=["SQL"],
    )
    replied(owner, unrecorded, sent_on=days_ago(20), replied_on=days_ago(10), themes=["skills_gap"])
    replied(
        owner,
        twice,
        sent_on=days_ago(30),
        replied_on=days_ago(25),
        themes=["technical_depth", "skills_gap"],
        tags=["sql", "Python"],
    )
    sent(owner)
    feedback_services.feedback_request_close(feedback=sent(owner, on=days_ago(40)))
    draft(owner)
    draft(owner)
    replied(stranger, themes=["compensation", "skills_gap"])
    sent(stranger)

    stats = feedback_selectors.feedback_stats(user=owner, today=today())

    assert stats.requests == 5
    assert stats.replies == 3
    assert stats.reply_rate == 60
    assert stats.median_days_to_reply == 10
    assert stats.themes == [("Skills gap", 3), ("Communication", 1), ("Technical depth", 1)]
    assert stats.themes_recent == [("Skills gap", 2), ("Technical depth", 1)]
    assert stats.stages == [
        ("Final round", 1),
        ("On-site or panel", 1),
        ("Stage not recorded", 1),
    ]
    assert stats.tags == [("SQL", 2), ("Python", 1)]


def test_the_last_ninety_days_count_from_the_given_day(owner):
    replied(owner, sent_on=days_ago(200), replied_on=days_ago(190), themes=["materials"])
    replied(owner, sent_on=days_ago(200), replied_on=days_ago(189), themes=["culture_fit"])
    # "The last 90 days" is that day and the 89 before it, as on the Insights page.
    stats = feedback_selectors.feedback_stats(user=owner, today=days_ago(101))
    assert stats.themes_recent == [
        ("Culture or team fit", 1),
        ("Résumé or application materials", 1),
    ]
    stats = feedback_selectors.feedback_stats(user=owner, today=days_ago(100))
    assert stats.themes_recent == [("Culture or team fit", 1)]
    assert stats.themes == [("Culture or team fit", 1), ("Résumé or application materials", 1)]


def test_the_median_of_an_even_number_of_replies_is_the_middle_two_averaged(owner):
    replied(owner, sent_on=days_ago(10), replied_on=days_ago(6))
    replied(owner, sent_on=days_ago(10), replied_on=days_ago(1))
    stats = feedback_selectors.feedback_stats(user=owner)
    assert stats.median_days_to_reply == 6.5
    assert stats.reply_rate == 100


def test_stats_with_nothing_sent_have_no_rate_or_median(owner, stranger):
    draft(owner)
    replied(stranger)
    stats = feedback_selectors.feedback_stats(user=owner)
    assert (stats.requests, stats.replies) == (0, 0)
    assert stats.reply_rate is None
    assert stats.median_days_to_reply is None
    assert (stats.themes, stats.themes_recent, stats.stages, stats.tags) == ([], [], [], [])


def test_the_timeline_shows_asking_and_the_reply_but_not_drafts(owner):
    application = make_application(owner)
    contact = ContactFactory(user=owner, name="Ana Pérez")
    request = sent(owner, application, on=days_ago(10), contact=contact)
    feedback_services.feedback_request_record_reply(
        feedback=request,
        on=days_ago(3),
        text="Strong on SQL, but we needed more stakeholder work.",
        themes=["experience_level", "communication"],
    )
    draft(owner, application, subject="A second try")
    draft(owner)

    items = [
        item for item in selectors.application_timeline(application) if item.kind == "feedback"
    ]
    assert [(item.title, item.on) for item in items] == [
        ("Feedback received", days_ago(3)),
        ("Asked for feedback from Ana Pérez", days_ago(10)),
    ]
    assert items[0].detail == (
        "Themes: Experience level, Communication.\n"
        "Strong on SQL, but we needed more stakeholder work."
    )
    detail_url = reverse("tracker:feedback_detail", args=[request.pk])
    assert items[0].url == items[1].url == detail_url


def test_the_timeline_shows_a_request_closed_with_no_reply(owner):
    application = make_application(owner)
    request = sent(owner, application, on=days_ago(30))
    feedback_services.feedback_request_close(feedback=request, on=days_ago(2))
    items = [
        (item.title, item.on)
        for item in selectors.application_timeline(application)
        if item.kind == "feedback"
    ]
    assert items == [
        ("No reply to the feedback request", days_ago(2)),
        ("Asked for feedback", days_ago(30)),
    ]


def test_the_timeline_of_an_application_with_only_a_draft_has_no_feedback(owner):
    application = make_application(owner)
    draft(owner, application)
    assert not [
        item for item in selectors.application_timeline(application) if item.kind == "feedback"
    ]
