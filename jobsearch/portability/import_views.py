"""Importing applications: upload (or paste) → check and match the columns → import.

The upload waits in an ImportBatch between the steps, so changing how a column is
matched never means uploading again; the import itself is one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jobsearch.http import HtmxHttpRequest
from jobsearch.portability.importing import checking, services
from jobsearch.portability.importing.columns import FORMATS
from jobsearch.portability.importing.forms import ReviewForm, UploadForm
from jobsearch.portability.importing.models import ImportBatch
from jobsearch.portability.importing.reading import (
    MAX_BYTES,
    ReadProblem,
    read_pasted,
    read_upload,
)
from tracker.imports import existing_keys


def _batch(request: HtmxHttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
def import_start(request: HtmxHttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                # Never more than one byte past the limit in memory: enough to say it is too big.
                table = read_upload(upload.read(MAX_BYTES + 1), upload.name)
            else:
                table = read_pasted(form.cleaned_data["pasted"])
        except ReadProblem as problem:
            form.add_error("file" if upload else "pasted", str(problem))
        else:
            batch = services.batch_create(
                user=request.user, table=table, filename=upload.name if upload else ""
            )
            return redirect("importing:review", batch.pk)
    in_progress = ImportBatch.objects.filter(user=request.user).only("id", "filename").first()
    return render(
        request,
        "portability/import_start.html",
        {"form": form, "in_progress": in_progress, "formats": FORMATS},
    )


def _report(batch: ImportBatch, user) -> checking.Report:
    return checking.check(
        user=user,
        header=batch.header,
        rows=batch.rows,
        mapping=batch.mapping,
        format_key=batch.format,
        status_choices=batch.status_words,
        date_order=batch.date_order,
        existing=existing_keys(user=user),
    )


@require_http_methods(["GET", "POST"])
def import_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    # A post needs only the questions to read the form; the whole check runs once,
    # for the page or for the import.
    report = _report(batch, request.user) if request.method == "GET" else None
    asked = report or checking.questions(
        rows=batch.rows,
        mapping=batch.mapping,
        format_key=batch.format,
        status_choices=batch.status_words,
        date_order=batch.date_order,
    )
    form_kwargs = {
        "header": batch.header,
        "words": asked.status_words,
        "ask_date_order": asked.date_order_asked,
    }
    if request.method == "POST":
        form = ReviewForm(request.POST, **form_kwargs)
        importing = "import" in request.POST
        if form.is_valid():
            changed = form.mapping() != batch.mapping
            services.batch_update_choices(
                batch=batch,
                mapping=form.mapping(),
                status_words={**batch.status_words, **form.status_words()},
                date_order=form.cleaned_data.get("date_order") or batch.date_order,
                include_duplicates=form.cleaned_data["include_duplicates"],
            )
            if not importing:
                return redirect("importing:review", batch.pk)
            if changed:
                messages.info(
                    request,
                    "You changed which columns go where, so here is the new preview. "
                    "Check it, then import.",
                )
                return redirect("importing:review", batch.pk)
            form.require_answers()
        if importing and form.is_valid():
            report = _report(batch, request.user)
            try:
                if _import(request, batch, report, form):
                    return redirect("tracker:application_list")
            except services.AlreadyImported:
                messages.info(
                    request,
                    "These rows were imported already (perhaps “Import” was pressed twice), "
                    "so nothing was added again. Here they are.",
                )
                return redirect("tracker:application_list")
    else:
        form = ReviewForm(
            initial=ReviewForm.initial_for(batch, report.status_words, batch.date_order),
            **form_kwargs,
        )
    if report is None:
        report = _report(batch, request.user)
    known = next((f for f in FORMATS if f.key == batch.format), None)
    chosen = report.to_import(include_duplicates=batch.include_duplicates)
    return render(
        request,
        "portability/import_review.html",
        {
            "batch": batch,
            "form": form,
            "report": report,
            "known": known,
            "chosen_count": len(chosen),
            "problems": report.problems[: checking.PROBLEMS_SHOWN],
            "more_rows": max(len(report.rows) - checking.PREVIEW_ROWS, 0),
            "more_problems": max(len(report.problems) - checking.PROBLEMS_SHOWN, 0),
        },
    )


def _import(
    request: HtmxHttpRequest, batch: ImportBatch, report: checking.Report, form: ReviewForm
) -> bool:
    """Write the rows that are ready, all or none; a reason on the form if none went in."""
    chosen = report.to_import(include_duplicates=batch.include_duplicates)
    if not chosen:
        form.add_error(None, "No rows are ready to import: see the problems below.")
        return False
    try:
        result = services.batch_import(batch=batch, rows=[row.imported for row in chosen])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    count = len(result.created)
    left_out = len(report.rows) - count
    text = f"Imported {count:,} application{'s' if count != 1 else ''}"
    if left_out:
        text += f"; {left_out:,} row{'s' if left_out != 1 else ''} left out"
    text += "."
    if result.suggested:
        n = result.suggested
        text += f" For the most recent, {n} follow-up{'s are' if n != 1 else ' is'} suggested."
    messages.success(request, text)
    return True


@require_POST
def import_discard(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    services.batch_delete(batch=batch)
    messages.info(request, "That import is cancelled; nothing was added.")
    return redirect("importing:start")
