"""The full backup: one JSON file with everything a person keeps here, and its restore.

The format (documented in the README, "Backup file format"):

    {"format": "jobsearch-backup", "version": 1, "exported_at": "<ISO time>",
     "account": {"username": …, "date_joined": …},      # for the reader; never restored
     "settings": {"first_name", "last_name", "email", "time_zone", "suggest_followups"},
     "contacts": [...], "applications": [...], "status_steps": [...], …}

Each list holds rows of one kind. A row's "id" is a number local to the file
(1, 2, 3… in the order the rows were made); links between rows name those
numbers ("application": 3, "contacts": [1, 4]), so a restore rebuilds every
link with the new rows' own ids. Dates are ISO dates, times ISO with offset.

Rows are written generically from the models' own fields, so a field added to a
model later travels in the backup without anyone remembering to add it here;
tests/portability/test_backup.py walks the models to hold that line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from jobsearch.models import User
from journal.models import Draft, Emotion, Entry, SkillGoal, Tag
from tracker.models import (
    Activity,
    Application,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FollowUp,
    Interview,
    StatusEvent,
    TrackerPreferences,
    WeeklyGoal,
)
from tracker.services import applications_refresh

FORMAT = "jobsearch-backup"
BATCH = 500
VERSION = 1

# Fields that are not the person's data: a composer page's one-time key (it only
# stops a double click making two requests).
SKIPPED_FIELDS = {FeedbackRequest: {"form_key"}}

# Settings travel as one object; the account's own fields first.
USER_SETTINGS = ("first_name", "last_name", "email", "time_zone")


@dataclass(frozen=True)
class Kind:
    """One list in the file: which model, and which of its links name other lists."""

    key: str
    model: type[models.Model]
    label: str  # for messages and the preview: "application", "status step"…
    links: dict[str, str] = field(default_factory=dict)  # field -> key of the list it names
    many: dict[str, str] = field(default_factory=dict)  # many-to-many field -> key
    # Rows kept out of the list (drafts' links live in their own fields).
    data_links: tuple[str, ...] = ()


# In the order a restore makes them: every list comes after the lists it names,
# except a follow-up's "source_followup", set in a second pass.
KINDS: tuple[Kind, ...] = (
    Kind("contacts", Contact, "contact"),
    Kind("applications", Application, "application", many={"contacts": "contacts"}),
    Kind("status_steps", StatusEvent, "status step", links={"application": "applications"}),
    Kind(
        "interviews",
        Interview,
        "interview",
        links={"application": "applications"},
        many={"contacts": "contacts"},
    ),
    Kind("activities", Activity, "activity", links={"application": "applications"}),
    Kind(
        "feedback_requests",
        FeedbackRequest,
        "feedback request",
        links={"application": "applications", "contact": "contacts"},
    ),
    Kind(
        "followups",
        FollowUp,
        "follow-up",
        links={
            "application": "applications",
            "contact": "contacts",
            "source_event": "status_steps",
            "source_interview": "interviews",
            "source_followup": "followups",
            "source_feedback": "feedback_requests",
        },
    ),
    Kind("feedback_templates", FeedbackTemplate, "feedback template"),
    Kind("weekly_goals", WeeklyGoal, "weekly goal"),
    Kind("emotions", Emotion, "feeling"),
    Kind("tags", Tag, "tag"),
    Kind(
        "journal_entries",
        Entry,
        "journal entry",
        links={"application": "applications", "status_event": "status_steps"},
        many={"tags": "tags", "emotions": "emotions", "followups": "followups"},
    ),
    Kind(
        "skill_goals",
        SkillGoal,
        "skill goal",
        links={"source_entry": "journal_entries", "source_feedback": "feedback_requests"},
    ),
    Kind(
        "drafts",
        Draft,
        "reflection draft",
        links={"application": "applications", "status_event": "status_steps"},
        data_links=("application", "status_event"),
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}

# Models with a user that travel in "settings" rather than as a list.
SETTINGS_MODELS = {"tracker.TrackerPreferences"}
# Models with a user that are deliberately not in a backup, and why (the guard
# test reads this): a secret address, and a file waiting to be restored.
NOT_BACKED_UP = {"jobsearch.CalendarFeed", "jobsearch.RestoreUpload"}


def plain_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own values: not the id, not the owner, not links to other rows."""
    skipped = SKIPPED_FIELDS.get(model, set())
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.name not in skipped
    ]


def _dump_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- writing a backup ----------------------------------------------------------------


def backup_build(*, user: User) -> dict[str, Any]:
    """Everything of `user`, as the dict the backup file holds."""
    preferences = TrackerPreferences.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.get_username(), "date_joined": user.date_joined.isoformat()},
        "settings": {
            **{name: getattr(user, name) for name in USER_SETTINGS},
            **{
                f.name: getattr(preferences, f.attname) if preferences else f.get_default()
                for f in plain_fields(TrackerPreferences)
            },
        },
    }
    local_ids: dict[str, dict[int, int]] = {}
    for kind in KINDS:
        pks = kind.model.objects.filter(user=user).order_by("pk").values_list("pk", flat=True)
        local_ids[kind.key] = {pk: number for number, pk in enumerate(pks, start=1)}
    for kind in KINDS:
        data[kind.key] = [_row(kind, obj, local_ids) for obj in _rows_of(kind, user)]
    return data


def _rows_of(kind: Kind, user: User) -> Iterable[models.Model]:
    queryset = kind.model.objects.filter(user=user).order_by("pk")
    if kind.many:
        queryset = queryset.prefetch_related(*kind.many)
    return queryset


def _row(kind: Kind, obj: models.Model, local_ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": local_ids[kind.key][obj.pk]}
    for model_field in plain_fields(kind.model):
        row[model_field.name] = _dump_value(getattr(obj, model_field.attname))
    for name, target in kind.links.items():
        pk = getattr(obj, f"{name}_id")
        row[name] = local_ids[target].get(pk) if pk is not None else None
    for name, target in kind.many.items():
        row[name] = sorted(local_ids[target][other.pk] for other in getattr(obj, name).all())
    if kind.data_links:
        # A draft keeps the form as posted, with database ids in it: those travel
        # as the draft's own links instead, and come back with the new ids.
        row["data"] = {k: v for k, v in (row["data"] or {}).items() if k not in kind.data_links}
    return row


def backup_json(*, user: User) -> str:
    return json.dumps(backup_build(user=user), ensure_ascii=False, indent=1, sort_keys=False)


# --- reading a backup ----------------------------------------------------------------


class BackupError(Exception):
    """A file we will not restore, with the reason in plain words."""


def backup_parse(raw: bytes | str) -> dict[str, Any]:
    """The file's content as a checked dict; BackupError says plainly what is wrong."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BackupError(
                "This file is not a backup from this app: it is not text at all."
            ) from None
    if not raw.strip():
        raise BackupError("This file is empty.")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        where = f" (it stops making sense at line {line})" if line else ""
        raise BackupError(
            "This file could not be read: it may be cut short or damaged"
            f"{where}. Try downloading the backup again."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(
            "This file is not a backup from this app. Choose the file that "
            "“Download everything” saved, ending in .json."
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError("This backup is damaged: it does not say which format it is in.")
    if version > VERSION:
        raise BackupError(
            f"This backup was made by a newer version of the app (format {version}); this one "
            f"reads format {VERSION}. Update the app, then restore it."
        )
    unknown = (
        set(data) - {"format", "version", "exported_at", "account", "settings"} - set(KIND_BY_KEY)
    )
    if unknown:
        raise BackupError(
            f"This backup has parts this app does not know ({', '.join(sorted(unknown))[:200]})."
        )
    if not isinstance(data.get("settings", {}), dict):
        raise BackupError("This backup is damaged: its settings are not readable.")
    for kind in KINDS:
        rows = data.get(kind.key, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise BackupError(
                f"This backup is damaged: its list of {_plural(kind.label, 2)} is not readable."
            )
    return data


@dataclass
class RestoreSummary:
    """What a restore added (or, in a preview, would add)."""

    counts: dict[str, int] = field(default_factory=dict)  # kind key -> rows added
    kept: list[str] = field(default_factory=list)  # what the account already had and kept
    settings_applied: bool = False

    def lines(self) -> list[str]:
        return [
            f"{count} {_plural(KIND_BY_KEY[key].label, count)}"
            for key, count in self.counts.items()
            if count
        ]


def _plural(label: str, count: int) -> str:
    if count == 1:
        return label
    if label.endswith("y") and not label.endswith("ey"):
        return label[:-1] + "ies"
    return label + "s"


def account_is_empty(*, user: User) -> bool:
    """True when the account holds nothing a backup would carry (a new account)."""
    return not any(kind.model.objects.filter(user=user).exists() for kind in KINDS)


class _Restorer:
    def __init__(self, user: User, data: dict[str, Any]):
        self.user = user
        self.data = data
        self.new_ids: dict[str, dict[int, models.Model]] = {kind.key: {} for kind in KINDS}
        self.summary = RestoreSummary()
        self.times: dict[type[models.Model], list[tuple[models.Model, dict]]] = {}
        self.labels: dict[str, models.Model] = {}  # feelings or tags, by name in any case

    def fail(self, kind: Kind, number: int, message: str) -> None:
        raise BackupError(f"The {kind.label} number {number} in this backup {message}")

    def run(self) -> RestoreSummary:
        self.summary.settings_applied = account_is_empty(user=self.user)
        if self.summary.settings_applied:
            self.settings()
        for kind in KINDS:
            self.restore_kind(kind)
        self.second_pass()
        self.restore_times()
        self.refresh_applications()
        return self.summary

    def refresh_applications(self) -> None:
        """An application's status, status date and last activity are the tracker's to
        derive from its steps and interviews, not the file's to say: a backup whose
        status disagrees with its own history is put right, by the tracker's rule and in
        the person's time zone (what "today" and an interview's day mean to them)."""
        try:
            zone = zoneinfo.ZoneInfo(self.user.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = timezone.get_current_timezone()
        with timezone.override(zone):
            applications_refresh(applications=self.new_ids["applications"].values())

    def restore_kind(self, kind: Kind) -> None:
        """Check every row of one list, then write them together (a few queries, not
        a few per row: a long search restores in seconds)."""
        self.summary.counts[kind.key] = 0
        self.labels = (
            {o.name.casefold(): o for o in kind.model.objects.filter(user=self.user)}
            if kind.key in ("emotions", "tags")
            else {}
        )
        seen: set[int] = set()
        made: list[tuple[int, models.Model, dict]] = []
        for position, row in enumerate(self.data.get(kind.key, []), start=1):
            found = self.build_row(kind, position, row, seen)
            if found is not None:
                made.append(found)
        try:
            with transaction.atomic():
                kind.model.objects.bulk_create([obj for _, obj, _ in made], batch_size=BATCH)
        except IntegrityError:
            self.explain_clash(kind, made)
            raise
        for number, obj, _ in made:
            self.new_ids[kind.key][number] = obj
        for name, target in kind.many.items():
            field_of = kind.model._meta.get_field(name)
            through = field_of.remote_field.through
            source = field_of.m2m_field_name()
            other = field_of.m2m_reverse_field_name()
            links = []
            for number, obj, row in made:
                refs = row.get(name, [])
                if not isinstance(refs, list):
                    self.fail(kind, number, f"is damaged: {_called(name)} are not a list.")
                targets = {self.linked(kind, number, name, target, ref).pk for ref in refs}
                links += [through(**{f"{source}_id": obj.pk, f"{other}_id": pk}) for pk in targets]
            through.objects.bulk_create(links, batch_size=BATCH)
        self.summary.counts[kind.key] = len(made)

    def settings(self) -> None:
        """The account's own fields and the tracker's preferences, each checked by its
        model's rules (full_clean) before anything is saved: a value the settings page
        would refuse is refused here too, naming the setting."""
        values = self.data.get("settings", {})
        for name in USER_SETTINGS:
            if name in values:
                if not isinstance(values[name], str):
                    raise BackupError(_settings_damaged(name, "is not readable"))
                setattr(self.user, name, values[name])
        preferences = TrackerPreferences.objects.filter(
            user=self.user
        ).first() or TrackerPreferences(user=self.user)
        given = False
        for model_field in plain_fields(TrackerPreferences):
            if model_field.name in values:
                value = values[model_field.name]
                if not _readable(model_field, value):
                    raise BackupError(_settings_damaged(model_field.name, "is not readable"))
                setattr(preferences, model_field.attname, value)
                given = True
        for instance, exclude in ((self.user, ["password", "username"]), (preferences, ["user"])):
            try:
                instance.full_clean(exclude=exclude)
            except ValidationError as error:
                raise BackupError(
                    "The settings in this backup do not pass our checks: "
                    f"{_say(error, lambda name: f'the setting {name}')}."
                ) from None
        self.user.save(update_fields=list(USER_SETTINGS))
        if given:
            preferences.save()

    def explain_clash(self, kind: Kind, made: list[tuple[int, models.Model, dict]]) -> None:
        """The database refused a row: find which, and say which rule it breaks."""
        for number, obj, _ in made:
            obj.pk = None
            for constraint in kind.model._meta.constraints:
                try:
                    constraint.validate(kind.model, obj)
                except ValidationError as error:
                    self.fail(kind, number, f"does not pass our checks: {_say(error)}.")

    def build_row(
        self, kind: Kind, position: int, row: dict[str, Any], seen: set[int]
    ) -> tuple[int, models.Model, dict] | None:
        """The row as an unsaved, checked model instance (None when an existing row
        of the account stands in for it)."""
        number = row.get("id")
        if not isinstance(number, int) or isinstance(number, bool):
            self.fail(kind, position, "has no id number.")
        if number in seen:
            self.fail(kind, number, "appears twice.")
        seen.add(number)
        fields = {f.name: f for f in plain_fields(kind.model)}
        allowed = {"id", *fields, *kind.links, *kind.many}
        unknown = set(row) - allowed
        if unknown:
            self.fail(
                kind,
                number,
                f"has something this app does not know: {', '.join(sorted(unknown))[:200]}.",
            )
        obj = kind.model(user=self.user)
        times = {}
        for name, model_field in fields.items():
            if name not in row:
                continue
            value = row[name]
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                times[name] = self.value(kind, number, model_field, value)
                continue
            setattr(obj, model_field.attname, self.value(kind, number, model_field, value))
        if kind.key in ("emotions", "tags") and self.reuse_label(kind, number, obj):
            return None
        if kind.key == "weekly_goals" and self.keep_existing(
            kind, number, obj, WeeklyGoal.objects.filter(user=self.user, week_start=obj.week_start)
        ):
            return None
        if (
            kind.key == "feedback_templates"
            and obj.builtin
            and self.keep_existing(
                kind,
                number,
                obj,
                FeedbackTemplate.objects.filter(user=self.user, builtin=obj.builtin),
            )
        ):
            return None
        for name, target in kind.links.items():
            if name == "source_followup":
                continue  # set once every follow-up exists
            linked = self.linked(kind, number, name, target, row.get(name))
            if linked is None and not kind.model._meta.get_field(name).null:
                self.fail(kind, number, f"is damaged: {_called(name)} is missing.")
            setattr(obj, name, linked)
        if kind.data_links:
            # What a form post gives: text, or lists of text (ticked boxes).
            if not isinstance(obj.data, dict) or not all(
                isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v))
                for v in obj.data.values()
            ):
                self.fail(kind, number, "is damaged: what was typed is not readable.")
            obj.data = {k: v for k, v in obj.data.items() if k not in kind.data_links}
            for name in kind.data_links:
                linked = getattr(obj, name)
                if linked is not None:
                    obj.data[name] = str(linked.pk)
        try:
            # The links are to rows made (and checked) just before. The table rules
            # (constraints) are checked by the database as the rows go in: asking
            # for each row first took most of a restore's time.
            obj.full_clean(
                exclude=[f.name for f in kind.model._meta.concrete_fields if f.is_relation],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            self.fail(kind, number, f"does not pass our checks: {_say(error)}.")
        if times:
            self.times.setdefault(kind.model, []).append((obj, times))
        return number, obj, row

    def value(self, kind: Kind, number: int, model_field: models.Field, value: Any) -> Any:
        if value is None:
            if not model_field.null:
                self.fail(kind, number, f"is damaged: {_called(model_field.name)} is missing.")
            return None
        if isinstance(model_field, models.JSONField):
            return value
        if not _readable(model_field, value):
            self.fail(kind, number, f"is damaged: {_called(model_field.name)} is not readable.")
        try:
            converted = model_field.to_python(value)
        except ValidationError:
            self.fail(kind, number, f"is damaged: {_called(model_field.name)} is not readable.")
        # Django checks choices only for fields a form can edit; derived ones
        # (an application's status, a request's state) are checked here.
        if not model_field.editable and not model_field.blank and converted in ("", None):
            self.fail(kind, number, f"is damaged: {_called(model_field.name)} is missing.")
        if (
            model_field.choices
            and converted not in model_field.empty_values
            and converted not in {choice for choice, _ in model_field.flatchoices}
        ):
            self.fail(
                kind,
                number,
                f"does not pass our checks: {_called(model_field.name)} {converted!r} "
                "is not one of ours.",
            )
        if isinstance(converted, dt.datetime) and timezone.is_naive(converted):
            converted = timezone.make_aware(converted, dt.UTC)
        return converted

    def linked(self, kind: Kind, number: int, name: str, target: str, ref: Any):
        if ref is None:
            return None
        found = self.new_ids[target].get(ref) if isinstance(ref, int) else None
        if found is None:
            what = KIND_BY_KEY[target].label
            self.fail(kind, number, f"links to {what} {ref!r}, which is not in the file.")
        return found

    def reuse_label(self, kind: Kind, number: int, obj) -> bool:
        """Feelings and tags are one per name, whatever its case: an account's own
        (or the file's first spelling) stands for every row of that name."""
        existing = self.labels.get(obj.name.casefold()) if isinstance(obj.name, str) else None
        if existing is None:
            self.labels[obj.name.casefold()] = obj
            return False
        self.new_ids[kind.key][number] = existing
        return True

    def keep_existing(self, kind: Kind, number: int, obj, existing) -> bool:
        found = existing.first()
        if found is None:
            return False
        self.new_ids[kind.key][number] = found
        self.summary.kept.append(f"{kind.label}: {found}")
        return True

    def second_pass(self) -> None:
        kind = KIND_BY_KEY["followups"]
        for row in self.data.get("followups", []):
            ref = row.get("source_followup")
            if ref is None:
                continue
            if ref == row["id"]:
                self.fail(kind, ref, "is damaged: it says it came from itself.")
            followup = self.new_ids["followups"][row["id"]]
            followup.source_followup = self.linked(
                kind, row["id"], "source_followup", "followups", ref
            )
            followup.save(update_fields=["source_followup"])

    def restore_times(self) -> None:
        """Put back when rows were made and changed (inserting stamped them with now).

        One plain UPDATE per row, run by the driver in a loop: bulk_update's
        CASE expressions took most of a restore's time."""
        with connection.cursor() as cursor:
            for model, pairs in self.times.items():
                by_names: dict[tuple[str, ...], list] = {}
                for obj, times in pairs:
                    names = tuple(sorted(times))
                    values = [
                        model._meta.get_field(name).get_db_prep_value(times[name], connection)
                        for name in names
                    ]
                    by_names.setdefault(names, []).append([*values, obj.pk])
                for names, rows in by_names.items():
                    columns = ", ".join(
                        f"{connection.ops.quote_name(model._meta.get_field(n).column)} = %s"
                        for n in names
                    )
                    table = connection.ops.quote_name(model._meta.db_table)
                    pk = connection.ops.quote_name(model._meta.pk.column)
                    cursor.executemany(f"UPDATE {table} SET {columns} WHERE {pk} = %s", rows)
                for obj, times in pairs:  # the rows in hand say what the database holds
                    for name, value in times.items():
                        setattr(obj, name, value)


def _readable(model_field: models.Field, value: Any) -> bool:
    """Is the value of the JSON type this field is written as?"""
    if isinstance(model_field, models.JSONField):
        return True
    if isinstance(model_field, models.BooleanField):
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if isinstance(model_field, models.IntegerField):
        return isinstance(value, int)
    return isinstance(value, str)


# Django's words for a table rule that has no message of its own.
_STOCK_CONSTRAINT = re.compile(r"Constraint “(.+)” is violated")


def _called(name: str) -> str:
    """A field as the file names it, in words: "salary_min" is "the salary min"."""
    return "the " + name.replace("_", " ")


def _settings_damaged(name: str, problem: str) -> str:
    return f"The settings in this backup are damaged: the setting {name} {problem}."


def _say(error: ValidationError, called=_called) -> str:
    """Django's validation errors in our own words ("the company is longer than 200
    characters"), not its stock English; `called` names a field for the sentence.
    Messages our own models raise (a clean() method) are already ours and pass as they are."""
    if hasattr(error, "error_dict"):
        items = list(error.error_dict.items())
    else:
        items = [("__all__", error.error_list)]
    reasons: list[str] = []
    for name, errors in items:
        what = "it" if name == "__all__" else called(name)
        for one in errors:
            reasons.append(_reason(what, one))
    return "; ".join(dict.fromkeys(reasons))[:400]


def _reason(what: str, error: ValidationError) -> str:
    params = error.params or {}
    limit = params.get("limit_value")
    code = error.code
    if code in ("max_length", "min_length") and isinstance(limit, int):
        longer = "longer" if code == "max_length" else "shorter"
        return f"{what} is {longer} than {limit} characters"
    if code in ("max_value", "min_value") and isinstance(limit, int | float):
        if abs(limit) > 1_000_000:  # the database's own bounds: the number means nothing
            return f"{what} is far too {'large' if code == 'max_value' else 'small'}"
        return f"{what} is {'more' if code == 'max_value' else 'less'} than {limit}"
    if code in ("blank", "null", "required"):
        return f"{what} is missing"
    if code == "invalid_choice":
        return f"{what} is not one of ours"
    if code in ("invalid_date", "invalid_datetime", "invalid_time"):
        return f"{what} is not readable"
    if code == "invalid":
        return f"{what} is not valid"
    if code in ("unique", "unique_together"):
        return "it repeats one that is already here"
    text = " ".join(error.messages).rstrip(".")
    broken = _STOCK_CONSTRAINT.fullmatch(text)
    if broken:  # a rule without a message of its own: its name says it in words
        return f"it breaks one of our rules ({broken[1].replace('_', ' ')})"
    return text if what == "it" else f"{what}: {text}"


def backup_restore(*, user: User, data: dict[str, Any], dry_run: bool = False) -> RestoreSummary:
    """Add everything in a parsed backup to `user`'s account, in one transaction.

    Into an empty account the settings come back too; into one in use, rows are
    added beside what is there (feelings and tags with the same name are shared,
    and a week's goal or an edited template the account already has is kept).
    Any problem raises BackupError and writes nothing. `dry_run` does it all and
    rolls back: the preview's counts are the real restore's."""
    try:
        with transaction.atomic():
            summary = _Restorer(user, data).run()
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError:
        raise BackupError(
            "This backup does not fit together: two of its rows claim the same place."
        ) from None
    except (TypeError, ValueError, AttributeError, FieldDoesNotExist, OverflowError):
        raise BackupError("This backup is damaged in a way we cannot read.") from None
    user.refresh_from_db()
    return summary


def likely_duplicates(*, user: User, data: dict[str, Any]) -> list[str]:
    """Applications in the file that look like ones the account has (same company and role)."""
    have = {
        (company.casefold(), role.casefold())
        for company, role in Application.objects.filter(user=user).values_list("company", "role")
    }
    found = []
    for row in data.get("applications", []):
        company, role = row.get("company"), row.get("role")
        if (
            isinstance(company, str)
            and isinstance(role, str)
            and (company.casefold(), role.casefold()) in have
        ):
            found.append(f"{role} at {company}")
    return found
