"""Cells into our values: dates in any of the styles people write them, their status
words into ours, salaries, work modes, employment types and sources."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from tracker.models import EmploymentType, Source, Status, WorkMode

# What trackers and people write for "nothing here".
EMPTY = frozenset({"", "-", "--", "—", "–", "n/a", "na", "none", "null", "nil", "(none)", "?"})


def blank(value: str) -> bool:
    return value.strip().casefold() in EMPTY


# --- dates ----------------------------------------------------------------------------

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?"
_TAIL = _TIME + r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?\s*$"

ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[t\s].*)?$")
ISO_SLASH = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})" + _TAIL)
NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{2}|\d{4})" + _TAIL)
DAY_MONTH_NAME = re.compile(
    r"^"
    + _WEEKDAY
    + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/]+"
    + _MONTH
    + r"[\s,\-/]+(?P<y>\d{4}|\d{2})"
    + _TAIL
)
MONTH_NAME_DAY = re.compile(
    r"^" + _WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TAIL
)


class DateProblem(ValueError):
    pass


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # "10/14/26" is 2026; a two-digit year more than a year ahead is last century.
        this_year = timezone.localdate().year
        year += 2000 if 2000 + year <= this_year + 1 else 1900
    return year


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(f"“{text}” is not a real date.") from None


def numeric_order_evidence(value: str) -> str:
    """What one value says about the file's date order: "dmy", "mdy", "both" (e.g. 5/6/26,
    which fits either) or "" (not a numeric day-and-month date, or impossible either way)."""
    match = NUMERIC.match(value.strip().casefold())
    if not match:
        return ""
    a, b = int(match["a"]), int(match["b"])
    if a > 12 and 1 <= b <= 12:
        return DAY_FIRST
    if b > 12 and 1 <= a <= 12:
        return MONTH_FIRST
    if 1 <= a <= 12 and 1 <= b <= 12:
        return "both" if a != b else ""
    return ""


def decide_order(values: Iterable[str]) -> tuple[str, bool]:
    """The file's date order from its values: (order, settled). A 15 in the first place
    settles day-first; in the second, month-first. If nothing settles it but some value
    could be read either way, the order is "" and the person is asked."""
    day_first = month_first = ambiguous = False
    for value in values:
        evidence = numeric_order_evidence(value)
        day_first |= evidence == DAY_FIRST
        month_first |= evidence == MONTH_FIRST
        ambiguous |= evidence == "both"
    if day_first and not month_first:
        return DAY_FIRST, True
    if month_first and not day_first:
        return MONTH_FIRST, True
    if day_first and month_first:
        return "", False  # the file mixes both: each row's date is checked on its own
    return "", not ambiguous


def parse_date(value: str, order: str = "") -> dt.date | None:
    """A cell as a date, or None when it is empty ("N/A", "-" too). Raises DateProblem
    with a plain reason otherwise. `order` settles 03/04/2026 ("dmy" or "mdy")."""
    text = value.strip().casefold()
    if text in EMPTY:
        return None
    if match := ISO.match(text):
        if "t" in text or ":" in text:
            moment = _aware(value.strip())
            if moment is not None:
                return moment
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), value)
    if match := ISO_SLASH.match(text):
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), value)
    if match := NUMERIC.match(text):
        a, b, year = int(match["a"]), int(match["b"]), _year(match["y"])
        if a > 12 or (order == DAY_FIRST and b <= 12):
            return _make(year, b, a, value)
        if b > 12 or order == MONTH_FIRST:
            return _make(year, a, b, value)
        if a == b:
            return _make(year, a, b, value)
        raise DateProblem(
            f"“{value.strip()}” could be {a} {_month_name(b)} or {b} {_month_name(a)}; "
            "tell us which way round the file writes dates."
        )
    for pattern in (DAY_MONTH_NAME, MONTH_NAME_DAY):
        if match := pattern.match(text):
            return _make(_year(match["y"]), MONTHS[match["month_name"]], int(match["d"]), value)
    raise DateProblem(f"“{short(value)}” is not a date we can read, like 2026-03-21.")


def _aware(text: str) -> dt.date | None:
    """An ISO date and time with a zone ("2026-10-14T09:12:00.000Z") as the person's own
    day; without a zone, the day it says."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return timezone.localtime(moment).date()


def _month_name(number: int) -> str:
    return dt.date(2000, number, 1).strftime("%B") if 1 <= number <= 12 else str(number)


def short(value: str, limit: int = 40) -> str:
    """A cell quoted back in a message: the start of it, if it is long."""
    value = value.strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- statuses -----------------------------------------------------------------------------

# Their words (normalised: lower case, letters and digits only) -> our status.
STATUS_WORDS: dict[str, str] = {}
for _status, _words in {
    Status.SAVED: (
        "saved",
        "wishlist",
        "wish list",
        "bookmarked",
        "bookmark",
        "draft",
        "interested",
        "to apply",
        "want to apply",
        "not applied",
        "not yet applied",
        "planned",
        "planning",
        "idea",
        "lead",
        "prospect",
        "backlog",
        "saved for later",
        "considering",
        "researching",
        "new",
        "todo",
        "to do",
        "open",
    ),
    Status.APPLIED: (
        "applied",
        "application sent",
        "sent",
        "submitted",
        "application submitted",
        "in review",
        "under review",
        "pending",
        "waiting",
        "awaiting response",
        "applying",
        "in progress",
        "active",
    ),
    Status.SCREENING: (
        "screening",
        "screen",
        "phone screen",
        "phone screening",
        "recruiter screen",
        "recruiter call",
        "hr screen",
        "hr call",
        "phone call",
        "phone interview",
        "initial call",
        "intro call",
        "assessment",
        "take home",
        "take-home",
        "test",
        "coding test",
        "online assessment",
        "oa",
    ),
    Status.INTERVIEWING: (
        "interviewing",
        "interview",
        "interviews",
        "onsite",
        "on site",
        "on-site",
        "technical interview",
        "final interview",
        "final round",
        "second interview",
        "first interview",
        "panel",
        "interview scheduled",
        "entretien",
        "vorstellungsgesprach",
        "entrevista",
        "interviewed",
    ),
    Status.OFFER: ("offer", "offered", "offer received", "negotiating", "negotiation"),
    Status.ACCEPTED: ("accepted", "offer accepted", "hired", "signed", "got the job", "won"),
    Status.DECLINED: (
        "declined",
        "offer declined",
        "declined by me",
        "turned down",
        "i declined",
        "not interested",
        "no longer interested",
    ),
    Status.REJECTED: (
        "rejected",
        "rejection",
        "declined by them",
        "not selected",
        "unsuccessful",
        "turned down by them",
        "no",
        "lost",
        "closed - rejected",
        "rejected by employer",
        "refused",
        "refuse",
        "absage",
        "abgelehnt",
        "rechazado",
        "rechazada",
    ),
    Status.WITHDRAWN: ("withdrawn", "withdrew", "withdrawn by me", "pulled out", "cancelled"),
    Status.NO_RESPONSE: (
        "ghosted",
        "no response",
        "no reply",
        "no answer",
        "expired",
        "no news",
        "never heard back",
        "silence",
        "job closed",
        "closed",
        "position closed",
    ),
    Status.ARCHIVED: ("archived", "archive", "inactive", "old", "done"),
}.items():
    for _word in _words:
        STATUS_WORDS[re.sub(r"[^0-9a-z]", "", _word)] = _status
for _status in Status:
    STATUS_WORDS[re.sub(r"[^0-9a-z]", "", _status.value)] = _status
    STATUS_WORDS[re.sub(r"[^0-9a-z]", "", str(_status.label).casefold())] = _status


def fold(text: str) -> str:
    """Letters and digits only, lower case, accents off: "Refusé", "refuse" and
    "REFUSE " are one word, "Company Name" and "company_name" one name."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", text.casefold()))


def status_key(word: str) -> str:
    return fold(word)


def guess_status(word: str) -> str:
    """Our status for their word, or "" when we cannot tell."""
    return STATUS_WORDS.get(status_key(word), "")


# --- choices and numbers ----------------------------------------------------------------


def _choice(value: str, table: dict[str, str]) -> str | None:
    """Our choice for their word, "" for blank, None when it means nothing to us."""
    if blank(value):
        return ""
    key = status_key(value)
    for words, choice in table.items():
        if key in words.split("|"):
            return choice
    return None


WORK_MODES = {
    "remote|fullyremote|wfh|workfromhome|anywhere|remoteonly|yes|true": WorkMode.REMOTE,
    "hybrid|partlyremote|partiallyremote|flexible|remotehybrid": WorkMode.HYBRID,
    "onsite|inoffice|office|inperson|onpremises|no|false|onsiteonly": WorkMode.ONSITE,
}
EMPLOYMENT_TYPES = {
    "fulltime|ft|permanent|perm|fulltimepermanent|permanentfulltime": EmploymentType.FULL_TIME,
    "parttime|pt": EmploymentType.PART_TIME,
    "contract|contractor|freelance|temporary|temp|fixedterm|consulting|contracttohire": (
        EmploymentType.CONTRACT
    ),
    "internship|intern|placement|apprenticeship|traineeship|trainee": EmploymentType.INTERNSHIP,
    "other|volunteer|seasonal": EmploymentType.OTHER,
}
SOURCES = {
    "linkedin|linkedinjobs|linkedineasyapply|easyapply": Source.LINKEDIN,
    "companysite|companywebsite|website|careerspage|careerssite|careers|companycareers|direct": (
        Source.COMPANY_SITE
    ),
    "jobboard|indeed|glassdoor|monster|ziprecruiter|seek|reed|totaljobs|stepstone|welcometothejungle"
    "|otta|wellfound|angellist|dice|builtin|hackernews|hn|remoteok|weworkremotely|jobsite": (
        Source.JOB_BOARD
    ),
    "referral|referred|referredby|friend|employeereferral": Source.REFERRAL,
    "recruiter|agency|recruitmentagency|headhunter|recruitingagency": Source.RECRUITER,
    "networking|network|event|meetup|conference|careerfair|jobfair": Source.NETWORKING,
    "other": Source.OTHER,
}


def work_mode(value: str) -> str | None:
    return _choice(value, WORK_MODES)


def employment_type(value: str) -> str | None:
    return _choice(value, EMPLOYMENT_TYPES)


def source(value: str) -> str:
    """Their source; one we don't know is "other" (its words go to the notes)."""
    found = _choice(value, SOURCES)
    return Source.OTHER if found is None else found


_AMOUNT = re.compile(r"(\d[\d,. ']*)\s*([km])?", re.IGNORECASE)
MAX_AMOUNT = 10**12
CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_NEGATIVE = re.compile(r"^(?:[A-Z]{3}|[^\w\s-])?\s*[-−]\s*\d")


def amount(number: str) -> Decimal:
    """One amount as written, in any country's style: "50.000" and "50,000" are fifty
    thousand (a "." or "," before exactly three digits groups thousands), "50,5" and
    "50.5" fifty and a half (a single "." or "," before one or two digits is the decimal
    point), "1.234,56" and "1,234.56" alike. Anything else could be read two ways, and
    raises ValueError rather than guess."""
    digits = re.sub(r"[' ]", "", number).rstrip(".,")
    separators = [(i, c) for i, c in enumerate(digits) if c in ",."]
    decimal = ""
    if separators:
        last_at, last = separators[-1]
        after = len(digits) - last_at - 1
        if after in (1, 2) and (len(separators) == 1 or separators[-2][1] != last):
            decimal = digits[last_at + 1 :]
            digits, separators = digits[:last_at], separators[:-1]
        groups = re.split(r"[,.]", digits)
        if len({c for _, c in separators}) > 1 or any(len(g) != 3 for g in groups[1:]):
            raise ValueError(f"“{short(number)}” could be read more than one way.")
        if not groups[0]:
            raise ValueError(f"“{short(number)}” has no amount we can read, like 55000.")
        digits = "".join(groups)
    return Decimal(f"{digits}.{decimal or 0}")


def salary(value: str) -> tuple[int | None, int | None, str]:
    """("£50k–60k") -> (50000, 60000, "GBP"); ("50.000 €") -> (50000, None, "EUR").

    Whole units, rounded to the nearest ("1.234,56" is 1235). Raises ValueError when
    it holds no amount, a negative one, or one that could be read two ways."""
    if blank(value):
        return None, None, ""
    text = value.strip()
    currency = next((code for sign, code in CURRENCY_SIGNS.items() if sign in text), "")
    code = re.search(r"\b([A-Z]{3})\b", text)
    if code and not currency:
        currency = code.group(1)
    if _NEGATIVE.match(text):
        raise ValueError(f"“{short(value)}” is below zero, which no salary is.")
    amounts = []
    for number, suffix in _AMOUNT.findall(text):
        if len(number) > 40:  # also keeps a cell of 400 nines from costing anything
            raise ValueError(f"“{short(value)}” is more than any salary we can keep.")
        figure = amount(number) * {"k": 1_000, "m": 1_000_000}.get(suffix.casefold(), 1)
        if figure > MAX_AMOUNT:
            raise ValueError(f"“{short(value)}” is more than any salary we can keep.")
        amounts.append(int(figure.to_integral_value(rounding=ROUND_HALF_UP)))
    if not amounts:
        raise ValueError(f"“{short(value)}” has no amount we can read, like 55000.")
    low = amounts[0]
    high = amounts[1] if len(amounts) > 1 else None
    if high is not None and 0 < low < 1000 <= high and low * 1000 <= high:
        low *= 1000  # "50-60k": the k belongs to both
    return low, high, currency
