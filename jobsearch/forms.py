from __future__ import annotations

import math
import zoneinfo
from datetime import timedelta
from functools import cache

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm

from jobsearch import passwords
from jobsearch.formtools import ModelForm, OwnWordsMixin
from jobsearch.models import User

PASSWORD_MISMATCH = "The two passwords are different. Please type them again."


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})
    return [(name, name.replace("_", " ")) for name in names]


class LoginForm(OwnWordsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "That username and password don’t match an account here. "
            "Check them and try again — the password is case-sensitive."
        ),
        "inactive": "This account has been switched off.",
    }

    # Set by the view when this username has failed too often from this
    # address; the password is then not even checked.
    retry_after: timedelta | None = None

    def clean(self):
        if self.retry_after is not None:
            minutes = math.ceil(self.retry_after.total_seconds() / 60)
            raise forms.ValidationError(
                "There have been too many attempts to log in to this account. To keep it "
                f"safe, please wait {minutes} minute{'s' if minutes != 1 else ''} and try again.",
                code="throttled",
            )
        return super().clean()


class SignUpForm(OwnWordsMixin, UserCreationForm):
    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    # Filled in by the browser with its own zone (static/js/app.js); the server
    # default stands when scripts are off. Changeable in Settings.
    time_zone = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)
        help_texts = {"username": "Letters, numbers and @ . + - _ only. You will log in with it."}
        error_messages = {
            "username": {
                "unique": "That username is taken. Please choose another.",
                "invalid": "Use only letters, numbers and @ . + - _ in a username.",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = passwords.help_text()
        self.fields["password2"].label = "Type the password again"
        self.fields["password2"].help_text = ""

    def clean_time_zone(self) -> str:
        value = self.cleaned_data.get("time_zone", "")
        return value if value in zoneinfo.available_timezones() else ""


class OwnPasswordChangeForm(OwnWordsMixin, PasswordChangeForm):
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": "That is not your current password. Please type it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].help_text = passwords.help_text()
        self.fields["new_password2"].label = "Type the new password again"


class AccountSettingsForm(ModelForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, help_text="Dates, and what counts as “today”, follow this."
    )

    class Meta:
        model = User
        fields = ("first_name", "last_name", "time_zone")
        labels = {"first_name": "Your first name", "last_name": "Your last name"}
        help_texts = {"last_name": "We sign the feedback emails you write here with your name."}
