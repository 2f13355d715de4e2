"""Hostile text, and a way to put it in every free-text field a person owns.

Used by tests/test_hostile_input.py (rendered pages must show it escaped) and
tests/browser/test_hostile_input.py (no script runs in a real browser).
"""

from __future__ import annotations

import itertools

from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

CORPUS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click me</a>',
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<style>*{display:none}</style>",
    '<div hx-post="/logout/" hx-trigger="load">',
    '<form action="/logout/" method="post"><button>Win a prize</button></form>',
    "{{ request.user.password }}",
    "{% debug %}",
    "{{ 7|add:7 }}",
    "${7*7} #{7*7}",
    "' OR '1'='1",
    "Robert'); DROP TABLE tracker_application;--",
    "\u202eevil\u202c text with a right-to-left override",
    "مرحبا بالعالم — نص من اليمين إلى اليسار",
    "שלום עולם, ואז English",
    "😀🎉💼 emoji with a joiner 👩‍💻 and a flag 🇳🇿",
    "a" * 3000,
    "<!--",
    "&lt;script&gt;already escaped&lt;/script&gt;",
]

# Text a web link field might hold if it got in by another door (an import).
HOSTILE_LINKS = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]

APPS = ("tracker", "journal")
TEXT_FIELDS = (models.CharField, models.TextField)


def _poison_json(value, texts):
    """Hostile text in place of every string inside a JSON value (a saved draft)."""
    if isinstance(value, dict):
        return {key: _poison_json(item, texts) for key, item in value.items()}
    if isinstance(value, list):
        return [_poison_json(item, texts) for item in value]
    if isinstance(value, str):
        return next(texts)
    return value


def free_text_fields(model: type[models.Model]) -> list[models.Field]:
    """Fields a person types freely: text without a fixed list of choices."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, TEXT_FIELDS)
        and not field.choices
        and field.editable
        and not field.primary_key
    ]


# The ones that would run or show up as markup if ever rendered raw.
ACTIVE = [text for text in CORPUS if text.startswith(("<", '"', "'>", "</"))]


def poison_everything(corpus: list[str] = CORPUS) -> list[str]:
    """Overwrite every free-text field of every row with hostile text.

    Written straight to the database, as if it arrived by another door
    (an import, an old version): the pages must be safe whatever is stored.
    Returns the values stored, as stored (cut to each field's length).
    """
    texts = itertools.cycle(corpus)
    links = itertools.cycle(HOSTILE_LINKS)
    stored: list[str] = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            fields = free_text_fields(model)
            if not fields:
                continue
            for pk in model.objects.values_list("pk", flat=True):
                values = {}
                for field in fields:
                    source = links if isinstance(field, models.URLField) else texts
                    value = next(source)
                    if field.max_length:
                        value = value[: field.max_length]
                    if connection.vendor == "postgresql":
                        value = value.replace("\x00", "")
                    values[field.name] = value
                for name, value in values.items():
                    # A value a database constraint refuses (a rejection reason on a
                    # step that is not a rejection) cannot be stored, so cannot be shown.
                    try:
                        with transaction.atomic():
                            model.objects.filter(pk=pk).update(**{name: value})
                    except IntegrityError:
                        continue
                    stored.append(value)
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.JSONField):
                    continue
                for pk, value in model.objects.values_list("pk", field.name):
                    model.objects.filter(pk=pk).update(**{field.name: _poison_json(value, texts)})
    return stored
