"""The forms of a feedback request: starting one, the email, starting it again
from a template, their reply; and a template of the person's own."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from jobsearch.formtools import DateInput, Form, ModelForm, NamesField
from jobsearch.validators import not_in_future
from tracker import selectors
from tracker.models import (
    TAG_MAX_LENGTH,
    Application,
    Contact,
    FeedbackRequest,
    FeedbackTemplate,
    FeedbackTheme,
)


class RecipientSelect(forms.Select):
    """Each person carries their address, so picking them can fill in "Their email address"."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        contact = getattr(value, "instance", None)
        if contact is not None and contact.email:
            option["attrs"]["data-email"] = contact.email
        return option


class RecipientField(forms.ModelChoiceField):
    widget = RecipientSelect

    def __init__(self, **kwargs):
        super().__init__(queryset=Contact.objects.none(), required=False, **kwargs)
        self.empty_label = "Nobody in particular"

    def label_from_instance(self, obj: Contact) -> str:
        parts = [obj.name]
        if obj.relationship:
            parts.append(obj.get_relationship_display().lower())
        return ", ".join(parts) + (f" ({obj.email})" if obj.email else "")


def _offer_recipients(form: forms.BaseForm, recipients: list[Contact]) -> None:
    """The people of the application to choose from; no choice at all when there are none."""
    if recipients:
        form.fields["contact"].queryset = Contact.objects.filter(pk__in=[c.pk for c in recipients])
    else:
        del form.fields["contact"]


class FeedbackStartForm(Form):
    """Which application to ask about, when starting from the feedback page."""

    application = forms.ModelChoiceField(
        queryset=Application.objects.none(), label="Which application is it about?"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = selectors.application_choices(user=user)


class FeedbackComposeForm(ModelForm):
    """The email itself, while it is a draft; and the date, when marking it sent."""

    contact = RecipientField(label="To whom")
    sent_on = forms.DateField(
        label="Date sent",
        required=False,
        widget=DateInput,
        help_text="Change it if you sent it on another day.",
    )

    class Meta:
        model = FeedbackRequest
        fields = ["contact", "to_email", "subject", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "to_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "to_email": "Leave it empty to choose the address in your mail app.",
        }

    def __init__(self, *args, recipients: list[Contact], **kwargs):
        super().__init__(*args, **kwargs)
        _offer_recipients(self, recipients)
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_sent_on(self):
        return not_in_future(self.cleaned_data["sent_on"])


class FeedbackRefillForm(Form):
    """Start the email again from a template, for someone (a GET form: it changes nothing)."""

    template = forms.ChoiceField(label="Template")
    contact = RecipientField(label="Writing to")

    def __init__(self, *args, templates: list, recipients: list[Contact], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.key, t.name) for t in templates]
        _offer_recipients(self, recipients)


class FeedbackReplyForm(ModelForm):
    themes = forms.MultipleChoiceField(
        label="What is it about?",
        choices=FeedbackTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that fit. Over many replies, patterns start to show.",
    )
    tags = NamesField(
        what="tag",
        name_max=TAG_MAX_LENGTH,
        label="Your own tags",
        help_text="Words of your own, with commas between them, like “SQL, system design”.",
    )

    class Meta:
        model = FeedbackRequest
        fields = ["replied_on", "reply_text", "themes", "tags", "will_change"]
        widgets = {
            "replied_on": DateInput,
            "reply_text": forms.Textarea(attrs={"rows": 8}),
            "will_change": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"replied_on": "Date of their reply", "reply_text": "What they said"}
        help_texts = {
            "reply_text": "Paste their reply, or note what they said on a call.",
            "will_change": "One thing you will work on. You can make it a skill goal in one click.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replied_on"].required = True
        if not self.initial.get("replied_on"):
            self.initial["replied_on"] = timezone.localdate()

    def clean_replied_on(self):
        return not_in_future(self.cleaned_data["replied_on"])


class FeedbackTemplateForm(ModelForm):
    class Meta:
        model = FeedbackTemplate
        fields = ["name", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        labels = {"name": "Template name", "body": "Message"}
        help_texts = {"name": "So you can tell it apart, like “After a final round”."}
