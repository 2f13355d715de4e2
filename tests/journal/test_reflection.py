"""What a reflection is about, worked out once (journal/reflection.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from journal import reflection
from tests.tracker.factories import ApplicationFactory, StatusEventFactory
from tracker.models import Status

pytestmark = pytest.mark.django_db

NOT_IDS = ["abc", "²", "-3", "1.5", " 7", "99999999999999999999", "0x10", "١"]


@pytest.fixture
def rejected(owner):
    """An application rejected twice (it was reopened once): the later one is the latest."""
    application = ApplicationFactory(user=owner, company="Acme", role="Data analyst")
    today = timezone.localdate()
    earlier = StatusEventFactory(
        application=application, status=Status.REJECTED, happened_on=today - timedelta(days=20)
    )
    later = StatusEventFactory(
        application=application, status=Status.REJECTED, happened_on=today - timedelta(days=2)
    )
    return application, earlier, later


def link(user, application=None, step=None) -> reflection.About:
    return reflection.from_link(user=user, application=application, step=step)


def test_a_link_with_neither_is_about_nothing_and_says_nothing(owner):
    assert link(owner) == reflection.About()
    assert link(owner, "", "") == reflection.About()


def test_a_link_with_only_an_application_takes_its_latest_rejection(owner, rejected):
    application, _, later = rejected
    about = link(owner, str(application.pk))
    assert (about.application, about.step, about.notice) == (application, later, "")


def test_a_link_to_an_application_never_rejected_has_no_step(owner):
    application = ApplicationFactory(user=owner)
    about = link(owner, str(application.pk))
    assert (about.application, about.step, about.notice) == (application, None, "")


def test_a_link_with_only_a_step_brings_its_application(owner, rejected):
    application, earlier, _ = rejected
    about = link(owner, step=str(earlier.pk))
    assert (about.application, about.step, about.notice) == (application, earlier, "")


def test_a_link_with_both_keeps_the_step_it_names(owner, rejected):
    application, earlier, _ = rejected
    about = link(owner, str(application.pk), str(earlier.pk))
    assert (about.application, about.step, about.notice) == (application, earlier, "")


def test_a_step_of_another_application_gives_way_to_the_application(owner, rejected):
    application, _, later = rejected
    elsewhere = StatusEventFactory(application=ApplicationFactory(user=owner))
    about = link(owner, str(application.pk), str(elsewhere.pk))
    assert (about.application, about.step) == (application, later)
    assert about.notice == reflection.STEP_NOT_FOUND_LATEST


def test_a_missing_step_of_an_application_never_rejected_leaves_it_whole(owner):
    application = ApplicationFactory(user=owner)
    about = link(owner, str(application.pk), "abc")
    assert (about.application, about.step) == (application, None)
    assert about.notice == reflection.STEP_NOT_FOUND


def test_another_persons_ids_find_nothing_just_like_missing_ones(owner, stranger, rejected):
    theirs = ApplicationFactory(user=stranger)
    their_step = StatusEventFactory(application=theirs, status=Status.REJECTED)
    assert link(owner, str(theirs.pk)) == reflection.About(notice=reflection.APPLICATION_NOT_FOUND)
    assert link(owner, "987654") == reflection.About(notice=reflection.APPLICATION_NOT_FOUND)
    assert link(owner, step=str(their_step.pk)) == reflection.About(
        notice=reflection.LINKED_STEP_NOT_FOUND
    )
    assert link(owner, str(theirs.pk), str(their_step.pk)).application is None
    application, _, later = rejected
    about = link(owner, str(application.pk), str(their_step.pk))
    assert (about.application, about.step) == (application, later)


@pytest.mark.parametrize("value", NOT_IDS)
def test_what_is_not_an_id_finds_nothing_and_says_so(owner, rejected, value):
    assert link(owner, value).notice == reflection.APPLICATION_NOT_FOUND
    assert link(owner, step=value).notice == reflection.LINKED_STEP_NOT_FOUND
    application, _, later = rejected
    about = link(owner, str(application.pk), value)
    assert (about.application, about.step) == (application, later)


def test_answers_keep_the_persons_choice_of_no_application(owner, rejected):
    _, earlier, _ = rejected
    about = reflection.from_answers(user=owner, application="", step=str(earlier.pk))
    assert about == reflection.About()


def test_answers_switching_application_quietly_take_its_latest_rejection(owner, rejected):
    application, _, later = rejected
    before = StatusEventFactory(application=ApplicationFactory(user=owner))
    about = reflection.from_answers(
        user=owner, application=str(application.pk), step=str(before.pk)
    )
    assert (about.application, about.step, about.notice) == (application, later, "")


def test_answers_naming_a_deleted_application_or_step_say_so(owner, rejected):
    application, earlier, later = rejected
    gone = ApplicationFactory(user=owner)
    gone_pk = gone.pk
    gone.delete()
    about = reflection.from_answers(user=owner, application=str(gone_pk), step="")
    assert about == reflection.About(notice=reflection.DRAFT_APPLICATION_GONE)
    earlier_pk = earlier.pk
    earlier.delete()
    about = reflection.from_answers(
        user=owner, application=str(application.pk), step=str(earlier_pk)
    )
    assert (about.application, about.step) == (application, later)
    assert about.notice == reflection.DRAFT_STEP_GONE


def test_initial_values_are_what_the_page_sends(owner, rejected):
    application, earlier, _ = rejected
    about = reflection.About(application=application, step=earlier)
    assert about.initial() == {"application": str(application.pk), "status_event": str(earlier.pk)}
    assert reflection.About().initial() == {"application": "", "status_event": ""}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("8", 8), ("9", 2), ("0", 2), ("²", 2), ("-1", 2), ("x", 2), (None, 2), (5, 5)],
)
def test_a_step_number_is_one_of_ours_or_the_default(value, expected):
    assert reflection.step_number(value, default=2) == expected


def test_the_steps_are_named_and_numbered_in_order():
    assert [step.number for step in reflection.STEPS] == list(range(1, 8))
    assert reflection.NEXT_STEPS.slug == "next-steps"
    assert reflection.step_of(reflection.SUMMARY_STEP) is None
    assert reflection.step_of(6) is reflection.NEXT_STEPS
