"""`bookreviews covers`: which reviews lack a cover, where each one's file goes, fetching them.

Nothing here imports MkDocs. The reviews are the library the build reads (`model.read_library`
with the site's `CoverFinder`), so "without a cover" means what the build means: no local
`image:`, no http(s) `image:`, no file found by the `covers:` patterns.

Where a cover goes (`plan`), so that the next build shows it with no step of yours:

1. the first `covers:` pattern that names a file of this review's own (`{folder}/covers/
   {stem}.*`, `/covers/{year}/{slug}.*`; a pattern naming one file for two reviews, like
   `{folder}/cover.*` beside two reviews in one folder, is passed over): the plugin finds the
   file by that pattern, and the review's page is not touched;
2. else, when `image:` may be written (`--write-image`, or a page `bookreviews import --covers`
   has just written), `{folder}/covers/{stem}.jpg`, and `image: covers/{stem}.jpg` added to the
   review's front matter as one line before its closing `---` (the rest of the file, byte for
   byte, as it was);
3. else nowhere: the command says which `covers:` line to add.

A file is written to a hidden temporary file beside it (`.bookreviews-<random>.part`, which
MkDocs does not publish) and renamed into place, never over an existing file, so an interrupted
run leaves a whole cover or none. A review page is edited the same way.

The cache (`.bookreviews-covers.json`, beside mkdocs.yml) records, per book, what Open Library
answered: `found` (with the file and how) or `none`. A book is keyed by its ISBN-13, or else its
title and authors (compared as the matching does), so a review renamed or moved is the same
book. A book in the cache is not asked for again (`--refresh` asks anyway); failures are not
recorded, so the next run tries them again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import posixpath
import secrets
import shutil
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .covers import pattern_path
from .escaping import yaml_mapping
from .fields import IMAGE_SUFFIXES
from .front_matter import split_front_matter
from .importers.values import isbn13
from .model import FieldNames, Review
from .names import title_match_key
from .openlibrary import Client, Failed, Found, Stop, family
from .sources import mend

CACHE_NAME = ".bookreviews-covers.json"
CACHE_VERSION = 1
# Where a cover goes when no `covers:` pattern places it and `image:` may be written.
DEFAULT_PATTERN = "{folder}/covers/{stem}.*"
# The `covers:` line that makes the build find covers where `DEFAULT_PATTERN` puts them.
SUGGESTED_PATTERN = "'{folder}/covers/{stem}.*'"
# What a pattern with a fixed ending may end in: the kinds of image Open Library serves.
_FIXED_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}
_PART_PREFIX = ".bookreviews-"
_PART_SUFFIX = ".part"


@dataclass(frozen=True)
class Wanted:
    """A review without a cover, and where its cover will go."""

    review: Review
    key: str  # the book in the cache
    target: str | None  # src_uri of the file; ends in `.*` when the image's kind decides
    image_line: str | None = None  # the front-matter key to write `image:` under, if any
    why_not: str = ""  # when target is None: why there is no place for it

    @property
    def isbn(self) -> str | None:
        return self.review.isbn


@dataclass(frozen=True)
class Outcome:
    """What happened to one review."""

    src_uri: str
    result: Literal["found", "none", "failed", "known", "unplaced"]
    message: str
    file: str | None = None  # src_uri of the cover written


def book_key(review: Review) -> str:
    """The book in the cache: `isbn:<ISBN-13>`, or `title:<title>|<family names>`."""
    if review.isbn:
        return f"isbn:{isbn13(review.isbn)}"
    people = sorted({family(name) for name in review.creators})
    return f"title:{title_match_key(review.title)[0]}|{','.join(people)}"


def needing_covers(reviews: Iterable[Review]) -> list[Review]:
    """The reviews the build shows a drawn cover for, in file order."""
    return sorted((r for r in reviews if r.cover is None), key=lambda r: r.src_uri)


def plan(
    reviews: Collection[Review],
    wanted: Iterable[Review],
    *,
    patterns: Iterable[str],
    fields: FieldNames,
    image_pages: Collection[str] = (),
    always_image: bool = False,
) -> list[Wanted]:
    """Where each review in `wanted` (of the whole library `reviews`) gets its cover.

    `image_pages` are the pages `image:` may be written into when no pattern places the cover;
    `always_image` writes it into every page (`--write-image`), pattern or not."""
    usable = [p for p in patterns if _usable_pattern(p)]
    # A pattern that names one file for two reviews places neither (`{folder}/cover.*`).
    shared: dict[str, set[str]] = {}
    for pattern in usable:
        targets = Counter(pattern_path(pattern, r.src_uri, r.year) for r in reviews)
        shared[pattern] = {target for target, n in targets.items() if target and n > 1}
    image_key = fields.first("image")
    planned: list[Wanted] = []
    for review in wanted:
        key = book_key(review)
        target: str | None = None
        for pattern in usable:
            path = pattern_path(pattern, review.src_uri, review.year)
            if path is not None and path not in shared[pattern] and _publishable(path):
                target = path
                break
        may_write = always_image or review.src_uri in image_pages
        if may_write and "." in image_key:
            if target is None:
                planned.append(
                    Wanted(
                        review,
                        key,
                        None,
                        why_not=f"image is read from `{image_key}`, a nested key: `image:` is "
                        "written only as a top-level key; add a covers: pattern instead",
                    )
                )
                continue
            may_write = False
        if target is None and may_write:
            target = pattern_path(DEFAULT_PATTERN, review.src_uri, review.year)
        if target is None:
            planned.append(Wanted(review, key, None, why_not="no covers: pattern places it"))
            continue
        planned.append(Wanted(review, key, target, image_line=image_key if may_write else None))
    return planned


def _usable_pattern(pattern: str) -> bool:
    suffix = posixpath.splitext(pattern)[1].lower()
    return pattern.endswith(".*") or suffix in _FIXED_SUFFIXES


def _publishable(path: str) -> bool:
    """Whether MkDocs publishes a file at `path`: no part of it hidden."""
    return not any(part.startswith(".") for part in path.split("/")) and (
        path.endswith(".*") or posixpath.splitext(path)[1].lower() in IMAGE_SUFFIXES
    )


class CoverCache:
    """What Open Library answered for each book, kept in a small JSON file."""

    def __init__(self, path: Path, books: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self.books: dict[str, dict[str, Any]] = books or {}
        self.problem: str | None = None  # why the file on disk was not used

    @classmethod
    def load(cls, path: Path) -> CoverCache:
        """The cache at `path`; an empty one when there is none, or it cannot be read (then
        `problem` says why, and the file is replaced when the run records something)."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as error:
            cache = cls(path)
            cache.problem = f"cannot be read ({error}); it is started again"
            return cache
        books = data.get("books") if isinstance(data, dict) else None
        if not isinstance(books, dict) or data.get("version") != CACHE_VERSION:
            cache = cls(path)
            cache.problem = "is not a covers cache this version writes; it is started again"
            return cache
        return cls(path, {k: v for k, v in books.items() if isinstance(v, dict)})

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.books.get(key)
        return entry if entry and entry.get("result") in ("found", "none") else None

    def record(self, key: str, result: str, **details: Any) -> None:
        """Remember an answer and save the file at once (an interrupted run keeps it)."""
        today = dt.date.today().isoformat()
        self.books[key] = {"result": result, **details, "asked": today}
        self.save()

    def save(self) -> None:
        data = {
            "version": CACHE_VERSION,
            "about": "What Open Library answered for each book's cover (bookreviews covers). "
            "A book listed here is not asked for again; delete its entry, or run with "
            "--refresh, to ask again.",
            "books": dict(sorted(self.books.items())),
        }
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        write_atomically(self.path, text.encode("utf-8"), replace=True)


def write_atomically(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write `data` to a hidden temporary file beside `path`, then rename it to `path`: a
    reader (or an interrupted run) sees the whole file or none. Without `replace`, an existing
    file is left alone (FileExistsError). A replaced file keeps its permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.parent / f"{_PART_PREFIX}{secrets.token_hex(6)}{_PART_SUFFIX}"
    # Created like any new file (its mode from the umask), not 0600 as mkstemp makes them.
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            with contextlib.suppress(FileNotFoundError):
                shutil.copymode(path, part)
            part.replace(path)
        else:
            try:
                os.link(part, path)  # fails if `path` exists: never over a file
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                part.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()


def leftover_parts(folders: Iterable[Path]) -> list[Path]:
    """Temporary files a killed run left in `folders` (never published: they are hidden)."""
    found: list[Path] = []
    for folder in sorted(set(folders)):
        with contextlib.suppress(OSError):
            found += sorted(folder.glob(f"{_PART_PREFIX}*{_PART_SUFFIX}"))
    return found


def with_image(text: str, key: str, value: str) -> str | None:
    """The page `text` (as it is on disk) with `key: value` added as the last line of its
    front matter, everything else byte for byte as it was; None when that cannot be done
    safely (no front matter, `key` already there, or the result would not read back as the
    same front matter plus `key`)."""
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    plain = mend(text.encode("utf-8"))
    before = split_front_matter(plain)
    if before.meta is None or before.error is not None or before.unread is not None:
        return None
    if key in before.meta:
        return None
    line = yaml_mapping({key: value}).rstrip("\n")  # as `import` writes front matter
    # The closing line: the first `---` or `...` line after the opening one.
    lines = text.splitlines(keepends=True)
    closing = next(
        (
            i
            for i, candidate in enumerate(lines[1:], start=1)
            if candidate.rstrip("\r\n").rstrip(" \t") in ("---", "...")
        ),
        None,
    )
    if closing is None:
        return None
    edited = "".join([*lines[:closing], line + newline, *lines[closing:]])
    after = split_front_matter(mend(edited.encode("utf-8")))
    if after.meta != {**before.meta, key: value} or after.duplicates != before.duplicates:
        return None
    return edited


@dataclass
class Run:
    """One run over the planned reviews: the counts so far."""

    counts: Counter[str] = field(default_factory=Counter)
    stopped: str | None = None  # why the run stopped early

    @property
    def failed(self) -> int:
        return self.counts["failed"] + self.counts["unplaced"]


def fetch_covers(
    planned: Iterable[Wanted],
    *,
    docs_dir: Path,
    client: Client,
    cache: CoverCache,
    refresh: bool = False,
    run: Run | None = None,
) -> Iterator[Outcome]:
    """Look up, check and save each planned review's cover; yield what happened to each.
    Raises nothing for one book's failure; a `Stop` from Open Library ends the iteration with
    `run.stopped` set."""
    run = run if run is not None else Run()
    for wanted in planned:
        try:
            outcome = _one(wanted, docs_dir=docs_dir, client=client, cache=cache, refresh=refresh)
        except Stop as stop:
            run.stopped = str(stop)
            return
        run.counts[outcome.result] += 1
        yield outcome


def _one(
    wanted: Wanted, *, docs_dir: Path, client: Client, cache: CoverCache, refresh: bool
) -> Outcome:
    review = wanted.review
    src = review.src_uri
    if wanted.target is None:
        return Outcome(src, "unplaced", f"{src}: no place the build would find its cover: "
                       f"{wanted.why_not}")  # fmt: skip
    entry = None if refresh else cache.get(wanted.key)
    if entry is not None and entry["result"] == "none":
        return Outcome(
            src,
            "known",
            f"{src}: Open Library had no cover on {entry.get('asked', '?')} (cache; --refresh "
            "asks again)",
        )
    if entry is not None:
        copied = _copy_cached(wanted, entry, docs_dir)
        if copied is not None:
            return copied
        file = str(entry.get("file", "?"))
        what = (
            "which the build does not show (is it excluded?)"
            if (docs_dir / file).is_file()
            else "which is gone (cache; --refresh fetches it again)"
        )
        return Outcome(
            src,
            "known",
            f"{src}: its cover was fetched on {entry.get('asked', '?')} into {file}, {what}",
        )
    try:
        found = client.find_cover(isbn=review.isbn, title=review.title, authors=review.creators)
    except Failed as error:
        return Outcome(src, "failed", f"{src}: {error}; not saved, tried again next run")
    if not isinstance(found, Found):
        cache.record(wanted.key, "none", title=review.title, asked_for=found.asked)
        return Outcome(src, "none", f"{src}: Open Library has no cover (asked by {found.asked})")
    return _save(wanted, found, docs_dir=docs_dir, cache=cache)


def _target(wanted: Wanted, suffix: str) -> tuple[str | None, str]:
    """The file for an image with `suffix`, or None and why (a fixed ending of another kind)."""
    target = wanted.target or ""
    if target.endswith(".*"):
        return target[:-2] + suffix, ""
    kind = _FIXED_SUFFIXES.get(posixpath.splitext(target)[1].lower())
    wanted_suffix = {"jpeg": ".jpg"}.get(kind or "", f".{kind}")
    if wanted_suffix != suffix:
        return None, f"the cover is a {suffix} image and the covers: pattern names {target}"
    return target, ""


def _save(wanted: Wanted, found: Found, *, docs_dir: Path, cache: CoverCache) -> Outcome:
    src = wanted.review.src_uri
    target, why = _target(wanted, found.image.suffix)
    if target is None:
        return Outcome(src, "failed", f"{src}: {why}; not saved")
    path = docs_dir / target
    try:
        write_atomically(path, found.image.data)
    except FileExistsError:
        # The same bytes: this command saved it in a run stopped before it wrote `image:`.
        if _bytes(path) != found.image.data:
            return Outcome(src, "failed", f"{src}: {target} is there already; left as it is")
    except OSError as error:
        return Outcome(src, "failed", f"{src}: {target} cannot be written ({error.strerror})")
    note = ""
    if wanted.image_line is not None:
        note = _write_image_line(wanted, target, docs_dir)
    cache.record(
        wanted.key,
        "found",
        title=wanted.review.title,
        file=target,
        via=found.via,
        url=found.url,
        size=[found.image.width, found.image.height],
    )
    size = f"{found.image.width}x{found.image.height}"
    return Outcome(
        src, "found", f"{src}: saved {target} ({size}, by {found.via}){note}", file=target
    )


def _write_image_line(wanted: Wanted, target: str, docs_dir: Path) -> str:
    """Add `image:` for `target` to the review's front matter; what to tell the user."""
    src = wanted.review.src_uri
    key = wanted.image_line or "image"
    value = posixpath.relpath(target, posixpath.dirname(src) or ".")
    page = docs_dir / src
    try:
        raw = page.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return f"; {src} cannot be read as UTF-8: add `{key}: {value}` to it yourself"
    edited = with_image(text, key, value)
    if edited is None:
        return f"; {src} was left as it is: add `{key}: {value}` to its front matter yourself"
    try:
        write_atomically(page, edited.encode("utf-8"), replace=True)
    except OSError as error:
        return f"; {src} cannot be written ({error.strerror}): add `{key}: {value}` yourself"
    return f", and `{key}: {value}` written into it"


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _copy_cached(wanted: Wanted, entry: dict[str, Any], docs_dir: Path) -> Outcome | None:
    """A book fetched before, with no request: this review's own file, saved by a run stopped
    before it wrote `image:`, gets its line; another review of the book a copy of the file."""
    file = entry.get("file")
    if not isinstance(file, str) or not file or ".." in file.split("/"):
        return None
    data = _bytes(docs_dir / file)
    if data is None:
        return None
    suffix = posixpath.splitext(file)[1].lower()
    target, _ = _target(wanted, suffix)
    if target == file and wanted.image_line is not None:
        note = _write_image_line(wanted, target, docs_dir)
        return Outcome(
            wanted.review.src_uri,
            "found",
            f"{wanted.review.src_uri}: {file} was saved before (no request){note}",
            file=file,
        )
    if target is None or target == file:
        return None
    try:
        write_atomically(docs_dir / target, data)
    except OSError:
        return None
    note = _write_image_line(wanted, target, docs_dir) if wanted.image_line else ""
    return Outcome(
        wanted.review.src_uri,
        "found",
        f"{wanted.review.src_uri}: saved {target}, a copy of {file} (the same book; no request)"
        f"{note}",
        file=target,
    )
