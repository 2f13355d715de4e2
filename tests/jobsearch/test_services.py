from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jobsearch import services

pytestmark = pytest.mark.django_db


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
