from __future__ import annotations

import factory
from django.conf import settings

from jobsearch.models import User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    # The zone new accounts start in: make test-clock moves it across the world.
    time_zone = factory.LazyFunction(lambda: settings.TIME_ZONE)
    password = factory.django.Password(PASSWORD)
