"""Dates in every style, the file's day-or-month order, status words, salaries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from jobsearch.portability.importing import values
from jobsearch.portability.importing.values import DateProblem, decide_order, parse_date

OCT_14 = dt.date(2026, 10, 14)


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("2026-10-14", ""),
        ("2026-10-14 09:12:00", ""),
        ("2026/10/14", ""),
        ("14/10/2026", ""),
        ("10/14/2026", ""),
        ("14.10.2026", ""),
        ("14-10-2026", ""),
        ("10/14/26, 9:12 AM", ""),
        ("10/14/26 09:12", ""),
        ("14 October 2026", ""),
        ("14 Oct 2026", ""),
        ("14th October 2026", ""),
        ("October 14, 2026", ""),
        ("Oct 14 2026", ""),
        ("Wednesday, 14 October 2026", ""),
        ("Wed, 14 Oct 2026 09:12", ""),
        ("  14/10/2026  ", ""),
        ("3/4/2026".replace("3/4", "14/10"), "dmy"),
    ],
)
@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_every_style_of_date_reads(text, order):
    assert parse_date(text, order) == OCT_14


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_an_iso_moment_with_a_zone_is_the_persons_own_day():
    # 23:30 UTC on the 13th is already the 14th in Tokyo.
    from django.utils import timezone

    with timezone.override("Asia/Tokyo"):
        assert parse_date("2026-10-13T23:30:00.000Z") == OCT_14
    with timezone.override("UTC"):
        assert parse_date("2026-10-13T23:30:00.000Z") == dt.date(2026, 10, 13)


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "N/A", "n/a", "NA", "none", "null"])
def test_nothing_written_is_no_date(text):
    assert parse_date(text) is None


def test_a_date_that_could_be_either_way_asks():
    with pytest.raises(DateProblem, match="could be 3 April or 4 March"):
        parse_date("03/04/2026")
    assert parse_date("03/04/2026", "dmy") == dt.date(2026, 4, 3)
    assert parse_date("03/04/2026", "mdy") == dt.date(2026, 3, 4)


def test_the_same_day_and_month_needs_no_answer():
    assert parse_date("04/04/2026") == dt.date(2026, 4, 4)


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "yesterday", "14 Brumaire 2026"])
def test_what_is_not_a_date_says_so(text):
    with pytest.raises(DateProblem, match="not"):
        parse_date(text)


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_two_digit_years_land_in_this_century_unless_that_is_the_future():
    assert parse_date("10/14/26", "mdy") == dt.date(2026, 10, 14)
    assert parse_date("10/14/27", "mdy") == dt.date(2027, 10, 14)
    assert parse_date("10/14/99", "mdy") == dt.date(1999, 10, 14)


def test_a_fifteen_in_the_first_place_settles_day_first():
    assert decide_order(["03/04/2026", "15/04/2026", ""]) == ("dmy", True)


def test_a_fifteen_in_the_second_place_settles_month_first():
    assert decide_order(["03/04/2026", "04/15/2026"]) == ("mdy", True)


def test_a_file_that_cannot_tell_asks():
    assert decide_order(["03/04/2026", "05/06/2026"]) == ("", False)


def test_a_file_with_no_ambiguous_dates_needs_no_answer():
    assert decide_order(["2026-03-04", "14 March 2026", "12/12/2026", ""]) == ("", True)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Wishlist", "saved"),
        ("Saved", "saved"),
        ("BOOKMARKED", "saved"),
        ("Draft", "saved"),
        ("Applied", "applied"),
        ("Phone screen", "screening"),
        ("Screening", "screening"),
        ("Interview", "interviewing"),
        ("Onsite", "interviewing"),
        ("On-site", "interviewing"),
        ("Offer", "offer"),
        ("Offer Declined", "declined"),
        ("Offer accepted", "accepted"),
        ("Rejected", "rejected"),
        ("Ghosted", "no_response"),
        ("No response", "no_response"),
        ("Expired", "no_response"),
        ("Archived", "archived"),
        ("Withdrawn", "withdrawn"),
        ("no_response", "no_response"),
        ("Saved for later", "saved"),
        ("Refusé", "rejected"),
        ("Something else entirely", ""),
    ],
)
def test_status_words_become_ours(word, status):
    assert values.guess_status(word) == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("55000", (55000, None, "")),
        ("$120,000", (120000, None, "USD")),
        ("£50k–60k", (50000, 60000, "GBP")),
        ("50-60k", (50000, 60000, "")),
        ("€60k-70k", (60000, 70000, "EUR")),
        ("45 000 EUR", (45000, None, "EUR")),
        ("-", (None, None, "")),
        ("£40,000", (40000, None, "GBP")),
        ("40k-50k", (40000, 50000, "")),
        ("$85,000 - $95,000", (85000, 95000, "USD")),
        ("85000", (85000, None, "")),
        # Continental styles: "." groups thousands, "," is the decimal point.
        ("50.000 €", (50000, None, "EUR")),
        ("€ 45.000 - 55.000", (45000, 55000, "EUR")),
        ("50,5k", (50500, None, "")),
        ("50.5k", (50500, None, "")),
        ("1.234,56", (1235, None, "")),  # whole units, to the nearest
        ("1,234.56", (1235, None, "")),
        ("85000.00", (85000, None, "")),
        ("1.000.000", (1000000, None, "")),
        ("CHF 120'000", (120000, None, "CHF")),
    ],
)
def test_salaries_read_as_numbers_and_ranges(text, expected):
    assert values.salary(text) == expected


def test_a_salary_with_no_number_is_explained():
    with pytest.raises(ValueError, match="no amount"):
        values.salary("competitive")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "below zero"),
        ("€-50.000", "below zero"),
        ("1.2345", "more than one way"),
        ("1,234.567", "more than one way"),
        ("50,00,000", "more than one way"),
    ],
)
def test_a_negative_or_ambiguous_salary_is_not_guessed(text, reason):
    with pytest.raises(ValueError, match=reason):
        values.salary(text)


def test_an_absurd_salary_is_refused_not_overflowed():
    with pytest.raises(ValueError, match="more than any salary"):
        values.salary("9" * 400)


def test_work_modes_types_and_sources_in_their_words():
    assert values.work_mode("Remote") == "remote"
    assert values.work_mode("In office") == "onsite"
    assert values.work_mode("sometimes") is None
    assert values.employment_type("Full-time") == "full_time"
    assert values.employment_type("Freelance") == "contract"
    assert values.source("Indeed") == "job_board"
    assert values.source("LinkedIn") == "linkedin"
    assert values.source("A friend of a friend") == "other"
