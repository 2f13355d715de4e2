from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from journal.forms import CheckInForm, NoteForm, ReflectionForm, WinForm

pytestmark = pytest.mark.django_db

FUTURE_MESSAGE = "The date can’t be in the future. Record it when it happens."


@pytest.mark.parametrize("form_class", [ReflectionForm, CheckInForm, WinForm, NoteForm])
def test_no_entry_can_be_dated_in_the_future_and_all_say_so_alike(owner, form_class):
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = form_class({"on": tomorrow.isoformat(), "mood": "5", "title": "x"}, user=owner)
    assert not form.is_valid()
    assert form.errors["on"] == [FUTURE_MESSAGE]
    today = form_class(
        {"on": timezone.localdate().isoformat(), "mood": "5", "title": "x"}, user=owner
    )
    assert "on" not in today.errors
