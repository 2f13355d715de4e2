"""Nobody can see or change another person's things — checked over every URL.

The test walks the URLconf. Every route that takes an object id needs an
entry in tests/routes.py OBJECTS that makes such an object for its owner; a new route
without one fails `test_every_object_route_has_a_fixture`, so this check
grows with the app instead of quietly falling behind it.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import reverse

from tests.routes import HOSTILE_POST, OBJECTS, object_routes


def _everything() -> str:
    """Every row of every app's models, as text: to prove nothing changed."""
    rows = []
    for app in ("jobsearch", "tracker", "journal"):
        for model in apps.get_app_config(app).get_models():
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return "\n".join(rows)


def test_every_object_route_has_a_fixture():
    missing = [name for name in object_routes() if name not in OBJECTS]
    assert not missing, f"Add an OBJECTS entry in tests/routes.py for: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", object_routes())
def test_another_person_gets_404_and_changes_nothing(name, owner, stranger):
    url = reverse(name, kwargs=OBJECTS[name](owner))
    client = Client()
    client.force_login(stranger)
    before = _everything()
    answered_404 = 0
    for method in ("get", "post"):
        for headers in ({}, {"HX-Request": "true"}):
            response = getattr(client, method)(
                url, HOSTILE_POST if method == "post" else None, headers=headers
            )
            assert response.status_code in (404, 405), (
                f"{method.upper()} {url} {headers}: {response.status_code}"
            )
            answered_404 += response.status_code == 404
    assert answered_404, f"{url} never reached its ownership check"
    assert _everything() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", object_routes())
def test_anonymous_visitors_get_no_data(name, owner, client):
    url = reverse(name, kwargs=OBJECTS[name](owner))
    before = _everything()
    for method in ("get", "post"):
        response = getattr(client, method)(url, HOSTILE_POST if method == "post" else None)
        assert response.status_code in (302, 404, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _everything() == before
