"""The application CSVs: the file people share with a coach or a job centre.

The journal is never in them. Excel opens them right (UTF-8 with a byte-order
mark), dates are ISO, and a cell that a spreadsheet would run as a formula is
neutralised. The import recognises APPLICATION_COLUMNS as our own export and
maps every column by itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone

from jobsearch.models import User
from tracker.models import Application, Contact, StatusEvent

APPLICATION_COLUMNS = (
    "company",
    "role",
    "status",
    "applied_on",
    "status_changed_on",
    "last_activity_on",
    "source",
    "location",
    "work_mode",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "job_url",
    "contacts",
    "notes",
    "created_on",
)

STEP_COLUMNS = (
    "company",
    "role",
    "status",
    "date",
    "rejection_stage",
    "reason",
    "channel",
    "note",
)

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV injection").
# The one home of the rule: the export neutralises them, the import recognises them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What follows a formula start in a real formula: a function call, a cell reference, or a
# DDE link (-cmd|' /C calc'!A0). After "-" nothing may come between: "-5", "- a note",
# "-Python (3 years)" are text; after = + @, spaces may, as before.
_FORMULA_BODY = r"(?:[A-Za-z_][A-Za-z0-9_.]*\(|\$?[A-Za-z]{1,3}\$?\d+\b|[A-Za-z0-9_.]+\s*\|)"
_FORMULA = re.compile(rf"[=+@]\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|{_FORMULA_BODY})|-{_FORMULA_BODY}")
NEUTRAL = "'"


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula, made plain text by a leading apostrophe.

    Cautious on the way out: every cell that starts like a formula gets one, "-5" too."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return NEUTRAL + value
    return value


def neutralised(text: str) -> str | None:
    """The text a neutralised cell stands for ("'=1+1" -> "=1+1"), or None when the cell
    is not one: how the import reads our own export (and any sheet marking text the
    same way) back as it was written."""
    if text.startswith(NEUTRAL) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return None


def looks_like_formula(text: str) -> bool:
    """Whether a cell holds a formula rather than its value, as the import judges it: a
    formula start followed by what formulas are made of. Leading spaces, tabs and
    returns (the other FORMULA_STARTS) are skipped, as some spreadsheets do."""
    start = text.lstrip(" \t\r")
    return start[:1] in FORMULA_STARTS and bool(_FORMULA.match(start))


def _iso(value) -> str:
    return value.isoformat() if value else ""


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV file's text as Excel opens it right, every formula-like cell neutralised.

    Shared by every CSV the app offers (these, and the work-search record)."""
    out = io.StringIO()
    out.write("\ufeff")  # the byte-order mark: Excel then reads the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return out.getvalue()


def applications_csv(*, user: User) -> str:
    applications = (
        Application.objects.filter(user=user)
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.only("name")))
        .order_by("created_at", "id")
    )
    return csv_text(
        APPLICATION_COLUMNS,
        (
            (
                a.company,
                a.role,
                a.status,
                _iso(a.applied_on),
                _iso(a.status_changed_on),
                _iso(a.last_activity_on),
                a.source,
                a.location,
                a.work_mode,
                a.employment_type,
                a.salary_min,
                a.salary_max,
                a.salary_currency,
                a.job_url,
                "; ".join(contact.name for contact in a.contacts.all()),
                a.notes,
                _iso(timezone.localdate(a.created_at)),
            )
            for a in applications
        ),
    )


def steps_csv(*, user: User) -> str:
    """One row per dated step of every application: the rejection log."""
    steps = (
        StatusEvent.objects.filter(user=user)
        .select_related("application")
        .only(
            "status",
            "happened_on",
            "note",
            "rejection_stage",
            "rejection_reason",
            "rejection_channel",
            "application__company",
            "application__role",
        )
        .order_by("happened_on", "id")
    )
    return csv_text(
        STEP_COLUMNS,
        (
            (
                s.application.company,
                s.application.role,
                s.status,
                _iso(s.happened_on),
                s.rejection_stage,
                s.rejection_reason,
                s.rejection_channel,
                s.note,
            )
            for s in steps
        ),
    )
