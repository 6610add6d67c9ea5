"""Genre identity: which spellings are one genre, slugs, grouping, and the order shown.

Spellings, slugs and their collisions follow `names.py` (shared with authors). A genre's
display name is its most used spelling, ties going to the one that sorts first, so the same
library always gives the same pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Review
from .names import name_key, slugify, unique_slugs

__all__ = ["Genre", "genre_key", "group_by_genre", "slugify"]

# What makes spellings one genre: "Sci-Fi", "sci fi" and "SCI-FI" are "sci-fi".
genre_key = name_key


@dataclass(frozen=True)
class ReviewGroup:
    """Reviews that share a name (a genre, an author): the name's identity key, its slug, the
    name as shown, and the reviews, newest read first."""

    key: str
    slug: str
    name: str
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Genre(ReviewGroup):
    """One genre page."""


def group_by_genre(reviews: Iterable[Review]) -> list[Genre]:
    """Every genre of `reviews`, sorted by name, each with its reviews newest first."""
    members: dict[str, dict[str, Review]] = {}
    spellings: dict[str, Counter[str]] = {}
    for review in reviews:
        for name in review.genres:
            key = genre_key(name)
            members.setdefault(key, {})[review.src_uri] = review
            spellings.setdefault(key, Counter())[name] += 1
    slugs = unique_slugs(
        {key: slugify(key) for key in members}, {key: len(m) for key, m in members.items()}
    )
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
