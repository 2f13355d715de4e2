from __future__ import annotations

import factory

from jobsearch.models import User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    time_zone = "Europe/London"
    password = factory.django.Password(PASSWORD)
