"""Each review field's parser: a front-matter value in, a typed value out, or `Bad`.

Nothing here imports MkDocs. A parser raises `Bad` with what was found (quoted by `shown`, so
never longer than a line) and how to fix it, and with whatever part of the value is still
usable; `lookup` follows the dotted paths of the `fields:` option (`book.title`) into nested
mappings. The value types of the fields (`ReadDate`, `Credit`, `Cover`) live here too.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from typing import Any

from . import language
from .front_matter import LongNumber
from .text import clean_text, number_text, shown

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# What a cover can be: image files browsers show (by their ending, as MkDocs has no types).
IMAGE_SUFFIXES = frozenset(
    ".apng .avif .bmp .gif .ico .jfif .jpeg .jpg .jxl .pjpeg .png .svg .tif .tiff .webp".split()
)
# The longest genre, author or read-date list a review can have: more is an accident (or an
# attack), and each genre is a page in the site.
MAX_LIST_ITEMS = 100
# `2019-11-07`, `2016-09` or `2016` written as text.
_DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# A published year as text: `1965`, `-600`, `600 BCE`, `600 B.C.`, `AD 800`, `800 CE`.
_YEAR_TEXT = re.compile(
    r"^(?:(-)|(A\.?D\.?)\s*)?(\d{1,4})(?:\s*(B\.?C\.?(?:E\.?)?|C\.?E\.?|A\.?D\.?))?$",
    re.IGNORECASE,
)

# The first year a read date can be; the last is next year (see `_plausible`).
READ_YEARS_FROM = 1900
_ISBN = re.compile(r"^(?:\d{9}[\dX]|\d{13})$")
_ISBN_LABEL = re.compile(r"^ISBN(?:-?1[03])?[:\s]*")
_AUTHOR_ROLES = frozenset({"", "author", "writer", "auteur", "autor"})
_TRUE = frozenset({"true", "yes", "y", "on", "1"})
_FALSE = frozenset({"false", "no", "n", "off", "0", ""})


@dataclass(frozen=True)
class ReadDate:
    """One time a book was read: a year, with the month and day when they are known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        """For sorting: a date with no month sorts before the months of its year."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def text(self) -> str:
        """For people, in the site's language: "March 2019", "März 2019", "2019" (the day is
        not shown: a reading takes days)."""
        if self.month:
            return language.active().month_year(self.year, self.month)
        return str(self.year)

    @property
    def iso(self) -> str:
        """`2019-03-07`, `2019-03` or `2019`."""
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)


@dataclass(frozen=True)
class Credit:
    """Someone other than an author who made the book: a translator, an illustrator."""

    name: str
    role: str


@dataclass(frozen=True)
class Cover:
    """Where a review's cover is: a file inside docs_dir (`src_uri`) or an http(s) `url`, with
    its size in pixels when it could be read from the file."""

    src_uri: str | None = None
    url: str | None = None
    width: int | None = None
    height: int | None = None


# Where one field is in the front matter: a key or dotted path (`book.isbn13`), or several, tried
# in order (`fields: {isbn: [book.isbn13, book.isbn10]}`).
Paths = str | tuple[str, ...]


def paths_of(paths: Paths | list[str]) -> tuple[str, ...]:
    """Every path of a field, in the order they are tried."""
    return (paths,) if isinstance(paths, str) else tuple(paths)


class Missing(Exception):
    """A dotted path that meets a missing key (or a missing mapping on the way): no value."""


def lookup(meta: Mapping[str, Any], path: str) -> object:
    """The value at a dotted `path` (`book.title`) of the front matter.

    A key that is itself dotted (`"book.title": x`) is found first. Raises `Missing` when a
    key on the way is absent (or null), `Bad` when a step meets something that is not a
    mapping.
    """
    if path in meta:
        return meta[path]
    parts = path.split(".")
    value: object = meta
    for i, part in enumerate(parts):
        if value is None:
            raise Missing(path)
        if not isinstance(value, Mapping):
            where = ".".join(parts[:i])
            raise Bad(
                f"cannot be read: {where} is {shown(value)}, not a mapping",
                f"write {where} as a mapping of keys, or change `fields:`",
            )
        if part not in value:
            raise Missing(path)
        value = value[part]
    return value


def find(meta: Mapping[str, Any], paths: Paths) -> tuple[str, object]:
    """The first of a field's paths that is there, and its value: the first present wins.

    A path whose value is null or blank is passed over for a later one with a value (and
    returned, with that empty value, when no later one has one). Raises `Missing` when no path
    is there, and `Bad` (with its `path`) at the first path that meets something that is not a
    mapping: that is the one the front matter means, written wrong.
    """
    empty: tuple[str, object] | None = None
    for path in paths_of(paths):
        try:
            value = lookup(meta, path)
        except Missing:
            continue
        except Bad as bad:
            bad.path = path
            raise
        if not is_empty(value):
            return path, value
        empty = empty or (path, value)
    if empty is None:
        raise Missing(paths)
    return empty


def is_empty(value: object) -> bool:
    """Null, or text of nothing but spaces: "no value", as good as a missing key."""
    return value is None or (isinstance(value, str) and not value.strip())


class Bad(Exception):
    """A bad field: what was found, how to fix it, and what of it is still usable."""

    def __init__(self, found: str, fix: str, partial: object = None) -> None:
        super().__init__(found)
        self.found = found
        self.fix = fix
        self.partial = partial
        self.path: str | None = None  # which of a field's paths, when `find` knows


def text(what: str) -> Callable[[object], str]:
    """A parser of one line of text (a number or a date is taken as its text)."""

    def parse(value: object) -> str:
        if isinstance(value, bool):
            raise Bad(
                f"{shown(value)} is not text",
                f"write {what} in quotes: YAML reads yes, no, on and off as true or false",
            )
        if isinstance(value, (int, float)):
            written = number_text(value)
            if written is None:
                raise Bad(f"{shown(value)} is a number too long to be {what}", f"write {what}")
            value = written
        elif isinstance(value, dt.date):
            value = str(value)
        if not isinstance(value, str):
            raise Bad(f"{shown(value)} is not text", f"write {what} as text")
        cleaned = clean_text(value)
        if not cleaned:
            raise Bad("is empty", f"write {what}")
        return cleaned

    return parse


def integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip() if isinstance(value, str) else ""
    # Only short digit strings: int() refuses (raises on) strings of thousands of digits.
    if 0 < len(text) <= 20 and text.isascii() and text.isdigit():
        return int(text)
    return None


def year(value: object) -> int:
    if isinstance(value, dt.date):
        return value.year
    year = integer(value)
    if year is None or not 1 <= year <= 9999:
        raise Bad(f"{shown(value)} is not a year", "use a four-digit year like 2025")
    return year


def published_year(value: object) -> int:
    """The year a book was first published: a negative year, or one written `600 BCE` (or
    `BC`), is before the common era; `1 BCE` is -1 and there is no year 0 (historians' count,
    the Julian calendar's: 1 BCE is followed by 1 CE)."""
    if isinstance(value, dt.date):
        return value.year
    found: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        found = value
    elif isinstance(value, str):
        match = _YEAR_TEXT.match(value.strip())
        if match is not None:
            minus, ad, digits, era = match.groups()
            if not ((minus or ad) and era):  # not "-600 BCE" or "AD 800 CE"
                bce = (era or "").upper().replace(".", "") in ("BC", "BCE")
                found = -int(digits) if minus or bce else int(digits)
    if found == 0:
        raise Bad(
            f"{shown(value)} is not a year: there is no year 0",
            "write -1 (or '1 BCE') for the year before 1 CE, or 1 for the year after",
        )
    if found is None or not -9999 <= found <= 9999:
        raise Bad(
            f"{shown(value)} is not a year",
            "write the year like 1965, or like -600 (or '600 BCE') before the common era",
        )
    return found


def year_text(year: int) -> str:
    """A year for people: 1965, 800, "600 BCE" (in the site's language)."""
    return language.gettext("%(year)s BCE") % {"year": -year} if year < 0 else str(year)


def month(value: object) -> int:
    if isinstance(value, dt.date):
        return value.month
    number = integer(value)
    if number is None and isinstance(value, str):
        # The site's language's names and abbreviations, and English's: "juin", "Feb.".
        number = language.active().month_number(value)
    if number is None or not 1 <= number <= 12:
        raise Bad(
            f"{shown(value)} is not a month", "use a month name like February, Feb, or 1 to 12"
        )
    return number


def score(value: object, scale: int) -> float:
    fix = f"use a number from 0 to {scale}, like 3.25"
    number: float | None = None
    if isinstance(value, LongNumber):  # an integer of thousands of digits
        number = math.inf
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer too big for a float
            number = math.inf
    elif isinstance(value, str):
        number = _number_from_text(value, scale)
    if number is None or math.isnan(number):
        raise Bad(f"{shown(value)} is not a number", fix)
    if not 0 <= number <= scale:
        raise Bad(f"{shown(value)} is outside 0 to {scale}", fix)
    return number + 0.0  # -0.0 becomes 0.0, which shows as "0"


def _number_from_text(text: str, scale: int) -> float | None:
    """ "4.5", "4,5" and "4.5/5" (a fraction is rescaled to the site's scale)."""
    text = text.strip().replace(",", ".")
    numerator, _, denominator = text.partition("/")
    try:
        number = float(numerator)
        if denominator:
            number = number / float(denominator) * scale
    except (ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def cover(value: object, src_uri: str, known_files: Container[str]) -> Cover:
    if not isinstance(value, str) or not value.strip():
        raise Bad(f"{shown(value)} is not a path", "write the cover's path relative to this page")
    path = value.strip()
    if path.lower().startswith(("http://", "https://")):
        return Cover(url=path)
    if _URL_SCHEME.match(path) or path.startswith(("//", "\\")):
        raise Bad(
            f"{shown(value)} is not a file in docs_dir or an http(s) URL",
            "put the cover inside docs_dir and write its path relative to this page",
        )
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if target == ".." or target.startswith("../"):
        raise Bad(f"{shown(value)} points outside docs_dir", "move the cover into docs_dir")
    if posixpath.splitext(target)[1].lower() not in IMAGE_SUFFIXES:
        raise Bad(
            f"{shown(value)} is not an image file",
            "point to the cover's .jpg, .png, .webp, .gif, .avif or .svg file",
        )
    if any(part.startswith(".") for part in target.split("/")):
        raise Bad(
            f"{shown(value)} is a hidden file, which MkDocs does not publish",
            "rename the cover (or its folder) so it does not start with a dot",
        )
    if target not in known_files:
        looked = "docs_dir/" + target
        if not looked.isprintable() or len(looked) > 200:  # a newline or tab stays visible
            looked = shown(looked, 200)
        raise Bad(
            f"{shown(value)} does not exist (looked for {looked})",
            "check the file name, or write the path relative to this page",
        )
    return Cover(src_uri=target)


def genres(value: object) -> tuple[str, ...]:
    items: list[Any]
    if isinstance(value, str):
        count = value.count(",") + 1
        items = list(value.split(",", MAX_LIST_ITEMS))[:MAX_LIST_ITEMS]
    elif isinstance(value, list):
        count = len(value)
        items = value[:MAX_LIST_ITEMS]
    elif value is None:
        return ()
    else:
        count, items = 1, [value]
    names: dict[str, None] = {}  # in order, each once
    bad: list[object] = []
    for item in items:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = number_text(item) or item  # a number too long to be a name stays bad
        if isinstance(item, str):
            name = clean_text(item)
            if name:
                names[name] = None
        else:
            bad.append(item)
    if count > MAX_LIST_ITEMS:
        raise Bad(
            f"has {count:,} names, more than a review can have ({MAX_LIST_ITEMS})",
            f"keep the list short: the first {MAX_LIST_ITEMS} are used",
            partial=tuple(names),
        )
    if bad:
        raise Bad(
            f"has {shown(bad[0])}, which is not a genre name",
            'write genres as a list of names, like ["Sci-Fi", "Fiction"]',
            partial=tuple(names),
        )
    return tuple(names)


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().casefold() in _TRUE | _FALSE:
        return value.strip().casefold() in _TRUE
    raise Bad(f"{shown(value)} is not true or false", "write true or false")


def authors(value: object) -> tuple[tuple[str, ...], tuple[Credit, ...]]:
    """Names, or `{name, role}` mappings: those with no role (or role author) are authors, the
    others are credits ("translated by ..."). A book may have credits only (an anthology's
    editor); a value that gives no name at all is `Bad`."""
    items = value if isinstance(value, list) and value else [value]
    if len(items) > MAX_LIST_ITEMS:
        raise Bad(
            f"has {len(items):,} names, more than a review can have ({MAX_LIST_ITEMS})",
            "list the book's authors only",
        )
    names: list[str] = []
    credits: list[Credit] = []
    first_bad: Bad | None = None
    for item in items:
        try:
            if isinstance(item, Mapping):
                if "name" not in item:
                    raise Bad(f"has {shown(item)}, which has no name", "give each person a `name:`")
                name = text("each name")(item["name"])
                role = item.get("role")
                role_text = "" if is_empty(role) else text("a role")(role).casefold()
                if role_text in _AUTHOR_ROLES:
                    names.append(name)
                else:
                    credits.append(Credit(name, role_text))
            else:
                names.append(text("each author" if len(items) > 1 else "the author's name")(item))
        except Bad as bad:  # one warning, for the first bad name; the good ones are kept
            first_bad = first_bad or bad
    found = (tuple(dict.fromkeys(names)), tuple(dict.fromkeys(credits)))
    if first_bad is not None:
        raise Bad(first_bad.found, first_bad.fix, found)
    return found


def reads(value: object) -> tuple[ReadDate, ...]:
    """When a book was read: one date or a list (re-reads), oldest first, each once."""
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST_ITEMS:
        raise Bad(f"has {len(items):,} dates", f"keep at most {MAX_LIST_ITEMS} read dates")
    found: list[ReadDate] = []
    first_bad: Bad | None = None
    for item in items:
        if is_empty(item):
            continue
        try:
            found.append(read_date(item))
        except Bad as bad:  # one warning, for the first bad date; the good ones are kept
            first_bad = first_bad or bad
    dates = tuple(sorted(dict.fromkeys(found), key=lambda read: read.key))
    if first_bad is not None:
        raise Bad(first_bad.found, first_bad.fix, dates)
    return dates


def read_year(value: object) -> int:
    """The year a book was read (the flat `year` field): a year, and a plausible one."""
    return _plausible(year(value), value)


def _plausible(read_year: int, value: object) -> int:
    """`read_year`, unless it cannot be when someone read a book: before `READ_YEARS_FROM` or
    after next year it is a typo (1 for 2001), and every year from the first read to the last
    is a bar and a row on the stats page."""
    latest = dt.date.today().year + 1
    if not READ_YEARS_FROM <= read_year <= latest:
        raise Bad(
            f"{shown(value)} is not a plausible read date",
            f"write the year you read the book, from {READ_YEARS_FROM} to {latest}",
        )
    return read_year


def read_date(value: object) -> ReadDate:
    """A date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (text or a number), from `READ_YEARS_FROM` to
    next year."""
    fix = "write a date like 2019-11-07, 2019-11 or 2019 (or a list of them, one per read)"
    if isinstance(value, dt.date):
        return ReadDate(_plausible(value.year, value), value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return ReadDate(_plausible(value, value))
    match = _DATE_TEXT.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise Bad(f"{shown(value)} is not a date", fix)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month == 0 or day == 0:  # "2024-00": no month zero (and `or 1` would hide it)
            raise ValueError(value)
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise Bad(f"{shown(value)} is not a date", fix) from None
    return ReadDate(_plausible(year, value), month, day)


# A book's place in its series as text: a number (`2`), a half (`2.5`) or a range of books in
# one volume (`1-3`, with any dash). The first number of a range is at most the last.
_SERIES_PLACE = re.compile(
    r"^(\d{1,4}(?:\.\d{1,3})?)(?:\s*[-\u2010-\u2015]\s*(\d{1,4}(?:\.\d{1,3})?))?$"
)
_SERIES_FIX = "write a number like 2, a half like 2.5 or a range like 1-3"


def series_number(value: object) -> str:
    """A book's place in its series, as written: "2", "2.5", "1-3" (see `series_place`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown_number = number_text(value) if math.isfinite(value) else None
        if shown_number is not None and series_place(shown_number) is not None:
            return shown_number.removesuffix(".0")
    if isinstance(value, str) and series_place(value) is not None:
        return "-".join(part.strip() for part in re.split(r"[-\u2010-\u2015]", value.strip()))
    raise Bad(f"{shown(value)} is not a number in a series", _SERIES_FIX)


def series_place(number: str) -> tuple[float, float] | None:
    """Where a `series_number` stands in its series: (first, last), the same for one book;
    `1-3` is (1, 3). None for text that is not a place (a first number above the last)."""
    match = _SERIES_PLACE.match(number.strip())
    if match is None:
        return None
    first = float(match[1])
    last = float(match[2]) if match[2] else first
    return (first, last) if first <= last else None


def isbn(value: object) -> str:
    """ISBN-10 or ISBN-13, hyphens and spaces dropped (an ISBN-13 written as a number too).

    The fix fits the value: quotes only for an unquoted number that quotes would mend.
    """
    raw = number_text(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(raw, str):
        digits = re.sub(r"[\s-]", "", raw.strip()).upper()
        if _ISBN.match(digits):
            return digits
    raise Bad(f"{shown(value)} is not an ISBN", _isbn_fix(value, raw))


def _isbn_fix(value: object, raw: object) -> str:
    digits_rule = "an ISBN has 10 digits (the last may be X) or 13: check it against the book"
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        octal = f"0{value:o}"  # YAML reads unquoted 0-7 digits after a 0 as an octal number
        if _ISBN.match(octal):
            return f"put it in quotes, '{octal}': unquoted, YAML reads it as an octal number"
        return digits_rule
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        whole = f"{int(value)}"
        if _ISBN.match(whole):
            return f"write it as text, '{whole}', with no decimal point"
        return digits_rule
    if isinstance(raw, str):
        kept = re.sub(r"[^0-9X]", "", _ISBN_LABEL.sub("", raw.strip().upper()))
        if _ISBN.match(kept) and len(raw) <= 40:
            return f"write only the ISBN's digits, '{kept}' (hyphens and spaces are fine)"
        return digits_rule
    return "write the ISBN as text, like '9780441013593'"


def pages(value: object) -> int:
    number = integer(value)
    if number is None or not 1 <= number <= 100_000:
        raise Bad(f"{shown(value)} is not a number of pages", "write a whole number like 320")
    return number


# A book's reading status: read (a review), being read, wanted, or not finished.
READ = "read"
READING = "reading"
WANTED = "want to read"
DID_NOT_FINISH = "did not finish"
STATUSES = (READ, READING, WANTED, DID_NOT_FINISH)
# How people and trackers write each status, as `status_key` folds them ("currently-reading",
# "to_read", "TBR", "DNF").
_STATUS_SPELLINGS = {
    READ: ("read", "finished", "done", "have read"),
    READING: ("reading", "currently reading", "reading now", "now reading", "in progress"),
    WANTED: ("want to read", "want", "wanted", "to read", "tbr", "to be read", "up next"),
    DID_NOT_FINISH: (
        "did not finish",
        "didnt finish",
        "dnf",
        "not finished",
        "unfinished",
        "abandoned",
        "gave up",
    ),
}
_STATUS_BY_KEY = {
    spelling: status for status, spellings in _STATUS_SPELLINGS.items() for spelling in spellings
}
_STATUS_PUNCTUATION = re.compile(r"[-_\s]+")


def status_key(value: str) -> str:
    """A status as spellings are compared: "Currently-Reading" is "currently reading"."""
    folded = value.strip().casefold().replace("'", "").replace("\u2019", "")
    return _STATUS_PUNCTUATION.sub(" ", folded).strip()


def status(value: object) -> str:
    """A reading status (`READ`, `READING`, `WANTED`, `DID_NOT_FINISH`) from any of its usual
    spellings ("currently-reading", "to-read", "TBR", "dnf")."""
    found = _STATUS_BY_KEY.get(status_key(value)) if isinstance(value, str) else None
    if found is None:
        raise Bad(
            f"{shown(value)} is not a reading status",
            'write read, reading, "want to read" or "did not finish"',
        )
    return found


def is_status(value: object) -> bool:
    """Whether `value` is a reading status in one of its spellings."""
    return isinstance(value, str) and status_key(value) in _STATUS_BY_KEY
