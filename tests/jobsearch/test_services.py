from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobsearch import selectors, services
from jobsearch.models import LoginFailure

pytestmark = pytest.mark.django_db


def fail(times: int, username: str = "sam", ip: str = "10.0.0.1") -> None:
    for _ in range(times):
        services.login_failure_record(username=username, ip_address=ip)


def test_four_failures_do_not_pause_logging_in(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    fail(4)
    assert selectors.login_retry_after(username="sam", ip_address="10.0.0.1") is None


def test_the_fifth_failure_pauses_that_username_from_that_address(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    fail(5)
    wait = selectors.login_retry_after(username="SAM", ip_address="10.0.0.1")
    assert wait is not None
    assert timedelta(minutes=14) < wait <= timedelta(minutes=15)
    assert selectors.login_retry_after(username="sam", ip_address="10.0.0.2") is None
    assert selectors.login_retry_after(username="alex", ip_address="10.0.0.1") is None


def test_failures_older_than_the_window_stop_counting(settings):
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    fail(5)
    LoginFailure.objects.update(failed_at=timezone.now() - timedelta(minutes=16))
    assert selectors.login_retry_after(username="sam", ip_address="10.0.0.1") is None
    fail(1)
    assert LoginFailure.objects.count() == 1, "old failures are cleaned away"


def test_a_successful_log_in_clears_the_failures():
    fail(3)
    services.login_failures_clear(username="Sam", ip_address="10.0.0.1")
    assert not LoginFailure.objects.exists()


def test_user_create_keeps_the_browser_time_zone():
    user = services.user_create(username="ana", password="pw-long-enough", time_zone="Asia/Tokyo")
    assert user.time_zone == "Asia/Tokyo"
    assert user.check_password("pw-long-enough")


def test_user_create_falls_back_to_the_server_zone(settings):
    user = services.user_create(username="ana", password="pw-long-enough")
    assert user.time_zone == settings.TIME_ZONE


def test_user_update_refuses_an_unknown_zone(owner):
    with pytest.raises(ValidationError):
        services.user_update(user=owner, time_zone="Mars/Olympus")


def test_user_update_keeps_the_name_tidy(owner):
    services.user_update(user=owner, time_zone="UTC", first_name=" Zoë ", last_name="Ångström ")
    owner.refresh_from_db()
    assert owner.get_full_name() == "Zoë Ångström"
