"""`make bench`: the main pages for a heavy user, measured in one run.

1. Seeds a throw-away SQLite database: a heavy user (5,000 applications,
   25,000 status events, 10,000 follow-ups, 3,000 journal entries) and a light
   one (100 applications), bulk-created.
2. Server time per page through Django's real WSGI handler (all middleware,
   sessions, CSP, whitenoise), >= 50 requests each: median, p95, query count,
   and the ratio to two baselines: the bare layout (no session, no queries) and
   the layout for a logged-in person (the session and the user read, no app
   queries), both served by bench/urls.py, which only the bench uses.
3. Query counts for the light and the heavy user: they must be equal.
4. A load run: gunicorn with the workers `make run` uses, and a bounded
   multi-process client on loopback, against the dashboard and the baseline.
5. The dashboard's weight (HTML, CSS, JS, gzip-compressed) and a check that
   it loads nothing from another origin.

Prints a table and writes bench/results.json. `python -m bench dashboard` times
just the named pages against the baselines and writes nothing.
"""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.load import hammer

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "10"))

GOALS = {
    "median_ratio": 3.0,  # every page's median server time at most 3x the baseline
    # The dashboard and Insights each at most 6x the layout for a logged-in person.
    "dashboard_logged_in_ratio": 6.0,
    "insights_logged_in_ratio": 6.0,
    "import_seconds": 10,  # 10,000 rows checked and imported
    "queries": 12,
    "throughput_ratio": 0.33,  # dashboard requests/s at least a third of the baseline's
    "dashboard_kb": 60,
}


def main(argv: list[str] | None = None) -> int:
    """`python -m bench` measures everything and writes bench/results.json;
    `python -m bench dashboard "board"` times only those pages against the two
    baselines (no load run), prints the table and writes nothing."""
    only = list(sys.argv[1:] if argv is None else argv)
    unknown = set(only) - {name for name, _ in PAGES}
    if unknown:
        print(f"No such page: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="jobsearch-bench-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        {
            "JOBSEARCH_DATA_DIR": str(workdir),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "JOBSEARCH_STATIC_ROOT": str(workdir / "static"),
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    try:
        print("Preparing a throw-away database …", flush=True)
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        started = time.perf_counter()
        heavy = seed(username="heavy", applications=5000, rng=random.Random(1))
        light = seed(username="light", applications=100, rng=random.Random(2))
        seeded = time.perf_counter() - started
        print(f"Seeded in {seeded:.1f} s. Measuring pages …", flush=True)
        results = {
            "date": date.today().isoformat(),
            "machine": machine(),
            "seed": {**heavy["counts"], "seconds": round(seeded, 1)},
            "pages": measure_pages(heavy, light, only=only),
        }
        if not only:
            print("Load run …", flush=True)
            results["load"], results["weight"] = load_and_weight(heavy, workdir)
        results["import"] = bench_import(heavy["user"])
        results["goals"] = judge(results)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if only:
        print_table(results)
        return 0 if all(goal["met"] for goal in results["goals"]) else 1
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nWrote {out.relative_to(ROOT)}")
    return 0 if all(goal["met"] for goal in results["goals"]) else 1


def machine() -> dict:
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "unknown"  # not Linux
    return {
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.system(),
    }


# --- seeding ------------------------------------------------------------------------------


def seed(*, username: str, applications: int, rng: random.Random) -> dict:
    """Bulk-create a person's data, shaped like a long search."""
    from django.utils import timezone

    from jobsearch.models import User
    from tracker.models import (
        ACTIVE_STATUSES,
        Application,
        Contact,
        FeedbackRequest,
        FeedbackTheme,
        FollowUp,
        Interview,
        RejectionStage,
        Status,
        StatusEvent,
    )

    user = User.objects.create_user(username, password="bench-password-123")
    today = timezone.localdate()
    statuses = list(Status.values)
    closed = [s for s in statuses if s not in ACTIVE_STATUSES]
    contacts = Contact.objects.bulk_create(
        Contact(user=user, name=f"Person {n}", company=f"Company {n % 97}")
        for n in range(max(applications // 20, 5))
    )
    apps = []
    for n in range(applications):
        applied = today - timedelta(days=rng.randint(0, 400))
        # Most of a long search is closed; a fair number is still in motion, and
        # every board column has some (the same page shape for any size).
        if n < len(ACTIVE_STATUSES):
            status = ACTIVE_STATUSES[n]
        else:
            status = rng.choice(closed) if rng.random() < 0.8 else rng.choice(ACTIVE_STATUSES)
        apps.append(
            Application(
                user=user,
                company=f"Company {n % 997} {n}",
                role=rng.choice(["Data analyst", "Analytics engineer", "Data scientist"]),
                applied_on=applied,
                status=status,
                status_changed_on=applied + timedelta(days=20),
                last_activity_on=applied + timedelta(days=20),
                notes="A few notes about the role and the team." * 3,
            )
        )
    apps = Application.objects.bulk_create(apps, batch_size=1000)
    events, followups, interviews = [], [], []
    for application in apps:
        steps = [
            Status.APPLIED,
            Status.SCREENING,
            Status.INTERVIEWING,
            Status.OFFER,
            application.status,
        ]
        for index, step in enumerate(steps):
            events.append(
                StatusEvent(
                    user=user,
                    application=application,
                    status=step,
                    happened_on=application.applied_on + timedelta(days=index * 5),
                    # Rejections at every stage, for the insights' stage chart.
                    rejection_stage=rng.choice(RejectionStage.values)
                    if step == Status.REJECTED
                    else "",
                )
            )
        for index in range(2):
            due = application.applied_on + timedelta(days=7 + index * 30)
            followups.append(
                FollowUp(
                    user=user,
                    title=f"Follow up with {application.company}",
                    due_on=due,
                    application=application,
                    contact=rng.choice(contacts),
                    done_at=timezone.now() - timedelta(days=rng.randint(1, 300))
                    if rng.random() < 0.6
                    else None,
                )
            )
        if application is apps[0] or rng.random() < 0.3:
            interviews.append(
                Interview(
                    user=user,
                    application=application,
                    scheduled_at=timezone.make_aware(
                        datetime.combine(
                            application.applied_on + timedelta(days=12), datetime.min.time()
                        )
                    ),
                )
            )
    # Whatever the size, some follow-ups in every group of the follow-ups page
    # (overdue, today, the next two weeks, later, done lately): the same shape of
    # page for the light user as for the heavy one.
    for index, days in enumerate((-3, 0, 5, 40, -1)):
        followups[index].due_on = today + timedelta(days=days)
        followups[index].done_at = timezone.now() if days == -1 else None
    StatusEvent.objects.bulk_create(events, batch_size=2000)
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    Interview.objects.bulk_create(interviews, batch_size=2000)
    # Feedback asked after about half the rejections, in every state.
    states = list(FeedbackRequest.State.values)
    requests = []
    for application in apps:
        if application.status != Status.REJECTED or rng.random() < 0.5:
            continue
        state = rng.choice(states)
        sent_on = None if state == FeedbackRequest.State.DRAFT else application.status_changed_on
        replied = state == FeedbackRequest.State.REPLIED
        requests.append(
            FeedbackRequest(
                user=user,
                application=application,
                subject=f"My application to {application.company}",
                body="Hi,\n\nWould you share a little feedback?\n\nThank you." * 3,
                state=state,
                sent_on=sent_on,
                replied_on=sent_on + timedelta(days=rng.randint(1, 20)) if replied else None,
                closed_on=sent_on + timedelta(days=21)
                if state == FeedbackRequest.State.NO_REPLY
                else None,
                reply_text="Thank you for asking. We went with more experience." if replied else "",
                themes=rng.sample(FeedbackTheme.values, 2) if replied else [],
            )
        )
    requests = FeedbackRequest.objects.bulk_create(requests, batch_size=1000)
    journal_entries = seed_journal(user, applications * 3 // 5, rng)
    # The detail page of the application with the longest history.
    detail = apps[0]
    # Asking for feedback about a rejection that has none yet: the composer.
    asked = {request.application_id for request in requests}
    compose = next(a for a in apps if a.status == Status.REJECTED and a.pk not in asked)
    return {
        "user": user,
        "detail_pk": detail.pk,
        "compose_pk": compose.pk,
        "counts": {
            "feedback_requests": len(requests),
            "applications": len(apps),
            "status_events": len(events),
            "follow_ups": len(followups),
            "interviews": len(interviews),
            "journal_entries": journal_entries,
        },
    }


def seed_journal(user, count: int, rng: random.Random) -> int:
    """Journal entries of every kind, about a fifth of them reflections, a few a day
    across months (so the insights' mood timeline has real work to do), with the
    thinking traps and feelings the insights count."""
    from django.utils import timezone

    from journal.models import EMOTIONS, Emotion, Entry, ThinkingTrap

    today = timezone.localdate()
    kinds = [Entry.Kind.CHECK_IN] * 5 + [Entry.Kind.REFLECTION, Entry.Kind.WIN, Entry.Kind.NOTE]
    entries = []
    for n in range(count):
        kind = rng.choice(kinds)
        entries.append(
            Entry(
                user=user,
                kind=kind,
                on=today - timedelta(days=n // 8),
                title=f"Entry {n}" if kind in (Entry.Kind.WIN, Entry.Kind.NOTE) else "",
                body="Some words about the day and how the search went." * 2,
                mood=rng.randint(2, 8)
                if kind in (Entry.Kind.CHECK_IN, Entry.Kind.REFLECTION)
                else None,
                mood_after=rng.randint(3, 9) if kind == Entry.Kind.REFLECTION else None,
                automatic_thought="I will never get hired."
                if kind == Entry.Kind.REFLECTION
                else "",
                reframe="One no is one no." if kind == Entry.Kind.REFLECTION else "",
                thinking_traps=rng.sample(ThinkingTrap.values, 2)
                if kind == Entry.Kind.REFLECTION
                else [],
            )
        )
    entries = Entry.objects.bulk_create(entries, batch_size=1000)
    feelings = Emotion.objects.bulk_create(Emotion(user=user, name=name) for name in EMOTIONS)
    Entry.emotions.through.objects.bulk_create(
        (
            Entry.emotions.through(entry_id=entry.pk, emotion_id=feeling.pk)
            for entry in entries
            if entry.mood is not None
            for feeling in rng.sample(feelings, 2)
        ),
        batch_size=2000,
    )
    return len(entries)


# --- server time per page ------------------------------------------------------------------

BASELINES = ("baseline", "baseline, logged in")
PAGES = [
    ("baseline", "/_baseline/"),
    ("baseline, logged in", "/_baseline/logged-in/"),
    ("dashboard", "/"),
    ("application list", "/applications/"),
    ("board", "/board/"),
    ("application detail", "/applications/{detail_pk}/"),
    ("follow-ups", "/follow-ups/"),
    ("journal list", "/journal/"),
    ("insights", "/insights/"),
    ("insights, all time", "/insights/?period=all"),
    ("feedback list", "/feedback/"),
    ("feedback composer", "/feedback/new/?application={compose_pk}"),
    ("weekly review", "/journal/weekly-review/"),
    ("work-search record", "/work-search/"),
    ("import & export", "/data/"),
]


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def wsgi_get(handler, path: str, cookie: str) -> tuple[int, bytes]:
    from wsgiref.util import setup_testing_defaults

    path, _, query = path.partition("?")
    environ = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": "127.0.0.1",
    }
    if cookie and path != "/_baseline/":
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO()
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    body = b"".join(handler(environ, start_response))
    return status["code"], body


def count_queries(connection, handler, path: str, cookie: str) -> int:
    """Queries one request runs. (Django's own query log is reset by each request.)"""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        wsgi_get(handler, path, cookie)
    return count


def measure_pages(heavy: dict, light: dict, only: list[str] | None = None) -> list[dict]:
    """Each page (or just the baselines and the `only` ones), against both baselines."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    handler = WSGIHandler()
    heavy_cookie, light_cookie = session_cookie(heavy["user"]), session_cookie(light["user"])
    rows = []
    baseline_median = logged_in_median = None
    for name, pattern in PAGES:
        if only and name not in only and name not in BASELINES:
            continue
        path = pattern.format(detail_pk=heavy["detail_pk"], compose_pk=heavy["compose_pk"])
        light_path = pattern.format(detail_pk=light["detail_pk"], compose_pk=light["compose_pk"])
        for _ in range(5):  # warm the template cache
            status, body = wsgi_get(handler, path, heavy_cookie)
        assert status == 200, f"{path} answered {status}"
        heavy_queries = count_queries(connection, handler, path, heavy_cookie)
        light_queries = count_queries(connection, handler, light_path, light_cookie)
        timings, beside = [], []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            wsgi_get(handler, path, heavy_cookie)
            timings.append((time.perf_counter() - started) * 1000)
            if logged_in_median is not None:
                # The logged-in baseline again, request for request beside this page, so
                # the ratio to it holds even when the machine is busy with other work.
                started = time.perf_counter()
                wsgi_get(handler, "/_baseline/logged-in/", heavy_cookie)
                beside.append((time.perf_counter() - started) * 1000)
        timings.sort()
        median = statistics.median(timings)
        baseline_median = baseline_median or median
        if name == "baseline, logged in":
            logged_in_median = median
        rows.append(
            {
                "page": name,
                "path": pattern,
                "median_ms": round(median, 2),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
                "ratio": round(median / baseline_median, 2),
                "ratio_logged_in": round(median / statistics.median(beside) if beside else 1.0, 2)
                if logged_in_median
                else None,
                "queries": heavy_queries,
                "queries_light": light_queries,
                "html_bytes": len(body),
            }
        )
        print(f"  {name}: {median:.1f} ms", flush=True)
    return rows


# --- load and weight -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_and_weight(heavy: dict, workdir: Path) -> tuple[list[dict], dict]:
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "jobsearch.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    cookie = session_cookie(heavy["user"])
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_baseline/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        load = []
        clients = 4
        with multiprocessing.get_context("spawn").Pool(clients) as pool:
            for name, path in (("baseline", "/_baseline/"), ("dashboard", "/")):
                deadline = time.time() + LOAD_SECONDS
                results = pool.map(hammer, [(port, path, cookie, deadline)] * clients)
                done = sum(r[0] for r in results)
                errors = sum(r[1] for r in results)
                load.append(
                    {
                        "page": name,
                        "requests_per_second": round(done / LOAD_SECONDS, 1),
                        "errors": errors,
                        "clients": clients,
                        "seconds": LOAD_SECONDS,
                    }
                )
                print(
                    f"  {name}: {done / LOAD_SECONDS:.0f} requests/s, {errors} errors", flush=True
                )
        weight = page_weight(port, cookie)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return load, weight


def page_weight(port: int, cookie: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.html import assets, foreign_loads

    def fetch(path: str, compressed: bool) -> bytes:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}
        )
        if compressed:
            request.add_header("Accept-Encoding", "gzip")
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            if compressed and response.headers.get("Content-Encoding") != "gzip":
                body = gzip.compress(body)
            return body

    html = fetch("/", compressed=False)
    parts = {"html": len(gzip.compress(html))}
    for url in assets(html.decode()):
        parts[url] = len(fetch(url, compressed=True))
    return {
        "total_kb": round(sum(parts.values()) / 1024, 1),
        "parts_bytes": parts,
        "foreign_loads": foreign_loads(html.decode()),
    }


# --- goals and the table ---------------------------------------------------------


def judge(results: dict) -> list[dict]:
    goals = []
    for row in results["pages"]:
        if row["page"] in BASELINES:
            continue
        limit = {
            "dashboard": GOALS["dashboard_logged_in_ratio"],
            "insights": GOALS["insights_logged_in_ratio"],
        }.get(row["page"])
        if limit is not None:
            goals.append(
                {
                    "goal": f"{row['page']}: median <= {limit}x the logged-in baseline",
                    "value": f"{row['ratio_logged_in']}x",
                    "met": row["ratio_logged_in"] <= limit,
                }
            )
        goals.append(
            {
                "goal": f"{row['page']}: median <= {GOALS['median_ratio']}x baseline",
                "value": f"{row['ratio']}x",
                "met": row["ratio"] <= GOALS["median_ratio"],
            }
        )
        goals.append(
            {
                "goal": f"{row['page']}: <= {GOALS['queries']} queries, same for 100 and 5,000",
                "value": f"{row['queries']} / {row['queries_light']}",
                "met": row["queries"] <= GOALS["queries"]
                and row["queries"] == row["queries_light"],
            }
        )
    imported = results.get("import")
    if imported:
        goals.append(
            {
                "goal": f"import of {imported['rows']:,} rows <= {GOALS['import_seconds']} s",
                "value": f"{imported['seconds']} s, peak {imported['peak_mb']} MB",
                "met": imported["seconds"] <= GOALS["import_seconds"],
            }
        )
    if "load" not in results:  # a run of some pages only
        return goals
    load = {row["page"]: row for row in results["load"]}
    ratio = load["dashboard"]["requests_per_second"] / max(
        load["baseline"]["requests_per_second"], 1
    )
    goals.append(
        {
            "goal": f"dashboard throughput >= {GOALS['throughput_ratio']:.0%} of baseline",
            "value": f"{ratio:.0%}",
            "met": ratio >= GOALS["throughput_ratio"],
        }
    )
    errors = sum(row["errors"] for row in results["load"])
    goals.append({"goal": "no errors under load", "value": str(errors), "met": errors == 0})
    weight = results["weight"]
    goals.append(
        {
            "goal": f"dashboard <= {GOALS['dashboard_kb']} KB compressed",
            "value": f"{weight['total_kb']} KB",
            "met": weight["total_kb"] <= GOALS["dashboard_kb"],
        }
    )
    goals.append(
        {
            "goal": "nothing loaded from another origin",
            "value": str(len(weight["foreign_loads"])),
            "met": not weight["foreign_loads"],
        }
    )
    return goals


def print_table(results: dict) -> None:
    m = results["machine"]
    print(
        f"\nBenchmark {results['date']} — {m['cores']} cores, {m['memory']}, Python {m['python']}"
    )
    print(f"Seeded: {results['seed']}")
    print(
        "\n| page | median ms | p95 ms | × baseline | × logged-in baseline "
        "| queries (5,000 / 100 apps) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for row in results["pages"]:
        print(
            f"| {row['page']} | {row['median_ms']} | {row['p95_ms']} | {row['ratio']} "
            f"| {row['ratio_logged_in'] if row['ratio_logged_in'] is not None else '—'} "
            f"| {row['queries']} / {row['queries_light']} |"
        )
    if "load" not in results:
        print("\n| goal | value | met |")
        print("|---|---:|:---:|")
        for goal in results["goals"]:
            print(f"| {goal['goal']} | {goal['value']} | {'yes' if goal['met'] else '**no**'} |")
        return
    print("\n| load (gunicorn, 2 workers) | requests/s | errors |")
    print("|---|---:|---:|")
    for row in results["load"]:
        print(f"| {row['page']} | {row['requests_per_second']} | {row['errors']} |")
    print(f"\nDashboard weight: {results['weight']['total_kb']} KB compressed")
    print("\n| goal | value | met |")
    print("|---|---:|:---:|")
    for goal in results["goals"]:
        print(f"| {goal['goal']} | {goal['value']} | {'yes' if goal['met'] else '**no**'} |")


def bench_import(user, rows: int = 10_000) -> dict:
    """Import `rows` generated applications (a hand-made CSV: its own column names,
    status words and day-first dates) the way the import pages do it — read, keep,
    check for the preview, check again and write — timing each step and the peak
    memory Python allocated (tracemalloc). The goal: at most 10 s in all."""
    import csv
    import tracemalloc

    from jobsearch.portability.importing import checking, services
    from jobsearch.portability.importing.reading import read_upload
    from tracker.imports import existing_keys

    rng = random.Random(3)
    today = date.today()
    words = ["Applied", "Phone screen", "Interview", "Rejected", "Ghosted", "Wishlist", "Offer"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Employer", "Job title", "Stage", "Date applied", "Last update", "Notes"])
    for n in range(rows):
        # Ten thousand applications is years of a search: about three, at ten a day.
        applied = today - timedelta(days=rng.randint(1, 1100))
        moved = applied + timedelta(days=rng.randint(0, min(40, (today - applied).days)))
        writer.writerow(
            [
                f"Imported Company {n}",
                rng.choice(["Analyst", "Engineer", "Designer", "Manager"]),
                rng.choice(words),
                f"{applied:%d/%m/%Y}",
                f"{moved:%d/%m/%Y}",
                rng.choice(["", "Referred by a friend", "Salary 50k-60k"]),
            ]
        )
    data = out.getvalue().encode("cp1252")

    def run() -> tuple[dict[str, float], int]:
        times: dict[str, float] = {}
        started = time.perf_counter()
        table = read_upload(data, "applications.csv")
        batch = services.batch_create(user=user, table=table, filename="applications.csv")
        times["read and keep"] = time.perf_counter() - started

        def check():
            return checking.check(
                user=user,
                header=batch.header,
                rows=batch.rows,
                mapping=batch.mapping,
                status_choices=batch.status_words,
                existing=existing_keys(user=user),
            )

        mark = time.perf_counter()
        check()
        times["check for the preview"] = time.perf_counter() - mark
        mark = time.perf_counter()
        chosen = [row.imported for row in check().to_import(include_duplicates=False)]
        result = services.batch_import(batch=batch, rows=chosen)
        times["check and write"] = time.perf_counter() - mark
        times["total"] = time.perf_counter() - started
        return times, result

    times, result = run()
    total = times.pop("total")
    # Memory in a second run: tracing every allocation slows the code it watches.
    from tracker.models import Application

    Application.objects.filter(pk__in=[a.pk for a in result.created]).delete()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    summary = {
        "rows": rows,
        "imported": len(result.created),
        "suggested": result.suggested,
        "file_kb": len(data) // 1024,
        "seconds": round(total, 2),
        "steps": {name: round(seconds, 2) for name, seconds in times.items()},
        "peak_mb": round(peak / (1024 * 1024), 1),
        "met": total <= 10,
    }
    print(
        f"\nImport of {rows:,} rows ({summary['file_kb']} KB CSV): {summary['seconds']} s "
        f"({', '.join(f'{k} {v} s' for k, v in summary['steps'].items())}), "
        f"peak {summary['peak_mb']} MB; {summary['imported']:,} imported, "
        f"{summary['suggested']} follow-ups suggested for the recent ones"
    )
    return summary


if __name__ == "__main__":
    sys.exit(main())
