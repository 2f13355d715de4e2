from __future__ import annotations

import pytest
from django.urls import reverse

from jobsearch.models import User
from tests.html import foreign_loads, text
from tests.jobsearch.factories import PASSWORD

pytestmark = pytest.mark.django_db

PAGES = [
    "dashboard",
    "settings",
    "password_change",
    "tracker:application_list",
    "tracker:followup_list",
    "journal:entry_list",
    "tracker:feedback_list",
    "insights",
]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_for_a_logged_in_person(owner_client, name):
    response = owner_client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", [*PAGES, "login", "signup"])
def test_no_page_loads_anything_from_another_origin(owner_client, client, name):
    response = (client if name in {"login", "signup"} else owner_client).get(reverse(name))
    assert foreign_loads(response.content.decode()) == []


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode(), "scripts carry the nonce"


def test_pages_carry_the_usual_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_signing_up_logs_you_in_and_lands_on_the_dashboard(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "robin",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "America/Toronto",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Your journal is ready" in text(response.content.decode())
    user = User.objects.get(username="robin")
    assert user.time_zone == "America/Toronto"
    assert response.context["user"] == user


def test_sign_up_mistakes_are_explained_and_the_username_kept(client):
    response = client.post(
        reverse("signup"),
        {"username": "robin", "password1": PASSWORD, "password2": "something else"},
    )
    page = text(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The two passwords are different" in page
    assert 'value="robin"' in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert not User.objects.filter(username="robin").exists()


def test_sign_up_ignores_an_unknown_time_zone(client, settings):
    client.post(
        reverse("signup"),
        {
            "username": "robin",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "Nowhere/Special",
        },
    )
    assert User.objects.get(username="robin").time_zone == settings.TIME_ZONE


def test_logging_in_goes_to_the_page_asked_for(client, owner):
    response = client.post(
        reverse("login"),
        {"username": owner.username, "password": PASSWORD, "next": reverse("settings")},
    )
    assert response["Location"] == reverse("settings")


def test_logging_in_never_redirects_to_another_site(client, owner):
    response = client.post(
        reverse("login"),
        {"username": owner.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")


def test_a_wrong_password_is_explained_and_the_username_kept(client, owner):
    response = client.post(reverse("login"), {"username": owner.username, "password": "nope"})
    html = response.content.decode()
    assert "That username and password don’t match an account here" in text(html)
    assert f'value="{owner.username}"' in html


def test_log_in_pauses_after_five_failures_even_with_the_right_password(client, owner):
    for _ in range(5):
        client.post(reverse("login"), {"username": owner.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": owner.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "please wait 15 minutes" in text(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_paused(client, owner):
    for _ in range(5):
        client.post(reverse("login"), {"username": owner.username, "password": "wrong"})
    response = client.post(
        reverse("login"),
        {"username": owner.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.9",
    )
    assert response.status_code == 302


def test_log_out_needs_a_post_and_ends_the_session(owner_client):
    assert owner_client.get(reverse("logout")).status_code == 405
    response = owner_client.post(reverse("logout"), follow=True)
    assert "You have logged out" in text(response.content.decode())
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_changing_the_password_keeps_you_logged_in(owner_client, owner):
    response = owner_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-77",
            "new_password2": "another-long-pass-77",
        },
        follow=True,
    )
    assert "Your password has been changed" in text(response.content.decode())
    owner.refresh_from_db()
    assert owner.check_password("another-long-pass-77")
    assert owner_client.get(reverse("dashboard")).status_code == 200


def test_settings_change_the_time_zone(owner_client, owner):
    response = owner_client.post(
        reverse("settings"), {"form": "account", "time_zone": "Pacific/Auckland"}, follow=True
    )
    assert "Your settings are saved" in text(response.content.decode())
    owner.refresh_from_db()
    assert owner.time_zone == "Pacific/Auckland"


def test_settings_refuse_an_unknown_time_zone_with_a_message(owner_client, owner):
    before = owner.time_zone
    response = owner_client.post(
        reverse("settings"), {"form": "account", "time_zone": "Mars/Olympus"}
    )
    assert "There is a problem" in text(response.content.decode())
    owner.refresh_from_db()
    assert owner.time_zone == before


def test_the_dashboard_welcomes_a_new_person_with_a_first_step(owner_client):
    page = text(owner_client.get(reverse("dashboard")).content.decode())
    assert "Add one application you are working on" in page
    assert "Log how you feel today" in page


def test_the_nav_marks_the_current_page(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert 'href="/settings/" aria-current="page"' in html


def test_a_short_password_is_refused_in_our_own_words(client):
    response = client.post(
        reverse("signup"), {"username": "robin", "password1": "abc", "password2": "abc"}
    )
    assert "Your password needs at least 8 characters." in text(response.content.decode())


def _busy(owner, size: int) -> None:
    from tests.journal.factories import DraftFactory, EntryFactory, SkillGoalFactory, WinFactory
    from tests.tracker.factories import ApplicationFactory, FollowUpFactory, InterviewFactory

    for _ in range(size):
        application = ApplicationFactory(user=owner)
        FollowUpFactory(user=owner, application=application)
        InterviewFactory(user=owner, application=application)
        EntryFactory(user=owner)
        WinFactory(user=owner)
        DraftFactory(user=owner)
        SkillGoalFactory(user=owner, status="done", done_on=application.applied_on)


@pytest.mark.parametrize("size", [1, 15])
def test_the_dashboard_runs_the_same_few_queries_however_busy(
    owner_client, owner, size, django_assert_num_queries
):
    _busy(owner, size)
    # session, user, follow-ups due + their count, counts with weeks and goals,
    # settings, the journal's state (reflected applications and the weekly review's),
    # needs you, drafts, interviews, wins + done skill goals, moods
    with django_assert_num_queries(12):
        owner_client.get(reverse("dashboard"))


def test_the_dashboard_offers_unfinished_reflections_and_a_quick_mood(owner_client, owner):
    from tests.journal.factories import DraftFactory

    DraftFactory(user=owner)
    page = text(owner_client.get(reverse("dashboard")).content.decode())
    assert "Needs you" in page and "Continue your reflection" in page
    assert "How are you right now?" in page


def test_a_run_of_rejections_brings_a_gentle_nudge(owner_client, owner):
    from tracker import services

    for company in ("Acme", "Initech", "Globex"):
        application = services.application_create(user=owner, company=company, role="Analyst")
        services.application_set_status(application=application, status="rejected")
    page = text(owner_client.get(reverse("dashboard")).content.decode())
    assert "3 rejections in the last seven days is a lot to carry" in page


def test_no_nudge_after_a_single_rejection(owner_client, owner):
    from tracker import services

    application = services.application_create(user=owner, company="Acme", role="Analyst")
    services.application_set_status(application=application, status="rejected")
    assert "A heavy week" not in text(owner_client.get(reverse("dashboard")).content.decode())


def test_a_missing_page_is_explained_in_our_words(owner_client):
    response = owner_client.get("/applications/999999/")
    assert response.status_code == 404
    assert "We can’t find that page" in text(response.content.decode())


def test_a_stale_form_is_explained_and_changes_nothing(owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    before = owner.time_zone
    response = client.post(reverse("settings"), {"form": "account", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 403
    assert "That form had gone stale" in text(response.content.decode())
    owner.refresh_from_db()
    assert owner.time_zone == before


def test_the_error_page_renders_on_its_own(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in text(response.content.decode())


@pytest.mark.parametrize(
    "next_value", ["0", "dashboard", "settings", "//evil.example/", "https://evil.example/"]
)
def test_an_odd_next_after_log_in_goes_to_the_dashboard(owner_client, next_value):
    response = owner_client.get(reverse("login"), {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
