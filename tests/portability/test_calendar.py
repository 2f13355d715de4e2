"""The calendar: a download, and a private address a calendar app subscribes to."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from html import unescape

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobsearch.models import CalendarFeed
from tests.tracker.factories import ApplicationFactory, FollowUpFactory, InterviewFactory
from tracker import services

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _subscribe(client) -> str:
    """Make the private address the way a person does; the page shows it once."""
    client.post(reverse("portability:calendar"), {"action": "renew"})
    html = client.get(reverse("portability:index")).content.decode()
    match = re.search(r'value="(http://testserver/data/calendar/feed\.ics\?token=[^"]+)"', html)
    assert match, "the new address should be on the page"
    return unescape(match.group(1)).removeprefix("http://testserver")


def _events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@time_machine.travel(NOW, tick=False)
def test_the_feed_has_open_follow_ups_all_day_and_interviews_at_their_time(owner_client, owner):
    owner.time_zone = "America/New_York"
    owner.save()
    application = ApplicationFactory(user=owner, company="Acme", role="Analyst")
    due = dt.date(2026, 12, 4)
    followup = FollowUpFactory(
        user=owner, title="Send the thank-you", due_on=due, application=application
    )
    done = FollowUpFactory(user=owner, title="Already done")
    services.followup_mark_done(followup=done)
    # 15:30 in New York on 3 December is 20:30 UTC.
    interview = InterviewFactory(
        user=owner,
        application=application,
        scheduled_at=dt.datetime(2026, 12, 3, 20, 30, tzinfo=dt.UTC),
    )
    url = _subscribe(owner_client)
    response = Client().get(url)  # a calendar app: no log-in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.content)
    assert set(events) == {
        f"followup-{followup.pk}@jobsearch.local",
        f"interview-{interview.pk}@jobsearch.local",
    }
    follow = events[f"followup-{followup.pk}@jobsearch.local"]
    assert follow.decoded("DTSTART") == due
    assert follow.decoded("DTEND") == due + dt.timedelta(days=1)
    assert str(follow["SUMMARY"]) == "Send the thank-you (Analyst at Acme)"
    meeting = events[f"interview-{interview.pk}@jobsearch.local"]
    start = meeting.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 3, 15, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert meeting["DTSTART"].params["TZID"] == "America/New_York"
    assert "Analyst at Acme" in str(meeting["SUMMARY"])
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]


def test_uids_stay_the_same_between_fetches(owner_client, owner):
    FollowUpFactory(user=owner)
    InterviewFactory(user=owner, application=ApplicationFactory(user=owner))
    url = _subscribe(owner_client)
    assert set(_events(Client().get(url).content)) == set(_events(Client().get(url).content))


def test_a_done_follow_up_drops_out(owner_client, owner):
    followup = FollowUpFactory(user=owner)
    url = _subscribe(owner_client)
    assert len(_events(Client().get(url).content)) == 1
    services.followup_mark_done(followup=followup)
    assert _events(Client().get(url).content) == {}


def test_the_address_is_shown_once_and_only_a_fingerprint_is_kept(owner_client, owner):
    url = _subscribe(owner_client)
    token = url.removeprefix("/data/calendar/feed.ics?token=")
    feed = CalendarFeed.objects.get(user=owner)
    assert token not in feed.token_hash
    html = owner_client.get(reverse("portability:index")).content.decode()
    assert token not in html
    assert "Your private address has been on since" in html


def test_renewing_stops_the_old_address_and_revoking_stops_all(owner_client, owner):
    old = _subscribe(owner_client)
    new = _subscribe(owner_client)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    response = owner_client.post(reverse("portability:calendar"), {"action": "revoke"}, follow=True)
    assert "The calendar address is switched off." in response.content.decode()
    assert Client().get(new).status_code == 404
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?token=",
        "?token=nope",
        "?token=" + "a" * 43,
        "?token=%00",
        "?token=%ED%A0%80",
        "?token=²²²",
        "?other=1",
    ],
)
def test_a_wrong_address_is_a_plain_404(client, owner, query):
    CalendarFeed.objects.create(user=owner, token_hash="0" * 64, created_at=timezone.now())
    response = client.get(f"/data/calendar/feed.ics{query}")
    assert response.status_code == 404


def test_a_logged_in_person_without_the_token_gets_no_feed(owner_client, owner):
    _subscribe(owner_client)
    assert owner_client.get("/data/calendar/feed.ics").status_code == 404


def test_each_feed_shows_only_its_owners_things(owner_client, owner, stranger):
    FollowUpFactory(user=owner, title="Mine")
    FollowUpFactory(user=stranger, title="Theirs")
    url = _subscribe(owner_client)
    content = Client().get(url).content.decode()
    assert "Mine" in content
    assert "Theirs" not in content
    stranger_client = Client()
    stranger_client.force_login(stranger)
    # Logged in as someone else makes no difference: the address is the key.
    assert "Theirs" not in stranger_client.get(url).content.decode()


def test_the_feed_answers_only_get(owner_client, owner):
    url = _subscribe(owner_client)
    assert Client().post(url).status_code in (403, 405)


def test_the_download_is_the_same_calendar(owner_client, owner):
    FollowUpFactory(user=owner, title="Call back")
    response = owner_client.get(reverse("portability:calendar_download"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = _events(response.content).values()
    assert str(event["SUMMARY"]) == "Call back"


def test_the_calendar_form_needs_the_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(reverse("portability:calendar"), {"action": "renew"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_no_journal_text_is_in_the_feed(owner_client, owner):
    from tests.journal.factories import ReflectionFactory

    ReflectionFactory(user=owner, automatic_thought="PRIVATE THOUGHT")
    FollowUpFactory(user=owner, notes="Only for me")
    url = _subscribe(owner_client)
    content = Client().get(url).content.decode()
    assert "PRIVATE THOUGHT" not in content
    assert "Only for me" not in content
