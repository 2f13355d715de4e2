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
            "— anything in my experience or my résumé that held me back at the {stage} stage. "
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


# Titles that come before a first name: "Dr. Jane Smith" is greeted as Jane.
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"}


def first_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        words = words[1:]
    return words[0] if words else ""


# How far it got, as it reads in "… held me back at the {stage} stage".
STAGE_WORDS = {
    RejectionStage.APPLICATION: "application",
    RejectionStage.RECRUITER_SCREEN: "recruiter screen",
    RejectionStage.ASSESSMENT: "assessment",
    RejectionStage.TECHNICAL: "technical interview",
    RejectionStage.ONSITE: "on-site interview",
    RejectionStage.FINAL: "final round",
    RejectionStage.AFTER_OFFER: "offer",
}

LATE_STAGES = {
    RejectionStage.TECHNICAL,
    RejectionStage.ONSITE,
    RejectionStage.FINAL,
    RejectionStage.AFTER_OFFER,
}


@dataclass(frozen=True)
class History:
    """What the placeholders and the choice of template need from an application's past."""

    statuses: frozenset[str]
    rejection_stage: str  # recorded with its latest rejection, or ""
    last_interview: Interview | None  # the latest that has already happened


def history_of(application: Application) -> History:
    """Two small queries: the steps, and the last interview so far."""
    events = list(application.events.order_by("happened_on", "id"))
    rejections = [event for event in events if event.status == Status.REJECTED]
    return History(
        statuses=frozenset(event.status for event in events),
        rejection_stage=rejections[-1].rejection_stage if rejections else "",
        last_interview=Interview.objects.filter(
            application=application, scheduled_at__lte=timezone.now()
        )
        .order_by("-scheduled_at")
        .first(),
    )


def _stage(history: History) -> str:
    """The stage recorded with the rejection, else the furthest step the history shows."""
    if history.rejection_stage:
        return STAGE_WORDS[RejectionStage(history.rejection_stage)]
    if history.last_interview or Status.INTERVIEWING in history.statuses:
        return "interview"
    if Status.SCREENING in history.statuses:
        return "screening"
    return "application"


def placeholder_values(
    *, application: Application, history: History, contact: Contact | None, my_name: str
) -> dict[str, str]:
    """What each placeholder becomes for this application and person."""
    interview = history.last_interview
    return {
        "contact_first_name": first_name(contact.name) if contact else "",
        "role": application.role,
        "company": application.company,
        "my_name": my_name.strip(),
        "stage": _stage(history),
        "interview_date": (
            date_format(timezone.localtime(interview.scheduled_at).date(), "j F")
            if interview
            else ""
        ),
    }


def suggested_template(history: History) -> str:
    """Which of ours fits best: after an interview if there was one, else after applying."""
    if history.last_interview or history.rejection_stage in LATE_STAGES:
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
