from __future__ import annotations

from django import forms
from django.utils import timezone

from jobsearch.formtools import (
    FILTER_FIELD,
    CheckList,
    DateInput,
    DateTimeInput,
    Form,
    ModelForm,
)
from jobsearch.validators import not_in_future
from tracker import selectors
from tracker.models import (
    ACTIVE_STATUSES,
    Application,
    Contact,
    FollowUp,
    Interview,
    RejectionChannel,
    RejectionStage,
    Source,
    Status,
    StatusEvent,
    TrackerPreferences,
    Weekday,
    WorkMode,
)


class ContactsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.name}, {obj.company}" if obj.company else obj.name


class ApplicationForm(ModelForm):
    contacts = ContactsField(
        queryset=Contact.objects.none(), required=False, label="People involved"
    )

    class Meta:
        model = Application
        fields = [
            "company",
            "role",
            "job_url",
            "location",
            "work_mode",
            "employment_type",
            "source",
            "fit",
            "salary_min",
            "salary_max",
            "salary_currency",
            "found_on",
            "applied_on",
            "documents_sent",
            "description",
            "notes",
            "contacts",
        ]
        widgets = {
            "found_on": DateInput,
            "applied_on": DateInput,
            "work_mode": forms.RadioSelect,
            "fit": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "description": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "salary_currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = selectors.contact_choices(user=user)
        self.fields["work_mode"].choices = list(WorkMode.choices)
        self.fields["work_mode"].required = False
        self.fields["company"].widget.attrs["autocomplete"] = "organization"
        self.fields["job_url"].widget.attrs["placeholder"] = "https://"
        if not self.fields["contacts"].queryset.exists():
            del self.fields["contacts"]

    def clean_salary_currency(self) -> str:
        return self.cleaned_data["salary_currency"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The highest salary should not be below the lowest.")
        found, applied = cleaned.get("found_on"), cleaned.get("applied_on")
        if found and applied and applied < found:
            self.add_error("applied_on", "The date applied should not be before the date found.")
        return cleaned


class NewApplicationForm(ApplicationForm):
    """Adding one also records where it is now: the first step of its history."""

    status = forms.ChoiceField(
        label="Where is it now?",
        choices=[(s.value, s.label) for s in Status if s != Status.ARCHIVED],
        initial=Status.APPLIED,
    )
    # Set when the person has seen the "already applied?" warning and saves anyway.
    confirm_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    field_order = ["company", "role", "status", "applied_on", "job_url"]


class StatusChangeForm(Form):
    status = forms.ChoiceField(
        label="New status", choices=[("", "Choose the new status"), *Status.choices]
    )
    on = forms.DateField(
        label="Date", widget=DateInput, help_text="Change it if this happened earlier."
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    stage = forms.ChoiceField(
        label="How far did it get?",
        choices=[("", "Not sure"), *RejectionStage.choices],
        required=False,
        help_text="Only for a rejection.",
    )
    channel = forms.ChoiceField(
        label="How did the news come?",
        choices=[("", "Not saying"), *RejectionChannel.choices],
        required=False,
        help_text="Only for a rejection.",
    )
    reason = forms.CharField(
        label="Reason they gave",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only for a rejection, and only if they gave one.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_on(self):
        return not_in_future(self.cleaned_data["on"])


class StatusEventForm(ModelForm):
    """Correcting a step already recorded."""

    class Meta:
        model = StatusEvent
        fields = ["happened_on", "note", "rejection_stage", "rejection_channel", "rejection_reason"]
        widgets = {
            "happened_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
            "rejection_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status != Status.REJECTED:
            for name in ("rejection_stage", "rejection_channel", "rejection_reason"):
                del self.fields[name]

    def clean_happened_on(self):
        return not_in_future(self.cleaned_data["happened_on"])


class ApplicationFilterForm(Form):
    q = forms.CharField(label="Search company or role", required=False)
    status = forms.MultipleChoiceField(
        label="Status",
        choices=Status.choices,
        required=False,
        widget=CheckList,
        template_name=FILTER_FIELD,
    )
    source = forms.MultipleChoiceField(
        label="Where found",
        choices=Source.choices,
        required=False,
        widget=CheckList,
        template_name=FILTER_FIELD,
    )
    work_mode = forms.MultipleChoiceField(
        label="Work mode",
        choices=WorkMode.choices,
        required=False,
        widget=CheckList,
        template_name=FILTER_FIELD,
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[
            ("activity", "Last activity"),
            ("applied", "Date applied"),
            ("company", "Company"),
        ],
        required=False,
    )

    def filters(self) -> dict:
        """The valid filters; anything unreadable is simply ignored (it's a search box)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "statuses": data.get("status") or [],
            "sources": data.get("source") or [],
            "work_modes": data.get("work_mode") or [],
            "sort": data.get("sort") or "activity",
        }


class InterviewForm(ModelForm):
    contacts = ContactsField(queryset=Contact.objects.none(), required=False, label="With whom")

    class Meta:
        model = Interview
        fields = ["scheduled_at", "kind", "contacts", "prep_notes", "went_well", "to_improve"]
        widgets = {
            "scheduled_at": DateTimeInput,
            "kind": forms.RadioSelect,
            "prep_notes": forms.Textarea(attrs={"rows": 4}),
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "to_improve": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "went_well": "For afterwards. Even small things count.",
            "to_improve": "For afterwards. What would you try next time?",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = selectors.contact_choices(user=user)
        if not self.fields["contacts"].queryset.exists():
            del self.fields["contacts"]


class ContactForm(ModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "company",
            "relationship",
            "email",
            "phone",
            "profile_url",
            "last_contacted_on",
            "keep_in_touch_days",
            "notes",
        ]
        widgets = {
            "last_contacted_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "profile_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }


class FollowUpForm(ModelForm):
    class Meta:
        model = FollowUp
        fields = ["title", "due_on", "kind", "application", "contact", "notes"]
        widgets = {"due_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"application": "About which application", "contact": "With whom"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = selectors.application_choices(user=user)
        self.fields["application"].empty_label = "None"
        self.fields["contact"].queryset = selectors.contact_choices(user=user)
        self.fields["contact"].empty_label = "Nobody in particular"


def _quiet_field(label: str, name: str) -> forms.IntegerField:
    """A gone-quiet threshold; empty means the model's usual number of days."""
    usual = TrackerPreferences._meta.get_field(name).default
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=365,
        required=False,
        help_text=f"Leave empty for the usual {usual}.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PreferencesForm(Form):
    weekly_target = forms.IntegerField(
        label="Applications a week",
        min_value=0,
        max_value=200,
        required=False,
        help_text="A small, steady number beats a big one. Leave empty for no goal.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    week_starts_on = forms.TypedChoiceField(
        label="My week starts on",
        choices=Weekday.choices,
        coerce=int,
        initial=Weekday.MONDAY,
        error_messages={"invalid_choice": "Choose a day of the week."},
        help_text="Your work-search record groups activities by week from this day, "
        "as your job centre counts them.",
    )
    record_target = forms.IntegerField(
        label="Work-search activities a week, on different days",
        min_value=0,
        max_value=7,
        initial=3,
        error_messages={
            "min_value": "A week has seven days: choose a target from 0 to 7.",
            "max_value": "A week has seven days: choose a target from 0 to 7.",
            "invalid": "Enter the target as a number from 0 to 7.",
        },
        help_text="Weeks with fewer days of activity are marked in your work-search record. "
        "0 marks none.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    suggest_followups = forms.BooleanField(
        label="Suggest follow-ups for me",
        required=False,
        help_text="A check-in a week after applying, a thank-you note after an interview, "
        "asking for feedback after a rejection, and checking for their reply.",
    )
    # When an application counts as gone quiet (the dashboard's "Needs you"); empty
    # means our usual number of days.
    quiet_after_applied = _quiet_field("Days with no news after applying", "quiet_after_applied")
    quiet_after_screening = _quiet_field(
        "Days with no news after a screen", "quiet_after_screening"
    )
    quiet_after_interview = _quiet_field(
        "Days with no news after an interview", "quiet_after_interview"
    )

    def quiet_thresholds(self) -> dict[str, int]:
        """The three thresholds as tracker.services.preferences_quiet_save takes them,
        an empty one as our usual number of days."""
        fields = {
            "after_applied": "quiet_after_applied",
            "after_screening": "quiet_after_screening",
            "after_interview": "quiet_after_interview",
        }
        return {
            key: self.cleaned_data.get(name) or TrackerPreferences._meta.get_field(name).default
            for key, name in fields.items()
        }


# --- the dashboard's quick add ------------------------------------------------------------


class QuickAddForm(ModelForm):
    """Four fields to add an application in place; the full form has the rest."""

    status = forms.ChoiceField(
        label="Where is it now?",
        choices=[(s.value, s.label) for s in ACTIVE_STATUSES],
        initial=Status.APPLIED,
    )

    class Meta:
        model = Application
        fields = ["company", "role", "job_url"]

    field_order = ["company", "role", "job_url", "status"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "quick-%s")
        super().__init__(*args, **kwargs)
        self.fields["company"].widget.attrs["autocomplete"] = "organization"
        self.fields["job_url"].widget.attrs["placeholder"] = "https://"
