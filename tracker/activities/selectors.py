"""Reads of work-search activities, and what the work-search record counts as one.

An application counts by itself on the day it was sent, and so do the steps in
which the person was in touch with the employer (a screening call, an interview).
Nobody enters those twice: an activity the person linked to an application on the
same day as one of them stands in for it, with their own details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from tracker.models import (
    Activity,
    Application,
    ContactMethod,
    Interview,
    Source,
    Status,
    StatusEvent,
)
from tracker.selectors import sent


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
_STATUS_WORDS = dict(Status.choices)
_INTERVIEW_WORDS = dict(Interview.Kind.choices)


@dataclass(slots=True)
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


def _people(contacts: list[tuple[str, str]]) -> tuple[str, str]:
    """Names, and the first phone number among them."""
    names = "; ".join(name for name, _ in contacts)
    phone = next((phone for _, phone in contacts if phone), "")
    return names, phone


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the start of the day after `end`, in the person's zone."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


# What a line takes from its application, read as plain values: a long period holds
# thousands of lines, and model instances (one per step, each with its own prefetched
# contacts) cost more than everything else on the page.
_APPLICATION = ("company", "job_url", "location", "role", "status")


def _application_fields(prefix: str = "") -> list[str]:
    return [f"{prefix}{name}" for name in _APPLICATION]


def _contacts_by(through, owner: str, *owners: QuerySet) -> dict[int, list[tuple[str, str]]]:
    """The contacts of each application (or interview) that any of `owners` (queries of
    their ids) picks, by name: one query, the ids never sent back and forth."""
    picked = Q()
    for query in owners:
        picked |= Q(**{f"{owner}_id__in": query})
    found: dict[int, list[tuple[str, str]]] = {}
    rows = (
        through.objects.filter(picked)
        .order_by("contact__name", "contact_id")
        .values_list(f"{owner}_id", "contact__name", "contact__phone")
    )
    for pk, name, phone in rows:
        found.setdefault(pk, []).append((name, phone))
    return found


def record_entries(*, user, start: dt.date, end: dt.date) -> list[RecordEntry]:
    """Everything that counts as a work-search activity from `start` to `end`, by date.

    Applications on their date applied; screening calls and interviews (an
    "Interviewing" step only when no interview is recorded that day); and the
    person's own activities. Interviews count once they have taken place."""
    applied = Application.objects.filter(
        sent(), user=user, applied_on__gte=start, applied_on__lte=end
    )
    in_touch = StatusEvent.objects.filter(
        user=user, status__in=STEP_KINDS, happened_on__gte=start, happened_on__lte=end
    )
    since, until = _day_bounds(start, end)
    interviewed = Interview.objects.filter(
        user=user, scheduled_at__gte=since, scheduled_at__lt=until, scheduled_at__lte=timezone.now()
    )
    applications = list(
        applied.order_by("applied_on", "id").values_list(
            "id", "applied_on", "source", *_application_fields()
        )
    )
    steps = list(
        in_touch.order_by("happened_on", "id").values_list(
            "application_id", "happened_on", "status", *_application_fields("application__")
        )
    )
    interviews = list(
        interviewed.order_by("scheduled_at", "id").values_list(
            "id", "application_id", "scheduled_at", "kind", *_application_fields("application__")
        )
    )
    contacts = _contacts_by(
        Application.contacts.through,
        "application",
        applied.values("id"),
        in_touch.values("application_id"),
        interviewed.values("application_id"),
    )
    interview_contacts = _contacts_by(
        Interview.contacts.through, "interview", interviewed.values("id")
    )
    activities = activity_list(user=user).filter(happened_on__gte=start, happened_on__lte=end)
    own = list(activities)
    # What each application brings to its lines: worked out once, however many lines.
    details: dict[int, tuple] = {}
    for pk, *_, company, job_url, location, role, status in applications:
        details[pk] = (company, job_url, location, role, status)
    for pk, *_, company, job_url, location, role, status in steps:
        details[pk] = (company, job_url, location, role, status)
    for _, pk, *_, company, job_url, location, role, status in interviews:
        details[pk] = (company, job_url, location, role, status)
    base: dict[int, dict] = {}
    for pk, (company, job_url, location, role, status) in details.items():
        person, phone = _people(contacts.get(pk, ()))
        base[pk] = {
            "organisation": company,
            "place": job_url or location,
            "phone": phone,
            "person": person,
            "position": role,
            "outcome": OUTCOME.get(status, _STATUS_WORDS.get(status, status)),
            "application_id": pk,
        }

    # An application's day that the person described themselves: theirs is the line.
    described = {(a.application_id, a.happened_on) for a in own if a.application_id}
    entries: list[RecordEntry] = []
    for pk, applied_on, source, *_ in applications:
        if (pk, applied_on) not in described:
            entries.append(
                RecordEntry(
                    on=applied_on,
                    kind="Application",
                    method=_METHOD_WORDS[METHOD_BY_SOURCE.get(source, ContactMethod.ONLINE)],
                    **base[pk],
                )
            )
    interview_days = set()
    zone = timezone.get_current_timezone()
    for interview_pk, pk, scheduled_at, kind, *_ in interviews:
        day = scheduled_at.astimezone(zone).date()
        interview_days.add((pk, day))
        if (pk, day) in described:
            continue
        entry = RecordEntry(
            on=day,
            kind=f"{_INTERVIEW_WORDS.get(kind, kind)} interview",
            method=_METHOD_WORDS.get(METHOD_BY_INTERVIEW.get(kind), ""),
            **base[pk],
        )
        person, phone = _people(interview_contacts.get(interview_pk, ()))
        if person:
            entry.person, entry.phone = person, phone or entry.phone
        entries.append(entry)
    for pk, happened_on, status, *_ in steps:
        key = (pk, happened_on)
        if key in described or key in interview_days:
            continue
        kind, method = STEP_KINDS[status]
        entries.append(
            RecordEntry(on=happened_on, kind=kind, method=_METHOD_WORDS.get(method, ""), **base[pk])
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
