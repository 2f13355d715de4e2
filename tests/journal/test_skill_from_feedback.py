"""A skill goal made from what someone will change after an employer's feedback."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from journal import services
from journal.models import SkillGoal
from tests.tracker.factories import ApplicationFactory
from tracker.feedback import services as feedback_services
from tracker.models import FeedbackRequest

pytestmark = pytest.mark.django_db


def feedback_with(user, *, will_change: str, replied_on: date | None = None) -> FeedbackRequest:
    """A request to Acme that got a reply, with what the person will change."""
    application = ApplicationFactory(user=user, company="Acme", role="Data analyst")
    request = feedback_services.feedback_request_create(user=user, application=application)
    today = timezone.localdate()
    feedback_services.feedback_request_mark_sent(feedback=request, on=replied_on or today)
    feedback_services.feedback_request_record_reply(
        feedback=request,
        on=replied_on or today,
        text="More depth on SQL, please.",
        themes=["technical_depth"],
        will_change=will_change,
    )
    request.refresh_from_db()
    return request


def test_what_i_will_change_becomes_a_skill_goal_linked_to_the_feedback(owner):
    request = feedback_with(
        owner,
        will_change="Practise SQL window functions\nOne kata a day for a month.",
        replied_on=date(2026, 3, 4),
    )
    goal, created = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert created is True
    goal = SkillGoal.objects.get(pk=goal.pk)
    assert goal.user == owner
    assert goal.title == "Practise SQL window functions"
    assert goal.source_feedback == request
    assert goal.status == SkillGoal.Status.PLANNED
    assert goal.why == (
        "From the feedback Acme gave about the Data analyst role (4 March 2026).\n\n"
        "Practise SQL window functions\nOne kata a day for a month."
    )


def test_a_single_line_is_the_title_and_not_repeated_in_why(owner):
    request = feedback_with(owner, will_change="  Tell clearer STAR stories  ")
    goal, _ = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert goal.title == "Tell clearer STAR stories"
    assert goal.why.startswith("From the feedback Acme gave about the Data analyst role (")
    assert "STAR" not in goal.why


def test_blank_lines_before_the_first_words_are_skipped(owner):
    request = feedback_with(owner, will_change="\n\n   \n  Practise   system design \nweekly")
    goal, _ = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert goal.title == "Practise system design"


def test_a_long_first_line_is_shortened_for_the_title_and_kept_whole_in_why(owner):
    line = "Practise " + "explaining trade-offs out loud " * 10
    request = feedback_with(owner, will_change=line)
    goal, _ = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert len(goal.title) == services.SKILL_TITLE_LENGTH
    assert goal.title.endswith("…")
    assert goal.why.endswith(line.strip())


def test_asking_twice_finds_the_goal_made_the_first_time(owner):
    request = feedback_with(owner, will_change="Practise SQL")
    first, created_first = services.skill_goal_from_feedback(user=owner, feedback=request)
    second, created_second = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert (created_first, created_second) == (True, False)
    assert second.pk == first.pk
    assert SkillGoal.objects.filter(user=owner).count() == 1


def test_a_goal_deleted_since_can_be_made_again(owner):
    request = feedback_with(owner, will_change="Practise SQL")
    first, _ = services.skill_goal_from_feedback(user=owner, feedback=request)
    services.skill_goal_delete(goal=first)
    second, created = services.skill_goal_from_feedback(user=owner, feedback=request)
    assert created is True
    assert second.pk != first.pk
    assert second.source_feedback == request


@pytest.mark.parametrize("will_change", ["", "   ", "\n \t\n"])
def test_nothing_to_change_makes_no_goal(owner, will_change):
    request = feedback_with(owner, will_change=will_change)
    with pytest.raises(ValidationError, match="Write what you"):
        services.skill_goal_from_feedback(user=owner, feedback=request)
    assert not SkillGoal.objects.exists()


def test_someone_elses_feedback_is_refused(owner, stranger):
    theirs = feedback_with(stranger, will_change="Practise SQL")
    with pytest.raises(ValidationError, match="someone else"):
        services.skill_goal_from_feedback(user=owner, feedback=theirs)
    assert not SkillGoal.objects.exists()


def test_someone_elses_goal_from_the_same_feedback_is_not_returned(owner, stranger):
    theirs = feedback_with(stranger, will_change="Practise SQL")
    their_goal, _ = services.skill_goal_from_feedback(user=stranger, feedback=theirs)
    with pytest.raises(ValidationError):
        services.skill_goal_from_feedback(user=owner, feedback=theirs)
    assert list(SkillGoal.objects.all()) == [their_goal]
