"""Whatever text is stored, every page shows it as text, never as markup."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.hostile import CORPUS, poison_everything
from tests.html import unsafe_links
from tests.routes import OBJECTS, object_routes, own_routes, routes


def hostile_world(owner, corpus: list[str] = CORPUS) -> tuple[list[str], list[str]]:
    """One of everything for `owner`, every free-text field hostile; the pages that show them."""
    urls = [reverse(name, kwargs=OBJECTS[name](owner)) for name in object_routes()]
    with_args = {name for name, pattern in routes() if pattern.pattern.converters}
    urls += [reverse(name) for name in own_routes() if name not in with_args]
    urls += [f"{reverse('tracker:application_list')}?q={quote(text)}" for text in CORPUS[:6]]
    urls += [f"{reverse('tracker:contact_list')}?q={quote(CORPUS[2])}"]
    return urls, poison_everything(corpus)


@pytest.mark.django_db
def test_hostile_text_is_shown_escaped_on_every_page(owner_client, owner):
    urls, stored = hostile_world(owner)
    # Values cut very short by a field's length ("<bo") are found in any page's own markup.
    needs_escaping = {v for v in stored + CORPUS if escape(v) != v and len(v) >= 8}
    shown_escaped = 0
    for url in urls:
        response = owner_client.get(url)
        if response.status_code in (302, 405):  # log-in pages, POST-only actions
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue  # a download (CSV, backup) is saved as a file, never shown as a page
        assert response.status_code == 200, f"GET {url} -> {response.status_code}"
        html = response.content.decode()
        for value in needs_escaping:
            assert value not in html, f"{url} shows {value[:60]!r} unescaped"
            shown_escaped += escape(value) in html
        assert unsafe_links(html) == [], url
    assert shown_escaped > len(urls), "the hostile text should be visible (escaped) on the pages"


@pytest.mark.django_db
def test_the_corpus_reaches_every_free_text_field(owner):
    from django.apps import apps

    from tests.hostile import APPS, free_text_fields

    hostile_world(owner)
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            fields = free_text_fields(model)
            if fields:
                assert model.objects.exists(), (
                    f"no {model.__name__} rows: add it to tests/routes.py"
                )
