"""Feedback emails: our three templates, filling in their placeholders, and
the mailto: link that opens the person's own mail app.

Plain functions, no database writes. Filling is done by a small pattern of
our own rather than str.format, so a template can never reach into Python
objects ("{role.__class__}") and a brace the person typed never crashes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils import timezone
from django.utils.formats import date_format

from tracker.models import (
    Application,
    BuiltinTemplate,
    Contact,
    Interview,
    RejectionStage,
    Status,
    StatusEvent,
)

# The placeholders a template can use, and what each becomes.
PLACEHOLDERS = {
    "contact_first_name": "the first name of the person you are writing to",
    "role": "the role you applied for",
    "company": "the company",
    "my_name": "your name, from Settings",
    "stage": "how far you got, such as “final round”",
    "interview_date": "the date of your last interview there",
}


# Written by us, for everyone. Brief, warm, and easy to say yes to.
def _letter(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


BUILTIN_WORDING: dict[str, tuple[str, str]] = {
    BuiltinTemplate.AFTER_INTERVIEW: (
        "Thank you – and a small request about the {role} role",
        _letter(
            "Hi {contact_first_name},",
            "Thank you for letting me know, and for the time you and the team gave me "
            "during the interview on {interview_date}. I enjoyed learning about {company}.",
            "If you have a few minutes, I would be grateful for any feedback on how I came "
            "across — what worked, and what would have made me a stronger candidate. Even a "
            "line or two would help me a great deal.",
            "I would be glad to hear from you if another role at {company} could suit me.",
            "Best wishes,\n{my_name}",
        ),
    ),
    BuiltinTemplate.AFTER_APPLICATION: (
        "My application for the {role} role",
        _letter(
            "Hi {contact_first_name},",
            "Thank you for getting back to me about the {role} role at {company}. I "
            "appreciate you closing the loop.",
            "If you are able to share it, I would value a little feedback on my application "
            "— anything in my experience or my résumé that held me back at the {stage} step. "
            "I am keen to learn from it.",
            "Thank you again, and all the best,\n{my_name}",
        ),
    ),
    BuiltinTemplate.STAY_IN_TOUCH: (
        "Staying in touch with {company}",
        _letter(
            "Hi {contact_first_name},",
            "Thank you again for considering me for the {role} role. It did not work out "
            "this time, but I came away with a real interest in {company} and the work your "
            "team does.",
            "I would love to stay in touch. If a role opens up that could suit my background, "
            "I would be glad to hear about it — and if there is ever anything I can help with "
            "in return, just ask.",
            "Warm regards,\n{my_name}",
        ),
    ),
}

_PLACEHOLDER = re.compile(r"\{([^{}\n]{1,60})\}")


@dataclass
class Filled:
    """A template with its placeholders filled in, and the ones that could not be."""

    text: str
    unknown: list[str] = field(default_factory=list)  # not a placeholder we know
    missing: list[str] = field(default_factory=list)  # known, but no value to fill in


def fill(text: str, values: dict[str, str]) -> Filled:
    """Put each known placeholder's value in place; leave every other one as typed.

    Nothing is escaped here: the result is plain text, escaped where it is
    shown (the page) or encoded where it travels (the mailto: link)."""
    result = Filled(text="")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            if match.group(0) not in result.unknown:
                result.unknown.append(match.group(0))
            return match.group(0)
        value = values.get(name, "")
        if not value:
            if match.group(0) not in result.missing:
                result.missing.append(match.group(0))
            return match.group(0)
        return value

    result.text = _PLACEHOLDER.sub(replace, text)
    return result


def leftovers(*texts: str) -> list[str]:
    """Placeholders still in the text, in order, each once: things to fill in by hand."""
    found: list[str] = []
    for text in texts:
        for match in _PLACEHOLDER.finditer(text or ""):
            if match.group(0) not in found:
                found.append(match.group(0))
    return found


def unknown_placeholders(*texts: str) -> list[str]:
    return [p for p in leftovers(*texts) if p[1:-1] not in PLACEHOLDERS]


def first_name(name: str) -> str:
    return name.split()[0] if name.strip() else ""


def _stage(application: Application, events: list[StatusEvent], interviews: list) -> str:
    """How far it got, in words: the stage recorded with the rejection, else the furthest step."""
    for event in reversed(events):
        if event.status == Status.REJECTED and event.rejection_stage:
            return RejectionStage(event.rejection_stage).label.lower()
    statuses = {event.status for event in events}
    if interviews or Status.INTERVIEWING in statuses:
        return "interview"
    if Status.SCREENING in statuses:
        return "screening"
    return "application"


def placeholder_values(
    *, application: Application, contact: Contact | None, my_name: str
) -> dict[str, str]:
    """What each placeholder becomes for this application and person (two small queries)."""
    events = list(application.events.order_by("happened_on", "id"))
    interviews = list(
        Interview.objects.filter(
            application=application, scheduled_at__lte=timezone.now()
        ).order_by("-scheduled_at")[:1]
    )
    return {
        "contact_first_name": first_name(contact.name) if contact else "",
        "role": application.role,
        "company": application.company,
        "my_name": my_name.strip(),
        "stage": _stage(application, events, interviews),
        "interview_date": (
            date_format(timezone.localtime(interviews[0].scheduled_at).date(), "j F")
            if interviews
            else ""
        ),
    }


def suggested_template(application: Application) -> str:
    """Which of ours fits best: after an interview if there was one, else after applying."""
    if application.interviews.filter(scheduled_at__lte=timezone.now()).exists():
        return BuiltinTemplate.AFTER_INTERVIEW
    late_stages = {
        RejectionStage.TECHNICAL,
        RejectionStage.ONSITE,
        RejectionStage.FINAL,
        RejectionStage.AFTER_OFFER,
    }
    if application.events.filter(rejection_stage__in=late_stages).exists():
        return BuiltinTemplate.AFTER_INTERVIEW
    return BuiltinTemplate.AFTER_APPLICATION


# Past this length some mail apps cut a mailto: link short; copying is safer then.
MAILTO_COMFORTABLE_LENGTH = 1800


def mailto(*, to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): every part percent-encoded as UTF-8, line breaks as CRLF."""

    def encode(text: str) -> str:
        return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    address = quote(to.strip(), safe="@")
    query = []
    if subject:
        query.append(f"subject={encode(subject)}")
    if body:
        query.append(f"body={encode(body)}")
    return f"mailto:{address}" + (f"?{'&'.join(query)}" if query else "")
