from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import include, path


@login_not_required
def baseline(request):
    """The base layout and nothing else: no session, no queries."""
    return render(request, "base.html", {})


def baseline_logged_in(request):
    """The same layout for a logged-in person: the session and the user are read (the
    two queries every page of ours runs), and nothing else. Pages are also compared
    with this, so what the ratio shows is the page's own work."""
    return render(request, "base.html", {})


urlpatterns = [
    path("_baseline/", baseline, name="bench_baseline"),
    path("_baseline/logged-in/", baseline_logged_in, name="bench_baseline_logged_in"),
    path("", include("jobsearch.urls")),
]
