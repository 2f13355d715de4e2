"""The iCalendar feed (RFC 5545): open follow-ups on their due day, interviews at their time.

Follow-ups are all-day events; interviews are written in the person's own zone
with a VTIMEZONE for it, so a calendar app elsewhere still shows the right
moment. UIDs are stable (`followup-<id>@jobsearch.local`), so a subscribed
calendar updates events instead of doubling them; a follow-up marked done
drops out at the next refresh. No journal text is ever in it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
from django.utils import timezone

from jobsearch.models import User
from tracker.models import FollowUp, Interview

UID_DOMAIN = "jobsearch.local"
# We keep no end time for an interview; an hour is what a calendar shows.
INTERVIEW_LENGTH = dt.timedelta(hours=1)


def _zone(user: User) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def calendar_for(*, user: User) -> bytes:
    zone = _zone(user)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Job search journal//jobsearch.local//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Job search")
    cal.add("x-wr-timezone", str(zone))
    cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    stamp = timezone.now()

    followups = (
        FollowUp.objects.filter(user=user, done_at__isnull=True)
        .select_related("application", "contact")
        .order_by("due_on", "id")
    )
    for followup in followups:
        event = icalendar.Event()
        event.add("uid", f"followup-{followup.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", followup.due_on)
        event.add("dtend", followup.due_on + dt.timedelta(days=1))
        about = followup.application or followup.contact
        event.add("summary", f"{followup.title} ({about})" if about else followup.title)
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy hour
        cal.add_component(event)

    interviews = (
        Interview.objects.filter(user=user).select_related("application").order_by("scheduled_at")
    )
    first = last = None
    for interview in interviews:
        start = interview.scheduled_at.astimezone(zone)
        first = first or start.date()
        last = start.date()
        event = icalendar.Event()
        event.add("uid", f"interview-{interview.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + INTERVIEW_LENGTH)
        event.add(
            "summary",
            f"{interview.get_kind_display()} interview: {interview.application}",
        )
        cal.add_component(event)
    if first is not None and zone is not dt.UTC:
        cal.add_missing_timezones(first_date=first, last_date=last + dt.timedelta(days=366))
    return cal.to_ical()
