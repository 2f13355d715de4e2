from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from jobsearch.middleware import user_time_zone


def zone_seen_by_view(user) -> str:
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    user_time_zone(view)(request)
    return seen["zone"]


@pytest.mark.django_db
def test_pages_use_the_time_zone_of_the_person_logged_in(owner):
    owner.time_zone = "Asia/Kolkata"
    assert zone_seen_by_view(owner) == "Asia/Kolkata"


def test_anonymous_pages_use_the_server_zone(settings):
    assert zone_seen_by_view(AnonymousUser()) == settings.TIME_ZONE


@pytest.mark.django_db
def test_responses_vary_on_the_htmx_header(client):
    response = client.get(reverse("login"))
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_an_htmx_request_after_logging_out_gets_a_plain_signal_not_the_login_page(client):
    from tests.tracker.factories import FollowUpFactory

    followup = FollowUpFactory()
    response = client.post(
        reverse("tracker:followup_done", args=[followup.pk]),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/follow-ups/"},
    )
    assert response["HX-Reswap"] == "none"
    assert "loggedOut" in response["HX-Trigger"]
    assert "/login/?next=%2Ffollow-ups%2F" in response["HX-Trigger"]
    followup.refresh_from_db()
    assert followup.done_at is None


def test_a_plain_request_after_logging_out_still_goes_to_log_in(client, db):
    response = client.get(reverse("tracker:followup_list"))
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dashboard", "settings", "journal:entry_list"])
def test_pages_for_a_logged_in_person_are_never_stored(owner_client, name):
    response = owner_client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_htmx_fragment_for_a_logged_in_person_is_never_stored(owner_client):
    response = owner_client.get(reverse("tracker:application_list"), headers={"HX-Request": "true"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_response_to_logging_out_is_not_stored_either(owner_client):
    response = owner_client.post(reverse("logout"))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_static_files_stay_cacheable_for_a_logged_in_person(owner_client):
    response = owner_client.get("/static/js/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
