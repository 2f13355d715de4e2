"""The log-in and sign-up limits: what they count, and that they cannot be dodged."""

from __future__ import annotations

import importlib
from datetime import timedelta
from io import StringIO

import django.contrib.auth.forms
import pytest
from django.core.management import call_command
from django.urls import clear_url_caches, reverse
from django.utils import timezone

import jobsearch.urls
from jobsearch import selectors, services
from jobsearch.forms import LoginForm
from jobsearch.models import Attempt, User, login_key
from tests.html import text
from tests.jobsearch.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HERE = "10.0.0.1"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_LIMIT = 20
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.SIGNUP_LIMIT = 10
    settings.SIGNUP_WINDOW_MINUTES = 60


def attempt(times: int, username: str = "sam", ip: str = HERE) -> list[timedelta | None]:
    return [services.login_attempt_begin(username=username, ip_address=ip) for _ in range(times)]


def log_in(client, username: str, password: str, ip: str = "127.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


# --- counting ------------------------------------------------------------------


def test_five_attempts_are_checked_and_the_sixth_waits():
    assert attempt(5) == [None] * 5
    (wait,) = attempt(1)
    assert wait is not None
    assert timedelta(minutes=14) < wait <= timedelta(minutes=15)


def test_the_pause_is_for_that_username_from_that_address():
    attempt(5)
    assert attempt(1, username="alex") == [None]
    assert attempt(1, ip="10.0.0.2") == [None]


def test_trying_again_during_the_pause_does_not_make_it_longer():
    attempt(5)
    attempt(3)
    assert Attempt.objects.count() == 5, "a refused attempt checks nothing and is not kept"


def test_the_pause_ends_when_the_oldest_attempt_leaves_the_window():
    attempt(5)
    oldest = Attempt.objects.order_by("attempted_at").first()
    Attempt.objects.filter(pk=oldest.pk).update(attempted_at=timezone.now() - timedelta(minutes=16))
    assert attempt(1) == [None]
    assert attempt(1) != [None]


def test_attempts_older_than_the_window_stop_counting_and_are_removed():
    attempt(5)
    Attempt.objects.update(attempted_at=timezone.now() - timedelta(minutes=61))
    assert attempt(1) == [None]
    assert Attempt.objects.count() == 1, "old attempts are removed as new ones come"


def test_a_right_password_clears_that_usernames_count():
    attempt(4)
    attempt(2, username="alex")
    services.login_attempts_clear(username="SAM", ip_address=HERE)
    assert set(Attempt.objects.values_list("username_key", flat=True)) == {login_key("alex")}


def test_many_usernames_from_one_address_are_paused_together():
    for number in range(20):
        assert attempt(1, username=f"person{number}") == [None]
    assert attempt(1, username="someone-new") != [None]
    assert attempt(1, username="someone-new", ip="10.0.0.2") == [None]


# --- no typed text kept ------------------------------------------------------------


def test_no_typed_username_is_kept_only_a_keyed_hash(client, owner):
    typed = "MyS3cret-Passw0rd"  # typed into the wrong box
    log_in(client, typed, "whatever")
    row = Attempt.objects.get()
    stored = " ".join(str(value) for value in Attempt.objects.values().get().values())
    assert typed.casefold() not in stored.casefold()
    assert row.username_key == login_key(typed)
    assert len(row.username_key) == 64
    assert all(character in "0123456789abcdef" for character in row.username_key)


def test_the_hash_depends_on_the_secret_key(settings):
    before = login_key("alice")
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert login_key("alice") != before


# --- dodging the limit -----------------------------------------------------------------


def test_spaces_full_width_letters_and_capitals_share_one_count(client):
    UserFactory(username="alice")
    for variant in ["alice ", " alice", "ａlice", "ALICE", "alice"]:
        response = log_in(client, variant, "wrong-password")
        assert response.status_code == 200
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "too many attempts to log in" in text(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_a_trimmed_or_full_width_username_still_logs_in_to_the_same_account(client):
    alice = UserFactory(username="alice")
    response = log_in(client, " ａlice ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_trying_many_usernames_from_one_address_is_paused(client, owner):
    for number in range(20):
        log_in(client, f"guess{number}", "wrong-password")
    response = log_in(client, owner.username, PASSWORD)
    assert response.status_code == 429
    assert "please wait 15 minutes" in text(response.content.decode())
    assert log_in(client, owner.username, PASSWORD, ip="192.0.2.9").status_code == 302


def test_a_right_password_after_a_mistake_starts_the_count_afresh(client, owner):
    for _ in range(4):
        log_in(client, owner.username, "wrong-password")
    assert log_in(client, owner.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, owner.username, "wrong-password")
    assert log_in(client, owner.username, PASSWORD).status_code == 302


def test_an_empty_form_is_explained_and_counts_nothing(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert not Attempt.objects.exists()


# --- parallel requests ------------------------------------------------------------------


def test_parallel_wrong_passwords_get_no_more_checks_than_the_limit(owner, rf, monkeypatch):
    """Ten log-ins arrive together: the others all come while the first ones are
    still having their passwords checked (none has finished). Only five
    passwords may be checked, each after its own attempt was written down."""
    real_authenticate = django.contrib.auth.forms.authenticate
    checked: list[int] = []
    started: list[LoginForm] = []
    key = login_key(owner.username)

    def try_to_log_in() -> None:
        request = rf.post(reverse("login"), REMOTE_ADDR=HERE)
        form = LoginForm(request, data={"username": owner.username, "password": "wrong"})
        started.append(form)
        form.is_valid()

    arriving = [try_to_log_in] * 9

    def slow_authenticate(request, **credentials):
        checked.append(Attempt.objects.filter(username_key=key).count())
        while arriving:  # the rest arrive mid-check
            arriving.pop()()
        return real_authenticate(request, **credentials)

    monkeypatch.setattr(django.contrib.auth.forms, "authenticate", slow_authenticate)
    try_to_log_in()
    assert len(started) == 10
    assert checked == [1, 2, 3, 4, 5], "each check came after its own attempt was counted"
    assert [form.retry_after is None for form in started] == [True] * 5 + [False] * 5


# --- the admin ---------------------------------------------------------------------


@pytest.fixture
def admin_on(settings):
    settings.ADMIN_ENABLED = True
    importlib.reload(jobsearch.urls)
    clear_url_caches()
    yield
    settings.ADMIN_ENABLED = False
    importlib.reload(jobsearch.urls)
    clear_url_caches()


def test_the_admin_is_not_there_unless_turned_on(client):
    assert client.get("/admin/login/").status_code == 404
    client.force_login(User.objects.create_superuser("boss", password=PASSWORD))
    assert client.get("/admin/").status_code == 404


def test_the_admin_log_in_has_the_same_limit(client, admin_on):
    User.objects.create_superuser("boss", password=PASSWORD)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "boss ", "password": PASSWORD})
    assert "too many attempts to log in" in text(response.content.decode())
    assert "_auth_user_id" not in client.session
    assert (
        client.post("/admin/login/", {"username": "boss", "password": PASSWORD}).status_code == 200
    )
    assert "_auth_user_id" not in client.session


def test_the_admin_log_in_works_when_turned_on(client, admin_on):
    User.objects.create_superuser("boss", password=PASSWORD)
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- pruning -------------------------------------------------------------------------


def test_the_prune_command_removes_old_attempts_and_keeps_recent_ones():
    attempt(3)
    services.signup_attempt_begin(ip_address=HERE)
    Attempt.objects.filter(pk__in=Attempt.objects.order_by("pk").values("pk")[:2]).update(
        attempted_at=timezone.now() - timedelta(minutes=61)
    )
    out = StringIO()
    call_command("prune_attempts", stdout=out)
    assert Attempt.objects.count() == 2
    assert "Removed 2 old log-in and sign-up attempts." in out.getvalue()


def test_pruning_keeps_sign_up_attempts_for_their_longer_window():
    services.signup_attempt_begin(ip_address=HERE)
    Attempt.objects.update(attempted_at=timezone.now() - timedelta(minutes=30))
    assert services.attempts_prune() == 0
    assert selectors.signup_retry_after(ip_address=HERE) is None


# --- sign-up ------------------------------------------------------------------------


def sign_up(client, username: str, ip: str = "127.0.0.1"):
    return client.post(
        reverse("signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=ip,
    )


def test_sign_up_is_limited_per_address_and_keeps_what_was_typed(client, owner):
    for number in range(10):
        assert sign_up(client, owner.username if number % 2 else f"try{number}").status_code in {
            200,
            302,
        }
        client.logout()
    response = sign_up(client, "latecomer")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Several accounts have been tried from here" in text(html)
    assert "please wait 60 minutes" in text(html)
    assert 'value="latecomer"' in html
    assert not User.objects.filter(username="latecomer").exists()
    assert sign_up(client, "latecomer", ip="192.0.2.9").status_code == 302


def test_a_paused_sign_up_does_not_say_whether_a_username_is_taken(client, owner):
    for number in range(10):
        sign_up(client, f"try{number}")
        client.logout()
    response = sign_up(client, owner.username)
    assert response.status_code == 429
    assert "taken" not in text(response.content.decode())
