"""The Import & export page and its flows: owner, another person, anonymous."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobsearch.models import RestoreUpload, User
from jobsearch.portability import selectors
from jobsearch.portability.backup import backup_build
from tests.jobsearch.factories import PASSWORD, UserFactory
from tests.journal.factories import EntryFactory
from tests.tracker.factories import ApplicationFactory, ContactFactory, FollowUpFactory
from tracker.models import Application, Contact, FollowUp

pytestmark = pytest.mark.django_db

PAGES = [
    "portability:index",
    "portability:export_applications",
    "portability:export_steps",
    "portability:backup_download",
    "portability:restore",
    "portability:calendar_download",
    "portability:account_delete",
]


def _upload(data, name="backup.json") -> SimpleUploadedFile:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


@pytest.mark.parametrize("name", [*PAGES, "portability:restore_preview", "portability:calendar"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    for method in ("get", "post"):
        response = getattr(client, method)(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_page_offers_everything_in_plain_words(owner_client):
    response = owner_client.get(reverse("portability:index"))
    html = response.content.decode()
    for words in (
        "Import &amp; export",
        "Download applications (CSV)",
        "Your journal is never in these files",
        "Download everything",
        "Restore a backup",
        "Make a private address",
        "Delete my account",
    ):
        assert words in html


def test_settings_links_to_the_page(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert reverse("portability:index") in html


def test_each_download_is_the_owners_alone(owner_client, owner, stranger):
    ApplicationFactory(user=owner, company="Owner Ltd")
    ApplicationFactory(user=stranger, company="Stranger plc")
    for name in PAGES[1:4] + ["portability:calendar_download"]:
        response = owner_client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("attachment")
        assert b"Stranger plc" not in response.content


def test_the_backup_download_is_the_whole_account(owner_client, owner):
    ApplicationFactory(user=owner, company="Owner Ltd")
    EntryFactory(user=owner, body="Only in the backup")
    response = owner_client.get(reverse("portability:backup_download"))
    data = json.loads(response.content)
    assert data["format"] == "jobsearch-backup"
    assert data["applications"][0]["company"] == "Owner Ltd"
    assert data["journal_entries"][0]["body"] == "Only in the backup"


# --- restore ---------------------------------------------------------------------------


def test_restoring_into_a_new_account_previews_then_restores(client, owner):
    ApplicationFactory(user=owner, company="Acme")
    ContactFactory(user=owner, name="Ana Ruiz")
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.post(
        reverse("portability:restore"), {"backup": _upload(backup_build(user=owner))}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portability:restore_preview")
    assert not Application.objects.filter(user=newcomer).exists()

    preview = client.get(reverse("portability:restore_preview")).content.decode()
    assert "1 application" in preview
    assert "1 contact" in preview
    assert "Your account is empty" in preview
    assert not Application.objects.filter(user=newcomer).exists()

    response = client.post(reverse("portability:restore_preview"), {"restore": "1"}, follow=True)
    assert "Your backup is restored: 1 contact, 1 application, 1 status step." in (
        response.content.decode()
    )
    assert Application.objects.get(user=newcomer).company == "Acme"
    assert not RestoreUpload.objects.exists()


def test_a_second_restore_click_adds_nothing_and_says_why(client, owner, monkeypatch):
    ApplicationFactory(user=owner, company="Acme")
    newcomer = UserFactory()
    client.force_login(newcomer)
    client.post(reverse("portability:restore"), {"backup": _upload(backup_build(user=owner))})
    upload = RestoreUpload.objects.get(user=newcomer)
    client.post(reverse("portability:restore_preview"), {"restore": "1"})
    # Two clicks in flight: the second read the upload before the first removed it.
    monkeypatch.setattr(selectors, "restore_upload_for", lambda user: upload)
    response = client.post(reverse("portability:restore_preview"), {"restore": "1"}, follow=True)
    assert response.status_code == 200
    assert "This backup has already been restored" in response.content.decode()
    assert Application.objects.filter(user=newcomer).count() == 1


def test_merging_warns_about_applications_that_look_the_same(owner_client, owner):
    ApplicationFactory(user=owner, company="Acme", role="Analyst")
    data = backup_build(user=owner)
    owner_client.post(reverse("portability:restore"), {"backup": _upload(data)})
    preview = owner_client.get(reverse("portability:restore_preview")).content.decode()
    assert "You already have things here" in preview
    assert "1 application in the backup looks like one you already have" in preview
    assert "Analyst at Acme" in preview


def test_choosing_not_to_restore_changes_nothing(owner_client, owner, stranger):
    ApplicationFactory(user=stranger, company="Acme")
    owner_client.post(
        reverse("portability:restore"), {"backup": _upload(backup_build(user=stranger))}
    )
    response = owner_client.post(
        reverse("portability:restore_preview"), {"cancel": "1"}, follow=True
    )
    assert "The backup was not restored. Nothing has changed." in response.content.decode()
    assert not Application.objects.filter(user=owner).exists()
    assert not RestoreUpload.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "could not be read"),
        (b'{"format": "jobsearch-backup", "version": 7}', "newer version of the app"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not text at all"),
        (b'{"format": "jobsearch-backup", "version": 1, "applications": [{"id": 1}]}', "company"),
    ],
)
def test_a_bad_file_is_explained_on_the_page_and_nothing_is_written(
    owner_client, owner, content, message
):
    response = owner_client.post(reverse("portability:restore"), {"backup": _upload(content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: " in html
    assert not RestoreUpload.objects.exists()
    assert not Application.objects.filter(user=owner).exists()


def test_no_file_chosen_is_explained(owner_client):
    response = owner_client.post(reverse("portability:restore"), {})
    assert "Choose the backup file to restore." in response.content.decode()


def test_the_preview_with_nothing_waiting_sends_you_to_choose_a_file(owner_client):
    response = owner_client.get(reverse("portability:restore_preview"), follow=True)
    assert "There is no backup waiting to be restored." in response.content.decode()


def test_another_persons_waiting_backup_is_not_yours(owner_client, owner, stranger):
    RestoreUpload.objects.create(
        user=stranger,
        content=json.dumps(backup_build(user=stranger)),
        uploaded_at=timezone.now(),
    )
    response = owner_client.post(reverse("portability:restore_preview"), {"restore": "1"})
    assert response.status_code == 302
    assert RestoreUpload.objects.filter(user=stranger).exists()


def test_a_backup_left_waiting_over_a_day_is_not_offered_and_goes_at_the_next_upload(
    owner_client, owner, stranger
):
    left = timezone.now() - dt.timedelta(days=1, minutes=1)
    RestoreUpload.objects.create(user=owner, content="{}", uploaded_at=left)
    RestoreUpload.objects.create(user=stranger, content="{}", uploaded_at=left)
    response = owner_client.post(
        reverse("portability:restore_preview"), {"restore": "1"}, follow=True
    )
    assert "There is no backup waiting to be restored" in response.content.decode()
    owner_client.post(
        reverse("portability:restore"), {"backup": _upload(backup_build(user=stranger))}
    )
    assert list(RestoreUpload.objects.values_list("user", flat=True)) == [owner.pk]
    assert RestoreUpload.objects.get().uploaded_at > left


def test_a_backup_that_stopped_fitting_is_refused_at_restore(owner_client, owner):
    RestoreUpload.objects.create(user=owner, content="{broken", uploaded_at=timezone.now())
    response = owner_client.post(
        reverse("portability:restore_preview"), {"restore": "1"}, follow=True
    )
    assert "could not be read" in response.content.decode()
    assert "Nothing was changed." in response.content.decode()
    assert not RestoreUpload.objects.exists()


# --- leaving for good ---------------------------------------------------------------


def test_deleting_the_account_asks_for_the_password_and_offers_a_backup(owner_client, owner):
    for _ in range(2):
        ApplicationFactory(user=owner).events.create(
            user=owner, status="screening", happened_on="2026-01-02"
        )
    html = owner_client.get(reverse("portability:account_delete")).content.decode()
    assert "everything in it: 2 applications, 0 contacts and 0 journal entries" in html
    assert "It cannot be undone." in html
    assert reverse("portability:backup_download") in html
    response = owner_client.post(reverse("portability:account_delete"), {"password": "wrong"})
    html = response.content.decode()
    assert "That is not your password." in html
    assert "There is a problem" in html
    assert User.objects.filter(pk=owner.pk).exists()
    response = owner_client.post(reverse("portability:account_delete"), {})
    assert "Type your password to delete your account." in response.content.decode()


def test_deleting_the_account_removes_everything_of_theirs_and_nothing_else(
    owner_client, owner, stranger
):
    from tests.portability.conftest import fill

    fill(owner)
    fill(stranger)
    stranger_before = backup_build(user=stranger)
    response = owner_client.post(
        reverse("portability:account_delete"), {"password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "Your account and everything in it are deleted." in html
    assert "Log in" in html
    assert not User.objects.filter(pk=owner.pk).exists()
    for model in (Application, Contact, FollowUp):
        assert not model.objects.exclude(user=stranger).exists()
    stranger_after = backup_build(user=stranger)
    stranger_before.pop("exported_at")
    stranger_after.pop("exported_at")
    assert stranger_after == stranger_before
    # Logged out: the next page asks to log in.
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_csrf_is_needed_to_delete_an_account(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("portability:account_delete"), {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=owner.pk).exists()


def test_follow_ups_of_the_owner_are_on_the_page_counts(owner_client, owner):
    FollowUpFactory(user=owner)
    assert owner_client.get(reverse("portability:index")).status_code == 200
