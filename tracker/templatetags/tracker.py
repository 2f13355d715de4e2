from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from tracker.models import Status

register = template.Library()

_LABELS = dict(Status.choices)


@register.simple_tag
def status_badge(status: str):
    return format_html(
        '<span class="badge badge--{}">{}</span>', status, _LABELS.get(status, status)
    )


@register.filter
def days_from_today(day: date | None) -> str:
    """“today”, “yesterday”, “3 days ago”, “tomorrow”, “in 5 days”."""
    if day is None:
        return ""
    delta = (day - timezone.localdate()).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    if delta < 0:
        return f"{-delta} days ago"
    return f"in {delta} days"


@register.filter
def days_since(day: date | None) -> int | None:
    if day is None:
        return None
    return max((timezone.localdate() - day).days, 0)


@register.filter
def web_link(url: str) -> str:
    """The address if it is a web address (http or https), else nothing: a
    stored "javascript:" or "data:" link must never become a clickable link."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in {"http", "https"} else ""


_MOVE_OPTIONS = format_html(
    '<option value="">Move to…</option>{}',
    format_html_join("", '<option value="{}">{}</option>', Status.choices),
)


@register.simple_tag
def status_move_options():
    """The options of the compact “Move to…” control, the same on every row and card."""
    return _MOVE_OPTIONS
