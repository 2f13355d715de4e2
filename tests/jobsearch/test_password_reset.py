"""A forgotten password: by email where mail goes out, from the command line elsewhere."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from jobsearch.models import User
from tests.html import foreign_loads, text
from tests.jobsearch.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-77"


@pytest.fixture
def mail_on(settings):
    settings.PASSWORD_RESET_BY_EMAIL = True


@pytest.fixture
def mail_off(settings):
    settings.PASSWORD_RESET_BY_EMAIL = False


# --- the usual local install: no mail ---------------------------------------------------


def test_without_mail_the_log_in_page_says_how_to_reset_from_the_command_line(client, mail_off):
    page = text(client.get(reverse("login")).content.decode())
    assert "Forgotten your password?" in page
    assert ".venv/bin/python manage.py changepassword USERNAME" in page
    assert "in the app’s folder" in page


@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_without_mail_the_reset_pages_lead_to_the_log_in_page(client, mail_off, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_without_mail_no_reset_email_can_be_asked_for(client, mail_off, owner):
    owner.email = "sam@example.org"
    owner.save()
    client.post(reverse("password_reset"), {"email": "sam@example.org"})
    assert mail.outbox == []


def test_without_mail_settings_do_not_ask_for_an_email_address(owner_client, mail_off):
    page = text(owner_client.get(reverse("settings")).content.decode())
    assert "Your email address" not in page


# --- where mail is configured --------------------------------------------------------


def test_with_mail_the_log_in_page_links_to_a_reset_by_email(client, mail_on):
    response = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"' in response.content.decode()
    assert "changepassword" not in text(response.content.decode())


def test_with_mail_an_email_address_can_be_saved_in_settings(owner_client, owner, mail_on):
    response = owner_client.post(
        reverse("settings"),
        {"form": "account", "email": " Sam@Example.ORG ", "time_zone": owner.time_zone},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == "Sam@example.org"


def test_with_mail_a_mistyped_email_address_is_explained_and_kept(owner_client, owner, mail_on):
    response = owner_client.post(
        reverse("settings"),
        {"form": "account", "email": "sam-at-example", "time_zone": owner.time_zone},
    )
    assert response.status_code == 200
    assert 'value="sam-at-example"' in response.content.decode()
    assert "There is a problem" in text(response.content.decode())


def test_the_whole_reset_by_email(client, mail_on):
    sam = UserFactory(username="sam", email="sam@example.org")
    page = client.get(reverse("password_reset"))
    assert "Reset your password" in text(page.content.decode())
    assert foreign_loads(page.content.decode()) == []

    response = client.post(reverse("password_reset"), {"email": "sam@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    done = client.get(response["Location"])
    assert "Check your email" in text(done.content.decode())

    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert message.subject == "Choose a new password for your job-search journal"
    assert "Hello sam," in message.body
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)

    choose = client.get(link, follow=True)
    assert "Choose a new password" in text(choose.content.decode())
    set_password_url = choose.redirect_chain[-1][0]
    mismatch = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else"}
    )
    assert "The two passwords are different" in text(mismatch.content.decode())
    saved = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert saved["Location"] == reverse("password_reset_complete")
    complete = client.get(saved["Location"])
    assert "Your password has been changed" in text(complete.content.decode())

    sam.refresh_from_db()
    assert sam.check_password(NEW_PASSWORD)
    again = client.get(link)
    assert "This link no longer works" in text(again.content.decode())


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, mail_on, owner):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_made_up_reset_link_changes_nothing(client, mail_on, owner):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "made-up"}),
        follow=True,
    )
    assert "This link no longer works" in text(response.content.decode())
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_mistyped_address_on_the_reset_page_is_explained(client, mail_on):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200
    assert "There is a problem" in text(response.content.decode())
    assert 'value="not an address"' in response.content.decode()


def test_a_logged_in_person_can_open_the_reset_pages_too(owner_client, mail_on):
    assert owner_client.get(reverse("password_reset")).status_code == 200
    assert User.objects.count() == 1
