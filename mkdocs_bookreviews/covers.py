"""Covers by convention, and each local cover's size in pixels.

Nothing here imports MkDocs. Collections often keep covers beside the review (`cover.jpg` next
to `index.md`) or in a tree of their own (`covers/2019/dune.jpg` for
`_posts/2019/2019-11-07-dune.md`) instead of naming them in the front matter. The `covers`
option lists such patterns; `CoverFinder` tries them in order for every review that names no
local cover. The size of a local cover is read from its file's header (the `imagesize`
library reads a few bytes, never the whole image), so the page can reserve the cover's space
at its own aspect ratio: no cropping, no layout shift. A cover at an http(s) URL is checked
here too (`remote`): it needs a host, and control or invisible characters are a warning.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from string import Formatter
from urllib.parse import urlsplit

import imagesize

from .fields import IMAGE_SUFFIXES, Bad, Cover
from .text import shown

PLACEHOLDERS = frozenset({"folder", "stem", "slug", "year"})
_DATE_PREFIX = re.compile(r"^(\d{4})-\d{1,2}-\d{1,2}-")
# Largest side of a size worth believing (a header claiming more is broken or hostile).
_LARGEST = 100_000


def remote(cover: Cover, value: object) -> Cover:
    """`cover` (as written in the front matter: `value`) with its http(s) URL checked: a URL
    needs a host, and a control character (NUL, ESC), a bidi control (U+202E) or another
    invisible one is a warning, as it would reach `<img src>`, `og:image` and the JSON-LD.
    Spaces, which people paste and browsers encode, are percent-encoded."""
    url = cover.url
    if url is None:
        return cover
    fix = "write the cover's full address, like https://covers.example.org/dune.jpg"
    if any(not ch.isprintable() for ch in url if ch != " "):
        raise Bad(f"{shown(value)} has an invisible or control character", fix)
    url = url.replace(" ", "%20")
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[::1": a broken IPv6 address
        host = None
    if not host:
        raise Bad(f"{shown(value)} has no host", fix)
    return replace(cover, url=url)


def check_pattern(pattern: str) -> str | None:
    """Why `pattern` is not a usable cover pattern, or None when it is."""
    try:
        parts = [part for part in Formatter().parse(pattern) if part[1] is not None]
    except ValueError as error:
        return str(error)
    for _, name, spec, conversion in parts:
        if name not in PLACEHOLDERS or spec or conversion:
            return (
                f"{{{name}}} is not a placeholder (use {{folder}}, {{stem}}, {{slug}} or "
                "{year}, with nothing after the name)"
            )
    return None


class CoverFinder:
    """Finds a review's cover by the `covers` patterns, and reads local covers' sizes.

    `images` maps the src_uri of every published image file to its path on disk (None for a
    file another plugin generates: its size is not read).
    """

    def __init__(self, patterns: Sequence[str], images: Mapping[str, str | None]) -> None:
        self.patterns = list(patterns)
        self.images = images
        # "covers/2019/dune" -> "covers/2019/dune.jpg": a pattern ending in `.*` takes any image.
        self._by_stem: dict[str, str] = {}
        for src_uri in sorted(images):
            stem, suffix = posixpath.splitext(src_uri)
            if suffix.lower() in IMAGE_SUFFIXES:
                self._by_stem.setdefault(stem, src_uri)
        self._sizes: dict[str, tuple[int, int] | None] = {}

    def choose(self, src_uri: str, written: Cover | None, year: int | None) -> Cover | None:
        """The review's cover: a local file it names, else the first file a pattern finds, else
        the http(s) URL it names (or None)."""
        if written is not None and written.src_uri is not None:
            return self.sized(written.src_uri)
        found = self.find(src_uri, year)
        return self.sized(found) if found is not None else written

    def find(self, src_uri: str, year: int | None) -> str | None:
        """The first image file the patterns name for the review at `src_uri`."""
        for pattern in self.patterns:
            path = pattern_path(pattern, src_uri, year)
            if path is None:
                continue
            if path.endswith(".*"):
                match = self._by_stem.get(path[:-2])
            else:
                match = path if path in self.images else None
            if match is not None:
                return match
        return None

    def sized(self, src_uri: str) -> Cover:
        """A local cover with its width and height when its header tells them."""
        if src_uri not in self._sizes:
            self._sizes[src_uri] = _size(self.images.get(src_uri))
        size = self._sizes[src_uri]
        cover = Cover(src_uri=src_uri)
        return replace(cover, width=size[0], height=size[1]) if size else cover


def pattern_path(pattern: str, src_uri: str, year: int | None) -> str | None:
    """The docs_dir path a `covers` pattern names for the review at `src_uri` (ending in `.*`
    when the pattern takes any image), or None when it climbs out of docs_dir."""
    folder = posixpath.dirname(src_uri)
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    dated = _DATE_PREFIX.match(stem)
    values = {
        "folder": folder,
        "stem": stem,
        "slug": stem[dated.end() :] if dated else stem,
        "year": dated.group(1) if dated else (str(year) if year else ""),
    }
    path = pattern.format(**values)
    if pattern.startswith("/"):
        path = path.lstrip("/")
    elif not pattern.startswith("{folder}"):
        path = posixpath.join(folder, path)
    path = posixpath.normpath(path)
    return None if path == ".." or path.startswith("../") else path


def _size(path: str | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError, ArithmeticError):  # unreadable or broken headers
        return None
    if not (0 < width <= _LARGEST and 0 < height <= _LARGEST):
        return None
    return round(width), round(height)
