"""Helpers for reading rendered pages the way a test needs to."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Tags whose attribute makes the browser fetch something when the page loads.
_LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = _LOADING.get(tag)
        for name, value in attrs:
            if value and (
                name == wanted or name == "srcset" or (tag == "form" and name == "action")
            ):
                self.urls.append(value)


def foreign_loads(html: str) -> list[str]:
    """Every URL the page would load (or post to) that is not on this site."""
    parser = _Loads()
    parser.feed(html)
    return [url for url in parser.urls if urlsplit(url).netloc or url.startswith("//")]


def text(html: str) -> str:
    """The page's visible words, whitespace folded: what a person reads."""
    without_scripts = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    without_tags = re.sub(r"<[^>]+>", " ", without_scripts)
    return re.sub(r"\s+", " ", without_tags).strip()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "action", "formaction", "hx-get", "hx-post"} and value:
                self.urls.append(value)


def unsafe_links(html: str) -> list[str]:
    """Links in real tags (not in escaped text) that would run script or load raw data."""
    parser = _Links()
    parser.feed(html)
    schemes = ("javascript:", "data:", "vbscript:")
    return [url for url in parser.urls if url.strip().lower().startswith(schemes)]


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "link" and values.get("href"):
            self.urls.append(values["href"])


def assets(html: str) -> list[str]:
    """The scripts, stylesheets and icons a page loads."""
    parser = _Assets()
    parser.feed(html)
    return parser.urls
