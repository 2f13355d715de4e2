"""From the bytes of an uploaded file (or pasted text) to a header and rows of text.

Files people actually have: CSV from anywhere (UTF-8 with or without a BOM, UTF-16
as Excel's "Unicode text", Windows-1252 / Latin-1 as older Excel saves it; commas,
semicolons, tabs or bars; any line endings) and spreadsheets (.xlsx, .xls, .ods,
read by python-calamine). Anything else is refused with a reason a person can act on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_PASTE_CHARACTERS = 1_000_000
# Longer text than this in one cell is refused by the check (a job description is rarely
# a tenth); reading keeps one character more, enough to say so, and never the rest.
MAX_CELL = 100_000
# All the text a table may hold once cells are cut: a small .xlsx can unpack to far
# more than its size, and what is read is stored until the import is done.
MAX_TABLE_CHARACTERS = 20_000_000
# A column name longer than this is no name: it is cut (the check page lists them all).
MAX_NAME = 100

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}

# A cell may be long (a pasted job description); the file's own size limit bounds it.
csv.field_size_limit(MAX_BYTES + 1)

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel (.xls)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReadProblem(Exception):
    """The file cannot be read as a table; the message says why, in our words."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    kind: str  # csv, xlsx, xls, ods, text
    described_as: str = ""  # "UTF-8 text with semicolons", for the check page
    notes: list[str] = field(default_factory=list)


def read_upload(data: bytes, filename: str = "") -> Table:
    """Read an uploaded file, whatever it turns out to be."""
    if len(data) > MAX_BYTES:
        raise ReadProblem(
            f"This file is {_size(len(data))}; we can take files up to {_size(MAX_BYTES)}. "
            "Split it into smaller files, or save it as CSV, which is much smaller."
        )
    if not data.strip():
        raise ReadProblem("This file is empty.")
    name = filename.lower()
    if data.startswith(_ZIP):
        if name.endswith(".numbers"):
            raise ReadProblem(
                "Numbers files can’t be read here. In Numbers, choose File → Export To → "
                "CSV, and upload that."
            )
        is_ods = b"opendocument.spreadsheet" in data[:200] or name.endswith(".ods")
        return _read_spreadsheet(data, "ods" if is_ods else "xlsx")
    if data.startswith(_OLE):
        return _read_spreadsheet(data, "xls")
    if data.startswith(b"%PDF"):
        raise ReadProblem("This is a PDF. Upload a CSV file or a spreadsheet instead.")
    text, encoding = _decode(data)
    return _read_text(text, kind="csv", encoding=encoding)


def read_pasted(text: str) -> Table:
    """Rows copied from a spreadsheet (tab-separated) or CSV text typed or pasted in."""
    if len(text) > MAX_PASTE_CHARACTERS:
        raise ReadProblem(
            f"That is more text than we take in one paste ({MAX_PASTE_CHARACTERS:,} "
            "characters). Save it as a file and upload it instead."
        )
    if not text.strip():
        raise ReadProblem("Paste some rows first, with the column names in the first row.")
    return _read_text(text, kind="text", encoding="")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a file, trying what people's files are actually saved as."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:4096]:
        raise _not_text()
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined: Latin-1 reads them all.
        text, encoding = data.decode("latin-1"), "Latin-1"
    return text, encoding


def _not_text() -> ReadProblem:
    return ReadProblem(
        "This doesn’t look like a CSV file or a spreadsheet: it reads as binary data. "
        "Save your list as CSV (or .xlsx / .ods) and upload that."
    )


def _read_text(text: str, *, kind: str, encoding: str) -> Table:
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(3, len(sample) // 100):
        raise _not_text()
    start = sample.lstrip()[:200].casefold()
    if start.startswith(("<!doctype html", "<html", "<?xml", "<table")):
        raise ReadProblem(
            "This is a web page or an XML file, not a CSV. Open it in your spreadsheet app "
            "and save it as CSV, or export a CSV from where it came from."
        )
    if start.startswith(("{", "[{")):
        raise ReadProblem(
            "This looks like JSON, not a CSV. Export a CSV (or a spreadsheet) instead."
        )
    # Excel's own hint on the first line: "sep=;".
    hint = re.match(r"\s*sep=(.)\r?\n", text[:10])
    if hint and hint.group(1) in DELIMITERS:
        delimiter = hint.group(1)
        text = text[hint.end() :]
    else:
        delimiter = _delimiter(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = _take_rows(reader)
    except csv.Error as error:
        raise ReadProblem(
            f"We couldn’t read this as a table: line {reader.line_num} is broken ({error}). "
            "Check for a stray quotation mark there."
        ) from error
    described = " ".join(
        part
        for part in (
            f"{encoding} text" if encoding else "pasted text",
            f"with {DELIMITER_NAMES[delimiter]} between columns",
        )
        if part
    )
    return _table(rows, kind=kind, described_as=described)


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the same number of columns (more than
    one); failing that, csv.Sniffer's guess; failing that, a comma."""
    lines = [line for line in sample.splitlines()[:6] if line.strip()]
    if lines:
        best, best_count = None, 1
        for candidate in DELIMITERS:
            try:
                counts = [len(row) for row in csv.reader(lines, delimiter=candidate)]
            except csv.Error:
                continue
            # Only whole lines were split, so a quoted line break can make a row short.
            if counts and counts[0] > best_count and counts.count(counts[0]) * 2 >= len(counts):
                best, best_count = candidate, counts[0]
        if best:
            return best
    try:
        return csv.Sniffer().sniff(sample[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _take_rows(reader) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in _bounded(reader):
        if len(rows) > MAX_ROWS:
            raise ReadProblem(
                f"This file has more than {MAX_ROWS:,} rows; we can import up to {MAX_ROWS:,} "
                "at a time. Split it into smaller files."
            )
        if len(row) > MAX_COLUMNS:
            raise ReadProblem(
                f"This file has {len(row):,} columns; we can read up to {MAX_COLUMNS}. "
                "Keep the columns about your applications and upload it again."
            )
        rows.append(row)
    return rows


def _bounded(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Rows with every cell cut to MAX_CELL + 1 characters (the check says which cells were
    too long), refused once they hold more than MAX_TABLE_CHARACTERS in all."""
    characters = 0
    for row in rows:
        row = [cell[: MAX_CELL + 1] for cell in row]
        characters += sum(map(len, row))
        if characters > MAX_TABLE_CHARACTERS:
            raise ReadProblem(
                f"This file holds more than {MAX_TABLE_CHARACTERS:,} characters of text, "
                "more than a list of applications needs. Keep the columns about your "
                "applications (long descriptions are usually the cause) and upload it again."
            )
        yield row


def _read_spreadsheet(data: bytes, kind: str) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.width > MAX_COLUMNS:
                raise ReadProblem(
                    f"The sheet “{name}” has {sheet.width:,} columns; we can read up to "
                    f"{MAX_COLUMNS}. Keep the columns about your applications."
                )
            if sheet.height > MAX_ROWS + 50:
                raise ReadProblem(
                    f"The sheet “{name}” has {sheet.height:,} rows; we can import up to "
                    f"{MAX_ROWS:,} at a time. Split it into smaller files."
                )
            rows = list(_bounded([_cell(value) for value in row] for row in sheet.iter_rows()))
            rows = [row for row in rows if any(cell.strip() for cell in row)]
            if rows:
                table = _table(
                    rows, kind=kind, described_as=f"the sheet “{name}” of a .{kind} spreadsheet"
                )
                if len(workbook.sheet_names) > 1:
                    table.notes.append(
                        f"we read the first sheet with something in it, “{name}”; "
                        "to import another, save it on its own"
                    )
                return table
    except ReadProblem:
        raise
    except (CalamineError, ValueError, TypeError, OSError) as error:
        raise ReadProblem(
            "We couldn’t open this spreadsheet: it may be damaged, protected with a password, "
            "or not a spreadsheet after all. Try saving it again as .xlsx or CSV."
        ) from error
    raise ReadProblem("This spreadsheet has nothing in it.")


def _cell(value) -> str:
    """A spreadsheet value as the text a CSV of it would hold; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        return ""
    return str(value)


def _table(rows: list[list[str]], *, kind: str, described_as: str) -> Table:
    rows = [[cell.replace("\x00", "") for cell in row] for row in rows]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ReadProblem("We found no rows in this file.")
    header = [cell.strip()[:MAX_NAME] for cell in rows[0]]
    body = rows[1:]
    if not any(header):
        raise ReadProblem("The first row should hold the column names, but it is empty.")
    if not body:
        raise ReadProblem(
            "This file has the column names but no rows under them, so there is nothing to import."
        )
    width = max(len(header), *(len(row) for row in body))
    # Unnamed columns still get a name a person can pick in the mapping form.
    header += [""] * (width - len(header))
    header = [name or f"Column {i + 1}" for i, name in enumerate(header)]
    body = [row + [""] * (width - len(row)) for row in body]
    if len(header) == 1:
        raise ReadProblem(
            "We found only one column. A list of applications needs at least the company "
            "and the role, in columns separated by commas, semicolons or tabs."
        )
    return Table(header=header, rows=body, kind=kind, described_as=described_as)
