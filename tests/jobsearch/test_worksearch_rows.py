"""The work-search record's rows, built in Python for speed, say exactly what the
template that used to build them said: the same words, links and escaping."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobsearch.templatetags.worksearch import record_rows
from tests.html import text
from tests.tracker.factories import ActivityFactory, ApplicationFactory
from tracker.activities.selectors import RecordEntry

# The rows as templates/jobsearch/worksearch.html rendered them before.
TEMPLATE_ROWS = Template(
    """{% load tracker %}{% for entry in entries %}
        <tr>
          <td data-label="Date" class="record-table__date">{{ entry.on|date:"D j M Y" }}</td>
          <td data-label="Activity">
            <span class="record-table__kind">{{ entry.kind }}</span>
            {% if entry.position %}<span class="record-table__line">Position: {{ entry.position }}</span>{% endif %}
            {% if entry.notes %}<span class="record-table__line record-table__notes">{{ entry.notes }}</span>{% endif %}
            {% if entry.activity_id %}<a class="no-print record-table__edit" href="{% url 'tracker:activity_edit' entry.activity_id %}?next={{ here_url|urlencode:'' }}">Edit<span class="visually-hidden"> this activity</span></a>
            {% elif entry.application_id %}<a class="no-print record-table__edit" href="{% url 'tracker:application_detail' entry.application_id %}">Open<span class="visually-hidden"> the application</span></a>{% endif %}
          </td>
          <td data-label="Employer or organisation">
            <span class="record-table__org">{{ entry.organisation }}</span>
            {% if entry.place %}{% with link=entry.place|web_link %}<span class="record-table__line">{% if link %}<a href="{{ link }}" rel="noopener noreferrer">{{ entry.place }}</a>{% else %}{{ entry.place }}{% endif %}</span>{% endwith %}{% endif %}
            {% if entry.phone %}<span class="record-table__line">Phone: {{ entry.phone }}</span>{% endif %}
          </td>
          <td data-label="Contact">
            {% if entry.person %}<span class="record-table__line">{{ entry.person }}</span>{% endif %}
            {% if entry.method %}<span class="record-table__line">How: {{ entry.method }}</span>{% endif %}
          </td>
          <td data-label="Outcome so far">{{ entry.outcome }}</td>
        </tr>
        {% endfor %}"""  # noqa: E501
)

HOSTILE = "<script>alert('x')</script> & \"quotes\""
HERE = "/work-search/?start=2026-11-01&end=2026-11-18"


def _markup(html: str) -> str:
    """The markup with the whitespace between tags, which no one sees, taken out."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


ENTRIES = [
    RecordEntry(on=dt.date(2026, 11, 16), kind="Application", organisation="Acme"),
    RecordEntry(
        on=dt.date(2026, 11, 16),
        kind="Application",
        organisation="Beta & Sons",
        place="https://beta.example/jobs/1?ref=a&b=<c>",
        phone="0123 456",
        person="Sam Reyes; Kim Lee",
        method="Online",
        position="Data analyst",
        outcome="Waiting to hear back",
        application_id=12,
    ),
    RecordEntry(
        on=dt.date(2026, 11, 17),
        kind="Call with a recruiter",
        organisation=HOSTILE,
        place="javascript:alert(1)",
        person=HOSTILE,
        method="Phone",
        position=HOSTILE,
        outcome=HOSTILE,
        notes=HOSTILE,
        activity_id=7,
        application_id=12,
    ),
    RecordEntry(
        on=dt.date(2026, 11, 18),
        kind="Career fair",
        organisation="Town Hall",
        place="Market Square, Leeds",
        activity_id=8,
    ),
    RecordEntry(on=dt.date(2026, 11, 18), kind="Other", organisation="Data", place="data:x"),
]


@pytest.mark.parametrize("count", [1, len(ENTRIES)])
def test_the_rows_are_the_ones_the_template_made(count):
    entries = ENTRIES[:count]
    before = TEMPLATE_ROWS.render(Context({"entries": entries, "here_url": HERE}))
    assert _markup(record_rows(entries, HERE)) == _markup(before)


def test_nothing_typed_becomes_markup_and_only_web_addresses_become_links():
    html = record_rows(ENTRIES, HERE)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert 'href="https://beta.example/jobs/1?ref=a&amp;b=&lt;c&gt;"' in html
    assert 'href="javascript' not in html and 'href="data' not in html
    next_query = "next=%2Fwork-search%2F%3Fstart%3D2026-11-01%26end%3D2026-11-18"
    assert f'href="{reverse("tracker:activity_edit", args=[7])}?{next_query}"' in html
    assert f'href="{reverse("tracker:application_detail", args=[12])}"' in html


def test_no_lines_no_rows():
    assert record_rows([], HERE) == ""


@pytest.mark.django_db
def test_the_page_links_each_line_to_what_it_came_from(owner_client, owner):
    application = ApplicationFactory(user=owner, company="Acme", applied_on=timezone.localdate())
    activity = ActivityFactory(user=owner, organisation="City Careers Fair")
    html = owner_client.get(reverse("worksearch")).content.decode()
    assert reverse("tracker:application_detail", args=[application.pk]) in html
    assert f"{reverse('tracker:activity_edit', args=[activity.pk])}?next=" in html
    assert "Acme" in text(html) and "City Careers Fair" in text(html)
