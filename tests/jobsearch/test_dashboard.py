"""The dashboard page (jobsearch.dashboard): its panels, their fragments, quick add, the
gone-quiet settings, and the same few queries however long the search."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.html import text
from tracker import services
from tracker.feedback import services as feedback_services
from tracker.models import Application, Status

pytestmark = pytest.mark.django_db


def page(client, **params) -> str:
    return text(client.get(reverse("dashboard"), params).content.decode())


def fragment(client, target: str, **params):
    return client.get(reverse("dashboard"), params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET=target)


def rejected(owner, company: str, days_ago: int = 1) -> Application:
    today = timezone.localdate()
    application = services.application_create(
        user=owner, company=company, role="Analyst", applied_on=today - timedelta(days=40)
    )
    services.application_set_status(
        application=application, status="rejected", on=today - timedelta(days=days_ago)
    )
    return application


def quiet(owner, company: str, days: int = 30) -> Application:
    return services.application_create(
        user=owner,
        company=company,
        role="Analyst",
        applied_on=timezone.localdate() - timedelta(days=days),
    )


def test_a_fresh_rejection_is_under_needs_you_with_a_linked_reflection(owner_client, owner):
    application = rejected(owner, "Acme")
    event = application.events.get(status=Status.REJECTED)
    response = owner_client.get(reverse("dashboard"))
    shown = text(response.content.decode())
    assert "Needs you" in shown
    assert "Reflect on Analyst at Acme" in shown
    assert "Rejected yesterday." in shown
    link = f"{reverse('journal:reflection_new')}?application={application.pk}&amp;event={event.pk}"
    assert link in response.content.decode()


def test_gone_quiet_offers_no_response_and_still_waiting(owner_client, owner):
    quiet(owner, "Initech", days=25)
    shown = page(owner_client)
    assert "Analyst at Initech has gone quiet" in shown
    assert "No news for 25 days since you applied." in shown
    assert "Mark as no response" in shown and "Still waiting" in shown


def test_nothing_waiting_says_so(owner_client, owner):
    services.application_create(user=owner, company="Fresh", role="Analyst")
    assert "Nothing is waiting on you." in page(owner_client)


def test_a_long_list_shows_the_most_urgent_and_a_way_to_the_rest(owner_client, owner):
    for n in range(10):
        quiet(owner, f"Quiet {n}", days=30 + n)
    shown = page(owner_client)
    assert "Needs you more than 8 + things" in shown
    assert "Show everything that needs you" in shown
    assert "Quiet 9" in shown and "Quiet 1" not in shown  # longest quiet first
    assert "Quiet 1" in page(owner_client, needs="all")


def test_each_panel_comes_alone_when_htmx_asks_for_it(owner_client, owner):
    rejected(owner, "Acme")
    needs = text(fragment(owner_client, "needs-you").content.decode())
    assert needs.startswith("Needs you") and "Reflect on Analyst at Acme" in needs
    assert "In motion" not in needs
    week = text(fragment(owner_client, "this-week").content.decode())
    assert week.startswith("This week") and "Set one" in week
    counts = fragment(owner_client, "pipeline-counts").content.decode()
    assert 'id="pipeline-counts"' in counts and "Reflect on" not in counts
    due = text(fragment(owner_client, "due-count").content.decode())
    assert due == "0 follow-ups due"


def test_panels_listen_for_the_events_that_change_them(owner_client):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert 'id="needs-you"' in html and 'hx-trigger="needsYouChanged from:body"' in html
    assert html.count('hx-trigger="applicationChanged from:body"') == 2  # week, pipeline
    assert 'hx-trigger="followupChanged from:body"' in html


def test_this_week_shows_the_goal_as_a_bar_with_the_number(owner_client, owner):
    services.weekly_goal_set(user=owner, target=4)
    services.application_create(user=owner, company="Acme", role="Analyst")
    shown = page(owner_client)
    assert "1 of 4 applications sent" in shown
    assert "Change your weekly goal" in shown


def test_the_pipeline_links_each_count_to_the_filtered_list(owner_client, owner):
    services.application_create(user=owner, company="Acme", role="Analyst")
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("tracker:application_list")}?status=applied"' in html
    assert "1 application" in text(fragment(owner_client, "pipeline-counts").content.decode())


def test_a_new_account_sees_three_first_steps(owner_client):
    shown = page(owner_client)
    assert "A calm place to start" in shown
    assert "Add one application" in shown and "Log how you feel today" in shown
    assert "Import a spreadsheet" in shown
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("importing:start")}"' in html


def test_the_first_steps_go_once_there_is_an_application(owner_client, owner):
    services.application_create(user=owner, company="Acme", role="Analyst")
    assert "A calm place to start" not in page(owner_client)


# --- quick add --------------------------------------------------------------------------


def test_quick_add_adds_in_place_and_tells_the_counts(owner_client, owner):
    response = owner_client.post(
        reverse("tracker:application_quick_add"),
        {"company": "Acme", "role": "Analyst", "job_url": "", "status": "screening"},
        HTTP_HX_REQUEST="true",
    )
    assert "Added Analyst at Acme . Add more details" in text(response.content.decode())
    assert set(json.loads(response["HX-Trigger"])) == {"applicationChanged"}
    application = Application.objects.get(user=owner)
    assert application.status == Status.SCREENING
    assert list(application.events.values_list("status", flat=True)) == ["screening"]


def test_quick_add_keeps_what_was_typed_and_says_what_to_fix(owner_client, owner):
    response = owner_client.post(
        reverse("tracker:application_quick_add"),
        {"company": "Acme  Widgets", "role": "", "job_url": "ftp://x", "status": "applied"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    shown = text(html)
    assert response.status_code == 200
    assert "Nothing was added yet" in shown
    assert 'value="Acme  Widgets"' in html and 'value="ftp://x"' in html
    assert "Enter a web address starting with http:// or https://." in shown
    assert not Application.objects.filter(user=owner).exists()
    assert "HX-Trigger" not in response


def test_quick_add_without_javascript_redirects_or_shows_the_problem_on_a_page(owner_client, owner):
    url = reverse("tracker:application_quick_add")
    response = owner_client.post(
        url, {"company": "Acme", "role": "Analyst", "status": "applied"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Added Analyst at Acme." in text(response.content.decode())
    response = owner_client.post(url, {"company": "", "role": "Analyst", "status": "nope"})
    shown = text(response.content.decode())
    assert "There is a problem" in shown
    assert response.content.decode().count('value="Analyst"') == 1
    assert "<title>Error: " in response.content.decode()


def test_quick_add_is_for_logged_in_people(client):
    response = client.post(reverse("tracker:application_quick_add"), {"company": "Acme"})
    assert response.status_code == 302
    assert not Application.objects.exists()


# --- settings: when an application has gone quiet -------------------------------------------


def test_thresholds_are_saved_in_settings_and_used(owner_client, owner):
    quiet(owner, "Initech", days=25)
    response = owner_client.post(
        reverse("settings"),
        {
            "form": "tracker",
            "weekly_target": "",
            "quiet_after_applied": "30",
            "quiet_after_screening": "",
            "quiet_after_interview": "10",
        },
        follow=True,
    )
    assert "Your settings are saved." in text(response.content.decode())
    preferences = owner.tracker_preferences
    assert (
        preferences.quiet_after_applied,
        preferences.quiet_after_screening,
        preferences.quiet_after_interview,
    ) == (30, 14, 10)
    assert "has gone quiet" not in page(owner_client)


def test_a_threshold_out_of_range_is_explained(owner_client, owner):
    response = owner_client.post(
        reverse("settings"), {"form": "tracker", "quiet_after_applied": "0"}
    )
    shown = text(response.content.decode())
    assert "There is a problem" in shown
    assert 'value="0"' in response.content.decode()


# --- queries -------------------------------------------------------------------------------


def _busy(owner, size: int) -> None:
    from tests.journal.factories import DraftFactory, EntryFactory, SkillGoalFactory, WinFactory
    from tests.tracker.factories import FeedbackRequestFactory, FollowUpFactory, InterviewFactory

    for n in range(size):
        application = quiet(owner, f"Quiet {n}", days=30 + n)
        FollowUpFactory(user=owner, application=application)
        InterviewFactory(user=owner, application=application)
        closed = rejected(owner, f"Closed {n}", days_ago=n % 20)
        feedback = FeedbackRequestFactory(user=owner, application=closed)
        feedback_services.feedback_request_mark_sent(
            feedback=feedback, on=timezone.localdate() - timedelta(days=10)
        )
        EntryFactory(user=owner)
        WinFactory(user=owner)
        DraftFactory(user=owner, application=closed)
        SkillGoalFactory(user=owner, status="done", done_on=application.applied_on)
    services.weekly_goal_set(user=owner, target=5)


@pytest.mark.parametrize("size", [1, 15])
def test_the_dashboard_runs_twelve_queries_however_busy(
    owner_client, owner, size, django_assert_num_queries
):
    _busy(owner, size)
    # session, user, follow-ups due with their count, pipeline with weeks and goals,
    # settings, applications reflected on, needs you, drafts, interviews,
    # wins + done skill goals, moods
    with django_assert_num_queries(12):
        owner_client.get(reverse("dashboard"))


@pytest.mark.parametrize(
    ("target", "queries"),
    [("needs-you", 6), ("this-week", 3), ("pipeline-counts", 3), ("due-count", 3)],
)
def test_a_panel_refresh_runs_only_its_own_queries(
    owner_client, owner, target, queries, django_assert_num_queries
):
    _busy(owner, 3)
    with django_assert_num_queries(queries):
        fragment(owner_client, target)


def test_the_dashboard_is_for_logged_in_people_and_shows_only_their_own(client, owner, stranger):
    rejected(owner, "Acme")
    quiet(owner, "Initech")
    url = reverse("dashboard")
    assert client.get(url).status_code == 302
    client.force_login(stranger)
    shown = text(client.get(url).content.decode())
    assert "Acme" not in shown and "Initech" not in shown
    assert "A calm place to start" in shown
