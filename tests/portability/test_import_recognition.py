"""Known exports recognised by their headers and read with no questions asked; any
other header guessed from its names."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from jobsearch.portability.importing import checking
from jobsearch.portability.importing.columns import guess_mapping, recognise
from jobsearch.portability.importing.reading import read_upload
from tests.portability import samples
from tests.portability.samples import days_ago

pytestmark = pytest.mark.django_db


def _check(owner, text: str, **kwargs):
    table = read_upload(text.encode("utf-8"), "export.csv")
    known = recognise(table.header)
    report = checking.check(
        user=owner,
        header=table.header,
        rows=table.rows,
        mapping=guess_mapping(table.header, known),
        format_key=known.key if known else "",
        **kwargs,
    )
    return known, report


def _by_company(report) -> dict:
    return {row.imported.fields["company"]: row for row in report.rows}


def test_linkedin_job_applications(owner):
    known, report = _check(owner, samples.linkedin_applications())
    assert known.key == "linkedin_applications"
    assert not report.problems and not report.date_order_asked
    rows = _by_company(report)
    northwind = rows["Northwind Traders"]
    assert northwind.imported.status == "applied"
    assert northwind.imported.fields["applied_on"] == days_ago(40)
    assert northwind.imported.fields["role"] == "Data Analyst"
    assert northwind.imported.fields["source"] == "linkedin"
    assert northwind.imported.fields["job_url"].startswith("https://www.linkedin.com/jobs/view/")
    assert "Contact: recruiting@northwind.example" in northwind.imported.fields["notes"]
    assert northwind.steps == [("applied", days_ago(40))]


def test_linkedin_saved_jobs(owner):
    known, report = _check(owner, samples.linkedin_saved())
    assert known.key == "linkedin_saved"
    (row,) = report.rows
    assert row.imported.status == "saved"
    assert row.steps == [("saved", days_ago(20))]


def test_huntr(owner):
    known, report = _check(owner, samples.huntr())
    assert known.key == "huntr"
    assert not report.problems
    rows = _by_company(report)
    assert rows["Litware"].steps == [("saved", days_ago(60))]
    assert "job_url" not in rows["Litware"].imported.fields  # "-" is nothing
    adatum = rows["Adatum"]
    assert adatum.imported.status == "interviewing"
    assert adatum.steps == [("saved", days_ago(50)), ("interviewing", days_ago(30))]
    assert adatum.imported.fields["salary_min"] == 60000
    assert adatum.imported.fields["salary_max"] == 70000
    assert adatum.imported.fields["salary_currency"] == "EUR"
    assert rows["Tailspin"].imported.status == "declined"
    assert [word for word, _, _ in report.status_words] == [
        "Wishlist",
        "Interview",
        "Offer Declined",
    ]


def test_jobsync(owner):
    known, report = _check(owner, samples.jobsync())
    assert known.key == "jobsync"
    assert not report.problems
    rows = _by_company(report)
    woodgrove = rows["Woodgrove Bank"]
    assert woodgrove.steps == [
        ("saved", days_ago(30)),
        ("applied", days_ago(28)),
        ("rejected", days_ago(28)),
    ]
    assert woodgrove.imported.fields["employment_type"] == "full_time"
    assert woodgrove.imported.fields["source"] == "job_board"
    assert woodgrove.imported.fields["location"] == "London"
    assert rows["Proseware"].imported.status == "saved"


def test_teal(owner):
    known, report = _check(owner, samples.teal())
    assert known.key == "teal"
    assert not report.problems
    rows = _by_company(report)
    assert rows["Blue Yonder"].steps == [("saved", days_ago(35))]
    alpine = rows["Alpine Ski House"]
    assert alpine.steps == [("saved", days_ago(33)), ("applied", days_ago(31))]
    assert (alpine.imported.fields["salary_min"], alpine.imported.fields["salary_max"]) == (
        70000,
        85000,
    )
    assert alpine.imported.fields["notes"] == "Met them at a meetup"


def test_our_own_export(owner):
    known, report = _check(owner, samples.ours())
    assert known.key == "ours"
    (row,) = report.rows
    fields = row.imported.fields
    assert row.imported.status == "interviewing"
    assert row.steps == [
        ("saved", days_ago(25)),
        ("applied", days_ago(20)),
        ("interviewing", days_ago(5)),
    ]
    assert fields["work_mode"] == "hybrid"
    assert fields["employment_type"] == "full_time"
    assert fields["source"] == "referral"
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"]) == (
        50000,
        60000,
        "EUR",
    )
    assert fields["notes"] == "Second round on Friday\nContact: Sam Lee"


# Pinned: 40 days before this is the 21st, so the day-first dates settle the order.
@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_a_hand_made_sheet_is_guessed_from_its_column_names(owner):
    table = read_upload(samples.csv_text(samples.hand_made()).encode("cp1252"))
    assert recognise(table.header) is None
    mapping = guess_mapping(table.header)
    # "Where I'm at" means nothing to us: the person points it at the status.
    assert mapping["status"] is None
    assert (mapping["company"], mapping["role"], mapping["applied_on"]) == (0, 1, 3)
    report = checking.check(
        user=owner, header=table.header, rows=table.rows, mapping={**mapping, "status": 2}
    )
    assert not report.problems
    rows = _by_company(report)
    assert rows["Globex"].imported.status == "screening"
    assert rows["Globex"].imported.fields["applied_on"] == days_ago(40)
    assert rows["Globex"].imported.fields["notes"] == "Nice people"
    assert rows["Initech"].imported.status == "no_response"


@pytest.mark.parametrize(
    "header",
    [
        ["Company", "Role"],
        ["company_name", "job_title"],
        ["EMPLOYER", "Position"],
        ["Organisation", "title"],
        ["organization name", "Job Position"],
    ],
)
def test_names_match_ignoring_case_spaces_and_underscores(header):
    mapping = guess_mapping(header)
    assert (mapping["company"], mapping["role"]) == (0, 1)


def test_common_synonyms_find_their_field():
    header = ["Stage", "Date applied", "Application link", "Comments", "Date added", "Last updated"]
    mapping = guess_mapping(["Company", "Role", *header])
    assert mapping["status"] == 2
    assert mapping["applied_on"] == 3
    assert mapping["job_url"] == 4
    assert mapping["notes"] == 5
    assert mapping["found_on"] == 6
    assert mapping["status_on"] == 7


def test_a_column_serves_one_field_only():
    mapping = guess_mapping(["Title", "Company", "Job Title"])
    assert mapping["role"] == 0
    assert list(mapping.values()).count(0) == 1


def test_an_unknown_header_is_left_for_the_person():
    mapping = guess_mapping(["Foo", "Bar"])
    assert mapping["company"] is None and mapping["role"] is None
