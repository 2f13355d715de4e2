from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from journal import selectors, services
from journal.models import Draft, Emotion, Entry, SkillGoal, Tag
from tests.journal.factories import DraftFactory, EntryFactory, SkillGoalFactory
from tests.tracker.factories import ApplicationFactory, StatusEventFactory
from tracker import services as tracker_services
from tracker.feedback import services as feedback_services
from tracker.models import FollowUp, RejectionStage, Status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 11)


@pytest.fixture
def rejection(owner):
    application = ApplicationFactory(user=owner, company="Acme", role="Data analyst")
    return StatusEventFactory(
        application=application,
        status=Status.REJECTED,
        rejection_stage=RejectionStage.TECHNICAL,
    )


def reflect(owner, **fields):
    return services.reflection_create(user=owner, today=TODAY, on=TODAY, **fields)


# --- reflections ---------------------------------------------------------------------


def test_a_reflection_keeps_every_answer(owner, rejection):
    entry = reflect(
        owner,
        application=rejection.application,
        status_event=rejection,
        body="A short email after the technical round.",
        mood=3,
        emotions=["disappointed", "Overlooked"],
        intensity="high",
        automatic_thought="I'm never going to get hired.",
        thinking_traps=["overgeneralising", "fortune_telling"],
        reframe="It was one role; I reached the last round.",
        outside_factors=["internal_candidate"],
        outside_other="They reorganised the team.",
        went_well="The system design part.",
        do_differently="Ask more about the team.",
        fit="not_sure",
        fit_why="Lots of on-call.",
        mood_after=5,
        tags=["backend", "Go"],
    )
    entry.refresh_from_db()
    assert entry.kind == Entry.Kind.REFLECTION
    assert entry.status_event == rejection
    assert entry.thinking_traps == ["overgeneralising", "fortune_telling"]
    assert [trap for trap, _ in entry.trap_details] == ["Overgeneralising", "Fortune telling"]
    assert entry.factor_labels == ["They chose someone from inside"]
    assert sorted(e.name for e in entry.emotions.all()) == ["Overlooked", "disappointed"]
    assert sorted(t.name for t in entry.tags.all()) == ["Go", "backend"]


def test_the_mood_change_is_the_end_minus_the_start(owner):
    assert reflect(owner, mood=3, mood_after=6).mood_change == 3
    assert reflect(owner, mood=7, mood_after=5).mood_change == -2
    assert reflect(owner, mood=7, mood_after=5).mood_drop == 2
    assert reflect(owner, mood=4).mood_change is None


def test_each_next_step_becomes_a_follow_up_or_a_skill_goal(owner, rejection):
    entry = reflect(
        owner,
        application=rejection.application,
        next_feedback=True,
        next_skill="  SQL   window functions ",
        next_reach_out="Sam from the meetup",
        next_break=True,
    )
    followups = {f.kind: f for f in entry.followups.all()}
    assert set(followups) == {
        FollowUp.Kind.FEEDBACK_REQUEST,
        FollowUp.Kind.KEEP_IN_TOUCH,
        FollowUp.Kind.OTHER,
    }
    feedback = followups[FollowUp.Kind.FEEDBACK_REQUEST]
    assert (feedback.title, feedback.due_on, feedback.application) == (
        "Ask Acme for feedback",
        TODAY + timedelta(days=2),
        rejection.application,
    )
    reach_out = followups[FollowUp.Kind.KEEP_IN_TOUCH]
    assert (reach_out.title, reach_out.due_on) == (
        "Reach out to Sam from the meetup",
        TODAY + timedelta(days=3),
    )
    rest = followups[FollowUp.Kind.OTHER]
    assert rest.due_on == TODAY and "break" in rest.title
    goal = SkillGoal.objects.get(user=owner)
    assert goal.title == "SQL window functions"
    assert goal.source_entry == entry
    assert goal.status == SkillGoal.Status.PLANNED
    assert "Data analyst at Acme" in goal.why
    assert all(f.user == owner for f in followups.values())


def test_nothing_is_created_when_no_next_step_is_ticked(owner, rejection):
    before = FollowUp.objects.count()
    reflect(owner, application=rejection.application)
    assert FollowUp.objects.count() == before
    assert not SkillGoal.objects.exists()


def test_asking_for_feedback_reuses_the_reminder_the_tracker_already_suggested(owner):
    application = tracker_services.application_create(user=owner, company="Acme", role="QA")
    change = tracker_services.application_set_status(
        application=application, status=Status.REJECTED
    )
    suggested = next(f for f in change.suggested if f.kind == FollowUp.Kind.FEEDBACK_REQUEST)
    entry = reflect(owner, application=application, next_feedback=True)
    assert list(entry.followups.all()) == [suggested]
    assert (
        FollowUp.objects.filter(
            application=application, kind=FollowUp.Kind.FEEDBACK_REQUEST
        ).count()
        == 1
    )


def test_asking_for_feedback_already_sent_adds_no_reminder(owner):
    application = tracker_services.application_create(user=owner, company="Acme", role="QA")
    tracker_services.application_set_status(application=application, status=Status.REJECTED)
    feedback = feedback_services.feedback_request_create(user=owner, application=application)
    feedback_services.feedback_request_mark_sent(feedback=feedback)
    entry = reflect(owner, application=application, next_feedback=True)
    assert entry.next_feedback
    assert not entry.followups.exists()
    assert not FollowUp.objects.filter(
        application=application, kind=FollowUp.Kind.FEEDBACK_REQUEST, done_at__isnull=True
    ).exists()


def test_asking_for_feedback_needs_an_application_and_then_saves_nothing(owner):
    with pytest.raises(ValidationError) as raised:
        reflect(owner, next_feedback=True, next_skill="Go")
    assert "next_feedback" in raised.value.error_dict
    assert not Entry.objects.exists() and not SkillGoal.objects.exists()


def test_finishing_a_draft_retires_it(owner):
    draft = DraftFactory(user=owner)
    reflect(owner, draft=draft, body="Done now.")
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_someone_elses_application_or_draft_is_refused(owner, stranger):
    theirs = ApplicationFactory(user=stranger)
    with pytest.raises(ValidationError):
        reflect(owner, application=theirs)
    with pytest.raises(ValidationError):
        reflect(owner, draft=DraftFactory(user=stranger))
    with pytest.raises(ValidationError):
        services.entry_create(user=owner, kind=Entry.Kind.WIN, title="x", application=theirs)
    assert not Entry.objects.exists()


def test_a_mood_outside_one_to_ten_is_refused(owner):
    with pytest.raises(ValidationError):
        reflect(owner, mood=11)
    with pytest.raises(ValidationError):
        services.mood_log(user=owner, mood=0)
    # The database holds the line too, for writes that skip validation.
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(user=owner, kind=Entry.Kind.CHECK_IN, on=TODAY, mood=12)


# --- drafts -----------------------------------------------------------------------------


def test_a_draft_keeps_exactly_what_was_typed_even_if_not_valid_yet(owner):
    data = {"what_happened": "They said no  \n\nagain.", "mood": "eleven", "emotions": ["sad"]}
    draft = services.draft_save(user=owner, data=data, step=2)
    draft.refresh_from_db()
    assert draft.data == data
    assert draft.step == 2


def test_saving_again_updates_the_same_draft(owner):
    draft = services.draft_save(user=owner, data={"what_happened": "a"}, step=1)
    again = services.draft_save(user=owner, data={"what_happened": "ab"}, step=3, draft=draft)
    assert again.pk == draft.pk
    assert Draft.objects.get().data == {"what_happened": "ab"}
    assert Draft.objects.get().step == 3


def test_a_draft_links_only_the_persons_own_application_and_its_step(owner, stranger, rejection):
    mine = services.draft_save(
        user=owner,
        data={"application": str(rejection.application.pk), "status_event": str(rejection.pk)},
        step=1,
    )
    assert (mine.application, mine.status_event) == (rejection.application, rejection)
    other = StatusEventFactory(status=Status.REJECTED)
    mismatched = services.draft_save(
        user=owner,
        data={"application": str(rejection.application.pk), "status_event": str(other.pk)},
        step=1,
    )
    # Another's step is never linked: the draft is about this application's latest rejection,
    # as any reflection about it is (journal.reflection).
    assert mismatched.status_event == rejection
    theirs = ApplicationFactory(user=stranger)
    foreign = services.draft_save(user=owner, data={"application": str(theirs.pk)}, step=1)
    assert foreign.application is None


def test_another_persons_draft_cannot_be_saved_over(owner, stranger):
    draft = DraftFactory(user=stranger)
    with pytest.raises(ValidationError):
        services.draft_save(user=owner, data={"what_happened": "mine"}, step=1, draft=draft)
    draft.refresh_from_db()
    assert draft.data == {"what_happened": "They wrote back with a no."}


# --- other entries ---------------------------------------------------------------------------


def test_one_tap_logs_a_check_in_with_just_a_mood(owner):
    entry = services.mood_log(user=owner, mood=6, on=TODAY)
    assert (entry.kind, entry.mood, entry.on, entry.body) == (Entry.Kind.CHECK_IN, 6, TODAY, "")


def test_a_check_in_needs_a_mood(owner):
    with pytest.raises(ValidationError):
        services.entry_create(user=owner, kind=Entry.Kind.CHECK_IN, body="no mood")


def test_a_win_needs_words_and_a_note_needs_some_text(owner):
    with pytest.raises(ValidationError) as raised:
        services.entry_create(user=owner, kind=Entry.Kind.WIN, title="  ")
    assert "title" in raised.value.error_dict
    with pytest.raises(ValidationError) as raised:
        services.entry_create(user=owner, kind=Entry.Kind.NOTE)
    assert "body" in raised.value.error_dict


def test_feelings_and_tags_are_shared_across_entries_ignoring_case(owner, stranger):
    first = services.entry_create(
        user=owner, kind=Entry.Kind.CHECK_IN, mood=4, emotions=["Overlooked"], tags=["Python"]
    )
    second = services.entry_create(
        user=owner, kind=Entry.Kind.NOTE, body="x", tags=["python", " python ", "SQL"]
    )
    assert Emotion.objects.filter(user=owner).count() == 1
    assert Tag.objects.filter(user=owner).count() == 2
    assert first.tags.get() == second.tags.get(name__iexact="python")
    # A feeling someone adds is offered back to them, and only to them.
    assert "Overlooked" in selectors.emotion_choices(user=owner)
    assert "Overlooked" not in selectors.emotion_choices(user=stranger)


def test_editing_replaces_feelings_and_tags(owner):
    entry = services.entry_create(
        user=owner, kind=Entry.Kind.CHECK_IN, mood=4, emotions=["sad"], tags=["a"]
    )
    services.entry_update(entry=entry, mood=7, emotions=["calm"], tags=[])
    entry.refresh_from_db()
    assert entry.mood == 7
    assert [e.name for e in entry.emotions.all()] == ["calm"]
    assert not entry.tags.exists()


def test_deleting_a_reflection_keeps_what_it_set_up(owner, rejection):
    entry = reflect(
        owner, application=rejection.application, next_break=True, next_skill="Interviewing"
    )
    services.entry_delete(entry=entry)
    assert FollowUp.objects.filter(user=owner, title__contains="break").exists()
    goal = SkillGoal.objects.get(user=owner)
    assert goal.source_entry is None


# --- skill goals -----------------------------------------------------------------------------


def test_marking_a_skill_goal_done_dates_it_and_reopening_clears_the_date(owner):
    goal = SkillGoalFactory(user=owner)
    services.skill_goal_set_status(goal=goal, status=SkillGoal.Status.DONE, today=TODAY)
    goal.refresh_from_db()
    assert goal.done_on == TODAY
    services.skill_goal_set_status(goal=goal, status=SkillGoal.Status.IN_PROGRESS)
    goal.refresh_from_db()
    assert goal.done_on is None


def test_a_skill_goal_cannot_point_at_someone_elses_entry(owner, stranger):
    with pytest.raises(ValidationError):
        services.skill_goal_create(user=owner, title="Go", source_entry=EntryFactory(user=stranger))


def test_a_draft_keeps_what_was_typed_but_an_invisible_nul(owner):
    draft = services.draft_save(
        user=owner, data={"what_happened": "Heard\x00 back", "emotions": ["sad\x00"]}, step=1
    )
    draft.refresh_from_db()
    assert draft.data == {"what_happened": "Heard back", "emotions": ["sad"]}


# --- every write is whole or not at all ------------------------------------------------------


def test_a_draft_save_that_fails_half_way_leaves_nothing_behind(owner, monkeypatch):
    draft = services.draft_save(user=owner, data={"what_happened": "Before"}, step=1)
    real_save = Draft.save

    def save_then_fail(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        raise RuntimeError("The disk filled up just after writing.")

    monkeypatch.setattr(Draft, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        services.draft_save(user=owner, data={"what_happened": "New"}, step=1)
    with pytest.raises(RuntimeError):
        services.draft_save(user=owner, data={"what_happened": "After"}, step=4, draft=draft)
    monkeypatch.undo()
    assert list(Draft.objects.values_list("data", "step")) == [({"what_happened": "Before"}, 1)]


def _is_atomic(function) -> bool:
    """Wrapped by @transaction.atomic (a ContextDecorator keeps its Atomic in the closure)."""
    return any(
        isinstance(cell.cell_contents, transaction.Atomic) for cell in function.__closure__ or ()
    )


def test_every_write_runs_in_a_transaction_and_no_helper_does():
    import inspect

    functions = {
        name: function
        for name, function in inspect.getmembers(services, inspect.isfunction)
        if function.__module__ == services.__name__
    }
    public = {name for name in functions if not name.startswith("_")}
    assert {"draft_save", "reflection_create", "entry_create"} <= public
    assert [name for name in sorted(public) if not _is_atomic(functions[name])] == []
    # A decorator that slid onto the helper below it guards the wrong thing.
    assert [
        name for name in sorted(functions) if name.startswith("_") and _is_atomic(functions[name])
    ] == []
