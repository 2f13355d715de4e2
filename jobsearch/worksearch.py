"""The work-search record: proof of a job search for any period, week by week.

Many people claiming unemployment benefits must show what they did to find work:
so many activities a week, on different days, each with the employer, how they
were in touch and what came of it. This page lists them by week (starting on the
day the person chose in Settings), marks the weeks below their target, and gives
the same as a CSV file and as a clean print (static/css/print.css).

What counts as an activity is the tracker's to say
(tracker.activities.selectors.record_entries); here it is grouped and judged.
The journal is never read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from jobsearch.formtools import DateInput, Form
from jobsearch.http import HtmxHttpRequest
from jobsearch.portability.export import csv_text
from tracker import selectors as tracker_selectors
from tracker.activities.selectors import RecordEntry, record_entries
from tracker.models import TrackerPreferences
from tracker.services import week_start

# A record for more than this many days at once is refused with a message (five
# years: far more than anyone is asked for, and still a page that loads quickly).
LONGEST_PERIOD_DAYS = 5 * 366
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)

CSV_COLUMNS = (
    "Week starting",
    "Date",
    "Activity",
    "Employer or organisation",
    "Address or website",
    "Phone",
    "Person contacted",
    "How",
    "Position",
    "Outcome so far",
    "Notes",
)


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


# --- the different-days rule, and the weeks --------------------------------------------


@dataclass
class WeekRecord:
    """One week of the record, and whether it met the person's target.

    A week meets a target of N when it has at least N activities on N different
    days: as many days with an activity as the target asks."""

    start: dt.date
    entries: list[RecordEntry] = field(default_factory=list)
    target: int = 0
    # Part of the week is outside the period asked for (partial), or it is not over
    # yet (ongoing): it is not marked as below the target, which it may yet meet.
    partial: bool = False
    ongoing: bool = False
    to_come: bool = False

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def days(self) -> int:
        """How many different days had an activity."""
        return len({entry.on for entry in self.entries})

    @property
    def met(self) -> bool:
        return bool(self.target) and self.days >= self.target

    @property
    def below(self) -> bool:
        return bool(self.target) and not self.met and not self.partial and not self.ongoing

    @property
    def status(self) -> str:
        """The week's line, in words (the page's badge says "Target met" or "Below
        target" before it)."""
        count = len(self.entries)
        activities = f"{count} {'activity' if count == 1 else 'activities'}"
        on_days = "on 1 day" if self.days == 1 else f"on {self.days} different days"
        if not self.target:
            return f"{activities} {on_days}." if count else "No activities recorded."
        if self.met:
            return f"{activities} {on_days}."
        if self.to_come:
            return "This week is still to come."
        if self.ongoing:
            return (
                f"This week is still going: {self.days} of {self.target} on different days so far."
            )
        if self.partial:
            return (
                f"Only part of this week is in the period: {self.days} of {self.target} "
                "on different days in it."
            )
        if not count:
            return f"No activities recorded: 0 of {self.target} on different days."
        return f"{self.days} of {self.target} on different days ({activities})."


def record_weeks(
    entries: list[RecordEntry],
    *,
    start: dt.date,
    end: dt.date,
    first_day: int = 0,
    target: int = 0,
    today: dt.date | None = None,
) -> list[WeekRecord]:
    """Every week from the one holding `start` to the one holding `end`, oldest first,
    each with its entries (only those in the period). Weeks with nothing are kept:
    a record shows the empty weeks too."""
    today = today or timezone.localdate()
    weeks: dict[dt.date, WeekRecord] = {}
    first = week_start(start, first_day=first_day)
    while first <= end:
        week = WeekRecord(start=first, target=target)
        week.partial = first < start or week.end > end
        week.ongoing = week.end >= today
        week.to_come = first > today
        weeks[first] = week
        first += dt.timedelta(days=7)
    for entry in entries:
        if start <= entry.on <= end:
            weeks[week_start(entry.on, first_day=first_day)].entries.append(entry)
    return list(weeks.values())


@dataclass
class WorkSearchRecord:
    name: str
    start: dt.date
    end: dt.date
    target: int
    first_day: int
    weeks: list[WeekRecord]

    @property
    def count(self) -> int:
        return sum(len(week.entries) for week in self.weeks)

    @property
    def weeks_met(self) -> int:
        return sum(week.met for week in self.weeks)

    @property
    def weeks_below(self) -> int:
        return sum(week.below for week in self.weeks)

    @property
    def period(self) -> str:
        return f"{_day(self.start)} to {_day(self.end)}"

    @property
    def summary(self) -> str:
        count = self.count
        weeks = len(self.weeks)
        text = (
            f"{count} {'activity' if count == 1 else 'activities'} in "
            f"{weeks} {'week' if weeks == 1 else 'weeks'}."
        )
        if self.target:
            met, below = self.weeks_met, self.weeks_below
            text += f" Target met in {met} {'week' if met == 1 else 'weeks'}"
            text += f", below it in {below}." if below else "."
            open_weeks = weeks - met - below
            if open_weeks:
                text += (
                    f" {open_weeks} {'week is' if open_weeks == 1 else 'weeks are'} still "
                    "going or only partly in this period."
                )
        return text

    @property
    def file_name(self) -> str:
        return f"work-search-record-{self.start.isoformat()}-to-{self.end.isoformat()}.csv"


def work_search_record(
    *,
    user,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    preferences: TrackerPreferences | None = None,
) -> WorkSearchRecord:
    preferences = preferences or tracker_selectors.preferences_for(user=user)
    first_day, target = preferences.week_starts_on, preferences.record_target
    return WorkSearchRecord(
        name=user.get_full_name() or user.get_username(),
        start=start,
        end=end,
        target=target,
        first_day=first_day,
        weeks=record_weeks(
            record_entries(user=user, start=start, end=end),
            start=start,
            end=end,
            first_day=first_day,
            target=target,
            today=today,
        ),
    )


def record_csv(record: WorkSearchRecord) -> str:
    """The record as a spreadsheet: one row per activity, in date order."""
    return csv_text(
        CSV_COLUMNS,
        (
            (
                week.start.isoformat(),
                entry.on.isoformat(),
                entry.kind,
                entry.organisation,
                entry.place,
                entry.phone,
                entry.person,
                entry.method,
                entry.position,
                entry.outcome,
                entry.notes,
            )
            for week in record.weeks
            for entry in week.entries
        ),
    )


# --- the page --------------------------------------------------------------------------


class PeriodForm(Form):
    start = forms.DateField(
        label="From",
        widget=DateInput,
        error_messages={
            "required": "Choose the first day of the period.",
            "invalid": "Enter the first day as a real date, like 21/03/2026.",
        },
    )
    end = forms.DateField(
        label="To",
        widget=DateInput,
        error_messages={
            "required": "Choose the last day of the period.",
            "invalid": "Enter the last day as a real date, like 21/03/2026.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name, day in (("start", start), ("end", end)):
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, "Choose a date between the years 1900 and 2100.")
                return cleaned
        if start and end:
            if start > end:
                self.add_error(
                    "end",
                    f"The end date is before the start date. Choose {_day(start)} or later.",
                )
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("end", "Choose a period of up to five years at a time.")
        return cleaned


def _query(start: dt.date, end: dt.date, **extra: str) -> str:
    return urlencode({"start": start.isoformat(), "end": end.isoformat(), **extra})


def _presets(today: dt.date, first_day: int) -> list[tuple[str, str]]:
    """Periods people are usually asked for, in whole weeks up to today."""
    this_week = week_start(today, first_day=first_day)
    return [
        ("This week", _query(this_week, today)),
        ("Last week", _query(this_week - dt.timedelta(weeks=1), this_week - dt.timedelta(1))),
        ("The last 4 weeks", _query(this_week - dt.timedelta(weeks=3), today)),
        ("The last 13 weeks", _query(this_week - dt.timedelta(weeks=12), today)),
        ("The last 12 months", _query(this_week - dt.timedelta(weeks=51), today)),
    ]


@require_GET
def worksearch(request: HtmxHttpRequest) -> HttpResponse:
    """The record for the period asked for (the last four weeks unless one is chosen);
    ?format=csv downloads it."""
    today = timezone.localdate()
    preferences = tracker_selectors.preferences_for(user=request.user)
    first_day = preferences.week_starts_on
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET)
    else:
        default_start = week_start(today, first_day=first_day) - dt.timedelta(weeks=3)
        form = PeriodForm({"start": default_start.isoformat(), "end": today.isoformat()})
    record = None
    if form.is_valid():
        record = work_search_record(
            user=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            today=today,
            preferences=preferences,
        )
        if request.GET.get("format") == "csv":
            response = HttpResponse(record_csv(record), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{record.file_name}"'
            return response
    return render(
        request,
        "jobsearch/worksearch.html",
        {
            "form": form,
            "record": record,
            "presets": _presets(today, first_day),
            "csv_query": _query(record.start, record.end, format="csv") if record else "",
            # "Add an activity" and "Edit" come back to this period.
            "here_url": f"{request.path}?{_query(record.start, record.end)}" if record else "",
        },
    )
