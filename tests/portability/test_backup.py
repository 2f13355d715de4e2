"""The full backup: every user-owned row travels, and comes back as it was."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobsearch.portability import backup
from jobsearch.portability.backup import BackupError, backup_build, backup_parse, backup_restore
from journal.models import Draft, Tag
from tests.jobsearch.factories import UserFactory
from tests.journal.factories import DraftFactory
from tests.tracker.factories import (
    ApplicationFactory,
    FollowUpFactory,
    StatusEventFactory,
    WeeklyGoalFactory,
)
from tracker.models import Application, FollowUp, StatusEvent, TrackerPreferences, WeeklyGoal

pytestmark = pytest.mark.django_db


def _comparable(data: dict) -> dict:
    """A backup without what differs between two accounts: who, and when it was made."""
    return {k: v for k, v in data.items() if k not in ("exported_at", "account")}


def _owned_rows(user) -> int:
    return sum(kind.model.objects.filter(user=user).count() for kind in backup.KINDS)


def test_every_model_with_an_owner_is_in_the_backup():
    in_backup = {kind.model for kind in backup.KINDS}
    for model in apps.get_models():
        label = model._meta.label
        owned = any(
            f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label == "jobsearch.User"
            for f in model._meta.concrete_fields
        )
        if not owned or model._meta.app_label not in ("jobsearch", "tracker", "journal"):
            continue
        assert model in in_backup or label in backup.NOT_BACKED_UP | backup.SETTINGS_MODELS, (
            f"{label} belongs to a person but is not in the backup (portability/backup.py)"
        )


def test_every_field_of_every_row_is_written(full_owner):
    data = backup_build(user=full_owner)
    assert set(data["settings"]) == {
        *backup.USER_SETTINGS,
        *(f.name for f in backup.plain_fields(TrackerPreferences)),
    }
    for kind in backup.KINDS:
        model_fields = {
            f.name
            for f in [*kind.model._meta.concrete_fields, *kind.model._meta.many_to_many]
            if not f.primary_key and f.name != "user"
        } - backup.SKIPPED_FIELDS.get(kind.model, set())
        assert data[kind.key], f"the test data has no {kind.key}"
        for row in data[kind.key]:
            assert set(row) == {"id", *model_fields}, kind.key


def test_a_backup_restores_into_a_new_account_with_nothing_missing(full_owner):
    first = backup_build(user=full_owner)
    newcomer = UserFactory(time_zone="Asia/Tokyo", first_name="")
    backup_restore(user=newcomer, data=backup_parse(json.dumps(first)))
    again = backup_build(user=newcomer)
    assert _comparable(again) == _comparable(first)
    assert again["account"]["username"] == newcomer.username
    newcomer.refresh_from_db()
    assert newcomer.time_zone == full_owner.time_zone
    assert newcomer.first_name == "Alex" or newcomer.first_name == full_owner.first_name
    assert _owned_rows(newcomer) == _owned_rows(full_owner)


def test_restoring_keeps_statuses_and_suggests_nothing_new(full_owner):
    data = backup_build(user=full_owner)
    newcomer = UserFactory()
    backup_restore(user=newcomer, data=data)
    assert FollowUp.objects.filter(user=newcomer).count() == len(data["followups"])
    statuses = sorted(Application.objects.filter(user=full_owner).values_list("status", "company"))
    assert sorted(Application.objects.filter(user=newcomer).values_list("status", "company")) == (
        statuses
    )


def test_a_draft_points_at_the_new_rows(owner):
    application = ApplicationFactory(user=owner)
    event = application.events.get()
    DraftFactory(
        user=owner,
        application=application,
        status_event=event,
        data={
            "what_happened": "A no.",
            "application": str(application.pk),
            "status_event": str(event.pk),
        },
    )
    newcomer = UserFactory()
    backup_restore(user=newcomer, data=backup_build(user=owner))
    draft = Draft.objects.get(user=newcomer)
    assert draft.application.user == newcomer
    assert draft.data == {
        "what_happened": "A no.",
        "application": str(draft.application.pk),
        "status_event": str(draft.status_event.pk),
    }


def test_merging_adds_beside_what_is_there_and_keeps_the_accounts_own(owner, stranger):
    ApplicationFactory(user=stranger, company="Acme", role="Analyst")
    goal = WeeklyGoalFactory(user=stranger, target=9)
    Tag.objects.create(user=stranger, name="remote")
    stranger.time_zone = "America/New_York"
    stranger.save()
    ApplicationFactory(user=owner, company="Acme", role="Analyst")
    WeeklyGoalFactory(user=owner, week_start=goal.week_start, target=3)
    Tag.objects.create(user=owner, name="Remote")
    summary = backup_restore(user=stranger, data=backup_build(user=owner))
    assert summary.counts["applications"] == 1
    assert not summary.settings_applied
    assert Application.objects.filter(user=stranger, company="Acme").count() == 2
    assert WeeklyGoal.objects.get(user=stranger).target == 9
    assert Tag.objects.filter(user=stranger).count() == 1
    assert summary.kept == [f"weekly goal: {goal}"]
    stranger.refresh_from_db()
    assert stranger.time_zone == "America/New_York"


def test_a_dry_run_writes_nothing_and_leaves_the_file_as_it_was(full_owner):
    newcomer = UserFactory()
    data = backup_build(user=full_owner)
    before = json.dumps(data)
    summary = backup_restore(user=newcomer, data=data, dry_run=True)
    assert summary.counts["applications"] == Application.objects.filter(user=full_owner).count()
    assert _owned_rows(newcomer) == 0
    assert json.dumps(data) == before


# --- refusals: a plain message and nothing written -------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00junk", "not text"),
        (b"[1, 2", "cut short"),
        (b'{"format": "jobsearch-backup", "version": 1, "applications": [{"id": 1,', "cut short"),
        (b"company,role\nAcme,Analyst\n", "cut short"),
        (b'{"hello": "world"}', "not a backup from this app"),
        (b'{"format": "jobsearch-backup"}', "which format"),
        (b'{"format": "jobsearch-backup", "version": "1"}', "which format"),
        (b'{"format": "jobsearch-backup", "version": 2}', "newer version"),
        (b'{"format": "jobsearch-backup", "version": 1, "photos": []}', "does not know"),
        (b'{"format": "jobsearch-backup", "version": 1, "applications": {}}', "not readable"),
        (b'{"format": "jobsearch-backup", "version": 1, "settings": []}', "not readable"),
        (b"[" * 100_000, "cut short"),
    ],
)
def test_a_file_we_cannot_use_is_refused_plainly(content, message):
    with pytest.raises(BackupError, match=message):
        backup_parse(content)


def _file(**lists) -> dict:
    return {"format": "jobsearch-backup", "version": 1, **lists}


APPLICATION = {"id": 1, "company": "Acme", "role": "Analyst", "status": "applied"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_file(applications=[{**APPLICATION, "applied_on": "2026-02-30"}]), "applied on"),
        (_file(applications=[{**APPLICATION, "salary_min": 9, "salary_max": 1}]), "salary"),
        (_file(applications=[{**APPLICATION, "salary_min": "lots"}]), "salary min"),
        (_file(applications=[{**APPLICATION, "status": "won"}]), "status"),
        (_file(applications=[{**APPLICATION, "company": ""}]), "company"),
        (_file(applications=[{**APPLICATION, "status": ""}]), "status is missing"),
        (_file(applications=[{**APPLICATION, "role": None}]), "role is missing"),
        (
            _file(
                applications=[{**APPLICATION, "notes": "x" * 10}],
                weekly_goals=[{"id": 1, "week_start": "2026-01-05", "target": 999}],
            ),
            "target",
        ),
        (_file(applications=[{**APPLICATION, "mood": 3}]), "does not know"),
        (_file(applications=[{**APPLICATION, "id": "one"}]), "no id"),
        (_file(applications=[APPLICATION, APPLICATION]), "twice"),
        (_file(applications=[{**APPLICATION, "contacts": [7]}]), "not in the file"),
        (_file(applications=[{**APPLICATION, "contacts": 7}]), "not a list"),
        (_file(status_steps=[{"id": 1, "application": 3, "status": "applied"}]), "not in the file"),
        (
            _file(status_steps=[{"id": 1, "status": "applied", "happened_on": "2026-01-01"}]),
            "application is missing",
        ),
        (_file(tags=[{"id": 1, "name": "x" * 41}]), "name"),
        (
            _file(
                applications=[{**APPLICATION, "contacts": [1, 2]}],
                contacts=[{"id": 1, "name": "Ana"}],
            ),
            "not in the file",
        ),
        (_file(journal_entries=[{"id": 1, "kind": "check_in", "on": "2026-01-01"}]), "mood"),
        (_file(drafts=[{"id": 1, "data": [1, 2]}]), "not readable"),
        (_file(drafts=[{"id": 1, "data": {"mood": {"deep": 1}}}]), "not readable"),
        (_file(drafts=[{"id": 1, "data": {"emotions": ["sad", 3]}}]), "not readable"),
        (_file(settings={"time_zone": "Mars/Olympus"}), "time_zone"),
        (_file(settings={"suggest_followups": "yes"}), "damaged"),
    ],
)
def test_a_file_that_fails_our_checks_writes_nothing(owner, data, message):
    # A good application first, so a failure further on has something to roll back.
    good = {**APPLICATION, "id": 99, "company": "Written first"}
    if "applications" in data:
        data["applications"].insert(0, good)
    with pytest.raises(BackupError, match=message):
        backup_restore(user=owner, data=backup_parse(json.dumps(data)))
    assert _owned_rows(owner) == 0
    owner.refresh_from_db()
    assert owner.time_zone != "Mars/Olympus"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"quiet_after_applied": 1_000_000_000},
            "the setting quiet_after_applied is more than 365",
        ),
        ({"quiet_after_screening": 400}, "the setting quiet_after_screening is more than 365"),
        ({"quiet_after_applied": 0}, "the setting quiet_after_applied is less than 1"),
        ({"quiet_after_interview": -1}, "the setting quiet_after_interview is less than"),
        ({"week_starts_on": 9}, "the setting week_starts_on is not one of ours"),
        ({"time_zone": "Not/A_Zone"}, "the setting time_zone"),
        ({"time_zone": 7}, "the setting time_zone is not readable"),
        ({"first_name": "x" * 151}, "the setting first_name is longer than 150 characters"),
    ],
)
def test_settings_a_settings_page_would_refuse_are_refused_and_nothing_is_written(
    owner, settings, message
):
    data = _file(settings=settings, applications=[APPLICATION])
    with pytest.raises(BackupError, match=message) as refused:
        backup_restore(user=owner, data=backup_parse(json.dumps(data)))
    assert str(refused.value).startswith("The settings in this backup ")
    assert "Ensure" not in str(refused.value)
    assert _owned_rows(owner) == 0
    assert not TrackerPreferences.objects.filter(user=owner).exists()
    owner.refresh_from_db()
    assert owner.time_zone != "Not/A_Zone"
    assert owner.first_name != "x" * 151


def test_valid_settings_are_restored(owner, client):
    data = _file(
        settings={
            "time_zone": "Asia/Tokyo",
            "quiet_after_applied": 30,
            "quiet_after_screening": 1,
            "quiet_after_interview": 365,
            "week_starts_on": 6,
        }
    )
    summary = backup_restore(user=owner, data=backup_parse(json.dumps(data)))
    assert summary.settings_applied
    preferences = TrackerPreferences.objects.get(user=owner)
    assert (preferences.quiet_after_applied, preferences.quiet_after_interview) == (30, 365)
    assert preferences.week_starts_on == 6
    assert owner.time_zone == "Asia/Tokyo"
    client.force_login(owner)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {**APPLICATION, "company": "x" * 5000},
            "The application number 1 in this backup does not pass our checks: "
            "the company is longer than 200 characters.",
        ),
        ({**APPLICATION, "salary_min": 2**63}, "the salary min is far too large."),
        ({**APPLICATION, "status": "won"}, "the status 'won' is not one of ours."),
    ],
)
def test_a_refusal_says_what_is_wrong_in_our_own_words(owner, row, message):
    with pytest.raises(BackupError) as refused:
        backup_restore(user=owner, data=_file(applications=[row]))
    assert message in str(refused.value)
    for stock in ("Ensure this value", "9223372036854775807", "—"):
        assert stock not in str(refused.value)


def test_a_broken_table_rule_is_named_in_words(owner):
    day = timezone.localdate().isoformat()
    entry = {"id": 1, "kind": "note", "on": day, "body": "Hi", "mood_after": 5}
    data = _file(journal_entries=[entry])
    with pytest.raises(BackupError) as refused:
        backup_restore(user=owner, data=data)
    assert str(refused.value) == (
        "The journal entry number 1 in this backup does not pass our checks: it breaks one "
        "of our rules (entry mood after only on reflections)."
    )


def test_a_link_to_a_missing_row_reads_plainly(owner):
    data = _file(status_steps=[{"id": 1, "application": 3, "status": "applied"}])
    with pytest.raises(BackupError) as refused:
        backup_restore(user=owner, data=data)
    assert str(refused.value) == (
        "The status step number 1 in this backup links to application 3, which is not in the file."
    )


def test_an_applications_status_comes_from_its_steps_not_from_the_file(owner):
    applied = timezone.localdate() - dt.timedelta(days=10)
    screened = applied + dt.timedelta(days=3)
    claims = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    data = _file(
        applications=[
            {
                **APPLICATION,
                "status": "offer",
                "status_changed_on": claims,
                "last_activity_on": claims,
                "applied_on": applied.isoformat(),
            },
            {**APPLICATION, "id": 2, "status": "saved", "applied_on": None},
        ],
        status_steps=[
            {"id": 1, "application": 1, "status": "applied", "happened_on": applied.isoformat()},
            {"id": 2, "application": 1, "status": "screening", "happened_on": screened.isoformat()},
        ],
    )
    backup_restore(user=owner, data=data)
    first, second = Application.objects.filter(user=owner).order_by("pk")
    assert (first.status, first.status_changed_on, first.last_activity_on) == (
        "screening",
        screened,
        screened,
    )
    assert (second.status, second.status_changed_on) == ("saved", None)


def test_a_follow_up_that_says_it_came_from_itself_is_refused(owner):
    data = backup_build(user=owner)
    due = timezone.localdate().isoformat()
    data["followups"] = [
        {"id": 1, "title": "Write to Ana", "due_on": due},
        {"id": 2, "title": "Write again", "due_on": due, "source_followup": 2},
    ]
    with pytest.raises(BackupError) as refused:
        backup_restore(user=owner, data=data)
    assert str(refused.value) == (
        "The follow-up number 2 in this backup is damaged: it says it came from itself."
    )
    assert _owned_rows(owner) == 0


def test_a_step_on_another_application_is_refused_in_a_journal_entry(owner):
    a, b = ApplicationFactory(user=owner), ApplicationFactory(user=owner)
    data = backup_build(user=owner)
    data["journal_entries"] = [
        {
            "id": 1,
            "kind": "note",
            "on": timezone.localdate().isoformat(),
            "title": "Mixed up",
            "application": 1,
            "status_event": 2,
        }
    ]
    newcomer = UserFactory()
    with pytest.raises(BackupError, match="another application"):
        backup_restore(user=newcomer, data=data)
    assert _owned_rows(newcomer) == 0
    assert a.pk and b.pk


def test_the_format_and_version_are_written(owner):
    StatusEventFactory(application=ApplicationFactory(user=owner), status="rejected")
    data = json.loads(backup.backup_json(user=owner))
    assert data["format"] == "jobsearch-backup"
    assert data["version"] == 1
    assert data["status_steps"][-1]["application"] == 1
    assert StatusEvent.objects.filter(user=owner).count() == len(data["status_steps"])


# Whatever a file holds, a restore either works or says plainly why not: never an error page.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture
def small_backup(owner) -> dict:
    from tests.routes import _entry, _feedback

    _feedback(owner, "replied")
    _entry(owner)
    FollowUpFactory(user=owner, application=ApplicationFactory(user=owner))
    WeeklyGoalFactory(user=owner)
    DraftFactory(user=owner)
    return backup_build(user=owner)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), value=json_values)
def test_any_change_to_a_file_restores_or_is_refused_plainly(small_backup, stranger, data, value):
    changed = copy.deepcopy(small_backup)
    key = data.draw(st.sampled_from([k for k, v in changed.items() if isinstance(v, list) and v]))
    row = changed[key][0]
    name = data.draw(st.sampled_from([*row, "settings", "extra"]))
    if name == "settings":
        changed["settings"][data.draw(st.sampled_from(sorted(changed["settings"])))] = value
    else:
        row[name] = value
    try:
        backup_restore(user=stranger, data=changed, dry_run=True)
    except BackupError as error:
        assert str(error)
    assert _owned_rows(stranger) == 0
