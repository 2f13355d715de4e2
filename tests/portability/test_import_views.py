"""The import pages as a person uses them: upload, check and match, import."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from jobsearch.portability.importing import services
from jobsearch.portability.importing.models import ImportBatch
from tests.hostile import CORPUS
from tests.portability import samples
from tests.portability.factories import import_batch
from tests.portability.samples import days_ago
from tests.tracker.factories import ApplicationFactory
from tracker.imports import ImportedApplication
from tracker.models import Application, FollowUp, StatusEvent

pytestmark = pytest.mark.django_db

START = reverse("importing:start")


def upload(client, data: bytes, name: str = "applications.csv", follow: bool = False):
    return client.post(START, {"file": SimpleUploadedFile(name, data)}, follow=follow)


def review_url(batch) -> str:
    return reverse("importing:review", args=[batch.pk])


def form_data(response) -> dict:
    """The review form's fields as the page shows them, ready to post back."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = "on" if value is True else value
    return data


# --- who can see what ----------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, owner):
    batch = import_batch(owner)
    for url in (START, review_url(batch)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_another_persons_import_is_not_found(stranger_client, owner):
    batch = import_batch(owner)
    assert stranger_client.get(review_url(batch)).status_code == 404
    assert stranger_client.post(review_url(batch), {"import": "1"}).status_code == 404
    discard = reverse("importing:discard", args=[batch.pk])
    assert stranger_client.post(discard).status_code == 404
    assert ImportBatch.objects.filter(pk=batch.pk).exists()
    assert not Application.objects.exists()


def test_the_owner_sees_the_upload_page(owner_client):
    response = owner_client.get(START)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Import applications" in html
    assert "LinkedIn’s data export" in html


# --- uploading -------------------------------------------------------------------------


def test_posting_nothing_is_explained(owner_client):
    response = owner_client.post(START, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a file to upload, or paste some rows." in html


def test_a_file_that_cannot_be_read_is_explained_and_nothing_is_kept(owner_client):
    response = upload(owner_client, bytes(range(256)) * 10, "photo.csv")
    assert response.status_code == 200
    assert "reads as binary data" in response.content.decode()
    assert not ImportBatch.objects.exists()


WIDE = ",".join(f"c{i}" for i in range(5000)).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Company,Role,Status\r\n", "no rows under them"),
        (WIDE + b"\n" + WIDE + b"\n", "5,000 columns"),
        (b"<!DOCTYPE html><html></html>", "web page"),
        (b"", "This file is empty"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"PK\x03\x04not really a spreadsheet", "couldn’t open this spreadsheet"),
    ],
)
def test_hostile_files_are_explained_and_nothing_is_kept(owner_client, data, message):
    response = upload(owner_client, data, "upload.xlsx" if data.startswith(b"PK") else "a.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not ImportBatch.objects.exists() and not Application.objects.exists()


def test_a_file_over_the_limit_is_refused_with_the_limit(owner_client):
    response = upload(owner_client, b"Company,Role\n" + b"x" * (10 * 1024 * 1024 + 10))
    assert "we can take files up to 10.0 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_pasted_text_that_is_too_long_keeps_what_was_typed(owner_client):
    text = "Company\tRole\n" + "Acme\tAnalyst\n" * 50_000
    response = owner_client.post(START, {"pasted": text})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["form"]["pasted"].value() == text


def test_pasted_rows_go_to_the_check_page(owner_client, owner):
    response = owner_client.post(START, {"pasted": "Company\tRole\nAcme\tAnalyst\n"})
    batch = ImportBatch.objects.get(user=owner)
    assert response["Location"] == review_url(batch)
    assert "Your pasted rows" in owner_client.get(review_url(batch)).content.decode()


def test_a_new_upload_replaces_the_last_and_old_ones_are_cleared(owner_client, owner, stranger):
    first = import_batch(owner)
    with time_machine.travel(timezone.now() - dt.timedelta(days=2)):
        forgotten = import_batch(stranger)
    upload(owner_client, samples.linkedin_applications().encode())
    assert not ImportBatch.objects.filter(pk__in=[first.pk, forgotten.pk]).exists()
    assert ImportBatch.objects.filter(user=owner).count() == 1


def test_the_upload_page_offers_to_carry_on(owner_client, owner):
    batch = import_batch(owner)
    html = owner_client.get(START).content.decode()
    assert "Carry on with it" in html and review_url(batch) in html


# --- a known export, straight through ---------------------------------------------------


def test_linkedin_export_imports_with_no_questions(owner_client, owner):
    response = upload(
        owner_client, samples.linkedin_applications().encode(), "Job Applications.csv"
    )
    batch = ImportBatch.objects.get(user=owner)
    assert response["Location"] == review_url(batch)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "We recognised it as LinkedIn’s export of your job applications" in html
    assert "Northwind Traders" in html and "Data Analyst" in html
    assert f"Applied {days_ago(40):%-d %b %Y}" in html
    assert "Import 2 applications" in html
    assert "How does this file write dates?" not in html

    response = owner_client.post(review_url(batch), {**form_data(page), "import": "1"}, follow=True)
    html = response.content.decode()
    assert "Imported 2 applications." in html
    assert "Northwind Traders" in html
    northwind = Application.objects.get(user=owner, company="Northwind Traders")
    assert (northwind.status, northwind.applied_on, northwind.source) == (
        "applied",
        days_ago(40),
        "linkedin",
    )
    assert not ImportBatch.objects.exists()


# --- the mapping step -------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_changing_a_column_updates_the_preview_and_the_status_words(owner_client, owner):
    data = samples.xlsx(samples.hand_made())
    upload(owner_client, data, "my applications.xlsx")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "Which of your columns goes where" in html
    assert "“Phone screen”" not in html  # the status column is not matched yet

    choices = {**form_data(page), "column_status": "2", "preview": "1"}
    response = owner_client.post(review_url(batch), choices)
    assert response["Location"] == review_url(batch)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "“Phone screen” (1 row)" in html
    assert "Screening <span" in html
    assert "No response <span" in html

    # Their "Phone screen" meant an interview for them: they say so.
    word = next(n for n, f in page.context["form"].fields.items() if "Phone screen" in f.label)
    choices = {**form_data(page), word: "interviewing", "import": "1"}
    response = owner_client.post(review_url(batch), choices)
    assert response.status_code == 302
    globex = Application.objects.get(user=owner, company="Globex")
    assert globex.status == "interviewing"
    assert globex.applied_on == days_ago(40)
    assert list(globex.events.values_list("status", flat=True)) == ["applied", "interviewing"]


def test_an_excel_csv_from_windows_imports_as_written(owner_client, owner):
    """Semicolons, Windows-1252, CRLF, day-first dates and French status words."""
    text = (
        "Entreprise;Poste;Statut;Date de candidature\r\n"
        "Société Générale;Analyste;Entretien;25/10/2026\r\n"
        "Crédit Agricole;Chargé d’études;Refusé;03/11/2026\r\n"
    )
    upload(owner_client, text.encode("cp1252"), "candidatures.csv")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "Windows-1252 text with semicolons between columns" in html
    assert "Company is empty" in html
    # Nothing here is one of our column names: the person matches them.
    choices = {
        **form_data(page),
        "column_company": "0",
        "column_role": "1",
        "column_status": "2",
        "column_applied_on": "3",
        "preview": "1",
    }
    owner_client.post(review_url(batch), choices)
    page = owner_client.get(review_url(batch))
    assert "Société Générale" in page.content.decode()
    form = page.context["form"]
    words = {str(f.label): n for n, f in form.fields.items() if n.startswith("word_")}
    choices = {
        **form_data(page),
        words["“Entretien” (1 row)"]: "interviewing",
        words["“Refusé” (1 row)"]: "rejected",
        "import": "1",
    }
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False):
        response = owner_client.post(review_url(batch), choices)
    assert response.status_code == 302
    societe = Application.objects.get(user=owner, company="Société Générale")
    assert (societe.status, societe.applied_on) == ("interviewing", dt.date(2026, 10, 25))
    credit = Application.objects.get(user=owner, role="Chargé d’études")
    assert (credit.status, credit.applied_on) == ("rejected", dt.date(2026, 11, 3))


def test_changing_a_column_and_importing_at_once_shows_the_new_preview_first(owner_client, owner):
    upload(owner_client, samples.csv_text(samples.hand_made()).encode())
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    response = owner_client.post(
        review_url(batch), {**form_data(page), "column_status": "2", "import": "1"}, follow=True
    )
    assert "here is the new preview" in response.content.decode()
    assert not Application.objects.exists()


def test_without_the_company_column_nothing_imports_and_choices_are_kept(owner_client, owner):
    upload(owner_client, b"Firm name,Role\nAcme,Analyst\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    assert "Company is empty" in page.content.decode()
    response = owner_client.post(
        review_url(batch), {**form_data(page), "column_notes": "0", "import": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the column that holds the company" in html
    assert response.context["form"]["column_notes"].value() == "0"
    assert not Application.objects.exists()


def test_an_unknown_status_word_waits_for_a_meaning(owner_client, owner):
    upload(owner_client, b"Company,Role,Status\nAcme,Analyst,Sideways\nBeta,Dev,Applied\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "We don’t know what “Sideways” means here" in html
    assert "Left out until you choose." in html
    assert "Import 1 application<" in html
    word = next(n for n, f in page.context["form"].fields.items() if "Sideways" in str(f.label))
    response = owner_client.post(
        review_url(batch), {**form_data(page), word: "withdrawn", "preview": "1"}, follow=True
    )
    assert "Import 2 applications" in response.content.decode()
    owner_client.post(review_url(batch), {**form_data(response), "import": "1"})
    assert Application.objects.get(user=owner, company="Acme").status == "withdrawn"


def test_dates_that_could_go_either_way_are_asked_about(owner_client, owner):
    upload(owner_client, b"Company,Role,Applied\nAcme,Analyst,03/04/2026\nBeta,Dev,05/06/2026\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    assert "How does this file write dates?" in page.content.decode()
    response = owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert "Tell us which way round the dates are" in response.content.decode()
    assert not Application.objects.exists()

    response = owner_client.post(
        review_url(batch), {**form_data(page), "date_order": "dmy", "import": "1"}
    )
    assert response.status_code == 302
    assert Application.objects.get(company="Acme").applied_on == dt.date(2026, 4, 3)


def test_duplicates_are_left_out_unless_asked_for(owner_client, owner):
    ApplicationFactory(user=owner, company="Acme", role="Analyst")
    upload(owner_client, b"Company,Role\nacme,ANALYST\nBeta,Dev\nBeta,Dev\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "Same company and role as an application you already have" in html
    assert "Same company and role as row 3" in html
    assert "Import 1 application<" in html
    owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert Application.objects.filter(user=owner).count() == 2


def test_duplicates_go_in_when_the_box_is_ticked(owner_client, owner):
    ApplicationFactory(user=owner, company="Acme", role="Analyst")
    upload(owner_client, b"Company,Role\nAcme,Analyst\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    owner_client.post(
        review_url(batch), {**form_data(page), "include_duplicates": "on", "import": "1"}
    )
    assert Application.objects.filter(user=owner, company="Acme").count() == 2


def test_a_long_file_previews_its_first_rows_and_counts_the_rest(owner_client, owner):
    rows = "".join(f"Company {n},Role,2026-02-30\n" for n in range(250))
    upload(owner_client, f"Company,Role,Applied\n{rows}".encode())
    batch = ImportBatch.objects.get(user=owner)
    html = owner_client.get(review_url(batch)).content.decode()
    assert "And 240 more rows, checked the same way." in html
    assert "Problems (250)" in html and "And 50 more like these." in html


def test_a_file_with_no_good_rows_imports_nothing_and_says_why(owner_client, owner):
    upload(owner_client, b"Company,Role,Applied\nAcme,Analyst,2026-02-30\n")
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    assert "Row 2, Applied: “2026-02-30” is not a real date." in page.content.decode()
    response = owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert "No rows are ready to import" in response.content.decode()
    assert not Application.objects.exists()


def test_a_failure_while_writing_is_explained_and_nothing_is_written(
    owner_client, owner, monkeypatch
):
    upload(owner_client, samples.linkedin_applications().encode())
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))

    def refuse(**kwargs):
        raise ValidationError("Row 2 could not be imported: it changed under us.")

    monkeypatch.setattr(services, "applications_import", refuse)
    response = owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert "Row 2 could not be imported" in response.content.decode()
    assert not Application.objects.exists() and not StatusEvent.objects.exists()
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


def test_pressing_import_twice_imports_the_rows_once(owner_client, owner, monkeypatch):
    """Two clicks that both loaded the batch: the first to write takes it, the other
    finds it gone and says so (the race the review saw as 600 rows from 300)."""
    upload(owner_client, samples.linkedin_applications().encode())
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    expected = page.context["chosen_count"]
    original = services.batch_import

    def other_click_first(**kwargs):
        original(**kwargs)  # the other request, finishing between our read and our write
        return original(**kwargs)

    monkeypatch.setattr(services, "batch_import", other_click_first)
    response = owner_client.post(review_url(batch), {**form_data(page), "import": "1"}, follow=True)
    assert response.status_code == 200
    assert "These rows were imported already" in response.content.decode()
    assert Application.objects.filter(user=owner).count() == expected
    assert not ImportBatch.objects.exists()


def test_a_batch_imported_already_writes_nothing_more(owner):
    batch = import_batch(owner)
    stale = ImportBatch.objects.get(pk=batch.pk)  # what a second request loaded
    rows = [ImportedApplication(fields={"company": "Acme", "role": "Analyst"})]
    services.batch_import(batch=batch, rows=rows)
    with pytest.raises(services.AlreadyImported):
        services.batch_import(batch=stale, rows=rows)
    assert Application.objects.count() == 1


def test_cancelling_forgets_the_upload(owner_client, owner):
    batch = import_batch(owner)
    response = owner_client.post(reverse("importing:discard", args=[batch.pk]), follow=True)
    assert "That import is cancelled; nothing was added." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_hostile_text_in_a_file_is_shown_as_text(owner_client, owner):
    rows = [["Company", "Role", "Status", "Notes"]]
    rows += [[text[:200], text[:200], text[:60], text] for text in CORPUS]
    upload(owner_client, samples.csv_text(rows).encode())
    batch = ImportBatch.objects.get(user=owner)
    html = owner_client.get(review_url(batch)).content.decode()
    for number, text in enumerate(CORPUS):
        if escape(text[:200]) == text[:200]:
            continue
        assert text[:200] not in html
        if number < 10:  # the preview's rows
            assert escape(text[:200]) in html


def test_a_small_spreadsheet_with_a_huge_cell_stays_small_when_kept_and_shown(owner_client, owner):
    """The review's case: a small .xlsx with one enormous string. The cell is cut while
    reading, its row is left out with a reason, and the page shows no more than a line."""
    huge = "x" * 3_000_000
    data = samples.xlsx(
        [
            ["Company", "Role", "Notes"],
            ["Acme", "Analyst", huge],
            ["Globex", "y" * 5_000, ""],
            ["Initech", "Sales Lead", "fine"],
        ]
    )
    upload(owner_client, data, "tracker.xlsx")
    batch = ImportBatch.objects.get(user=owner)
    assert sum(len(cell) for row in batch.rows for cell in row) < 110_000
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert len(html) < 100_000
    assert "x" * 201 not in html and "y" * 201 not in html
    assert "Row 2, Notes: This cell holds more than 100,000 characters" in html
    assert page.context["chosen_count"] == 1


def test_a_csv_with_a_huge_cell_keeps_its_other_rows(owner_client, owner):
    data = b"Company,Role,Notes\nAcme,Analyst," + b"x" * 2_000_000 + b"\nBeta,Dev,fine\n"
    upload(owner_client, data)
    batch = ImportBatch.objects.get(user=owner)
    assert sum(len(cell) for row in batch.rows for cell in row) < 110_000
    page = owner_client.get(review_url(batch))
    assert len(page.content) < 100_000
    assert page.context["chosen_count"] == 1
    owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert list(Application.objects.values_list("company", flat=True)) == ["Beta"]


def test_importing_old_undated_rejections_brings_no_wave_of_todays_news(owner_client, owner):
    """The review's case: Company, Role, Status and four rejections, no dates at all."""
    rows = [["Company", "Role", "Status"]]
    rows += [[f"Company {n}", "Analyst", "Rejected"] for n in range(4)]
    upload(owner_client, samples.csv_text(rows).encode())
    batch = ImportBatch.objects.get(user=owner)
    page = owner_client.get(review_url(batch))
    html = page.content.decode()
    assert "with no date for their status" in html
    assert "no date for its status in the file" in html
    owner_client.post(review_url(batch), {**form_data(page), "import": "1"})
    assert Application.objects.filter(user=owner, status="rejected").count() == 4
    assert not FollowUp.objects.filter(user=owner).exists()
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "A heavy week" not in dashboard
    assert "rejections in the last seven days" not in dashboard
    assert "Reflect on" not in dashboard
