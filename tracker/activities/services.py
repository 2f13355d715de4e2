"""Every write of a work-search activity, in a transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jobsearch.validators import not_in_future
from tracker.models import Activity
from tracker.services import tidy

# Names a person types with stray spaces: "Acme  Jobs " is "Acme Jobs".
_TIDIED = {"organisation", "person", "phone"}


def _apply(activity: Activity, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(activity, name, tidy(value) if name in _TIDIED else value)


def _check_and_save(activity: Activity) -> Activity:
    try:
        not_in_future(activity.happened_on)
    except ValidationError as error:
        raise ValidationError({"happened_on": error.messages}) from None
    if activity.application is not None and activity.application.user_id != activity.user_id:
        raise ValidationError({"application": "That application is not yours."})
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_create(*, user, **fields: Any) -> Activity:
    activity = Activity(user=user)
    _apply(activity, fields)
    return _check_and_save(activity)


@transaction.atomic
def activity_update(*, activity: Activity, **fields: Any) -> Activity:
    _apply(activity, fields)
    return _check_and_save(activity)


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    activity.delete()
