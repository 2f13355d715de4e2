"""Checks on how the project is put together."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _pinned(filename: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def _names(requirements: list[str]) -> set[str]:
    return {re.sub(r"[-_.]+", "-", re.split(r"[<>=\[ ;]", r)[0]).lower() for r in requirements}


def test_every_declared_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _pinned("requirements.txt")
    dev = {**runtime, **_pinned("requirements-dev.txt")}
    assert _names(project["dependencies"]) <= runtime.keys()
    assert _names(project["optional-dependencies"]["dev"]) <= dev.keys()


def test_sqlite_is_set_up_for_concurrent_writes():
    if connection.vendor != "sqlite":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 20
