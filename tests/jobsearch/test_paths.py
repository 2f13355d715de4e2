from __future__ import annotations

import pytest
from django.urls import reverse

from jobsearch.templatetags.paths import path


@pytest.mark.parametrize(
    "name", ["tracker:application_detail", "tracker:followup_done", "journal:entry_detail"]
)
def test_path_gives_the_same_url_as_reverse(name):
    for pk in (1, 42, 987654321, 10**12):
        assert path(pk, name) == reverse(name, args=[pk])
