"""Writes of the Import & export page: the waiting restore upload."""

from __future__ import annotations

import json

import pytest
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
