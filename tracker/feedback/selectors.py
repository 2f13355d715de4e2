"""Every read about feedback requests: the list and its counts, one request,
who to ask, the templates to start from, what the replies add up to, and the
requests' items on an application's timeline."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from jobsearch.search import matching
from tracker import timeline
from tracker.feedback import emails
from tracker.models import (
    Application,
    BuiltinTemplate,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FeedbackTheme,
    FollowUp,
    RejectionStage,
    Status,
    StatusEvent,
)

# What the search box on the feedback page looks through.
SEARCH_FIELDS = (
    "application__company",
    "application__role",
    "contact__name",
    "to_email",
    "subject",
    "reply_text",
    "will_change",
)


def feedback_list(*, user, state: str = "", search: str = "") -> QuerySet[FeedbackRequest]:
    """A person's feedback requests, newest first, with what a list row shows."""
    requests = matching(FeedbackRequest.objects.filter(user=user), search, SEARCH_FIELDS)
    if state in FeedbackRequest.State.values:
        requests = requests.filter(state=state)
    return requests.select_related("application", "contact").order_by("-created_at", "-id")


def feedback_counts(*, user, search: str = "") -> dict[str, int]:
    """How many requests (that match the search) are in each state, and in all (one query)."""
    counts = dict(
        matching(FeedbackRequest.objects.filter(user=user), search, SEARCH_FIELDS)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {
        "": sum(counts.values()),
        **{state: counts.get(state, 0) for state in FeedbackRequest.State.values},
    }


def feedback_detail(*, user) -> QuerySet[FeedbackRequest]:
    return FeedbackRequest.objects.filter(user=user).select_related("application", "contact")


def feedback_for_application(*, application: Application) -> list[FeedbackRequest]:
    return list(
        FeedbackRequest.objects.filter(user=application.user_id, application=application).order_by(
            "-created_at", "-id"
        )
    )


def feedback_from_page(*, user, application: Application, form_key: str) -> FeedbackRequest | None:
    """The request a composer page already made (see FeedbackRequest.form_key)."""
    if not form_key:
        return None
    return FeedbackRequest.objects.filter(
        user=user, application=application, form_key=form_key
    ).first()


def feedback_sent_for(*, user, application: Application) -> FeedbackRequest | None:
    """The latest feedback request already sent to this employer, if there is one."""
    return (
        FeedbackRequest.objects.filter(user=user, application=application)
        .exclude(state=FeedbackRequest.State.DRAFT)
        .order_by("-sent_on", "-id")
        .first()
    )


def feedback_reminder_open(*, feedback: FeedbackRequest) -> FollowUp | None:
    """The open reminder to check for a reply to this request, if there is one."""
    return FollowUp.objects.filter(
        user=feedback.user_id, source_feedback=feedback, done_at__isnull=True
    ).first()


def feedback_draft_for(*, user, application: Application) -> FeedbackRequest | None:
    """The draft already started for this application, to carry on with rather than repeat."""
    return (
        FeedbackRequest.objects.filter(
            user=user, application=application, state=FeedbackRequest.State.DRAFT
        )
        .order_by("-updated_at")
        .first()
    )


def feedback_recipients(*, application: Application) -> list[Contact]:
    """The application's people, best first to ask: the hiring manager, then the recruiter,
    then anyone else; someone with an email address before someone without."""
    rank = Case(
        When(relationship=Contact.Relationship.HIRING_MANAGER, then=Value(0)),
        When(relationship=Contact.Relationship.RECRUITER, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        application.contacts.filter(user=application.user_id)
        .annotate(rank=rank, no_email=Case(When(email="", then=Value(1)), default=Value(0)))
        .order_by("rank", "no_email", "name", "id")
    )


@dataclass(frozen=True)
class TemplateOption:
    """One template to start a feedback email from: ours, ours as edited, or the person's."""

    key: str  # a BuiltinTemplate value, or "mine-<pk>"
    name: str
    subject: str
    body: str
    builtin: str = ""
    row: FeedbackTemplate | None = None

    @property
    def edited(self) -> bool:
        return bool(self.builtin and self.row)

    @property
    def unknown(self) -> list[str]:
        return emails.unknown_placeholders(self.subject, self.body)


def feedback_templates(*, user) -> list[TemplateOption]:
    """Our three (in the person's edited wording where they changed it), then their own."""
    rows = list(FeedbackTemplate.objects.filter(user=user).order_by("name", "id"))
    edits = {row.builtin: row for row in rows if row.builtin}
    options = []
    for builtin in BuiltinTemplate:
        row = edits.get(builtin.value)
        subject, body = emails.BUILTIN_WORDING[builtin]
        options.append(
            TemplateOption(
                key=builtin.value,
                name=row.name if row else builtin.label,
                subject=row.subject if row else subject,
                body=row.body if row else body,
                builtin=builtin.value,
                row=row,
            )
        )
    for row in rows:
        if not row.builtin:
            options.append(
                TemplateOption(
                    key=f"mine-{row.pk}", name=row.name, subject=row.subject, body=row.body, row=row
                )
            )
    return options


@dataclass
class FeedbackStats:
    """What the feedback so far adds up to, for the insights the app draws from it."""

    requests: int  # sent, whatever happened next
    replies: int
    median_days_to_reply: float | None
    themes: list[tuple[str, int]]  # (label, how many replies name it), commonest first
    themes_recent: list[tuple[str, int]]  # the same, for replies since recent_since(today)
    # How far the rejected applications the replies are about got (replies about an
    # application that was never rejected have no stage, so are not counted here).
    stages: list[tuple[str, int]]
    tags: list[tuple[str, int]] = field(default_factory=list)

    @property
    def reply_rate(self) -> int | None:
        """Replies per request sent, as a whole percentage."""
        return round(100 * self.replies / self.requests) if self.requests else None


RECENT_DAYS = 90


def recent_since(today: date) -> date:
    """The first day of "the last 90 days" that the feedback page and Insights both
    show themes for: today and the 89 days before it."""
    return today - timedelta(days=RECENT_DAYS - 1)


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def feedback_stats(*, user, today: date | None = None) -> FeedbackStats:
    """Request count, reply rate, median days to reply, themes over all replies and the
    last 90 days, and the rejection stages the replies refer to. Two queries."""
    today = today or timezone.localdate()
    rows = list(
        FeedbackRequest.objects.filter(user=user)
        .exclude(state=FeedbackRequest.State.DRAFT)
        .order_by("sent_on", "id")
        .values_list("state", "sent_on", "replied_on", "themes", "tags", "application_id")
    )
    labels = dict(FeedbackTheme.choices)
    themes: Counter = Counter()
    recent: Counter = Counter()
    tags: Counter = Counter()
    spellings: dict[str, str] = {}
    days: list[int] = []
    replied_applications: list[int] = []
    for state, sent_on, replied_on, row_themes, row_tags, application_id in rows:
        if state != FeedbackRequest.State.REPLIED:
            continue
        days.append((replied_on - sent_on).days)
        replied_applications.append(application_id)
        names = [str(labels[t]) for t in dict.fromkeys(row_themes or []) if t in labels]
        themes.update(names)
        if replied_on >= recent_since(today):
            recent.update(names)
        for tag in row_tags or []:
            if isinstance(tag, str):
                # "SQL" and "sql" are one tag; the first spelling seen names it.
                tags[spellings.setdefault(tag.casefold(), tag)] += 1
    # The latest rejection of each application a reply is about: how far it got.
    latest_stage: dict[int, str] = {}
    for application_id, stage in (
        StatusEvent.objects.filter(
            user=user, status=Status.REJECTED, application_id__in=set(replied_applications)
        )
        .order_by("happened_on", "id")
        .values_list("application_id", "rejection_stage")
    ):
        latest_stage[application_id] = stage
    stage_labels = dict(RejectionStage.choices)
    stages = Counter(
        str(stage_labels[latest_stage[a]]) if latest_stage[a] else "Stage not recorded"
        for a in replied_applications
        if a in latest_stage
    )
    return FeedbackStats(
        requests=len(rows),
        replies=len(days),
        median_days_to_reply=statistics.median(days) if days else None,
        themes=_ranked(themes),
        themes_recent=_ranked(recent),
        stages=_ranked(stages),
        tags=_ranked(tags),
    )


@timeline.register
def _feedback_items(application: Application):
    requests = application.feedback_requests.exclude(state=FeedbackRequest.State.DRAFT)
    for request in requests.select_related("contact"):
        url = reverse("tracker:feedback_detail", args=[request.pk])
        who = f" from {request.contact.name}" if request.contact else ""
        yield timeline.TimelineItem(
            on=request.sent_on, kind="feedback", title=f"Asked for feedback{who}", url=url
        )
        if request.state == FeedbackRequest.State.REPLIED:
            themes = ", ".join(request.theme_labels)
            yield timeline.TimelineItem(
                on=request.replied_on,
                kind="feedback",
                title="Feedback received",
                detail="\n".join(
                    part
                    for part in (
                        f"Themes: {themes}." if themes else "",
                        Truncator(request.reply_text).chars(200),
                    )
                    if part
                ),
                url=url,
                order=1,
            )
        elif request.state == FeedbackRequest.State.NO_REPLY:
            yield timeline.TimelineItem(
                on=request.closed_on,
                kind="feedback",
                title="No reply to the feedback request",
                url=url,
                order=1,
            )
