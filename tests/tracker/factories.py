from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from tests.jobsearch.factories import UserFactory
from tracker.models import (
    Activity,
    Application,
    Contact,
    ContactMethod,
    FeedbackRequest,
    FeedbackTemplate,
    FollowUp,
    Interview,
    Status,
    StatusEvent,
    WeeklyGoal,
)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    name = factory.Faker("name")
    company = factory.Faker("company")
    title = "Recruiter"
    relationship = Contact.Relationship.RECRUITER


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application with its first step recorded, as the service would leave it."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    company = factory.Sequence(lambda n: f"Company {n}")
    role = "Backend developer"
    applied_on = factory.LazyFunction(timezone.localdate)
    status = Status.APPLIED
    status_changed_on = factory.LazyAttribute(lambda o: o.applied_on)
    last_activity_on = factory.LazyAttribute(lambda o: o.applied_on)

    @factory.post_generation
    def first_event(self, create, extracted, **kwargs):
        if create:
            StatusEvent.objects.create(
                user=self.user,
                application=self,
                status=self.status,
                happened_on=self.status_changed_on or timezone.localdate(),
            )


class StatusEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusEvent

    application = factory.SubFactory(ApplicationFactory)
    user = factory.LazyAttribute(lambda o: o.application.user)
    status = Status.SCREENING
    happened_on = factory.LazyFunction(timezone.localdate)


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(ApplicationFactory)
    user = factory.LazyAttribute(lambda o: o.application.user)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    kind = Interview.Kind.VIDEO


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Follow up number {n}")
    due_on = factory.LazyFunction(timezone.localdate)
    kind = FollowUp.Kind.OTHER


class WeeklyGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyGoal

    user = factory.SubFactory(UserFactory)
    week_start = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    )
    target = 5


class FeedbackRequestFactory(factory.django.DjangoModelFactory):
    """A draft request; move it along with the services (mark sent, record the reply)."""

    class Meta:
        model = FeedbackRequest

    application = factory.SubFactory(ApplicationFactory)
    user = factory.LazyAttribute(lambda o: o.application.user)
    subject = factory.LazyAttribute(lambda o: f"My application for the {o.application.role} role")
    body = "Hi,\n\nWould you share a little feedback on my application?\n\nThank you."


class FeedbackTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackTemplate

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"My template {n}")
    subject = "About the {role} role"
    body = "Hi {contact_first_name},\n\nThank you.\n\n{my_name}"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    user = factory.SubFactory(UserFactory)
    happened_on = factory.LazyFunction(timezone.localdate)
    kind = Activity.Kind.CAREER_FAIR
    organisation = factory.Sequence(lambda n: f"Careers fair {n}")
    method = ContactMethod.IN_PERSON
