from __future__ import annotations

from typing import Any

from django import forms

from jobsearch.formtools import Form
from jobsearch.portability.backup import BackupError, backup_parse

# Far above a long search's backup (5,000 applications make about 10 MB).
BACKUP_MAX_BYTES = 50 * 1024 * 1024


class RestoreForm(Form):
    backup = forms.FileField(
        label="Backup file",
        help_text="The .json file that “Download everything” saved.",
        error_messages={
            "required": "Choose the backup file to restore.",
            "empty": "This file is empty. Choose the backup file again.",
            "invalid": "Choose the backup file to restore.",
            "missing": "Choose the backup file to restore.",
        },
    )

    def clean_backup(self) -> Any:
        upload = self.cleaned_data["backup"]
        if upload.size > BACKUP_MAX_BYTES:
            raise forms.ValidationError(
                "This file is larger than any backup of this app (over 50 MB). "
                "Check that it is the right file."
            )
        raw = upload.read()
        try:
            self.cleaned_data["data"] = backup_parse(raw)
        except BackupError as error:
            raise forms.ValidationError(str(error)) from None
        self.cleaned_data["content"] = raw.decode("utf-8-sig")
        return upload


class DeleteAccountForm(Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to delete your account."},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Please type it again; nothing has been deleted."
            )
        return password
