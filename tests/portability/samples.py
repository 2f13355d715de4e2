"""Files shaped like the ones people bring, with rows we wrote ourselves.

Spreadsheets are built by hand (an .xlsx and an .ods are zip files of XML), so the
tests need no library to write them. Dates are built from `today` so every sample is
in the past on whatever day the tests run.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from django.utils import timezone


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def linkedin_applications() -> str:
    """LinkedIn's Jobs/Job Applications.csv: US dates with a two-digit year and a time."""

    def stamp(day: dt.date) -> str:
        return f"{day.month}/{day.day}/{day:%y}, 9:12 AM"

    return csv_text(
        [
            [
                "Application Date",
                "Contact Email",
                "Contact Phone Number",
                "Company Name",
                "Job Title",
                "Job Url",
                "Resume Name",
                "Question And Answers",
            ],
            [
                stamp(days_ago(40)),
                "recruiting@northwind.example",
                "",
                "Northwind Traders",
                "Data Analyst",
                "https://www.linkedin.com/jobs/view/1234567890",
                "cv-2026.pdf",
                "",
            ],
            [
                stamp(days_ago(45)),
                "",
                "",
                "Contoso",
                "Business Intelligence Analyst",
                "https://www.linkedin.com/jobs/view/2234567890",
                "cv-2026.pdf",
                "Years of experience with SQL? : 4",
            ],
        ]
    )


def linkedin_saved() -> str:
    def stamp(day: dt.date) -> str:
        return f"{day.month}/{day.day}/{day:%y}, 6:05 PM"

    return csv_text(
        [
            ["Saved Date", "Job Url", "Job Title", "Company Name"],
            [stamp(days_ago(20)), "https://www.linkedin.com/jobs/view/3", "Analyst", "Fabrikam"],
        ]
    )


def huntr() -> str:
    """Huntr's export: listName is the stage, ISO timestamps, "-" for nothing."""

    def stamp(day: dt.date) -> str:
        # Noon of that day where the person lives, written in UTC as Huntr does: the
        # importer turns it back into the person's own day, in any zone.
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
        return noon.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    return csv_text(
        [
            [
                "title",
                "companyName",
                "listName",
                "boardName",
                "url",
                "location",
                "salary",
                "createdAt",
                "lastMovedAt",
            ],
            [
                "Product Designer",
                "Litware",
                "Wishlist",
                "Job search 2026",
                "-",
                "Berlin",
                "-",
                stamp(days_ago(60)),
                stamp(days_ago(60)),
            ],
            [
                "UX Researcher",
                "Adatum",
                "Interview",
                "Job search 2026",
                "https://adatum.example/jobs/7",
                "Remote",
                "€60k-70k",
                stamp(days_ago(50)),
                stamp(days_ago(30)),
            ],
            [
                "Design Lead",
                "Tailspin",
                "Offer Declined",
                "Job search 2026",
                "-",
                "-",
                "-",
                stamp(days_ago(90)),
                stamp(days_ago(70)),
            ],
        ]
    )


def jobsync() -> str:
    return csv_text(
        [
            [
                "index",
                "createdAt",
                "applied",
                "appliedDate",
                "Company",
                "JobTitle",
                "jobType",
                "Locations",
                "JobSource",
                "Status",
            ],
            [
                "1",
                days_ago(30).isoformat(),
                "true",
                days_ago(28).isoformat(),
                "Woodgrove Bank",
                "Backend Engineer",
                "Full-time",
                "London",
                "Indeed",
                "Rejected",
            ],
            [
                "2",
                days_ago(10).isoformat(),
                "false",
                "",
                "Proseware",
                "Platform Engineer",
                "Contract",
                "Remote",
                "Company Website",
                "Draft",
            ],
        ]
    )


def teal() -> str:
    def stamp(day: dt.date) -> str:
        return f"{day:%B} {day.day}, {day.year}"

    return csv_text(
        [
            [
                "Company",
                "Job Position",
                "Status",
                "Date Saved",
                "Date Applied",
                "Location",
                "Min Salary",
                "Max Salary",
                "URL",
                "Excitement",
                "Notes",
            ],
            [
                "Blue Yonder",
                "Operations Manager",
                "Bookmarked",
                stamp(days_ago(35)),
                "",
                "Leeds",
                "",
                "",
                "",
                "3",
                "",
            ],
            [
                "Alpine Ski House",
                "Operations Lead",
                "Applied",
                stamp(days_ago(33)),
                stamp(days_ago(31)),
                "Denver",
                "70000",
                "85000",
                "https://alpineskihouse.example/careers/2",
                "5",
                "Met them at a meetup",
            ],
        ]
    )


OUR_HEADER = [
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
]


def ours() -> str:
    return csv_text(
        [
            OUR_HEADER,
            [
                "Acme",
                "Analyst",
                "interviewing",
                days_ago(20).isoformat(),
                days_ago(5).isoformat(),
                days_ago(5).isoformat(),
                "referral",
                "Paris",
                "hybrid",
                "full_time",
                "50000",
                "60000",
                "EUR",
                "https://acme.example/jobs/1",
                "Sam Lee",
                "Second round on Friday",
                days_ago(25).isoformat(),
            ],
        ]
    )


def hand_made(day_first: bool = True) -> list[list[str]]:
    """A spreadsheet someone kept by hand: their own column names and words."""

    def stamp(day: dt.date) -> str:
        return f"{day:%d/%m/%Y}" if day_first else f"{day:%m/%d/%Y}"

    return [
        ["Employer", "Position", "Where I'm at", "Date applied", "Comments"],
        ["Globex", "Account Manager", "Phone screen", stamp(days_ago(40)), "Nice people"],
        ["Initech", "Sales Lead", "Ghosted", stamp(days_ago(80)), ""],
        ["Umbrella", "Key Accounts", "Applied", stamp(days_ago(13)), ""],
    ]


# --- spreadsheets ---------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx(rows: list[list], sheet: str = "Applications") -> bytes:
    """A minimal .xlsx: text as inline strings, numbers as numbers, dates as real date
    cells (a serial number with a date format), as Excel writes them."""
    epoch = dt.date(1899, 12, 30)
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if isinstance(value, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{_MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        ),
    }
    return _zip(parts)


def ods(rows: list[list]) -> bytes:
    """A minimal OpenDocument spreadsheet, dates as date cells."""
    lines = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                cells.append(
                    f'<table:table-cell office:value-type="date" '
                    f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p>'
                    "</table:table-cell>"
                )
            elif isinstance(value, int | float):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    '<table:table-cell office:value-type="string">'
                    f"<text:p>{escape(value)}</text:p></table:table-cell>"
                )
        lines.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{''.join(lines)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
            "META-INF/manifest.xml": manifest,
            "content.xml": content,
        }
    )


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=method)
    return out.getvalue()
