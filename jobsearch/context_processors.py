from __future__ import annotations

from django.http import HttpRequest

# Which main-nav entry a page belongs to, by the start of its path.
_SECTIONS = (
    ("/applications", "applications"),
    ("/board", "applications"),
    ("/contacts", "applications"),
    ("/interviews", "applications"),
    ("/follow-ups", "followups"),
    ("/journal", "journal"),
    ("/feedback", "feedback"),
    ("/insights", "insights"),
    ("/settings", "settings"),
)


def nav_section(request: HttpRequest) -> dict[str, str]:
    if request.path == "/":
        return {"nav_section": "dashboard"}
    for prefix, section in _SECTIONS:
        if request.path.startswith(prefix):
            return {"nav_section": section}
    return {"nav_section": ""}
