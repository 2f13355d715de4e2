"""Every route refuses a form post that does not carry the CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.routes import HOSTILE_POST, OBJECTS, own_routes


def _url(name: str, owner) -> str:
    return reverse(name, kwargs=OBJECTS[name](owner)) if name in OBJECTS else reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", own_routes())
def test_a_post_without_the_token_is_refused(name, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    url = _url(name, owner)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(url, HOSTILE_POST, headers=headers)
        assert response.status_code == 403, f"POST {url} {headers} -> {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "signup"])
def test_the_public_forms_need_the_token_too(name):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse(name), {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_post_with_the_token_goes_through(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get(reverse("tracker:followup_list"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("tracker:followup_new"),
        {"title": "x", "due_on": "2026-12-01", "kind": "other"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 302
