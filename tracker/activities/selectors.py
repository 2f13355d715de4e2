"""Reads of work-search activities, and what the work-search record counts as one.

An application counts by itself on the day it was sent, and so do the steps in
which the person was in touch with the employer (a screening call, an interview).
Nobody enters those twice: an activity the person linked to an application on the
same day as one of them stands in for it, with their own details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tracker.models import (
    Activity,
    Application,
    Contact,
    ContactMethod,
    Interview,
    Source,
    Status,
    StatusEvent,
)


def activity_list(*, user) -> QuerySet[Activity]:
    """A person's activities, newest first, with the application each is about."""
    return Activity.objects.filter(user=user).select_related("application")


def activity_detail(*, user) -> QuerySet[Activity]:
    return Activity.objects.filter(user=user).select_related("application")


# --- the work-search record ------------------------------------------------------------

# An application's outcome so far, in words, from its current status.
OUTCOME = {
    Status.SAVED: "Not sent yet",
    Status.APPLIED: "Waiting to hear back",
    Status.SCREENING: "In screening",
    Status.INTERVIEWING: "Interviewing",
    Status.OFFER: "Offered the job",
    Status.ACCEPTED: "Offer accepted",
    Status.DECLINED: "I declined",
    Status.REJECTED: "Not successful",
    Status.WITHDRAWN: "I withdrew",
    Status.NO_RESPONSE: "No response",
    Status.ARCHIVED: "Closed",
}

# How an application was sent, when where it was found says so; otherwise online.
METHOD_BY_SOURCE = {
    Source.RECRUITER: ContactMethod.EMAIL,
    Source.REFERRAL: ContactMethod.EMAIL,
}

# How an interview took place. Technical and "other" interviews may be either, so
# they say nothing rather than guess.
METHOD_BY_INTERVIEW = {
    Interview.Kind.PHONE: ContactMethod.PHONE,
    Interview.Kind.VIDEO: ContactMethod.ONLINE,
    Interview.Kind.ONSITE: ContactMethod.IN_PERSON,
    Interview.Kind.PANEL: ContactMethod.IN_PERSON,
}

# Steps of an application in which the person was in touch with the employer.
STEP_KINDS = {
    Status.SCREENING: ("Screening call", ContactMethod.PHONE),
    Status.INTERVIEWING: ("Interview", None),
}

_METHOD_WORDS = dict(ContactMethod.choices)


@dataclass
class RecordEntry:
    """One line of the work-search record, in the words it is shown and downloaded in."""

    on: dt.date
    kind: str
    organisation: str
    place: str = ""
    phone: str = ""
    person: str = ""
    method: str = ""
    position: str = ""
    outcome: str = ""
    notes: str = ""
    activity_id: int | None = None  # an activity of the person's own (it can be edited)
    application_id: int | None = None


def _people(contacts) -> tuple[str, str]:
    """Names, and the first phone number among them."""
    names = "; ".join(contact.name for contact in contacts)
    phone = next((contact.phone for contact in contacts if contact.phone), "")
    return names, phone


def _from_application(application: Application, **fields) -> RecordEntry:
    person, phone = _people(application.contacts.all())
    entry = RecordEntry(
        organisation=application.company,
        place=application.job_url or application.location,
        phone=phone,
        person=person,
        position=application.role,
        outcome=OUTCOME.get(application.status, application.get_status_display()),
        application_id=application.pk,
        **fields,
    )
    return entry


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the start of the day after `end`, in the person's zone."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def _contacts(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=Contact.objects.only("name", "phone").order_by("name"))


def record_entries(*, user, start: dt.date, end: dt.date) -> list[RecordEntry]:
    """Everything that counts as a work-search activity from `start` to `end`, by date.

    Applications on their date applied; screening calls and interviews (an
    "Interviewing" step only when no interview is recorded that day); and the
    person's own activities. Interviews count once they have taken place."""
    applications = (
        Application.objects.filter(user=user, applied_on__gte=start, applied_on__lte=end)
        .prefetch_related(_contacts("contacts"))
        .order_by("applied_on", "id")
    )
    steps = (
        StatusEvent.objects.filter(
            user=user, status__in=STEP_KINDS, happened_on__gte=start, happened_on__lte=end
        )
        .select_related("application")
        .prefetch_related(_contacts("application__contacts"))
        .order_by("happened_on", "id")
    )
    since, until = _day_bounds(start, end)
    interviews = (
        Interview.objects.filter(
            user=user,
            scheduled_at__gte=since,
            scheduled_at__lt=until,
            scheduled_at__lte=timezone.now(),
        )
        .select_related("application")
        .prefetch_related(_contacts("contacts"), _contacts("application__contacts"))
        .order_by("scheduled_at", "id")
    )
    activities = activity_list(user=user).filter(happened_on__gte=start, happened_on__lte=end)

    own = list(activities)
    # An application's day that the person described themselves: theirs is the line.
    described = {(a.application_id, a.happened_on) for a in own if a.application_id}
    entries: list[RecordEntry] = []
    for application in applications:
        if (application.pk, application.applied_on) not in described:
            entries.append(
                _from_application(
                    application,
                    on=application.applied_on,
                    kind="Application",
                    method=_METHOD_WORDS[
                        METHOD_BY_SOURCE.get(application.source, ContactMethod.ONLINE)
                    ],
                )
            )
    interview_days = set()
    for interview in interviews:
        day = timezone.localtime(interview.scheduled_at).date()
        interview_days.add((interview.application_id, day))
        if (interview.application_id, day) in described:
            continue
        entry = _from_application(
            interview.application,
            on=day,
            kind=f"{interview.get_kind_display()} interview",
            method=_METHOD_WORDS.get(METHOD_BY_INTERVIEW.get(interview.kind), ""),
        )
        person, phone = _people(interview.contacts.all())
        if person:
            entry.person, entry.phone = person, phone or entry.phone
        entries.append(entry)
    for step in steps:
        key = (step.application_id, step.happened_on)
        if key in described or key in interview_days:
            continue
        kind, method = STEP_KINDS[step.status]
        entries.append(
            _from_application(
                step.application,
                on=step.happened_on,
                kind=kind,
                method=_METHOD_WORDS.get(method, ""),
            )
        )
    for activity in own:
        application = activity.application
        entries.append(
            RecordEntry(
                on=activity.happened_on,
                kind=activity.get_kind_display(),
                organisation=activity.organisation,
                place=activity.place,
                phone=activity.phone,
                person=activity.person,
                method=activity.get_method_display(),
                position=application.role if application else "",
                outcome=activity.outcome
                or (OUTCOME.get(application.status, "") if application else ""),
                notes=activity.notes,
                activity_id=activity.pk,
                application_id=activity.application_id,
            )
        )
    entries.sort(key=lambda entry: (entry.on, entry.organisation.casefold(), entry.kind))
    return entries
