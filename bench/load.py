"""The load generator's client process (importable, so a spawned process finds it)."""

from __future__ import annotations

import http.client
import time


def hammer(args) -> tuple[int, int]:
    """One client process: GET the page in a loop until the deadline."""
    port, path, cookie, deadline = args
    done = errors = 0
    while time.time() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except OSError:
            errors += 1
        finally:
            connection.close()
    return done, errors
