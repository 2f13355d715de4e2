"""Request typing and small helpers the views of every app share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from jobsearch.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User


def client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy this is the proxy's address; the README says so.
    return request.META.get("REMOTE_ADDR") or None
