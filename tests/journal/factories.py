from __future__ import annotations

import factory
from django.utils import timezone

from journal.models import Draft, Entry, SkillGoal
from tests.jobsearch.factories import UserFactory


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    user = factory.SubFactory(UserFactory)
    kind = Entry.Kind.CHECK_IN
    on = factory.LazyFunction(timezone.localdate)
    mood = 5
    body = factory.Sequence(lambda n: f"A note, number {n}.")


class ReflectionFactory(EntryFactory):
    kind = Entry.Kind.REFLECTION
    mood = 3
    mood_after = 5
    automatic_thought = "I will never get hired."
    reframe = "One no is one no. I got to the final round."


class WinFactory(EntryFactory):
    kind = Entry.Kind.WIN
    mood = None
    title = factory.Sequence(lambda n: f"Small win {n}")


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    user = factory.SubFactory(UserFactory)
    data = factory.LazyFunction(lambda: {"what_happened": "They wrote back with a no."})
    step = 2


class SkillGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillGoal

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Skill {n}")
    status = SkillGoal.Status.PLANNED
