"""Nobody can see or change another person's things — checked over every URL.

The test walks the URLconf. Every route that takes an object id needs an
entry in OBJECTS below that makes such an object for its owner; a new route
without one fails `test_every_object_route_has_a_fixture`, so this check
grows with the app instead of quietly falling behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.tracker.factories import (
    ApplicationFactory,
    ContactFactory,
    FollowUpFactory,
    InterviewFactory,
    StatusEventFactory,
)

# Route name -> a function making, for `owner`, the objects the route's URL names.
OBJECTS: dict[str, Callable] = {
    "tracker:application_detail": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_edit": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_delete": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:application_status": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:interview_new": lambda owner: {"pk": ApplicationFactory(user=owner).pk},
    "tracker:status_event_edit": lambda owner: _event(owner),
    "tracker:status_event_delete": lambda owner: _event(owner),
    "tracker:interview_edit": lambda owner: {
        "pk": InterviewFactory(user=owner, application__user=owner).pk
    },
    "tracker:interview_delete": lambda owner: {
        "pk": InterviewFactory(user=owner, application__user=owner).pk
    },
    "tracker:contact_detail": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_edit": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_touch": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:contact_delete": lambda owner: {"pk": ContactFactory(user=owner).pk},
    "tracker:followup_edit": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_done": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_reopen": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_snooze": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
    "tracker:followup_delete": lambda owner: {"pk": FollowUpFactory(user=owner).pk},
}

# Routes outside the person's own data: Django's admin has its own staff checks.
NOT_OWNED = ("admin:",)

# A form post that would change the object if the view let it.
HOSTILE_POST = {
    "status": "rejected",
    "on": "2026-01-01",
    "company": "Changed",
    "role": "Changed",
    "name": "Changed",
    "title": "Changed",
    "due_on": "2026-01-01",
    "days": "7",
    "happened_on": "2026-01-01",
    "scheduled_at": "2026-01-01T10:00",
    "kind": "other",
}


def _event(owner) -> dict:
    application = ApplicationFactory(user=owner)
    event = StatusEventFactory(application=application, user=owner)
    return {"pk": application.pk, "event_pk": event.pk}


def _routes(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _routes(pattern, namespace)
        elif pattern.name:
            yield f"{prefix}{pattern.name}", pattern


def _object_routes() -> list[str]:
    return sorted(
        name
        for name, pattern in _routes()
        if pattern.pattern.converters and not name.startswith(NOT_OWNED)
    )


def _everything() -> str:
    """Every row of every app's models, as text: to prove nothing changed."""
    rows = []
    for app in ("jobsearch", "tracker", "journal"):
        for model in apps.get_app_config(app).get_models():
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return "\n".join(rows)


def test_every_object_route_has_a_fixture():
    missing = [name for name in _object_routes() if name not in OBJECTS]
    assert not missing, f"Add an OBJECTS entry in {__file__} for: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", _object_routes())
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
@pytest.mark.parametrize("name", _object_routes())
def test_anonymous_visitors_get_no_data(name, owner, client):
    url = reverse(name, kwargs=OBJECTS[name](owner))
    before = _everything()
    for method in ("get", "post"):
        response = getattr(client, method)(url, HOSTILE_POST if method == "post" else None)
        assert response.status_code in (302, 404, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _everything() == before
