"""An uploaded file waiting between the steps of an import (upload → check → import).

The rows are kept as read, so changing how the columns are matched never means
uploading again. A batch goes once it is imported, when the same person starts
another, or after a day (`importing.services`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    filename = models.CharField(max_length=255, blank=True)
    # What the file was: "csv", "xlsx", "ods", "text" (pasted); and how it was read.
    kind = models.CharField(max_length=10)
    described_as = models.CharField(max_length=300, blank=True)
    header = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    # Which known export it is (importing.columns.FORMATS), if any.
    format = models.CharField(max_length=30, blank=True)
    # The person's choices on the check page: columns, status words, date order.
    mapping = models.JSONField(default=dict, blank=True)
    status_words = models.JSONField(default=dict, blank=True)
    date_order = models.CharField(max_length=3, blank=True)
    include_duplicates = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Clearing out old batches by age.
            models.Index(fields=["created_at"], name="importbatch_created_idx"),
        ]

    def __str__(self) -> str:
        return self.filename or "Pasted rows"
