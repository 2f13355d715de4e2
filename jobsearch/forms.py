from __future__ import annotations

import math
import zoneinfo
from datetime import timedelta
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.forms.utils import ErrorDict

from jobsearch import passwords, services
from jobsearch.formtools import ModelForm, OwnWordsMixin
from jobsearch.http import client_ip
from jobsearch.models import User

PASSWORD_MISMATCH = "The two passwords are different. Please type them again."


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})
    return [(name, name.replace("_", " ")) for name in names]


def wait_message(wait: timedelta) -> str:
    minutes = math.ceil(wait.total_seconds() / 60)
    return f"please wait {minutes} minute{'s' if minutes != 1 else ''} and try again"


class ThrottledLoginMixin:
    """The log-in limit, around the one place a password is checked.

    The username counted is the form's cleaned one — trimmed and Unicode-NFKC
    normalised, exactly what authentication then looks up — so " alice",
    "alice " and "ａlice" cannot each get fresh tries. The attempt is counted
    (services.login_attempt_begin) before AuthenticationForm.clean() checks the
    password, and the password is not checked at all once the limit is reached.
    Both our log-in page and the admin's use it.
    """

    # How long this person must wait, when they were refused for trying too often.
    retry_after: timedelta | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()  # nothing to check: the fields explain themselves
        ip_address = client_ip(self.request)
        self.retry_after = services.login_attempt_begin(username=username, ip_address=ip_address)
        if self.retry_after is not None:
            raise forms.ValidationError(
                "There have been too many attempts to log in from here. To keep your "
                f"account safe, {wait_message(self.retry_after)}.",
                code="throttled",
            )
        cleaned_data = super().clean()  # raises if the password is wrong
        services.login_attempts_clear(username=username, ip_address=ip_address)
        return cleaned_data


class LoginForm(OwnWordsMixin, ThrottledLoginMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "That username and password don’t match an account here. "
            "Check them and try again — the password is case-sensitive."
        ),
        "inactive": "This account has been switched off.",
    }


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's own log-in form, with the same limit as ours."""


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

    # Set by the view when this address has tried to sign up too often.
    retry_after: timedelta | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = passwords.help_text()
        self.fields["password2"].label = "Type the password again"
        self.fields["password2"].help_text = ""

    def full_clean(self) -> None:
        if self.retry_after is None:
            return super().full_clean()
        # Refused before anything is checked, so that trying name after name
        # cannot find out which usernames are taken. What was typed stays.
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(
            None,
            forms.ValidationError(
                "Several accounts have been tried from here in a short time. To keep "
                f"everyone’s accounts safe, {wait_message(self.retry_after)}.",
                code="throttled",
            ),
        )
        return None

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


class OwnPasswordResetForm(OwnWordsMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Your email address"
        self.fields["email"].help_text = "The one saved in your settings."


class OwnSetPasswordForm(OwnWordsMixin, SetPasswordForm):
    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = passwords.help_text()
        self.fields["new_password2"].label = "Type the new password again"


class AccountSettingsForm(ModelForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, help_text="Dates, and what counts as “today”, follow this."
    )

    class Meta:
        model = User
        fields = ("first_name", "last_name", "email", "time_zone")
        labels = {
            "first_name": "Your first name",
            "last_name": "Your last name",
            "email": "Your email address (optional)",
        }
        help_texts = {
            "last_name": "We sign the feedback emails you write here with your name.",
            "email": "Only for a link to choose a new password if you forget yours.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.PASSWORD_RESET_BY_EMAIL:
            # Without mail, an address would be kept for nothing.
            del self.fields["email"]
