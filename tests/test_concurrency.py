"""Many writes at once on SQLite, through the real server `make run` starts.

For about twenty seconds (JOBSEARCH_CONCURRENCY_SECONDS), six clients on
loopback add applications, mark follow-ups done and autosave reflection drafts
at the same time. Every request must succeed, the server must never meet "database is
locked", and every write it acknowledged must be in the database afterwards.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("JOBSEARCH_CONCURRENCY_SECONDS", "20"))
PASSWORD = "a-long-load-test-password"
FOLLOWUPS_PER_PERSON = 1500

pytestmark = [
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="this checks SQLite's locking; PostgreSQL is run by CI",
    ),
    # It sleeps and starts a real server: a faked clock breaks both, and
    # there are no dates in it to test.
    pytest.mark.real_clock,
]

SETUP = f"""
from datetime import date
from jobsearch.models import User
from tracker.models import FollowUp
for name in ("adder1", "adder2", "doer1", "doer2", "drafter1", "drafter2"):
    user = User.objects.create_user(name, password={PASSWORD!r})
    if name.startswith("doer"):
        FollowUp.objects.bulk_create(
            FollowUp(user=user, title=f"Follow-up {{n}}", due_on=date(2026, 1, 1))
            for n in range({FOLLOWUPS_PER_PERSON})
        )
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Person:
    base: str
    username: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token()}).encode()
        return self._send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def _send(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def log_in(self) -> None:
        self.get("/login/")
        status, _ = self.post("/login/", {"username": self.username, "password": PASSWORD})
        assert status == 302, f"{self.username} could not log in ({status})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def server(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JOBSEARCH_"))
    }
    env |= {
        "JOBSEARCH_DATA_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "jobsearch.settings",
        "JOBSEARCH_LOGIN_FAILURE_LIMIT": "1000",
        "JOBSEARCH_STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    # As `make run` does: the production settings serve collected, hashed files.
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)
    port = free_port()
    log = tmp_path / "server.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        # The same server and workers as `make run`.
        [
            str(gunicorn),
            "jobsearch.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-control-socket",
            "--error-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the server did not start")
    yield base, tmp_path / "jobsearch.sqlite3", log
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def test_concurrent_writes_all_succeed_and_all_stay(server):
    base, database, log = server
    deadline = time.monotonic() + SECONDS
    errors: list[str] = []
    created: list[str] = []
    done: list[int] = []
    drafts: list[tuple[str, str]] = []
    lock = threading.Lock()

    def adder(person: Person) -> None:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            company = f"{person.username}-company-{n}"
            status, _ = person.post(
                "/applications/new/", {"company": company, "role": "Analyst", "status": "applied"}
            )
            with lock:
                (created.append(company) if status == 302 else errors.append(f"add {status}"))

    def doer(person: Person) -> None:
        _, html = person.get("/follow-ups/")
        pks = [int(pk) for pk in re.findall(r"/follow-ups/(\d+)/done/", html)]
        # The page lists the first few hundred; the rest follow in id order.
        pks = list(range(min(pks), min(pks) + FOLLOWUPS_PER_PERSON))
        for pk in pks:
            if time.monotonic() >= deadline:
                break
            status, _ = person.post(f"/follow-ups/{pk}/done/", {"next": "/follow-ups/"})
            with lock:
                (done.append(pk) if status == 302 else errors.append(f"done {status}"))

    def drafter(person: Person) -> None:
        # Autosave as the reflection form does it: the first save makes the
        # draft, each later one sends the words typed so far.
        path = "/journal/reflections/new/?autosave=1"
        words = ""
        n = 0
        while time.monotonic() < deadline:
            n += 1
            words += f" word{n}"
            status, body = person.post(path, {"what_happened": words, "step": "1"})
            with lock:
                if status != 200 or "Draft saved" not in body:
                    errors.append(f"draft {status}")
                    continue
            draft = re.search(r'name="draft" id="draft-id" value="(\d+)"', body)[1]
            path = f"/journal/reflections/drafts/{draft}/?autosave=1"
            with lock:
                drafts.append((int(draft), words))

    people = {
        name: Person(base, name)
        for name in ("adder1", "adder2", "doer1", "doer2", "drafter1", "drafter2")
    }
    for person in people.values():
        person.log_in()
    threads = [
        threading.Thread(target=worker, args=(people[name],))
        for name, worker in (
            ("adder1", adder),
            ("adder2", adder),
            ("doer1", doer),
            ("doer2", doer),
            ("drafter1", drafter),
            ("drafter2", drafter),
        )
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)

    server_log = log.read_text()
    assert errors == [], f"{len(errors)} failed requests, e.g. {errors[:5]}"
    assert "database is locked" not in server_log
    assert len(created) > 20 and len(done) > 20 and len(drafts) > 20
    last_words = dict(drafts)  # the last acknowledged words of each draft
    print(f"\n{len(created)} added, {len(done)} done, {len(drafts)} drafts saved")

    with sqlite3.connect(database) as db:
        stored = {row[0] for row in db.execute("SELECT company FROM tracker_application")}
        finished = {
            row[0]
            for row in db.execute("SELECT id FROM tracker_followup WHERE done_at IS NOT NULL")
        }
    assert set(created) <= stored, "an acknowledged new application is missing"
    assert set(done) <= finished, "an acknowledged 'done' is missing"
    for draft, words in last_words.items():
        (data,) = db_row(database, "SELECT data FROM journal_draft WHERE id = ?", draft)
        assert json.loads(data)["what_happened"] == words, "an acknowledged autosave is missing"


def db_row(database: Path, sql: str, *args) -> tuple:
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchone()
