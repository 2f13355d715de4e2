from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from journal import demo, selectors
from journal.models import Draft, Entry, SkillGoal
from tests.jobsearch.factories import UserFactory
from tracker import services as tracker_services
from tracker.models import FollowUp, Status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 11)


def rejected_applications(user, count: int):
    applications = []
    for n in range(count):
        application = tracker_services.application_create(
            user=user,
            company=f"Firm {n}",
            role="Analyst",
            applied_on=TODAY - timedelta(days=60 + n),
        )
        tracker_services.application_set_status(
            application=application, status=Status.REJECTED, on=TODAY - timedelta(days=5 + 9 * n)
        )
        applications.append(application)
    return applications


def test_the_demo_journal_follows_the_persons_rejections(owner):
    applications = rejected_applications(owner, 4)
    demo.seed(user=owner, today=TODAY, rng=random.Random(7))

    reflections = Entry.objects.filter(user=owner, kind=Entry.Kind.REFLECTION)
    assert {r.application for r in reflections} == set(applications[1:])
    assert all(r.status_event.status == Status.REJECTED for r in reflections)
    assert all(r.mood_change is not None and r.mood_change >= 0 for r in reflections)
    draft = Draft.objects.get(user=owner)
    assert draft.application == applications[0]
    assert draft.data["what_happened"]

    check_ins = Entry.objects.filter(user=owner, kind=Entry.Kind.CHECK_IN)
    moods = {c.mood for c in check_ins}
    assert check_ins.count() > 30 and len(moods) > 3
    assert (TODAY - min(c.on for c in check_ins)).days > 60
    assert max(e.on for e in Entry.objects.filter(user=owner)) <= TODAY
    assert Entry.objects.filter(user=owner, kind=Entry.Kind.WIN).count() >= 5
    assert SkillGoal.objects.filter(user=owner, status=SkillGoal.Status.DONE).exists()
    assert SkillGoal.objects.filter(user=owner, source_entry__isnull=False).exists()
    assert selectors.win_list_recent(user=owner)
    assert selectors.mood_recent(user=owner, today=TODAY).logged > 0


def test_the_demo_journal_can_be_made_again_without_doubling(owner):
    rejected_applications(owner, 2)
    demo.seed(user=owner, today=TODAY, rng=random.Random(1))
    counts = (Entry.objects.count(), Draft.objects.count(), SkillGoal.objects.count())
    followups = FollowUp.objects.count()
    demo.seed(user=owner, today=TODAY, rng=random.Random(1))
    assert (Entry.objects.count(), Draft.objects.count(), SkillGoal.objects.count()) == counts
    assert FollowUp.objects.count() == followups


def test_the_demo_journal_works_with_no_rejections_and_touches_no_one_else(owner):
    someone = UserFactory()
    rejected_applications(someone, 1)
    demo.seed(user=owner, today=TODAY, rng=random.Random(3))
    assert Entry.objects.filter(user=owner, kind=Entry.Kind.REFLECTION).count() == 1
    assert Draft.objects.filter(user=owner).count() == 1
    assert not Entry.objects.filter(user=someone).exists()
