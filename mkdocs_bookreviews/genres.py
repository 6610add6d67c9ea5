"""Genre identity: slugs, grouping reviews by genre, and the order genres are shown in.

Two spellings are one genre when they slug alike ("Sci-Fi", "sci fi", "Sci\u2011Fi" with a
non-ASCII hyphen). A genre's display name is its most used spelling, ties going to the one
that sorts first, so the same library always gives the same pages.
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
# Slugs that would land a genre page on top of another generated page.
_RESERVED = frozenset({"index"})
_LONGEST = 64


@dataclass(frozen=True)
class Genre:
    """One genre page: its slug, display name and reviews, newest read first."""

    slug: str
    name: str
    reviews: tuple[Review, ...]


@functools.lru_cache(maxsize=4096)
def slugify(name: str) -> str:
    """Lowercase hyphenated ASCII: "Sci-Fi" -> "sci-fi", "Ciência" -> "ciencia".

    A name with no ASCII letters or digits ("日本文学") gets a short stable hash instead,
    and a very long one is cut to 64 characters ending in such a hash, so every genre has a
    valid, distinct page.
    """
    dashed = "".join("-" if unicodedata.category(ch) == "Pd" else ch for ch in name)
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
            slug = slugify(name)
            members.setdefault(slug, {})[review.src_uri] = review
            spellings.setdefault(slug, Counter())[name] += 1
    genres = [
        Genre(
            slug=slug,
            name=min(spellings[slug].items(), key=lambda item: (-item[1], item[0]))[0],
            reviews=tuple(sorted(by_uri.values(), key=lambda r: r.sort_key)),
        )
        for slug, by_uri in members.items()
    ]
    return sorted(genres, key=lambda genre: (genre.name.casefold(), genre.slug))
