"""Request typing and small helpers the views of every app share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from jobsearch.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User


def client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy this is the proxy's address; the README says so.
    return request.META.get("REMOTE_ADDR") or None


def object_id(value) -> int | None:
    """A database id typed into a URL or a form, or None if it is not one.

    ("²".isdigit() is true, but int("²") fails: only plain ASCII digits count.)"""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def next_url(request: HttpRequest, default: str = "") -> str:
    """Where to go after a plain form post: the `next` it carries, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: "0" or "dashboard" would be taken by redirect()
    # for a view name, and "//elsewhere" is another site.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def explain(form: forms.BaseForm, error: ValidationError) -> None:
    """A rule a service enforces shows on the page like any other mistake."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
