"""Rules about values that more than one app checks, each written once."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone


def not_in_future(day: date | None, *, what: str = "The date") -> date | None:
    """A date of something that has happened: today at the latest, in the person's zone.

    Forms call it in `clean_<field>`, services before they save; either way the
    message reads the same on the page."""
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            f"{what} can’t be in the future. Record it when it happens.", code="future"
        )
    return day
