"""Which of a reader's shelves (Goodreads) or tags (StoryGraph) are genres.

Readers shelve by genre, but also by what they think of a book (`favorites`), whether they own
it (`owned`, `wishlist`), in what form they read it (`kindle`, `audiobook`, `library`), and when
(`2024`, `read-in-2024`, `books-of-2024`). Those are not genres: a page for "Owned" lists half
the library. `is_genre_shelf` tells them apart by name; `ShelfRule` lets the reader decide
otherwise for a shelf (`--genre-shelf`, `--not-genre-shelf`). Shelf names are compared as
`shelf_key` writes them (no case; spaces and underscores are hyphens).

The status shelves (`read`, `to-read`, `currently-reading`), the book's exclusive shelf and the
did-not-finish shelves say what the reader did with the book: the importers never offer them as
genres at all (see goodreads.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Words for owning, borrowing or the format of a book, which may follow one another and end in
# a word like "books" (`owned-kindle`, `library-books`, `kindle-unlimited`), but never go with
# another word (`library-science` and `audio-drama` are genres).
_HAVING = (
    r"(own|owned|i-own|books-i-own|own-it|my-books|my-library|home-library|bought|purchased"
    r"|borrowed|lent|loaned|gifts?|gifted|free|freebies?|library|from-(the-)?library|libby"
    r"|overdrive|hoopla|scribd|netgalley|edelweiss|arcs?|review-cop(y|ies)"
    r"|kindle|e-?books?|epubs?|pdfs?|nook|kobo|audio|audio-?books?|audible|listened(-to)?"
    r"|physical|print|paperbacks?|hardcovers?|hardbacks?|mass-market)"
)
_HAVING_END = r"(books?|reads?|cop(y|ies)|loans?|unlimited|holds?|editions?|versions?)"
# Shelves that are not genres, as `shelf_key` writes them (whole names: `fantasy-favorites` is
# not one of them, `favorites` is).
_NOT_GENRE = re.compile(
    rf"""
    (all-time-|my-)?(fav|favs|fave|faves|favou?rites?)(-books|-reads|-ever)?
    | {_HAVING}(-{_HAVING})*(-{_HAVING_END})?
    | to-buy | wish-?list | wants? | want-to-buy
    | (to-read|tbr|to-be-read|want-to-read|up-next|next|maybe|someday|on-hold|paused)
      (-(pile|list|shelf|books|soon))?
    | read | reading | currently-reading | re-?reads? | re-?read-?(it|again)? | reread-worthy
    """,
    re.VERBOSE,
)
# A year in the name: `2024`, `read-in-2024`, `2024-reads`, `read-2024`, `books-of-2024`.
_YEAR = re.compile(r"(^|-)(1[89]|20)\d\d(-|$)")
_SEPARATORS = re.compile(r"[\s_]+")
_DASHES = re.compile(r"-{2,}")


def shelf_key(shelf: str) -> str:
    """A shelf's name as shelves are compared: "Read_in 2024" is "read-in-2024"."""
    hyphened = _SEPARATORS.sub("-", shelf.strip().casefold())
    return _DASHES.sub("-", hyphened).strip("-")


def is_genre_shelf(shelf: str) -> bool:
    """Whether a shelf is a genre unless the reader says otherwise: not a status, a verdict,
    ownership, a format or a date."""
    key = shelf_key(shelf)
    return bool(key) and _NOT_GENRE.fullmatch(key) is None and _YEAR.search(key) is None


@dataclass(frozen=True)
class ShelfRule:
    """The default, with the reader's exceptions: shelves made genres anyway (`genres`) and
    shelves kept out of genres (`not_genres`), each as `shelf_key` writes it."""

    genres: frozenset[str] = frozenset()
    not_genres: frozenset[str] = frozenset()

    @classmethod
    def of(cls, genres: Iterable[str] = (), not_genres: Iterable[str] = ()) -> ShelfRule:
        """The rule from the shelf names the reader gave, as written."""
        return cls(
            frozenset(shelf_key(name) for name in genres),
            frozenset(shelf_key(name) for name in not_genres),
        )

    def is_genre(self, shelf: str) -> bool:
        """Whether this shelf becomes a genre."""
        key = shelf_key(shelf)
        if key in self.not_genres:
            return False
        return key in self.genres or is_genre_shelf(key)


DEFAULT_RULE = ShelfRule()


def genre_name(shelf: str) -> str:
    """A shelf's name as a genre: "science-fiction" -> "Science Fiction"."""
    words = shelf.replace("-", " ").replace("_", " ").split()
    return " ".join(word if not word.islower() else word.capitalize() for word in words)


def genres_of(shelves: Iterable[str], rule: ShelfRule = DEFAULT_RULE) -> list[str]:
    """The genres a book's shelves make under `rule`, each once, in shelf order."""
    return list(dict.fromkeys(genre_name(shelf) for shelf in shelves if rule.is_genre(shelf)))
