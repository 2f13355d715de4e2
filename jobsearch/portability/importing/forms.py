from __future__ import annotations

from django import forms

from jobsearch.formtools import Form
from jobsearch.portability.importing import values
from jobsearch.portability.importing.columns import FIELDS
from jobsearch.portability.importing.reading import MAX_BYTES, MAX_PASTE_CHARACTERS
from tracker.models import Status

IGNORE = ""


class UploadForm(Form):
    file = forms.FileField(
        label="A file",
        required=False,
        help_text=(
            "CSV (from any spreadsheet or tracker), .xlsx, .xls or .ods, "
            f"up to {MAX_BYTES // (1024 * 1024)} MB."
        ),
        widget=forms.FileInput(
            attrs={"accept": ".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,text/plain"}
        ),
        error_messages={
            "empty": "This file is empty: there is nothing in it to import.",
            "invalid": "That didn’t arrive as a file. Choose it again.",
            "missing": "That didn’t arrive as a file. Choose it again.",
        },
    )
    pasted = forms.CharField(
        label="Or paste the rows",
        required=False,
        strip=False,
        max_length=MAX_PASTE_CHARACTERS,
        help_text="Copy the cells from your spreadsheet, column names included, and paste here.",
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("pasted") or "").strip() and not self.errors:
            raise forms.ValidationError(
                "Choose a file to upload, or paste some rows.", code="nothing"
            )
        return data


class ReviewForm(Form):
    """Which of their columns fills each of our fields, what their status words mean,
    and which way round their dates are — each pre-filled with our guess."""

    date_order = forms.ChoiceField(
        label="How does this file write dates?",
        choices=[
            (values.DAY_FIRST, "Day first, like 31/12/2026"),
            (values.MONTH_FIRST, "Month first, like 12/31/2026"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    include_duplicates = forms.BooleanField(
        label="Import the rows that look like applications you already have, too",
        required=False,
    )

    def __init__(
        self,
        *args,
        header: list[str],
        words: list[tuple[str, int, str]],
        ask_date_order: bool,
        **kwargs,
    ):
        self.words = words
        self.ask_date_order = ask_date_order
        super().__init__(*args, **kwargs)
        columns = [(IGNORE, "Leave out"), *((str(i), name) for i, name in enumerate(header))]
        self.column_fields = []
        for f in FIELDS:
            name = f"column_{f.key}"
            self.fields[name] = forms.ChoiceField(
                label=f.label,
                choices=columns,
                required=f.required,
                help_text=f.hint,
                error_messages={
                    "required": f"Choose the column that holds the {f.label.lower()}: "
                    "every application needs one."
                },
            )
            self.column_fields.append(name)
        self.word_fields = []
        statuses = [("", "Choose one"), *Status.choices]
        for index, (word, count, guess) in enumerate(words):
            name = f"word_{index}"
            rows = "1 row" if count == 1 else f"{count:,} rows"
            # Left blank, the rows with this word wait: they are left out of the import.
            self.fields[name] = forms.ChoiceField(
                label=f"“{values.short(word, 100)}” ({rows})",
                choices=statuses,
                required=False,
                help_text="" if guess else "Left out until you choose.",
            )
            self.word_fields.append(name)
        if not ask_date_order:
            del self.fields["date_order"]
        # The check-box comes last, after the columns and the words.
        self.fields["include_duplicates"] = self.fields.pop("include_duplicates")

    @staticmethod
    def initial_for(batch, words: list[tuple[str, int, str]], date_order: str) -> dict:
        initial = {
            f"column_{key}": "" if index is None else str(index)
            for key, index in batch.mapping.items()
        }
        for index, (_, _, status) in enumerate(words):
            initial[f"word_{index}"] = status
        initial["date_order"] = date_order
        initial["include_duplicates"] = batch.include_duplicates
        return initial

    def column_rows(self):
        return [self[name] for name in self.column_fields]

    def word_rows(self):
        return [self[name] for name in self.word_fields]

    def require_answers(self) -> None:
        """Importing (not just looking) needs to know which way round the dates are."""
        if self.ask_date_order and not self.cleaned_data.get("date_order"):
            self.add_error(
                "date_order", "Tell us which way round the dates are, so none come out wrong."
            )

    def mapping(self) -> dict[str, int | None]:
        return {
            f.key: (int(value) if (value := self.cleaned_data.get(f"column_{f.key}")) else None)
            for f in FIELDS
        }

    def status_words(self) -> dict[str, str]:
        return {
            values.status_key(word): self.cleaned_data[name]
            for name, (word, _, _) in zip(self.word_fields, self.words, strict=True)
            if self.cleaned_data.get(name)
        }
