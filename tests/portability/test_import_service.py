"""The check before writing, and the write itself: a dated history for each row,
all rows or none, and no stale reminders."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jobsearch.portability.importing import checking
from jobsearch.portability.importing.columns import guess_mapping
from tests.portability.samples import days_ago
from tests.tracker.factories import ApplicationFactory
from tracker import selectors, services
from tracker.imports import ImportedApplication, applications_import, history
from tracker.models import Application, FollowUp, StatusEvent

pytestmark = pytest.mark.django_db


def row(status="applied", status_on=None, **fields) -> ImportedApplication:
    return ImportedApplication(
        fields={"company": "Acme", "role": "Analyst", **fields}, status=status, status_on=status_on
    )


# --- the history an imported application starts with -------------------------------------


def test_saved_applied_and_the_current_status_each_get_their_day():
    steps = history(
        row("interviewing", days_ago(3), found_on=days_ago(30), applied_on=days_ago(20))
    )
    assert steps == [
        ("saved", days_ago(30)),
        ("applied", days_ago(20)),
        ("interviewing", days_ago(3)),
    ]


def test_without_its_own_date_the_status_takes_the_day_applied():
    assert history(row("rejected", applied_on=days_ago(20))) == [
        ("applied", days_ago(20)),
        ("rejected", days_ago(20)),
    ]


def test_with_no_dates_at_all_the_status_is_from_today():
    assert history(row("offer")) == [("offer", days_ago(0))]


def test_without_any_other_date_the_status_takes_the_day_saved():
    assert history(row("rejected", found_on=days_ago(50))) == [
        ("saved", days_ago(50)),
        ("rejected", days_ago(50)),
    ]


def test_a_status_dated_before_the_application_moves_up_to_it():
    steps = history(row("rejected", days_ago(40), applied_on=days_ago(20)))
    assert steps[-1] == ("rejected", days_ago(20))


def test_saved_stays_one_step():
    assert history(row("saved", found_on=days_ago(9), applied_on=days_ago(2))) == [
        ("saved", days_ago(9))
    ]


# --- writing ----------------------------------------------------------------------------


def test_importing_writes_applications_with_their_history(owner):
    result = applications_import(
        user=owner,
        rows=[
            row("interviewing", days_ago(100), applied_on=days_ago(120), found_on=days_ago(130)),
            row("saved", company="Beta", role="Dev"),
        ],
    )
    assert len(result.created) == 2
    acme = Application.objects.get(user=owner, company="Acme")
    assert acme.status == "interviewing"
    assert acme.status_changed_on == days_ago(100)
    assert acme.applied_on == days_ago(120)
    assert acme.last_activity_on == days_ago(100)
    assert list(acme.events.values_list("status", "happened_on")) == [
        ("saved", days_ago(130)),
        ("applied", days_ago(120)),
        ("interviewing", days_ago(100)),
    ]
    beta = Application.objects.get(user=owner, company="Beta")
    assert (beta.status, beta.applied_on) == ("saved", None)


def test_an_application_imported_as_applied_without_a_date_was_applied_on_its_status_day(owner):
    applications_import(user=owner, rows=[row("applied", days_ago(4))])
    assert Application.objects.get().applied_on == days_ago(4)


def test_a_bad_row_anywhere_writes_nothing_at_all(owner):
    rows = [row(company=f"Company {n}") for n in range(5)]
    rows.append(row(company="x" * 201))
    with pytest.raises(ValidationError, match="Row 6"):
        applications_import(user=owner, rows=rows)
    assert not Application.objects.exists()
    assert not StatusEvent.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(owner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(StatusEvent.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        applications_import(user=owner, rows=[row(), row(company="Beta")])
    assert not Application.objects.exists()


def test_recent_steps_get_the_usual_suggestions(owner):
    applications_import(
        user=owner,
        rows=[
            row("applied", applied_on=days_ago(3)),
            row("rejected", days_ago(1), company="Beta", applied_on=days_ago(20)),
        ],
    )
    rules = set(FollowUp.objects.filter(user=owner).values_list("rule", flat=True))
    assert rules == {"applied_check_in", "rejection_feedback", "rejection_keep_in_touch"}


def test_steps_far_in_the_past_make_no_stale_suggestions(owner):
    applications_import(
        user=owner,
        rows=[
            row("applied", applied_on=days_ago(200)),
            row("rejected", days_ago(300), company="Beta", applied_on=days_ago(320)),
            row("interviewing", days_ago(60), company="Gamma"),
        ],
    )
    assert not FollowUp.objects.filter(user=owner).exists()


def test_no_suggestions_for_someone_who_turned_them_off(owner):
    services.preferences_update(user=owner, suggest_followups=False)
    applications_import(user=owner, rows=[row("applied", applied_on=days_ago(1))])
    assert not FollowUp.objects.exists()


def test_imported_applications_count_like_any_other(owner):
    """Insights count steps from the history: an import's steps are ordinary ones."""
    applications_import(
        user=owner,
        rows=[
            row("rejected", days_ago(10), applied_on=days_ago(30)),
            row("interviewing", days_ago(5), company="Beta", applied_on=days_ago(25)),
        ],
    )
    applied = StatusEvent.objects.filter(user=owner, status="applied").count()
    assert applied == 2


# --- checking ---------------------------------------------------------------------------

HEADER = ["Company", "Role", "Status", "Applied", "Link", "Notes"]


def _check(owner, rows, **kwargs):
    return checking.check(
        user=owner, header=HEADER, rows=rows, mapping=guess_mapping(HEADER), **kwargs
    )


def test_every_problem_names_its_row_and_column(owner):
    report = _check(
        owner,
        [
            ["Acme", "Analyst", "Applied", "2026-02-30", "", ""],
            ["", "Analyst", "Applied", "", "", ""],
            ["Beta", "Dev", "Applied", "", "javascript:alert(1)", ""],
            ["Gamma", "Dev", "Sideways", "", "", ""],
            ["Delta", "Dev", "Applied", days_ago(-3).isoformat(), "", ""],
            ["Echo", "Dev", "Applied", "", "", "x" * 100_001],
            ["Fox", '=HYPERLINK("http://x","Dev")', "Applied", "", "", ""],
            ["Golf", "Dev", "Applied", "", "", "fine"],
        ],
    )
    problems = [(p.row, p.column) for p in report.problems]
    assert problems == [
        (2, "Applied"),
        (3, "Company"),
        (4, "Link"),
        (5, "Status"),
        (6, "Applied"),
        (7, "Notes"),
        (8, "Role"),
    ]
    reasons = {p.row: p.reason for p in report.problems}
    assert "not a real date" in reasons[2]
    assert "Company is empty" in reasons[3]
    assert "http://" in reasons[4]
    assert "“Sideways”" in reasons[5]
    assert "future" in reasons[6]
    assert "more than 100,000 characters" in reasons[7]
    assert "formula" in reasons[8]
    assert [r.number for r in report.to_import(include_duplicates=False)] == [9]


def test_duplicates_of_existing_applications_and_within_the_file_are_flagged(owner):
    ApplicationFactory(user=owner, company="Acme", role="Analyst")
    report = _check(
        owner,
        [
            ["ACME", " analyst ", "Applied", "", "", ""],
            ["Beta", "Dev", "Applied", "", "", ""],
            ["beta", "dev", "Interview", "", "", ""],
        ],
        existing={("acme", "analyst")},
    )
    flagged = {row.number: row.duplicate_of for row in report.duplicates}
    assert flagged == {2: "an application you already have", 4: "row 3"}
    assert [r.number for r in report.to_import(include_duplicates=False)] == [3]
    assert [r.number for r in report.to_import(include_duplicates=True)] == [2, 3, 4]


def test_a_link_without_its_scheme_gets_one(owner):
    report = _check(owner, [["Acme", "Analyst", "", "", "www.acme.example/jobs/1", ""]])
    assert report.rows[0].imported.fields["job_url"] == "https://www.acme.example/jobs/1"


def test_a_persons_choice_for_a_status_word_wins(owner):
    report = _check(
        owner,
        [["Acme", "Analyst", "Interview", "", "", ""]],
        status_choices={"interview": "screening"},
    )
    assert report.rows[0].imported.status == "screening"
    assert report.status_words == [("Interview", 1, "screening")]


def test_a_status_column_with_too_many_words_is_not_a_status(owner):
    rows = [["Acme", f"Role {n}", f"word {n}", "", "", ""] for n in range(70)]
    report = _check(owner, rows)
    assert report.status_column_too_varied
    assert not report.problems
    assert {r.imported.status for r in report.rows} == {"applied"}


def test_a_salary_that_cannot_be_read_safely_goes_to_the_notes_not_a_wrong_number(owner):
    header = ["Company", "Role", "Salary"]
    report = checking.check(
        user=owner,
        header=header,
        rows=[["Acme", "Analyst", "50.000 €"], ["Beta", "Dev", "-5"]],
        mapping=guess_mapping(header),
    )
    acme, beta = (row.imported.fields for row in report.rows)
    assert (acme["salary_min"], acme["salary_currency"]) == (50000, "EUR")
    assert "salary_min" not in beta
    assert beta["notes"] == "Salary: -5"


def test_a_dde_formula_is_refused_but_a_leading_minus_in_text_is_not(owner):
    report = _check(
        owner,
        [
            ["Acme", "-cmd|' /C calc'!A0", "Applied", "", "", ""],
            ["Beta", "Dev", "Applied", "", "", "-5 on the offer, they said"],
            ["Gamma", "Dev", "Applied", "", "", "'=SUM(A1) kept as text"],
        ],
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "Role")]
    beta, gamma = (row.imported.fields["notes"] for row in report.rows[1:])
    assert beta == "-5 on the offer, they said"
    assert gamma == "=SUM(A1) kept as text"


def test_a_status_the_file_does_not_date_is_never_todays_news(owner):
    """Old rejections in a file without their dates: their steps get the best day known
    (today, for a row with no date at all), but the status date stays unknown, so
    nothing counts them as lately, and no follow-ups are suggested for them."""
    applications_import(
        user=owner,
        rows=[
            row("rejected"),
            row("rejected", company="Beta", applied_on=days_ago(3)),
            row("applied", company="Gamma"),
        ],
    )
    acme, beta, gamma = Application.objects.filter(user=owner).order_by("company")
    assert (acme.status, acme.status_changed_on) == ("rejected", None)
    assert list(acme.events.values_list("status", "happened_on")) == [("rejected", days_ago(0))]
    assert (beta.status_changed_on, beta.applied_on) == (None, days_ago(3))
    assert (gamma.status_changed_on, gamma.applied_on) == (None, None)
    assert not FollowUp.objects.filter(user=owner).exists()
    counts = selectors.dashboard_counts(user=owner)
    assert counts.pipeline.rejected_lately == 0
    assert sum(week.applied for week in counts.weeks) == 1  # Beta; Gamma's is not invented
    assert not selectors.needs_you(user=owner).reflect
