from __future__ import annotations

import os
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from jobsearch.checks import data_dir_is_private
from jobsearch.env import env_bool, env_int, env_list, private_directory, secret_key_from_file


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("Yes", True), ("off", False), ("", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_bool_refuses_a_value_it_cannot_read(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_bool_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", default=True) is True


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("COUNT", "five")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("COUNT", 1)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_secret_key_is_created_once_and_private(tmp_path):
    path = tmp_path / "data" / "secret_key"
    first = secret_key_from_file(path)
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key_from_file(path) == first
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_directory_is_private(tmp_path):
    private_directory(tmp_path / "new" / "data")
    assert mode(tmp_path / "new" / "data") == 0o700


def test_an_existing_open_data_directory_of_ours_is_made_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o775)
    private_directory(data)
    assert mode(data) == 0o700


def test_someone_elses_open_directory_is_left_alone_and_the_check_says_what_to_do(
    tmp_path, monkeypatch, settings
):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    monkeypatch.setattr(os, "getuid", lambda: data.stat().st_uid + 1)
    private_directory(data)
    assert mode(data) == 0o755
    settings.DATA_DIR = data
    (warning,) = data_dir_is_private(None)
    assert warning.id == "jobsearch.W001"
    assert f"chmod 700 {data}" in warning.hint


def test_the_check_is_quiet_for_a_private_data_directory(tmp_path, settings):
    private_directory(tmp_path)
    settings.DATA_DIR = tmp_path
    assert data_dir_is_private(None) == []
