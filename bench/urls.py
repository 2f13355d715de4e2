from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import include, path


@login_not_required
def baseline(request):
    """The base layout and nothing else: no session, no queries."""
    return render(request, "base.html", {})


urlpatterns = [
    path("_baseline/", baseline, name="bench_baseline"),
    path("", include("jobsearch.urls")),
]
