"""Small typed readers for settings that come from the environment.

Each one fails loudly on a value it cannot read, so a typo in a deployment
stops the server at start-up instead of silently using a default.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key_from_file(path: Path) -> str:
    """Read the secret key kept in the data directory, creating it on first run.

    The file is created with mode 600 in one step (no window in which another
    user could read it), and never overwritten once it exists.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Write a private temporary file, then link it into place: the link either
    # appears whole or fails because another process (a second server worker)
    # got there first, in which case its key wins.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        temporary.unlink()
    return key


def private_directory(path: Path) -> None:
    """Create `path` readable by its owner alone, or make an existing one so.

    mkdir's mode applies only to a directory it creates; one made earlier (by
    hand, by an older version, or restored from a backup) may be open to other
    people on the computer. If it is ours, close it; if it is not, the system
    check jobsearch.W001 says what to do.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.stat()
    getuid = getattr(os, "getuid", None)  # not on Windows, where modes mean little
    if getuid is not None and info.st_mode & 0o077 and info.st_uid == getuid():
        with contextlib.suppress(OSError):  # if it fails, the system check reports it
            path.chmod(stat.S_IMODE(info.st_mode) & 0o700)
