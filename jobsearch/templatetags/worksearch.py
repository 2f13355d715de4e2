"""`{% record_rows week.entries here_url %}`: the rows of one week of the work-search record.

The record is a report to hand over, so it lists every line of the period, and a
busy search has hundreds of lines in four weeks, thousands in a year. In the
template language each row's dozen variables, conditions, links and dates cost
about 0.2 ms: most of the page's time. Here a row is a few string joins, every
value escaped, each link and date worked out once per distinct value. The markup
is the one the page had in its template (`templates/jobsearch/worksearch.html`
keeps the table around it); `tests/jobsearch/test_worksearch_rows.py` checks
that the two say the same.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from jobsearch.templatetags.paths import path
from tracker.activities.selectors import RecordEntry
from tracker.templatetags.tracker import web_link

register = template.Library()


def _e(value: object) -> str:
    """The same as Django's autoescape (which is `html.escape`), for a plain value."""
    return escape(str(value))


def _row(entry: RecordEntry, *, day: str, next_query: str) -> str:
    activity = [f'<span class="record-table__kind">{_e(entry.kind)}</span>']
    if entry.position:
        activity.append(f'<span class="record-table__line">Position: {_e(entry.position)}</span>')
    if entry.notes:
        activity.append(
            f'<span class="record-table__line record-table__notes">{_e(entry.notes)}</span>'
        )
    if entry.activity_id:
        activity.append(
            '<a class="no-print record-table__edit" '
            f'href="{path(entry.activity_id, "tracker:activity_edit")}?next={next_query}">'
            'Edit<span class="visually-hidden"> this activity</span></a>'
        )
    elif entry.application_id:
        activity.append(
            '<a class="no-print record-table__edit" '
            f'href="{path(entry.application_id, "tracker:application_detail")}">'
            'Open<span class="visually-hidden"> the application</span></a>'
        )
    organisation = [f'<span class="record-table__org">{_e(entry.organisation)}</span>']
    if entry.place:
        place = _e(entry.place)
        link = web_link(entry.place)
        if link:
            place = f'<a href="{_e(link)}" rel="noopener noreferrer">{place}</a>'
        organisation.append(f'<span class="record-table__line">{place}</span>')
    if entry.phone:
        organisation.append(f'<span class="record-table__line">Phone: {_e(entry.phone)}</span>')
    contact = []
    if entry.person:
        contact.append(f'<span class="record-table__line">{_e(entry.person)}</span>')
    if entry.method:
        contact.append(f'<span class="record-table__line">How: {_e(entry.method)}</span>')
    return (
        f'<tr>\n<td data-label="Date" class="record-table__date">{day}</td>\n'
        f'<td data-label="Activity">\n{"\n".join(activity)}\n</td>\n'
        f'<td data-label="Employer or organisation">\n{"\n".join(organisation)}\n</td>\n'
        f'<td data-label="Contact">\n{"\n".join(contact)}\n</td>\n'
        f'<td data-label="Outcome so far">{_e(entry.outcome)}</td>\n</tr>'
    )


@register.simple_tag
def record_rows(entries: list[RecordEntry], here_url: str) -> SafeString:
    """A `<tr>` for each line; "Edit" on a person's own activity comes back to `here_url`."""
    next_query = _e(quote(here_url, safe=""))
    days: dict = {}
    rows = []
    for entry in entries:
        day = days.get(entry.on)
        if day is None:
            day = days[entry.on] = _e(date_format(entry.on, "D j M Y"))
        rows.append(_row(entry, day=day, next_query=next_query))
    return mark_safe("\n".join(rows))  # every value in them is escaped above
