"""Every row checked before anything is written: what it will become, what is wrong
with it (row, column, a plain reason), and whether it repeats an application."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from jobsearch.portability.export import looks_like_formula, neutralised
from jobsearch.portability.importing import values
from jobsearch.portability.importing.columns import DATE_FIELDS, FIELDS_BY_KEY, FORMATS
from jobsearch.portability.importing.reading import MAX_CELL
from tracker.imports import ImportedApplication, history, imported_application_errors
from tracker.models import Application, Status
from tracker.services import tidy

# More different words than this in the status column: it is probably not the status.
MAX_STATUS_WORDS = 60
# Longer text than this in one cell is refused (a job description is rarely a tenth);
# reading keeps no more than one character over it.
MAX_TEXT = MAX_CELL
PREVIEW_ROWS = 10
PROBLEMS_SHOWN = 200

_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#].*)?$", re.IGNORECASE)


@dataclass
class Problem:
    row: int
    column: str
    reason: str


@dataclass
class CheckedRow:
    number: int  # the row's number in the file, the column names being row 1
    imported: ImportedApplication
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: str = ""  # "" or what it repeats, in words
    steps: list[tuple[str, date]] = field(default_factory=list)
    status_word: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def history_display(self) -> list[tuple[str, date]]:
        labels = dict(Status.choices)
        return [(str(labels[status]), on) for status, on in self.steps]

    @property
    def status_dated_by_us(self) -> date | None:
        """The day its current status is put on when the file gives no date for it."""
        if self.steps and not self.imported.status_dated:
            return self.steps[-1][1]
        return None

    @property
    def status_label(self) -> str:
        return str(dict(Status.choices).get(self.imported.status, ""))

    @property
    def details(self) -> str:
        """The other fields, briefly, for the preview."""
        fields = self.imported.fields
        parts = []
        for key in ("location", "work_mode", "employment_type", "source"):
            if fields.get(key):
                parts.append(_display(key, fields[key]))
        low, high, currency = (
            fields.get("salary_min"),
            fields.get("salary_max"),
            fields.get("salary_currency"),
        )
        if low or high:
            amount = "–".join(f"{n:,}" for n in (low, high) if n is not None)
            parts.append(f"{amount} {currency}".strip())
        return " · ".join(parts)


@dataclass
class Report:
    rows: list[CheckedRow]
    status_words: list[tuple[str, int, str]]  # their word, how many rows, our status ("" unknown)
    status_column_too_varied: bool
    date_order: str
    date_order_asked: bool

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if row.problems)

    @property
    def undated(self) -> int:
        """Rows ready to go whose status the file gives no date for."""
        return sum(1 for row in self.rows if row.ok and row.status_dated_by_us)

    @property
    def duplicates(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.ok and row.duplicate_of]

    def to_import(self, *, include_duplicates: bool) -> list[CheckedRow]:
        return [row for row in self.rows if row.ok and (include_duplicates or not row.duplicate_of)]

    @property
    def preview(self) -> list[CheckedRow]:
        return self.rows[:PREVIEW_ROWS]

    @property
    def unknown_words(self) -> list[str]:
        return [word for word, _, status in self.status_words if not status]


def _display(key: str, value) -> str:
    model_field = Application._meta.get_field(key)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    return str(value)


def status_words_in(rows: Iterable[list[str]], column: int | None) -> Counter:
    """Their distinct status words (as written the first time), and how many rows each."""
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    if column is None:
        return counts
    for row in rows:
        word = tidy(row[column])
        if values.blank(word):
            continue
        key = values.status_key(word) or word
        spelling.setdefault(key, word)
        counts[spelling[key]] += 1
    return counts


@dataclass
class Questions:
    """What the check page asks about, worked out from the whole file: their status
    words (with our guess or the person's choice) and which way round dates go."""

    status_words: list[tuple[str, int, str]]  # their word, how many rows, our status
    status_column_too_varied: bool
    date_order: str
    date_order_asked: bool


def questions(
    *,
    rows: list[list[str]],
    mapping: dict[str, int | None],
    format_key: str = "",
    status_choices: dict[str, str] | None = None,
    date_order: str = "",
) -> Questions:
    known = next((f for f in FORMATS if f.key == format_key), None)
    status_choices = status_choices or {}
    counts = status_words_in(rows, mapping.get("status"))
    words = [
        (word, count, status_choices.get(values.status_key(word)) or values.guess_status(word))
        for word, count in counts.most_common()
    ]
    too_varied = len(words) > MAX_STATUS_WORDS
    date_cells = [
        row[mapping[key]] for key in DATE_FIELDS if mapping.get(key) is not None for row in rows
    ]
    settled_order, settled = values.decide_order(date_cells)
    if known and known.date_order:
        settled_order, settled = known.date_order, True
    return Questions(
        status_words=[] if too_varied else words,
        status_column_too_varied=too_varied,
        date_order=settled_order or date_order,
        date_order_asked=not settled and not settled_order,
    )


def check(
    *,
    user,
    header: list[str],
    rows: list[list[str]],
    mapping: dict[str, int | None],
    format_key: str = "",
    status_choices: dict[str, str] | None = None,
    date_order: str = "",
    existing: set[tuple[str, str]] | None = None,
) -> Report:
    """Check every row against `mapping` (our field -> their column index).

    `status_choices` holds the person's choice for some of their status words (keyed
    by `values.status_key`); `date_order` their answer to "day or month first?"."""
    known = next((f for f in FORMATS if f.key == format_key), None)
    existing = existing or set()
    today = timezone.localdate()
    asked = questions(
        rows=rows,
        mapping=mapping,
        format_key=format_key,
        status_choices=status_choices,
        date_order=date_order,
    )
    words = asked.status_words
    too_varied = asked.status_column_too_varied
    order = asked.date_order
    our_status = {values.status_key(word): status for word, _, status in words}

    seen: dict[tuple[str, str], int] = {}
    checked: list[CheckedRow] = []
    for index, row in enumerate(rows):
        number = index + 2
        checked_row = _check_row(
            user=user,
            number=number,
            row=row,
            header=header,
            mapping=mapping,
            known=known,
            our_status=our_status,
            too_varied=too_varied,
            order=order,
            today=today,
        )
        fields = checked_row.imported.fields
        key = (fields.get("company", "").casefold(), fields.get("role", "").casefold())
        if checked_row.ok and all(key):
            if key in existing:
                checked_row.duplicate_of = "an application you already have"
            elif key in seen:
                checked_row.duplicate_of = f"row {seen[key]}"
            else:
                seen[key] = number
        checked.append(checked_row)
    return Report(
        rows=checked,
        status_words=words,
        status_column_too_varied=too_varied,
        date_order=order,
        date_order_asked=asked.date_order_asked,
    )


def _check_row(
    *, user, number, row, header, mapping, known, our_status, too_varied, order, today
) -> CheckedRow:
    problems: list[Problem] = []
    notes_extra: list[str] = []
    fields: dict = {}

    cells = {key: row[index] for key, index in mapping.items() if index is not None}
    plain: set[str] = set()  # cells the file marks as text ("'=1+1", as our export writes)
    for key, text in cells.items():
        if (unmarked := neutralised(text)) is not None:
            cells[key] = unmarked
            plain.add(key)
    cell = cells.get

    def column(key: str) -> str:
        index = mapping.get(key)
        return header[index] if index is not None else FIELDS_BY_KEY[key].label

    def problem(key: str, reason: str) -> None:
        problems.append(Problem(number, column(key), reason))

    for key, text in cells.items():
        if len(text) > MAX_TEXT:
            problem(
                key,
                f"This cell holds more than {MAX_TEXT:,} characters; we take up to "
                f"{MAX_TEXT:,} in one cell (a job description is rarely a tenth of that).",
            )
        elif key not in plain and looks_like_formula(text):
            problem(
                key,
                f"“{values.short(text)}” is a spreadsheet formula, not its value. "
                "Save the sheet as CSV from your spreadsheet app, which writes the values.",
            )
    if problems:
        return CheckedRow(number, ImportedApplication(fields={}), problems)

    for key in ("company", "role"):
        text = tidy(cell(key, ""))
        if values.blank(text):
            problem(key, f"{FIELDS_BY_KEY[key].label} is empty; every application needs one.")
        fields[key] = "" if values.blank(text) else text
    for key in ("location", "salary_currency"):
        text = tidy(cell(key, ""))
        if not values.blank(text):
            fields[key] = text.upper() if key == "salary_currency" else text
    for key in ("description", "notes"):
        text = cell(key, "").strip()
        if not values.blank(text):
            fields[key] = text.replace("\r\n", "\n")

    link = cell("job_url", "").strip()
    if not values.blank(link):
        if _DOMAIN.match(link):
            link = f"https://{link}"
        fields["job_url"] = link

    for key, convert, label in (
        ("work_mode", values.work_mode, "Work mode"),
        ("employment_type", values.employment_type, "Employment type"),
    ):
        text = tidy(cell(key, ""))
        if not values.blank(text):
            choice = convert(text)
            if choice:
                fields[key] = choice
            else:
                notes_extra.append(f"{label}: {text}")
    source_text = tidy(cell("source", ""))
    if not values.blank(source_text):
        fields["source"] = values.source(source_text)
        if fields["source"] == "other" and values.status_key(source_text) != "other":
            notes_extra.append(f"Where I found it: {source_text}")
    elif known and known.source:
        fields["source"] = known.source

    salary_text = cell("salary_min", "")
    if not values.blank(salary_text):
        try:
            low, high, currency = values.salary(salary_text)
        except ValueError:
            notes_extra.append(f"Salary: {tidy(salary_text)}")
        else:
            fields["salary_min"] = low
            if high is not None and mapping.get("salary_max") is None:
                fields["salary_max"] = high
            if currency and "salary_currency" not in fields:
                fields["salary_currency"] = currency
    high_text = cell("salary_max", "")
    if not values.blank(high_text):
        try:
            low, high, currency = values.salary(high_text)
        except ValueError:
            notes_extra.append(f"Salary to: {tidy(high_text)}")
        else:
            fields["salary_max"] = high if high is not None else low
            if currency and "salary_currency" not in fields:
                fields["salary_currency"] = currency

    dates: dict[str, date | None] = {}
    for key in DATE_FIELDS:
        try:
            dates[key] = values.parse_date(cell(key, ""), order)
        except values.DateProblem as error:
            problem(key, str(error))
            dates[key] = None
    for key in ("found_on", "applied_on"):
        if dates[key]:
            fields[key] = dates[key]

    contact = tidy(cell("contact", ""))
    if not values.blank(contact):
        notes_extra.append(f"Contact: {contact}")
    if notes_extra:
        fields["notes"] = "\n".join(filter(None, [fields.get("notes", ""), *notes_extra]))

    status_word = tidy(cell("status", "")) if mapping.get("status") is not None else ""
    if values.blank(status_word) or too_varied:
        if known and known.status:
            status = known.status
        else:
            only_saved = dates["found_on"] and not dates["applied_on"]
            status = Status.SAVED if only_saved else Status.APPLIED
    else:
        status = our_status.get(values.status_key(status_word), "")
        if not status:
            problem(
                "status",
                f"We don’t know what “{values.short(status_word)}” means here; "
                "choose one of our statuses for it above.",
            )
            status = Status.APPLIED

    imported = ImportedApplication(fields=fields, status=status, status_on=dates["status_on"])
    if not problems:
        for name, messages in imported_application_errors(row=imported, today=today).items():
            # A status problem is its date (in the future); without that column, the status.
            if name == "status":
                label = column("status_on") if mapping.get("status_on") is not None else "Status"
            else:
                label = column(name) if name in FIELDS_BY_KEY else name
            for message in messages:
                problems.append(Problem(number, label, message))
    steps = history(imported, today) if not problems else []
    return CheckedRow(number, imported, problems, steps=steps, status_word=status_word)
