"""Every route of the app, and how to make the objects the ones with ids need.

Shared by the checks that run over all URLs (isolation, CSRF, hostile input).
A route that takes an object id and has no OBJECTS entry fails
tests/test_isolation.py::test_every_object_route_has_a_fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from tests.journal.factories import DraftFactory, EntryFactory, SkillGoalFactory
from tests.portability.factories import import_batch
from tests.tracker.factories import (
    ActivityFactory,
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    FeedbackTemplateFactory,
    FollowUpFactory,
    InterviewFactory,
    StatusEventFactory,
)

# Route name -> a function making, for `owner`, the objects the route's URL names.
OBJECTS: dict[str, Callable] = {
    "tracker:application_detail": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_edit": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_delete": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_status": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:interview_new": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:status_event_edit": lambda owner: _event(owner),
    "tracker:status_event_delete": lambda owner: _event(owner),
    "tracker:interview_edit": lambda owner: {
        "pk": InterviewFactory(user=owner, application__user=owner).pk
    },
    "tracker:interview_delete": lambda owner: {
        "pk": InterviewFactory(user=owner, application__user=owner).pk
    },
    "tracker:contact_detail": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_edit": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_touch": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_delete": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:followup_edit": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_done": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_reopen": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_snooze": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_delete": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "journal:entry_detail": lambda owner: {"pk": _entry(owner)},
    "journal:entry_edit": lambda owner: {"pk": _entry(owner)},
    "journal:entry_delete": lambda owner: {"pk": _entry(owner)},
    "journal:reflection_draft": lambda owner: {"pk": DraftFactory(user=owner).pk},
    "journal:draft_delete": lambda owner: {"pk": DraftFactory(user=owner).pk},
    "journal:skill_edit": lambda owner: {"pk": SkillGoalFactory(user=owner).pk},
    "journal:skill_set_status": lambda owner: {"pk": SkillGoalFactory(user=owner).pk},
    "journal:skill_delete": lambda owner: {"pk": SkillGoalFactory(user=owner).pk},
    "journal:skill_from_feedback": lambda owner: {"pk": _feedback(owner, "replied")},
    "tracker:feedback_detail": lambda owner: {"pk": _feedback(owner, "sent")},
    "tracker:feedback_reply": lambda owner: {"pk": _feedback(owner, "sent")},
    "tracker:feedback_unsend": lambda owner: {"pk": _feedback(owner, "sent")},
    "tracker:feedback_close": lambda owner: {"pk": _feedback(owner, "sent")},
    "tracker:feedback_reopen": lambda owner: {"pk": _feedback(owner, "no_reply")},
    "tracker:feedback_delete": lambda owner: {"pk": _feedback(owner, "replied")},
    "tracker:activity_edit": lambda owner: {"pk": _activity(owner)},
    "tracker:activity_delete": lambda owner: {"pk": _activity(owner)},
    "tracker:feedback_template_edit": lambda owner: {"pk": FeedbackTemplateFactory(user=owner).pk},
    "tracker:feedback_template_delete": lambda owner: {
        "pk": FeedbackTemplateFactory(user=owner).pk
    },
    # The dashboard's "Needs you" actions.
    "tracker:application_not_now": lambda owner: {"pk": _closed(owner, "rejected")},
    "tracker:application_not_now_undo": lambda owner: {"pk": _closed(owner, "rejected")},
    "tracker:application_still_waiting": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_still_waiting_undo": lambda owner: {
        "pk": ApplicationFactory(user=owner).pk
    },
    "tracker:application_no_response": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_no_response_undo": lambda owner: _no_response(owner),
    "importing:review": lambda owner: {"pk": import_batch(owner).pk},
    "importing:discard": lambda owner: {"pk": import_batch(owner).pk},
}

# Routes outside the person's own data: Django's admin has its own staff checks; a
# password-reset link names an account by a signed token, not an object of the
# owner's (tests/jobsearch/test_password_reset.py covers it); and a calendar app
# fetches the feed with its private token instead of a log-in
# (tests/portability/test_calendar.py checks who can read it).
NOT_OWNED = ("admin:", "password_reset_confirm", "portability:calendar_feed")

# A form post that would change the object if the view let it.
HOSTILE_POST = {
    "status": "rejected",
    "on": "2026-01-01",
    "company": "Changed",
    "role": "Changed",
    "name": "Changed",
    "title": "Changed",
    "due_on": "2026-01-01",
    "days": "7",
    "happened_on": "2026-01-01",
    "scheduled_at": "2026-01-01T10:00",
    "kind": "other",
    "mood": "1",
    "body": "Changed",
    "what_happened": "Changed",
    "subject": "Changed",
    "replied_on": "2026-01-01",
    "reply_text": "Changed",
    "will_change": "Changed",
}


def _feedback(owner, state: str) -> int:
    """A feedback request of the owner's, moved along to `state` by the services."""
    from tracker.feedback import services

    application = ApplicationFactory(user=owner)
    contact = ContactFactory(user=owner)
    application.contacts.add(contact)
    feedback = FeedbackRequestFactory(user=owner, application=application, contact=contact)
    if state != "draft":
        services.feedback_request_mark_sent(feedback=feedback)
    if state == "replied":
        services.feedback_request_record_reply(
            feedback=feedback,
            on=feedback.sent_on,
            text="More depth on SQL would have helped.",
            themes=["technical_depth"],
            tags=["sql"],
            will_change="Practise SQL window functions",
        )
    elif state == "no_reply":
        services.feedback_request_close(feedback=feedback)
    return feedback.pk


def _entry(owner) -> int:
    """A journal entry linked to one of the owner's applications."""
    from journal.models import Emotion, Tag

    application = ApplicationFactory(user=owner)
    entry = EntryFactory(user=owner, application=application)
    entry.emotions.add(Emotion.objects.create(user=owner, name=f"wistful {entry.pk}"))
    entry.tags.add(Tag.objects.create(user=owner, name=f"tag {entry.pk}"))
    return entry.pk


def _closed(owner, status: str) -> int:
    """An application of the owner's, closed today with `status`."""
    from tracker import services

    application = ApplicationFactory(user=owner)
    services.application_set_status(application=application, status=status)
    return application.pk


def _no_response(owner) -> dict:
    """An application closed as "No response" from the dashboard, ready to undo."""
    from tracker import services

    application = ApplicationFactory(user=owner)
    change = services.application_mark_no_response(application=application)
    return {"pk": application.pk, "event_pk": change.event.pk}


def _activity(owner) -> int:
    """An activity of the owner's about one of their applications, with every field filled."""
    return ActivityFactory(
        user=owner,
        application=ApplicationFactory(user=owner),
        person="Ada Lovelace",
        place="https://fair.example.org",
        phone="0123 456 789",
        outcome="Two employers asked for my CV.",
        notes="Bring printed CVs next time.",
    ).pk


def _event(owner) -> dict:
    application = ApplicationFactory(user=owner)
    event = StatusEventFactory(application=application, user=owner)
    return {"pk": application.pk, "event_pk": event.pk}


def routes(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """(namespaced name, pattern) for every named route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from routes(pattern, namespace)
        elif pattern.name:
            yield f"{prefix}{pattern.name}", pattern


def object_routes() -> list[str]:
    """Routes that name one of a person's objects in their URL."""
    return sorted(
        name
        for name, pattern in routes()
        if pattern.pattern.converters and not name.startswith(NOT_OWNED)
    )


def own_routes() -> list[str]:
    """Every route of ours (Django's admin has its own)."""
    return sorted(name for name, _ in routes() if not name.startswith(NOT_OWNED))
