"""Adding many applications at once, from an import, in one transaction.

Each imported application gets a dated history from what the file knew (saved on
the day it was added, applied on the day applied, the current status on the day it
last moved), so counts built from the history treat it like any other. The status
fields are derived from that history by the same rule as `services._application_refresh`,
but for one thing: when the file does not give the date of the current status, the
step still needs a day in the history (the best one known), but the application's
status date stays unknown, so nothing that asks "what happened lately?" (the
dashboard's reflections and heavy-week nudge) takes old news for today's. Suggestions
come from the tracker's own rules, only for steps the file dated, and only inside the
suggestion window: an application rejected last spring gets no "ask for feedback" today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobsearch.validators import not_in_future
from tracker import suggestions
from tracker.models import Application, Status, StatusEvent
from tracker.services import tidy

# The fields an import may set; the status fields come from the history.
IMPORTABLE_FIELDS = (
    "company",
    "role",
    "job_url",
    "location",
    "work_mode",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "source",
    "found_on",
    "applied_on",
    "description",
    "notes",
)


def _may_prompt(event: StatusEvent, today: date) -> bool:
    """Only steps inside the suggestion window prompt reminders when imported: the rest
    is history. (The rules themselves would still suggest keeping in touch after a
    rejection three months old, being due about now; for an import of months of
    applications, that would be a pile of reminders about old news, and asking the
    rules about thousands of old steps costs a query or more each.)"""
    return event.happened_on >= today - suggestions.STALE_AFTER


@dataclass
class ImportedApplication:
    """One application as an import found it: its fields, its status, and the date of
    that status if the file knew it."""

    fields: dict[str, Any]
    status: str = Status.APPLIED
    status_on: date | None = None

    @property
    def status_dated(self) -> bool:
        """Whether the file gives the day of the current status: its own date, or for
        "saved" and "applied" the day saved or applied."""
        if self.status_on is not None:
            return True
        if self.status == Status.SAVED:
            return self.fields.get("found_on") is not None
        if self.status == Status.APPLIED:
            return self.fields.get("applied_on") is not None
        return False


@dataclass
class ImportResult:
    created: list[Application] = field(default_factory=list)
    suggested: int = 0


def existing_keys(*, user) -> set[tuple[str, str]]:
    """(company, role) of every application the person has, folded for comparing: the
    same test as `selectors.application_duplicates`, for thousands of rows at once."""
    return {
        (company.casefold(), role.casefold())
        for company, role in Application.objects.filter(user=user).values_list("company", "role")
    }


def history(row: ImportedApplication, today: date | None = None) -> list[tuple[str, date]]:
    """The dated steps an imported application starts with, oldest first. A status the
    file gives no date for is put on the best day it does give (applied, else saved),
    today only when it gives none at all; `ImportedApplication.status_dated` says which."""
    today = today or timezone.localdate()
    found = row.fields.get("found_on")
    applied = row.fields.get("applied_on")
    if row.status == Status.SAVED:
        return [(Status.SAVED, found or row.status_on or applied or today)]
    steps: list[tuple[str, date]] = []
    if found and (applied is None or found < applied):
        steps.append((Status.SAVED, found))
    if row.status == Status.APPLIED:
        on = applied or row.status_on or today
    else:
        if applied:
            steps.append((Status.APPLIED, applied))
        on = row.status_on or applied or found or today
    if steps and on < steps[-1][1]:
        on = steps[-1][1]  # a status cannot come before the steps that led to it
    steps.append((row.status, on))
    return steps


def _label(name: str) -> str:
    return str(Application._meta.get_field(name).verbose_name).capitalize()


def imported_application_errors(
    *, row: ImportedApplication, today: date | None = None
) -> dict[str, list[str]]:
    """What is wrong with one row, field by field, in our words (empty when nothing is)."""
    return _validate(row, today or timezone.localdate())[1]


# The model's own fields validate each value (lengths, choices, links, ranges), as
# full_clean would, without building an instance per row: for thousands of rows the
# instances cost more than the checks.
_STATUSES = frozenset(Status.values)
# Rows per INSERT: larger batches were no faster here and held twice the memory.
BATCH = 500
_MODEL_FIELDS = {name: Application._meta.get_field(name) for name in IMPORTABLE_FIELDS}


def _validate(row: ImportedApplication, today: date) -> tuple[dict[str, Any], dict[str, list[str]]]:
    unknown = set(row.fields) - set(IMPORTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not importable: {sorted(unknown)}")
    fields: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, model_field in _MODEL_FIELDS.items():
        value = row.fields.get(name)
        if value is None and not model_field.null:
            value = ""
        if name in ("company", "role"):
            value = tidy(value)
        if value in ("", None) and model_field.blank:
            fields[name] = value  # nothing to check in an empty optional value
            continue
        try:
            fields[name] = model_field.clean(value, None)
        except ValidationError as error:
            messages = [_in_our_words(name, problem, value) for problem in error.error_list]
            errors[name] = list(dict.fromkeys(messages))  # a link fails two validators alike
    for name in ("found_on", "applied_on"):
        day = fields.get(name)
        if day is not None and day > today:
            try:
                not_in_future(day, what=_label(name))
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.messages)
    if row.status_on and row.status_on > today:
        errors.setdefault("status", []).append(
            "The date of the status can’t be in the future. Record it when it happens."
        )
    if row.status not in _STATUSES:
        errors.setdefault("status", []).append("Choose one of our statuses for this row.")
    low, high = fields.get("salary_min"), fields.get("salary_max")
    if low is not None and high is not None and low > high:
        errors.setdefault("salary_min", []).append(
            "The lowest salary should not be above the highest."
        )
    return fields, errors


def _in_our_words(name: str, problem: ValidationError, value: Any) -> str:
    label = _label(name)
    if problem.code == "max_length":
        limit = _MODEL_FIELDS[name].max_length
        return f"{label} is {len(value):,} characters long; up to {limit} fit."
    if name == "job_url" and problem.code != "max_length":
        return "The job link should be a web address starting with http:// or https://."
    if problem.code in ("blank", "null", "required"):
        return f"{label} is needed."
    if problem.code == "invalid_choice":
        return f"{label} is not one of the choices we know."
    if problem.code in ("max_value", "min_value"):
        return f"{label} is out of range."
    return " ".join(problem.messages)


@transaction.atomic
def applications_import(*, user, rows: Sequence[ImportedApplication]) -> ImportResult:
    """Add every row, or none: any row that does not validate stops the whole import."""
    today = timezone.localdate()
    applications: list[Application] = []
    steps: list[list[tuple[str, date]]] = []
    for number, row in enumerate(rows, start=1):
        fields, errors = _validate(row, today)
        if errors:
            first = next(iter(errors.values()))[0]
            raise ValidationError(f"Row {number} could not be imported: {first}")
        application = Application(user=user, **fields)
        history_ = history(row, today)
        last_status, last_on = history_[-1]
        if application.applied_on is None and row.status == Status.APPLIED and row.status_dated:
            application.applied_on = row.status_on  # "applied" on the day its status gives
        application.status = last_status
        # Unknown when the file does not say: never today's news (see the module's note).
        application.status_changed_on = last_on if row.status_dated else None
        application.last_activity_on = max(d for d in (last_on, application.applied_on) if d)
        applications.append(application)
        steps.append(history_)
    Application.objects.bulk_create(applications, batch_size=BATCH)
    events = [
        StatusEvent(user=user, application=application, status=status, happened_on=on)
        for application, history_ in zip(applications, steps, strict=True)
        for status, on in history_
    ]
    StatusEvent.objects.bulk_create(events, batch_size=BATCH)
    result = ImportResult(created=applications)
    # Each application's latest step may prompt a reminder, if the file dated it and it
    # is recent enough: a step put on a day the file did not give prompts nothing.
    latest: dict[int, StatusEvent] = {}
    for event in events:
        latest[event.application_id] = event
    dated = {a.pk for a, row in zip(applications, rows, strict=True) if row.status_dated}
    recent = [
        event
        for event in latest.values()
        if event.application_id in dated and _may_prompt(event, today)
    ]
    if recent and suggestions.enabled_for(user):
        for event in recent:
            result.suggested += len(suggestions.after_status_event(event))
    return result
