"""System checks for an install (`manage.py check`, which `make run` runs via migrate)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security)
def data_dir_is_private(app_configs, **kwargs) -> list[CheckMessage]:
    """The journal, the database and the secret key live in DATA_DIR: others must not get in.

    Settings make the directory private at start-up when it belongs to the user
    running the app (jobsearch.env.private_directory); this speaks up when it could not.
    """
    if not hasattr(os, "getuid"):
        return []
    path = settings.DATA_DIR
    try:
        mode = path.stat().st_mode
    except OSError:
        return []  # settings create it; a missing one shows up loudly elsewhere
    if not mode & 0o077:
        return []
    return [
        Warning(
            f"Other people on this computer can open the data directory {path}, "
            "where the journal and the secret key are kept.",
            hint=(
                f"Its owner should run `chmod 700 {path}`, or point JOBSEARCH_DATA_DIR "
                "at a directory that belongs to the user who runs the app."
            ),
            id="jobsearch.W001",
        )
    ]
