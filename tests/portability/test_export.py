"""The application CSVs: what a spreadsheet shows, and what never goes in them."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from jobsearch.portability.export import APPLICATION_COLUMNS, neutralise
from tests.journal.factories import ReflectionFactory
from tests.tracker.factories import ApplicationFactory, ContactFactory
from tracker import services

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_applications_csv_has_our_header_exactly(owner_client):
    response = owner_client.get(reverse("portability:export_applications"))
    header = response.content.decode("utf-8").removeprefix("\ufeff").splitlines()[0]
    assert header == ",".join(APPLICATION_COLUMNS)
    assert header == (
        "company,role,status,applied_on,status_changed_on,last_activity_on,source,location,"
        "work_mode,employment_type,salary_min,salary_max,salary_currency,job_url,contacts,"
        "notes,created_on"
    )


def test_the_applications_csv_reads_as_a_person_would_expect(owner_client, owner):
    today = timezone.localdate()
    application = services.application_create(
        user=owner,
        company="Zürich Stiftung",
        role="Data analyst",
        status="applied",
        applied_on=today,
        source="linkedin",
        location="Zürich",
        work_mode="hybrid",
        salary_min=70000,
        salary_max=85000,
        salary_currency="CHF",
        job_url="https://example.org/jobs/1",
        notes="Line one\nline two, with a comma",
    )
    services.application_set_status(application=application, status="interviewing", on=today)
    application.contacts.add(ContactFactory(user=owner, name="Ana Ruiz"))
    application.contacts.add(ContactFactory(user=owner, name="Ben Okafor"))
    response = owner_client.get(reverse("portability:export_applications"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    (row,) = _rows(response)
    assert row["company"] == "Zürich Stiftung"
    assert row["status"] == "interviewing"
    assert row["applied_on"] == today.isoformat()
    assert row["status_changed_on"] == today.isoformat()
    assert row["created_on"] == today.isoformat()
    assert row["salary_min"] == "70000"
    assert row["contacts"] == "Ana Ruiz; Ben Okafor"
    assert row["notes"] == "Line one\nline two, with a comma"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_made_plain_text(owner_client, owner, start):
    ApplicationFactory(user=owner, company=f'{start}HYPERLINK("http://evil")', notes=f"{start}1+1")
    (row,) = _rows(owner_client.get(reverse("portability:export_applications")))
    assert row["company"] == f'\'{start}HYPERLINK("http://evil")'
    assert row["notes"] == f"'{start}1+1"


def test_plain_text_is_left_alone():
    assert neutralise("Acme") == "Acme"
    assert neutralise(70000) == 70000
    assert neutralise("") == ""


def test_the_journal_and_other_people_are_never_in_it(owner_client, owner, stranger):
    application = ApplicationFactory(user=owner, company="Mine")
    ReflectionFactory(user=owner, application=application, automatic_thought="SECRET THOUGHT")
    ApplicationFactory(user=stranger, company="Theirs")
    for name in ("portability:export_applications", "portability:export_steps"):
        text = owner_client.get(reverse(name)).content.decode()
        assert "Mine" in text
        assert "SECRET THOUGHT" not in text
        assert "Theirs" not in text


def test_the_step_log_has_one_row_per_step_with_rejection_details(owner_client, owner):
    today = timezone.localdate()
    application = services.application_create(
        user=owner, company="Acme", role="Analyst", status="applied", applied_on=today
    )
    services.application_set_status(
        application=application,
        status="rejected",
        on=today,
        stage="final",
        reason="Went with someone internal",
        channel="email",
    )
    response = owner_client.get(reverse("portability:export_steps"))
    rows = _rows(response)
    assert [r["status"] for r in rows] == ["applied", "rejected"]
    assert rows[1] == {
        "company": "Acme",
        "role": "Analyst",
        "status": "rejected",
        "date": today.isoformat(),
        "rejection_stage": "final",
        "reason": "Went with someone internal",
        "channel": "email",
        "note": "",
    }
