"""The application CSVs: what a spreadsheet shows, and what never goes in them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jobsearch.portability.export import (
    APPLICATION_COLUMNS,
    FORMULA_STARTS,
    applications_csv,
    looks_like_formula,
    neutralise,
)
from jobsearch.portability.importing.models import ImportBatch
from tests.journal.factories import ReflectionFactory
from tests.portability.samples import days_ago
from tests.tracker.factories import ApplicationFactory, ContactFactory
from tracker import services
from tracker.imports import ImportedApplication, applications_import
from tracker.models import Application

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


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("http://evil","Click")', True),
        ("+SUM(A1:A9)", True),
        ("@SUM(A1)", True),
        ("-cmd|' /C calc'!A0", True),
        ("=cmd|' /C calc'!A0", True),
        ("\t=A1", True),
        ("-SUM(A1)", True),
        ("-5", False),
        ("-50.000 €", False),
        ("+44 20 7946 0000", False),
        ("- called them (Tuesday)", False),
        ("-Python (3 years)", False),
        ("Acme", False),
    ],
)
def test_the_import_knows_a_formula_from_a_negative_number_or_a_list(text, formula):
    """One rule for both ways: the export neutralises every formula start, the import
    only refuses what is a formula."""
    assert looks_like_formula(text) is formula
    assert text.startswith(FORMULA_STARTS) == (neutralise(text) != text)


def test_our_export_imports_back_as_it_was(owner, stranger_client, stranger):
    """Our CSV, formula-like cells and all, imported by someone else: the same applications."""
    applications_import(
        user=owner,
        rows=[
            ImportedApplication(
                fields={
                    "company": "=Acme(Holdings)",
                    "role": "-Analyst",
                    "applied_on": days_ago(30),
                    "found_on": days_ago(35),
                    "salary_min": 50000,
                    "salary_max": 60000,
                    "salary_currency": "EUR",
                    "location": "+Paris",
                    "work_mode": "hybrid",
                    "source": "referral",
                    "job_url": "https://acme.example/jobs/1",
                    "notes": "-5 degrees outside\n=SUM(A1) is what I typed",
                },
                status="interviewing",
                status_on=days_ago(5),
            ),
            ImportedApplication(
                fields={"company": "Beta", "role": "Dev", "applied_on": days_ago(20)},
                status="rejected",
                status_on=days_ago(10),
            ),
        ],
    )
    data = applications_csv(user=owner).encode()
    stranger_client.post(
        reverse("importing:start"), {"file": SimpleUploadedFile("export.csv", data)}
    )
    batch = ImportBatch.objects.get(user=stranger)
    page = stranger_client.get(reverse("importing:review", args=[batch.pk]))
    assert page.context["known"].key == "ours"
    assert not page.context["report"].problems
    form = page.context["form"]
    posted = {name: form[name].value() or "" for name in form.fields}
    stranger_client.post(reverse("importing:review", args=[batch.pk]), {**posted, "import": "1"})
    kept = (
        "company",
        "role",
        "status",
        "applied_on",
        "status_changed_on",
        "salary_min",
        "salary_max",
        "salary_currency",
        "location",
        "work_mode",
        "source",
        "job_url",
        "notes",
    )

    def applications(user):
        return list(Application.objects.filter(user=user).order_by("company").values(*kept))

    assert applications(stranger) == applications(owner)
    assert len(applications(stranger)) == 2
