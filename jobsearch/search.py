"""One rule for every search box: how what was typed becomes words to look for.

Each word narrows the results (every word must match somewhere), so each one is
a condition in the query. SQLite refuses a query deeper than about a thousand
conditions (../shared/FACTS.md), and nobody means a thousand words: we keep the
first few and say so on the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

MAX_CHARACTERS = 200
MAX_WORDS = 10


@dataclass(frozen=True)
class SearchWords:
    words: tuple[str, ...]
    # True when we looked for less than was typed: the page says so.
    trimmed: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def notice(self) -> str:
        if not self.trimmed:
            return ""
        if len(self.words) == 1:
            return (
                f"That was a long search, so we looked for the start of it only: {self.words[0]}."
            )
        return (
            f"That was a long search, so we looked for the first {len(self.words)} words: "
            f"{' '.join(self.words)}."
        )


def search_words(text: str | None) -> SearchWords:
    """The words to look for: split on any space, repeats dropped (ignoring case),
    invisible NUL characters removed (PostgreSQL cannot search for them), at most
    MAX_CHARACTERS of text and MAX_WORDS words."""
    text = (text or "").replace("\x00", "")
    trimmed = len(text) > MAX_CHARACTERS
    if trimmed:
        # Cut at the last space before the limit, so no word is cut in half
        # unless it is one enormous word.
        cut = text[:MAX_CHARACTERS]
        text = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut
    seen: dict[str, str] = {}
    for word in text.split():
        seen.setdefault(word.casefold(), word)
    words = tuple(seen.values())
    if len(words) > MAX_WORDS:
        words, trimmed = words[:MAX_WORDS], True
    return SearchWords(words=words, trimmed=trimmed)


def matching(queryset: QuerySet, text: str | None, fields: Iterable[str]) -> QuerySet:
    """Rows in which every searched word appears in at least one of `fields`
    (case-insensitive, anywhere in the text)."""
    fields = tuple(fields)
    for word in search_words(text).words:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
