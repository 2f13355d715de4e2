"""Property-based: whatever bytes arrive, the importer answers with a page, never an
error, and a failed import writes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobsearch.portability.importing import checking
from jobsearch.portability.importing.columns import guess_mapping, recognise
from jobsearch.portability.importing.models import ImportBatch
from jobsearch.portability.importing.reading import ReadProblem, read_upload
from tests.portability import samples
from tracker.models import Application, StatusEvent

pytestmark = pytest.mark.django_db

checked = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "-",
            "N/A",
            "Applied",
            "Wishlist",
            "Ghosted",
            "03/04/2026",
            "15/04/2026",
            "10/14/26, 9:12 AM",
            "2026-02-30",
            "=SUM(A1:A3)",
            "£50k-60k",
            "www.example.org",
            "javascript:alert(1)",
            "9" * 400,
            "x" * 300,
            "31/12/9999",
        ]
    ),
)
header = st.lists(
    st.sampled_from(
        ["Company", "Role", "Status", "Date applied", "Created", "Link", "Notes", "Salary", "x"]
    ),
    min_size=1,
    max_size=6,
)
tables = st.tuples(header, st.lists(st.lists(cell, max_size=7), max_size=8))
csv_files = st.builds(
    lambda table, delimiter, encoding: samples.csv_text(
        [table[0], *table[1]], delimiter=delimiter
    ).encode(encoding, errors="replace"),
    tables,
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
files = st.one_of(st.binary(max_size=2000), csv_files)


def _check_everything(owner, data: bytes, name: str) -> None:
    try:
        table = read_upload(data, name)
    except ReadProblem as problem:
        assert str(problem)
        return
    known = recognise(table.header)
    report = checking.check(
        user=owner,
        header=table.header,
        rows=table.rows,
        mapping=guess_mapping(table.header, known),
        format_key=known.key if known else "",
    )
    for problem in report.problems:
        assert problem.row >= 2 and problem.column and problem.reason


@checked
@given(data=files, name=st.sampled_from(["a.csv", "a.xlsx", "a.ods", "a.txt", ""]))
def test_reading_and_checking_never_raise(owner, data, name):
    _check_everything(owner, data, name)


@checked
@given(data=st.binary(min_size=4, max_size=600))
def test_bytes_that_start_like_a_spreadsheet_never_raise(owner, data):
    _check_everything(owner, b"PK\x03\x04" + data, "a.xlsx")
    _check_everything(owner, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data, "a.xls")


@checked
@given(data=files)
def test_the_pages_answer_and_write_all_or_nothing(owner_client, owner, data):
    Application.objects.filter(user=owner).delete()
    ImportBatch.objects.filter(user=owner).delete()
    response = owner_client.post(
        reverse("importing:start"), {"file": SimpleUploadedFile("list.csv", data)}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
        assert not ImportBatch.objects.filter(user=owner).exists()
        return
    page = owner_client.get(response["Location"])
    assert page.status_code == 200
    report = page.context["report"]
    form = page.context["form"]
    post = {name: form[name].value() or "" for name in form.fields}
    response = owner_client.post(response["Location"], {**post, "import": "1"})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Application.objects.filter(user=owner).count() == len(
            report.to_import(include_duplicates=False)
        )
    else:
        assert not Application.objects.filter(user=owner).exists()
        assert not StatusEvent.objects.filter(user=owner).exists()
