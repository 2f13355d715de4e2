"""Writes for an import in progress: keeping the upload between steps, the person's
choices on the check page, and tidying away batches nobody finished."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jobsearch.portability.importing.columns import guess_mapping, recognise
from jobsearch.portability.importing.models import ImportBatch
from jobsearch.portability.importing.reading import Table
from tracker.imports import ImportedApplication, ImportResult, applications_import

# An import left half-way is kept this long, then cleared away.
KEEP_FOR = timedelta(days=1)


@transaction.atomic
def batch_create(*, user, table: Table, filename: str = "") -> ImportBatch:
    """Keep an uploaded table for the check page. A person has one import in progress:
    starting another replaces it, and anyone's batches older than a day go too."""
    ImportBatch.objects.filter(user=user).delete()
    ImportBatch.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    known = recognise(table.header)
    batch = ImportBatch(
        user=user,
        filename=filename[:255],
        kind=table.kind,
        described_as="; ".join([table.described_as, *table.notes])[:300],
        header=table.header,
        rows=table.rows,
        format=known.key if known else "",
        mapping=guess_mapping(table.header, known),
    )
    batch.full_clean()
    batch.save()
    return batch


@transaction.atomic
def batch_update_choices(
    *,
    batch: ImportBatch,
    mapping: dict[str, int | None],
    status_words: dict[str, str],
    date_order: str,
    include_duplicates: bool,
) -> ImportBatch:
    batch.mapping = mapping
    batch.status_words = status_words
    batch.date_order = date_order
    batch.include_duplicates = include_duplicates
    batch.save(update_fields=["mapping", "status_words", "date_order", "include_duplicates"])
    return batch


@transaction.atomic
def batch_delete(*, batch: ImportBatch) -> None:
    batch.delete()


class AlreadyImported(Exception):
    """The batch went while this request was on its way: another request imported it
    (a second click on "Import") or cancelled it."""


@transaction.atomic
def batch_import(*, batch: ImportBatch, rows: list[ImportedApplication]) -> ImportResult:
    """Add the chosen rows — all of them or, if any fails, none — and let the batch go.

    The batch is deleted first, and only the request that deleted it writes: two
    clicks on "Import" that both loaded the batch import its rows once, not twice.
    Raises AlreadyImported for the one that found it gone."""
    deleted, _ = ImportBatch.objects.filter(pk=batch.pk).delete()
    if not deleted:
        raise AlreadyImported
    return applications_import(user=batch.user, rows=rows)
