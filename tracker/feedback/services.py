"""Every write about feedback requests and their templates, each in a transaction.

A request moves draft → sent → replied (or → no reply, which a late reply can
still follow); the follow-ups it prompts are made and withdrawn by
tracker.suggestions, as for every other suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobsearch.validators import not_in_future
from tracker import suggestions
from tracker.models import (
    Application,
    BuiltinTemplate,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FollowUp,
)
from tracker.services import names_clean, tidy


def _check_contact(user, contact: Contact | None) -> None:
    if contact is not None and contact.user_id != user.pk:
        raise ValidationError({"contact": "Choose one of your own contacts."})


@transaction.atomic
def feedback_request_create(
    *,
    user,
    application: Application,
    contact: Contact | None = None,
    to_email: str = "",
    subject: str = "",
    body: str = "",
    form_key: str = "",
) -> FeedbackRequest:
    """A draft request for feedback about one of the person's applications.

    `form_key` names the composer page it came from (see FeedbackRequest.form_key)."""
    if application.user_id != user.pk:
        raise ValidationError("That application is not yours.")
    _check_contact(user, contact)
    feedback = FeedbackRequest(
        user=user,
        application=application,
        contact=contact,
        to_email=to_email.strip(),
        subject=subject,
        body=body,
        form_key=form_key,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def feedback_request_update(
    *,
    feedback: FeedbackRequest,
    contact: Contact | None,
    to_email: str,
    subject: str,
    body: str,
) -> FeedbackRequest:
    """Change a draft. Once sent, what was sent stays as it was."""
    if feedback.state != FeedbackRequest.State.DRAFT:
        raise ValidationError("This request has been sent, so its words stay as they were sent.")
    _check_contact(feedback.user, contact)
    feedback.contact = contact
    feedback.to_email = to_email.strip()
    feedback.subject = subject
    feedback.body = body
    feedback.full_clean()
    feedback.save()
    return feedback


@dataclass
class FeedbackSent:
    feedback: FeedbackRequest
    reminder: FollowUp | None
    # Reminders to ask for feedback that this request has now taken care of.
    asked: int = 0


@transaction.atomic
def feedback_request_mark_sent(
    *, feedback: FeedbackRequest, on: date | None = None
) -> FeedbackSent:
    """The person sent it: start waiting for a reply, with one reminder to check for it.

    Open reminders to ask this employer for feedback are done now, too."""
    if feedback.state != FeedbackRequest.State.DRAFT:
        raise ValidationError("This request is already marked as sent.")
    on = on or timezone.localdate()
    not_in_future(on, what="The date you sent it")
    feedback.state = FeedbackRequest.State.SENT
    feedback.sent_on = on
    feedback.marked_sent_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    reminder = suggestions.after_feedback_sent(feedback)
    asked = FollowUp.objects.filter(
        user=feedback.user,
        application=feedback.application,
        kind=FollowUp.Kind.FEEDBACK_REQUEST,
        done_at__isnull=True,
    ).update(done_at=feedback.marked_sent_at)
    return FeedbackSent(feedback=feedback, reminder=reminder, asked=asked)


@transaction.atomic
def feedback_request_unsend(*, feedback: FeedbackRequest) -> FeedbackRequest:
    """Marked as sent by mistake: back to a draft. The reminder to check for a reply
    goes, and the reminders to ask that marking it sent ticked off are open again."""
    if feedback.state != FeedbackRequest.State.SENT:
        raise ValidationError("Only a request still waiting for a reply can go back to drafts.")
    if feedback.marked_sent_at is not None:
        FollowUp.objects.filter(
            user=feedback.user,
            application=feedback.application,
            kind=FollowUp.Kind.FEEDBACK_REQUEST,
            done_at=feedback.marked_sent_at,
        ).update(done_at=None)
    feedback.state = FeedbackRequest.State.DRAFT
    feedback.sent_on = None
    feedback.marked_sent_at = None
    feedback.full_clean()
    feedback.save()
    suggestions.withdraw_for_feedback(feedback)
    return feedback


@transaction.atomic
def feedback_request_record_reply(
    *,
    feedback: FeedbackRequest,
    on: date,
    text: str = "",
    themes: list[str] | None = None,
    tags: list[str] | None = None,
    will_change: str = "",
) -> FeedbackRequest:
    """Their reply came (or is being corrected): keep what they said and what it is about.

    A reply can follow a request closed as "no reply": late answers happen."""
    if feedback.state == FeedbackRequest.State.DRAFT:
        raise ValidationError(
            "This request is still a draft. Mark it as sent first, then record the reply."
        )
    not_in_future(on, what="The date of the reply")
    if on < feedback.sent_on:
        raise ValidationError(
            {
                "replied_on": "The reply can’t have come before you sent the request "
                f"on {feedback.sent_on:%d/%m/%Y}."
            }
        )
    feedback.state = FeedbackRequest.State.REPLIED
    feedback.replied_on = on
    feedback.closed_on = None
    feedback.reply_text = text
    feedback.themes = list(dict.fromkeys(themes or []))
    feedback.tags = names_clean(tags or [])
    feedback.will_change = will_change
    feedback.full_clean()
    feedback.save()
    suggestions.complete_for_feedback(feedback)
    return feedback


@transaction.atomic
def feedback_request_close(*, feedback: FeedbackRequest, on: date | None = None) -> FeedbackRequest:
    """Stop waiting: no reply came. The reminder to check is done too."""
    if feedback.state != FeedbackRequest.State.SENT:
        raise ValidationError("Only a request waiting for a reply can be closed as no reply.")
    on = on or timezone.localdate()
    not_in_future(on, what="The date you stopped waiting")
    if on < feedback.sent_on:
        raise ValidationError("It can’t be closed before the day it was sent.")
    feedback.state = FeedbackRequest.State.NO_REPLY
    feedback.closed_on = on
    feedback.full_clean()
    feedback.save()
    suggestions.complete_for_feedback(feedback)
    return feedback


@transaction.atomic
def feedback_request_reopen(*, feedback: FeedbackRequest) -> FeedbackRequest:
    """Closed as "no reply" too soon: waiting again, with a reminder to check in a week."""
    if feedback.state != FeedbackRequest.State.NO_REPLY:
        raise ValidationError("Only a request closed as no reply can be reopened.")
    feedback.state = FeedbackRequest.State.SENT
    feedback.closed_on = None
    feedback.full_clean()
    feedback.save()
    suggestions.after_feedback_reopened(feedback)
    return feedback


@transaction.atomic
def feedback_request_delete(*, feedback: FeedbackRequest) -> None:
    suggestions.withdraw_for_feedback(feedback)
    feedback.delete()


@transaction.atomic
def feedback_template_save(
    *,
    user,
    name: str,
    subject: str,
    body: str,
    template: FeedbackTemplate | None = None,
    builtin: str = "",
) -> FeedbackTemplate:
    """Add a template of the person's own, change one, or keep their copy of one of ours."""
    if builtin and builtin not in BuiltinTemplate.values:
        raise ValidationError("That is not one of our templates.")
    if template is None:
        template = (
            FeedbackTemplate.objects.filter(user=user, builtin=builtin).first()
            if (builtin)
            else None
        )
    if template is None:
        template = FeedbackTemplate(user=user, builtin=builtin)
    elif template.user_id != user.pk:
        raise ValidationError("That template belongs to someone else.")
    template.name = tidy(name)
    template.subject = subject.strip()
    template.body = body
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def feedback_template_delete(*, template: FeedbackTemplate) -> None:
    """Delete a template of the person's own; for a copy of ours, our wording comes back."""
    template.delete()
