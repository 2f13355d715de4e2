from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django_htmx.http import reswap, trigger_client_event

Middleware = Callable[[HttpRequest], HttpResponse]


def user_time_zone(get_response: Middleware) -> Middleware:
    """Show dates, and decide what “today” is, in the signed-in person's zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware


def vary_on_htmx(get_response: Middleware) -> Middleware:
    """One URL answers with a whole page or a fragment, so caches must tell them apart."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        return response

    return middleware


def htmx_logged_out(get_response: Middleware) -> Middleware:
    """An htmx request after the session ended: no swap, and a `loggedOut` event.

    Without this, htmx would follow the redirect and swap the log-in page into
    a list row. Instead the page stays as it is (HX-Reswap: none) and app.js
    says what happened, with a link to log in and come back to the same page.
    (A 401 would do the same but fill the browser console with errors.)
    """
    login_url = resolve_url(settings.LOGIN_URL)

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        htmx = getattr(request, "htmx", None)
        if htmx and response.status_code == 302 and response["Location"].startswith(login_url):
            back = htmx.current_url_abs_path or "/"
            return trigger_client_event(
                reswap(HttpResponse(status=200), "none"),
                "loggedOut",
                {"login": f"{login_url}?{urlencode({'next': back})}"},
            )
        return response

    return middleware


def private_pages_not_stored(get_response: Middleware) -> Middleware:
    """Nothing shown to a logged-in person is kept by the browser or a cache.

    After logging out on a shared computer, Back must not show the journal from
    the browser's cache. Static files (served earlier, by whitenoise) keep
    their long cache lifetimes.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        logged_in_before = _logged_in(request)
        response = get_response(request)
        if logged_in_before or _logged_in(request):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        return response

    return middleware


def _logged_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
