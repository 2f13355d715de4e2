"""Writes of the Import & export page: the waiting restore upload."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.utils import timezone

from jobsearch.models import RestoreUpload
from jobsearch.portability import services
from jobsearch.portability.backup import backup_build
from tests.jobsearch.factories import UserFactory
from tests.tracker.factories import ApplicationFactory
from tracker.models import Application

pytestmark = pytest.mark.django_db


def test_restoring_the_same_upload_twice_adds_nothing_the_second_time(owner):
    ApplicationFactory(user=owner, company="Acme")
    newcomer = UserFactory()
    upload = services.restore_upload_save(
        user=newcomer, content=json.dumps(backup_build(user=owner)), file_name="b.json"
    )
    services.restore_upload_apply(upload=upload)
    # The second click still holds the upload it read before the first one finished.
    with pytest.raises(services.RestoreAlreadyDone, match="already been restored"):
        services.restore_upload_apply(upload=upload)
    assert Application.objects.filter(user=newcomer).count() == 1
    assert not RestoreUpload.objects.exists()


def test_a_refused_restore_keeps_the_upload_for_the_page_to_explain(owner):
    upload = RestoreUpload.objects.create(user=owner, content="{broken", uploaded_at=timezone.now())
    with pytest.raises(services.BackupError, match="could not be read"):
        services.restore_upload_apply(upload=upload)
    assert RestoreUpload.objects.filter(pk=upload.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_restore_clicks_at_the_same_moment_restore_once(owner):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the test above covers the rule there")
    for n in range(5):
        ApplicationFactory(user=owner, company=f"Company {n}")
    newcomer = UserFactory()
    services.restore_upload_save(
        user=newcomer, content=json.dumps(backup_build(user=owner)), file_name="b.json"
    )
    both_read = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            upload = RestoreUpload.objects.select_related("user").get(user=newcomer)
            both_read.wait(timeout=10)
            services.restore_upload_apply(upload=upload)
            outcomes.append("restored")
        except services.RestoreAlreadyDone:
            outcomes.append("already restored")
        finally:
            connection.close()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already restored", "restored"]
    assert Application.objects.filter(user=newcomer).count() == 5
