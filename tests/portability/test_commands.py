"""export_user, import_user and backup_db."""

from __future__ import annotations

import json
import os
import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobsearch.models import User
from tests.tracker.factories import ApplicationFactory
from tracker.models import Application

pytestmark = pytest.mark.django_db


def test_export_then_import_into_a_new_account(owner, tmp_path):
    ApplicationFactory(user=owner, company="Acme")
    path = tmp_path / "backup.json"
    call_command("export_user", owner.username, "-o", str(path), stderr=StringIO())
    assert json.loads(path.read_text())["applications"][0]["company"] == "Acme"
    assert path.stat().st_mode & 0o777 == 0o600
    out = StringIO()
    call_command("import_user", "newcomer", str(path), "--create", stdout=out)
    assert "Added to newcomer: 1 application, 1 status step." in out.getvalue()
    newcomer = User.objects.get(username="newcomer")
    assert not newcomer.has_usable_password()
    assert Application.objects.get(user=newcomer).company == "Acme"


def test_export_refuses_to_overwrite_without_force(owner, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text("keep me")
    with pytest.raises(CommandError, match="--force"):
        call_command("export_user", owner.username, "-o", str(path))
    assert path.read_text() == "keep me"


def test_export_to_standard_output(owner):
    ApplicationFactory(user=owner, company="Acme")
    out = StringIO()
    call_command("export_user", owner.username, stdout=out)
    assert json.loads(out.getvalue())["applications"][0]["company"] == "Acme"


def test_export_of_nobody_is_explained():
    with pytest.raises(CommandError, match="no account called"):
        call_command("export_user", "nobody")


def test_import_dry_run_and_refusals_change_nothing(owner, tmp_path):
    ApplicationFactory(user=owner)
    path = tmp_path / "backup.json"
    call_command("export_user", owner.username, "-o", str(path), stderr=StringIO())
    out = StringIO()
    call_command("import_user", "someone", str(path), "--create", "--dry-run", stdout=out)
    assert "Would add to someone: 1 application" in out.getvalue()
    assert not User.objects.filter(username="someone").exists()
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "jobsearch-backup", "version": 2}')
    with pytest.raises(CommandError, match="newer version"):
        call_command("import_user", owner.username, str(newer))
    with pytest.raises(CommandError, match="no account called"):
        call_command("import_user", "nobody", str(path))
    with pytest.raises(CommandError, match="Could not read"):
        call_command("import_user", owner.username, str(tmp_path / "missing.json"))
    assert Application.objects.filter(user=owner).count() == 1


def test_a_refused_file_leaves_no_new_account_behind(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "jobsearch-backup",
                "version": 1,
                "applications": [{"id": 1, "company": "", "role": "Analyst", "status": "applied"}],
            }
        )
    )
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_user", "newcomer", str(bad), "--create")
    assert not User.objects.filter(username="newcomer").exists()
    # …so the same command works once the file is put right.
    bad.write_text('{"format": "jobsearch-backup", "version": 1}')
    call_command("import_user", "newcomer", str(bad), "--create", stdout=StringIO())
    assert User.objects.filter(username="newcomer").exists()


def test_a_username_we_cannot_use_is_refused_plainly(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"format": "jobsearch-backup", "version": 1}')
    with pytest.raises(CommandError, match="cannot be made"):
        call_command("import_user", "no spaces/please", str(path), "--create")
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_backup_db_copies_the_live_database(tmp_path, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("backup_db is for SQLite; PostgreSQL has pg_dump")
    ApplicationFactory(company="In the copy")
    target = tmp_path / "copy.sqlite3"
    out = StringIO()
    modes = []
    connect = sqlite3.connect

    def watching(path, *args, **kwargs):
        # The moment SQLite is handed the copy: it must already be private.
        modes.append(os.stat(path).st_mode & 0o777 if os.path.exists(path) else None)
        return connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", watching)
    old_umask = os.umask(0o000)  # even a careless umask gives others nothing
    try:
        call_command("backup_db", str(target), stdout=out)
    finally:
        os.umask(old_umask)
        monkeypatch.undo()
    assert modes == [0o600]
    assert "Backed up the database" in out.getvalue()
    assert target.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(target) as copy:
        (company,) = copy.execute("select company from tracker_application").fetchone()
    assert company == "In the copy"
    with pytest.raises(CommandError, match="--force"):
        call_command("backup_db", str(target))
    with pytest.raises(CommandError, match="no folder"):
        call_command("backup_db", str(tmp_path / "nowhere" / "copy.sqlite3"))
