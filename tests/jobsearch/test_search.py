from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobsearch.search import MAX_CHARACTERS, MAX_WORDS, matching, search_words
from tests.tracker.factories import ApplicationFactory
from tracker.models import Application


def test_words_are_split_on_any_space_and_repeats_dropped_ignoring_case():
    search = search_words("  Data\tanalyst  data\nACME ")
    assert search.words == ("Data", "analyst", "ACME")
    assert not search.trimmed
    assert search.notice == ""


def test_an_empty_search_has_no_words():
    assert not search_words("")
    assert not search_words(None)
    assert not search_words(" \t\x00 ")


def test_a_thousand_words_are_cut_to_the_first_few_and_the_notice_says_which():
    search = search_words(" ".join(f"w{n}" for n in range(1000)))
    assert len(search.words) == MAX_WORDS
    assert search.words[0] == "w0"
    assert search.trimmed
    assert "long search" in search.notice
    assert "w0 w1" in search.notice


def test_a_long_text_is_cut_between_words():
    search = search_words("alpha " + "b" * 150 + " " + "c" * 100)
    assert search.words == ("alpha", "b" * 150)
    assert search.trimmed


def test_one_enormous_word_is_cut_to_the_limit():
    search = search_words("x" * 5000)
    assert search.words == ("x" * MAX_CHARACTERS,)
    assert search.trimmed


def test_nul_characters_are_removed():
    assert search_words("ac\x00me").words == ("acme",)


@given(st.text())
def test_any_text_gives_a_bounded_search(text):
    search = search_words(text)
    assert len(search.words) <= MAX_WORDS
    assert sum(len(word) for word in search.words) <= MAX_CHARACTERS
    assert all(word and not any(c.isspace() for c in word) for word in search.words)
    assert all("\x00" not in word for word in search.words)


@pytest.mark.django_db
def test_matching_needs_every_word_somewhere_in_the_fields(owner):
    both = ApplicationFactory(user=owner, company="Acme", role="Data analyst")
    ApplicationFactory(user=owner, company="Acme", role="Designer")
    found = matching(Application.objects.all(), "acme ANALYST", ["company", "role"])
    assert list(found) == [both]


@pytest.mark.django_db
def test_matching_a_thousand_words_still_runs(owner):
    ApplicationFactory(user=owner, company="Acme", role="Data analyst")
    words = " ".join(f"w{n}" for n in range(1000))
    assert list(matching(Application.objects.all(), words, ["company", "role"])) == []
    assert len(list(matching(Application.objects.all(), "acme " * 1000, ["company"]))) == 1


def test_the_notice_reads_well_for_one_word():
    search = search_words("acme" + "x" * 300)
    assert search.notice.startswith(
        "That was a long search, so we looked for the start of it only:"
    )
