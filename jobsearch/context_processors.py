from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

# Which main-nav entry a page belongs to, by the start of its path.
_SECTIONS = (
    ("/applications", "applications"),
    ("/board", "applications"),
    ("/contacts", "applications"),
    ("/interviews", "applications"),
    ("/activities", "applications"),
    ("/work-search", "applications"),
    ("/follow-ups", "followups"),
    ("/journal", "journal"),
    ("/feedback/templates", "settings"),
    ("/feedback", "feedback"),
    ("/insights", "insights"),
    ("/settings", "settings"),
    ("/data", "settings"),
)


def nav_section(request: HttpRequest) -> dict[str, str]:
    if request.path == "/":
        return {"nav_section": "dashboard"}
    for prefix, section in _SECTIONS:
        if request.path.startswith(prefix):
            return {"nav_section": section}
    return {"nav_section": ""}


def today(request: HttpRequest) -> dict:
    """“Today” in the person's time zone (the middleware has activated it)."""
    return {"today": timezone.localdate()}


def here(request: HttpRequest) -> dict:
    """The page the person is looking at, for “come back here” links and forms.

    For an htmx request that is the page that made it (not the fragment URL)."""
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.current_url_abs_path:
        return {"here": htmx.current_url_abs_path}
    return {"here": request.get_full_path()}
