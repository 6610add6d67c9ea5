"""Genre identity: which spellings are one genre, slugs, grouping, and the order shown.

Spellings, slugs and their collisions follow `names.py` (shared with authors). A genre's
display name is its most used spelling, ties going to the one that sorts first, so the same
library always gives the same pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .model import Review
from .names import name_key, slugify, unique_slugs

__all__ = ["Genre", "genre_key", "group_by_genre", "slugify"]

# What makes spellings one genre: "Sci-Fi", "sci fi" and "SCI-FI" are "sci-fi".
genre_key = name_key


G = TypeVar("G", bound="ReviewGroup")


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
    genres = group_by_name(reviews, lambda review: review.genres, genre_key, Genre)
    return sorted(genres, key=lambda genre: (genre.name.casefold(), genre.slug))


def group_by_name(
    reviews: Iterable[Review],
    names_of: Callable[[Review], Iterable[str]],
    key_of: Callable[[str], str],
    group: Callable[..., G],
    *,
    shown: Callable[[str], str] = str,
    slug_of: Callable[[str], str] = slugify,
) -> list[G]:
    """The reviews of each name (a genre, an author), in no order: names with one key are one
    group, shown by their most used spelling (ties to the one that sorts first), with a slug
    no other group has."""
    members: dict[str, dict[str, Review]] = {}
    spellings: dict[str, Counter[str]] = {}
    for review in reviews:
        for name in names_of(review):
            key = key_of(name)
            members.setdefault(key, {})[review.src_uri] = review
            spellings.setdefault(key, Counter())[shown(name)] += 1
    slugs = unique_slugs(
        {key: slug_of(key) for key in members}, {key: len(m) for key, m in members.items()}
    )
    return [
        group(
            key=key,
            slug=slugs[key],
            name=min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0],
            reviews=tuple(sorted(by_uri.values(), key=lambda r: r.sort_key)),
        )
        for key, by_uri in members.items()
    ]
