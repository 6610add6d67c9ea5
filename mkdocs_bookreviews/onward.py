"""Onward links at the end of a review: more by its author, more in its genre, and the books
read just before and after it.

All of it is worked out once per build (`plan`), from the library as it is grouped for the
views (`views.Grouped`): each review's neighbours in its author's and genre's reading order and
in the library's, so the cost is linear in the number of reviews (each review looks at a
handful of neighbours, never at the whole library). Choices, the same in every build:

- **Author**: the review's first author (or, without one, first credited person) with another
  book in the library; the covers are that person's other books read nearest in time to this
  one (ties to the later read), shown in reading order, newest first.
- **Genre**: the review's first genre, as it lists them, that has a book to show once the book
  itself and those already shown under the author are left out; picked as for the author.
- **Previous and next read**: by the library's reading order (`Review.sort_key`: a re-read
  book is placed by its last reading, as on the shelf and in listings). Undated reviews have
  neither and are nobody's neighbour.

`render` turns one review's `Onward` into HTML through `onward.html.j2`; links go to pages
that exist (`render.Links`): an author's or genre's page is linked only when its kind is on
and the page is there. `signature` is what `--dirty` compares from one build to the next.
Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .groups import ReviewGroup
from .model import Review
from .names import genre_key, person_key
from .render import Links, Renderer, relative_url
from .views import Grouped

# Covers shown in each of the author's and the genre's rows, by default (`onward_covers`).
COVERS = 4


@dataclass(frozen=True)
class Row:
    """A row of covers: the group (an author or a genre, by its kind) and the reviews shown."""

    kind: str  # "authors" or "genres": the kind whose page the row links to
    key: str
    name: str
    count: int  # the group's books, this one included
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Onward:
    """What the end of one review links onward to."""

    author: Row | None = None
    genre: Row | None = None
    previous: Review | None = None  # read just before
    next: Review | None = None  # read just after

    def __bool__(self) -> bool:
        return any((self.author, self.genre, self.previous, self.next))


def nearest(
    members: Sequence[Review], at: int, limit: int, leave_out: set[str], dated: int | None = None
) -> tuple[Review, ...]:
    """Up to `limit` of `members` (in reading order, newest first, the undated after the first
    `dated`) nearest in time to the one at `at`, ties to the later read, skipping `leave_out`
    (by src_uri); in `members`' order. Undated members are nearest to none: they come only
    when the dated run out; an undated review's nearest are the newest reads. Looks at no more
    members than it takes: at most `limit` plus those left out."""
    dated = len(members) if dated is None else dated
    found: list[int] = []

    def take(index: int) -> None:
        if len(found) < limit and members[index].src_uri not in leave_out:
            found.append(index)

    if at < dated:
        step = 1
        while len(found) < limit and (at - step >= 0 or at + step < dated):
            for index in (at - step, at + step):  # the later read first
                if 0 <= index < dated:
                    take(index)
            step += 1
        start = dated
    else:
        start = 0
    for index in range(start, len(members)):
        if len(found) == limit:
            break
        take(index)
    return tuple(members[index] for index in sorted(found))


# A group by its key: the group, each of its reviews' place in its reading order, and how many
# of them are dated (the undated come last).
Places = Mapping[str, tuple[ReviewGroup, dict[str, int], int]]


def _positions(groups: Sequence[ReviewGroup]) -> Places:
    """Each group by key, with each of its reviews' place in its reading order."""
    return {
        group.key: (
            group,
            {review.src_uri: at for at, review in enumerate(group.reviews)},
            sum(1 for review in group.reviews if review.reads),
        )
        for group in groups
    }


def _row(
    kind: str,
    keys: Sequence[str],
    groups: Places,
    review: Review,
    limit: int,
    leave_out: set[str],
) -> Row | None:
    """The row of the first of `keys` whose group has a book to show."""
    for key in dict.fromkeys(keys):
        found = groups.get(key)
        if found is None:
            continue
        group, at, dated = found
        shown = nearest(group.reviews, at[review.src_uri], limit, leave_out, dated)
        if shown:
            return Row(kind, group.key, group.name, len(group.reviews), shown)
    return None


def plan(library: Grouped, covers: int = COVERS) -> dict[str, Onward]:
    """Every review's onward links, by src_uri, worked out once for the build."""
    authors = library.memo("onward authors", lambda: _positions(library.authors))
    genres = library.memo("onward genres", lambda: _positions(library.genres))
    dated = [review for review in library.newest if review.reads]
    order = {review.src_uri: at for at, review in enumerate(dated)}
    planned = {}
    for review in library.reviews:
        leave_out = {review.src_uri}
        author = _row(
            "authors",
            [person_key(name) for name in review.creators],
            authors,
            review,
            covers,
            leave_out,
        )
        if author is not None:
            leave_out.update(shown.src_uri for shown in author.reviews)
        genre = _row(
            "genres", [genre_key(name) for name in review.genres], genres, review, covers, leave_out
        )
        at = order.get(review.src_uri)
        planned[review.src_uri] = Onward(
            author=author,
            genre=genre,
            previous=dated[at + 1] if at is not None and at + 1 < len(dated) else None,
            next=dated[at - 1] if at is not None and at > 0 else None,
        )
    return planned


def signature(onward: Onward, links: Links) -> tuple[Any, ...]:
    """All a review's onward section shows, as a value to compare with the last build's: each
    row's name, count and page, each book's title, cover and score (title only for the
    previous and next read), and where each links to. A neighbour's other fields may change
    without its neighbours being rebuilt."""
    files = links.files

    def row(found: Row | None) -> tuple[Any, ...] | None:
        if found is None:
            return None
        books = tuple(
            (review.title, review.cover, review.score, files.get(review.src_uri))
            for review in found.reviews
        )
        return (found.name, found.count, links.of(found.kind).get(found.key), books)

    steps = tuple(
        (review.title, files.get(review.src_uri)) if review else None
        for review in (onward.previous, onward.next)
    )
    return (row(onward.author), row(onward.genre), steps)


def render(renderer: Renderer, onward: Onward, page_url: str) -> str:
    """The HTML of a review's onward section at `page_url`; "" when it has nothing."""
    if not onward:
        return ""
    files = renderer.links.files

    def item(review: Review) -> dict[str, Any]:
        return {
            "review": review,
            "href": relative_url(files[review.src_uri], page_url),
            "cover": renderer.cover(review, page_url),
            "badge": renderer.badge(review),
        }

    def row(kind: str, found: Row) -> dict[str, Any]:
        url = renderer.links.of(found.kind).get(found.key)
        return {
            "kind": kind,
            "name": found.name,
            "count": found.count,
            "href": relative_url(url, page_url) if url is not None else None,
            "books": [item(review) for review in found.reviews],
        }

    rows = [("author", onward.author), ("genre", onward.genre)]
    return renderer.env.get_template("onward.html.j2").render(
        rows=[row(kind, found) for kind, found in rows if found is not None],
        previous=item(onward.previous) if onward.previous else None,
        next=item(onward.next) if onward.next else None,
    )
