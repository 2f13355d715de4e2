"""Reading files as people have them: encodings, delimiters, line endings, spreadsheets,
and the hostile ones, each refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from jobsearch.portability.importing import reading
from jobsearch.portability.importing.reading import (
    MAX_BYTES,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_NAME,
    MAX_ROWS,
    ReadProblem,
    read_pasted,
    read_upload,
)
from tests.portability import samples

ROWS = [
    ["Company", "Role", "Notes"],
    ["Société Générale", "Analyste données", "Café, “quotes” and 50 €"],
    ["Zürich Re", "Ingénieur", ""],
]


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("cp1252", "Windows-1252"),
        ("utf-16", "UTF-16"),
    ],
)
def test_each_encoding_people_save_in_reads_the_same(encoding, named):
    data = samples.csv_text(ROWS).encode(encoding)
    table = read_upload(data, "list.csv")
    assert table.header == ["Company", "Role", "Notes"]
    assert table.rows == ROWS[1:]
    assert named in table.described_as


def test_latin_1_bytes_that_windows_1252_leaves_undefined_still_read():
    data = "Company,Role\nAcme,Analyst \x81\n".encode("latin-1")
    assert read_upload(data).rows == [["Acme", "Analyst \x81"]]


@pytest.mark.parametrize(
    ("delimiter", "named"), [(",", "commas"), (";", "semicolons"), ("\t", "tabs"), ("|", "bars")]
)
def test_the_delimiter_is_found(delimiter, named):
    table = read_upload(samples.csv_text(ROWS, delimiter=delimiter).encode())
    assert table.rows == ROWS[1:]
    assert named in table.described_as


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_any_line_ending(newline):
    assert read_upload(samples.csv_text(ROWS, newline=newline).encode()).rows == ROWS[1:]


def test_a_quoted_line_break_stays_inside_its_cell():
    data = b'Company,Role,Notes\r\nAcme,Analyst,"first line\r\nsecond line"\r\n'
    assert read_upload(data).rows == [["Acme", "Analyst", "first line\r\nsecond line"]]


def test_semicolons_win_even_when_the_cells_hold_commas():
    data = b"Company;Role;Salary\nAcme, Inc.;Analyst;50,000\nBeta;Dev;60,000\n"
    assert read_upload(data).rows[0] == ["Acme, Inc.", "Analyst", "50,000"]


def test_rows_pasted_from_a_spreadsheet_are_tab_separated():
    table = read_pasted("Company\tRole\nAcme\tAnalyst\n")
    assert table.rows == [["Acme", "Analyst"]]
    assert table.kind == "text"


def test_short_rows_are_padded_and_unnamed_columns_get_a_name():
    table = read_upload(b"Company,Role,\nAcme,Analyst,x,extra\nBeta\n")
    assert table.header == ["Company", "Role", "Column 3", "Column 4"]
    assert table.rows == [["Acme", "Analyst", "x", "extra"], ["Beta", "", "", ""]]


def test_blank_lines_before_and_between_rows_are_skipped():
    table = read_upload(b"\n\nCompany,Role\n\nAcme,Analyst\n,\n")
    assert table.rows == [["Acme", "Analyst"]]


def test_an_xlsx_is_read_with_real_dates_as_dates():
    data = samples.xlsx(
        [["Company", "Role", "Applied", "Salary"], ["Acme", "Analyst", dt.date(2026, 3, 5), 52000]]
    )
    table = read_upload(data, "tracker.xlsx")
    assert table.kind == "xlsx"
    assert table.rows == [["Acme", "Analyst", "2026-03-05", "52000"]]


def test_an_ods_is_read_too():
    data = samples.ods([["Company", "Role", "Applied"], ["Acme", "Analyst", dt.date(2026, 3, 5)]])
    table = read_upload(data, "tracker.ods")
    assert table.kind == "ods"
    assert table.rows == [["Acme", "Analyst", "2026-03-05"]]


# --- files that are not what they seem: refused with a reason -------------------------


def _refused(data: bytes, name: str = "file.csv") -> str:
    with pytest.raises(ReadProblem) as caught:
        read_upload(data, name)
    return str(caught.value)


def test_binary_junk_is_refused():
    assert "binary" in _refused(bytes(range(256)) * 20)


def test_an_image_renamed_csv_is_refused():
    assert "binary" in _refused(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def test_a_pdf_is_refused_by_name():
    assert "PDF" in _refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_a_web_page_is_refused():
    assert "web page" in _refused(b"<!DOCTYPE html><html><body><table></table></body></html>")


def test_json_is_refused():
    assert "JSON" in _refused(b'[{"company": "Acme"}]')


def test_excels_delimiter_hint_is_followed_and_dropped():
    table = read_upload(b"sep=;\r\nCompany;Role\r\nAcme, Inc.;Analyst\r\n")
    assert table.header == ["Company", "Role"]
    assert table.rows == [["Acme, Inc.", "Analyst"]]


def test_an_empty_file_is_refused():
    assert "empty" in _refused(b"   \n")


def test_a_header_alone_has_nothing_to_import():
    assert "no rows under them" in _refused(b"Company,Role,Status\r\n")


def test_one_column_is_not_a_list_of_applications():
    assert "only one column" in _refused(b"Acme\nBeta\nGamma\n")


def test_five_thousand_columns_are_refused():
    header = ",".join(f"c{i}" for i in range(5000))
    message = _refused(f"{header}\n{header}\n".encode())
    assert "5,000 columns" in message and str(MAX_COLUMNS) in message


def test_too_many_rows_are_refused():
    data = "Company,Role\n" + "Acme,Analyst\n" * (MAX_ROWS + 1)
    assert f"{MAX_ROWS:,}" in _refused(data.encode())


def test_a_file_over_the_size_limit_is_refused_with_the_limit():
    message = _refused(b"a,b\n" + b"x" * MAX_BYTES)
    assert "10.0 MB" in message


def test_a_megabyte_in_one_cell_is_cut_to_just_over_the_limit_for_the_check_to_judge():
    table = read_upload(b"Company,Role,Notes\nAcme,Analyst," + b"x" * 1_048_576 + b"\n")
    assert len(table.rows[0][2]) == MAX_CELL + 1


def test_a_spreadsheet_cell_of_megabytes_is_cut_too():
    """A 50 KB .xlsx can hold a string of 50 MB: what is kept is bounded by the cell."""
    data = samples.xlsx([["Company", "Role", "Notes"], ["Acme", "Analyst", "x" * 2_000_000]])
    assert len(data) < 100_000
    table = read_upload(data, "tracker.xlsx")
    assert len(table.rows[0][2]) == MAX_CELL + 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_table_of_too_much_text_is_refused(kind, monkeypatch):
    monkeypatch.setattr(reading, "MAX_TABLE_CHARACTERS", 5_000)
    rows = [["Company", "Role", "Notes"]] + [["Acme", f"Role {n}", "x" * 1000] for n in range(6)]
    if kind == "csv":
        data, name = samples.csv_text(rows).encode(), "list.csv"
    else:
        data, name = samples.xlsx(rows), "list.xlsx"
    assert "more than 5,000 characters of text" in _refused(data, name)


def test_a_column_name_is_cut_to_a_names_length():
    table = read_upload(b"Company,Role," + b"N" * 5000 + b"\nAcme,Analyst,x\n")
    assert table.header[2] == "N" * MAX_NAME


def test_a_broken_spreadsheet_is_refused():
    message = _refused(b"PK\x03\x04" + b"\x00" * 200, "tracker.xlsx")
    assert "couldn’t open this spreadsheet" in message


def test_a_numbers_file_is_explained():
    assert "Export To" in _refused(b"PK\x03\x04rest", "tracker.numbers")


def test_a_spreadsheet_with_too_many_columns_is_refused():
    data = samples.xlsx([[f"c{i}" for i in range(MAX_COLUMNS + 1)], ["x"] * (MAX_COLUMNS + 1)])
    assert "columns" in _refused(data, "wide.xlsx")


def test_pasting_nothing_is_explained():
    with pytest.raises(ReadProblem, match="Paste some rows"):
        read_pasted("  \n ")
