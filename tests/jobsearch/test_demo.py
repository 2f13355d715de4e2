from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from jobsearch.management.commands.demo import DEMO_PASSWORD, DEMO_USERNAME
from jobsearch.models import User

pytestmark = pytest.mark.django_db


def test_demo_creates_a_user_you_can_log_in_as_and_can_run_twice(capsys):
    call_command("demo")
    call_command("demo")
    assert User.objects.filter(username=DEMO_USERNAME).count() == 1
    assert User.objects.get(username=DEMO_USERNAME).check_password(DEMO_PASSWORD)
    out = capsys.readouterr().out
    assert f"username: {DEMO_USERNAME}" in out and f"password: {DEMO_PASSWORD}" in out


def test_demo_refuses_to_run_on_an_install_served_over_https(settings):
    settings.HTTPS = True
    with pytest.raises(CommandError, match="JOBSEARCH_HTTPS is on"):
        call_command("demo")
    assert not User.objects.filter(username=DEMO_USERNAME).exists()
