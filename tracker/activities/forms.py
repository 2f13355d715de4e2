"""The form of a work-search activity."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from jobsearch.formtools import DateInput, ModelForm
from jobsearch.validators import not_in_future
from tracker import selectors
from tracker.models import Activity


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = [
            "happened_on",
            "kind",
            "organisation",
            "person",
            "method",
            "place",
            "phone",
            "application",
            "outcome",
            "notes",
        ]
        widgets = {
            "happened_on": DateInput,
            "method": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "organisation": "Who ran it or who you spoke to: a company, a job centre, an agency.",
            "place": "Where it was, or the website you used.",
            "application": "If it was about one of your applications: it then takes that "
            "application’s place in your record for the day, with your details.",
            "outcome": "What came of it, so far. It can change later.",
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("happened_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = selectors.application_choices(user=user)
        self.fields["application"].empty_label = "No, none in particular"
        self.fields["method"].choices = list(self.fields["method"].choices)[1:]  # no blank
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        if not self.fields["application"].queryset.exists():
            del self.fields["application"]

    def clean_happened_on(self):
        return not_in_future(self.cleaned_data["happened_on"])
