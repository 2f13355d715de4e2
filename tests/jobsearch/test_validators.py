from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobsearch.validators import not_in_future


def test_today_and_the_past_are_fine():
    today = timezone.localdate()
    assert not_in_future(today) == today
    assert not_in_future(today - timedelta(days=400)) == today - timedelta(days=400)
    assert not_in_future(None) is None


def test_tomorrow_is_refused_with_our_words():
    with pytest.raises(ValidationError) as raised:
        not_in_future(timezone.localdate() + timedelta(days=1), what="The date you sent it")
    assert raised.value.messages == [
        "The date you sent it can’t be in the future. Record it when it happens."
    ]
