"""Production settings: Django's own deployment checklist passes, and logs stay clean."""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JOBSEARCH_"))
    }
    environment |= {"JOBSEARCH_DATA_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.real_clock  # a subprocess with a timeout: faketime breaks its sleep
def test_the_deployment_checklist_passes_for_an_https_install(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "jobsearch.settings",
            "JOBSEARCH_HTTPS": "1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "jobs.example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.real_clock  # a subprocess with a timeout: faketime breaks its sleep
def test_the_checklist_notices_a_development_mail_backend(tmp_path):
    result = manage(
        "check",
        "--deploy",
        env={
            "JOBSEARCH_HTTPS": "1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "JOBSEARCH_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        },
        tmp_path=tmp_path,
    )
    assert "mail.E001" in result.stdout + result.stderr


@pytest.mark.real_clock  # a subprocess with a timeout: faketime breaks its sleep
def test_a_generated_secret_key_is_private(tmp_path):
    result = manage("check", env={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.real_clock  # a subprocess with a timeout: faketime breaks its sleep
def test_make_demo_refuses_with_a_plain_message_on_an_https_install(tmp_path):
    env = {"JOBSEARCH_HTTPS": "1", "DJANGO_SECRET_KEY": secrets.token_urlsafe(60)}
    assert manage("migrate", "--noinput", env=env, tmp_path=tmp_path).returncode == 0
    result = manage("demo", env=env, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "JOBSEARCH_HTTPS is on" in result.stderr
    assert "Traceback" not in result.stderr
    assert "password:" not in result.stdout


@pytest.mark.real_clock  # a subprocess with a timeout: faketime breaks its sleep
def test_an_open_data_directory_is_made_private_at_start_up(tmp_path):
    tmp_path.chmod(0o755)  # made by hand, or by an older version
    result = manage("check", "--fail-level", "WARNING", env={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tmp_path.stat().st_mode & 0o777 == 0o700


@pytest.mark.django_db
def test_a_failed_log_in_does_not_log_the_password(client, owner, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("login"), {"username": owner.username, "password": "s3cret-typo-pw"})
        client.post(reverse("signup"), {"username": "x", "password1": "s3cret-typo-pw"})
    assert "s3cret-typo-pw" not in caplog.text


@pytest.mark.django_db
def test_logging_out_ends_the_session_for_good(client, owner):
    client.force_login(owner)
    old_session = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = old_session  # someone kept a copy of the cookie
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
