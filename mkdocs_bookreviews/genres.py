"""Genre identity: which spellings are one genre, slugs, grouping, and the order shown.

Two spellings are one genre when they differ only in case, white space or the kind of hyphen
("Sci-Fi", "sci fi", "Sci\u2011Fi" with a non-ASCII hyphen); any other difference makes another
genre ("C", "C++" and "C#"; "R&B" and "R-B"), with a page of its own. A slug is the name in
lowercase ASCII with symbols spelled out ("c-plus-plus"); when two genres still share one, the
one already written that way (or else the most used) keeps it and the other gets a short
stable hash. A genre's display name is its most used spelling, ties going to the one that sorts
first, so the same library always gives the same pages.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Review

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DASHES = re.compile(r"-+")
# Symbols that tell genres apart ("C++", "C#", "R&B"), spelled out in slugs.
_SPELLED = str.maketrans({"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "})
# Slugs that would land a genre page on top of another generated page.
_RESERVED = frozenset({"index"})
_LONGEST = 64


@dataclass(frozen=True)
class Genre:
    """One genre page: its identity key, slug, display name and reviews, newest read first."""

    key: str
    slug: str
    name: str
    reviews: tuple[Review, ...]


@functools.lru_cache(maxsize=4096)
def genre_key(name: str) -> str:
    """What makes spellings one genre: "Sci-Fi", "sci fi" and "SCI\u2011FI" are "sci-fi"; every
    other character counts ("c++" is not "c")."""
    text = unicodedata.normalize("NFC", name).casefold()
    dashed = "".join(
        "-" if ch.isspace() or ch == "_" or unicodedata.category(ch) == "Pd" else ch for ch in text
    )
    return _DASHES.sub("-", dashed).strip("-")


@functools.lru_cache(maxsize=4096)
def slugify(name: str) -> str:
    """Lowercase hyphenated ASCII: "Sci-Fi" -> "sci-fi", "Ciência" -> "ciencia", "C++" ->
    "c-plus-plus".

    A name with no ASCII letters or digits ("日本文学") gets a short stable hash instead,
    and a very long one is cut to 64 characters ending in such a hash, so every genre has a
    valid page. Two names can still share a slug ("Ciência", "Ciencia"): `group_by_genre`
    tells them apart.
    """
    spelled = name.translate(_SPELLED)
    dashed = "".join("-" if unicodedata.category(ch) == "Pd" else ch for ch in spelled)
    ascii_name = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")
    if not slug:
        slug = "genre-" + _digest(name)
    elif len(slug) > _LONGEST:
        # File names have limits (255 bytes on most systems); the hash keeps long ones apart.
        slug = slug[: _LONGEST - 9].rstrip("-") + "-" + _digest(name)
    if slug in _RESERVED:
        slug += "-" + _digest(slug)  # one page for every spelling, apart from any real name
    return slug


def _digest(name: str) -> str:
    return hashlib.sha1(name.casefold().encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def group_by_genre(reviews: Iterable[Review]) -> list[Genre]:
    """Every genre of `reviews`, sorted by name, each with its reviews newest first."""
    members: dict[str, dict[str, Review]] = {}
    spellings: dict[str, Counter[str]] = {}
    for review in reviews:
        for name in review.genres:
            key = genre_key(name)
            members.setdefault(key, {})[review.src_uri] = review
            spellings.setdefault(key, Counter())[name] += 1
    slugs = _unique_slugs({key: slugify(key) for key in members}, members)
    genres = [
        Genre(
            key=key,
            slug=slugs[key],
            name=min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0],
            reviews=tuple(sorted(by_uri.values(), key=lambda r: r.sort_key)),
        )
        for key, by_uri in members.items()
    ]
    return sorted(genres, key=lambda genre: (genre.name.casefold(), genre.slug))


def _unique_slugs(slugs: dict[str, str], members: dict[str, dict[str, Review]]) -> dict[str, str]:
    """One slug per genre key: where keys share a slug, the key written exactly as the slug
    (else the most used, else the first in order) keeps it and the others get a hash."""
    by_slug: dict[str, list[str]] = {}
    for key, slug in slugs.items():
        by_slug.setdefault(slug, []).append(key)
    unique = dict(slugs)
    for slug, keys in by_slug.items():
        if len(keys) == 1:
            continue
        keys.sort(key=lambda key: (key != slug, -len(members[key]), key))
        for key in keys[1:]:
            unique[key] = slug[: _LONGEST - 9].rstrip("-") + "-" + _digest(key)
    return unique
