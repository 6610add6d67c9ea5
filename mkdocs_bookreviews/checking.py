"""`bookreviews check`: a library validated by the plugin's own model, and a summary of it.

Pure: the pages come in as (src_uri, text) pairs and the model is the one the plugin runs
(`model.read_library`), so the problems are the warnings a build would log.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from .covers import CoverFinder
from .groups import group_by_genre
from .model import READING, WANTED, FieldNames, Problem, read_library


@dataclass
class CheckReport:
    """What a check found: counts for the summary line, and every problem."""

    reviews: int = 0
    unrated: int = 0
    did_not_finish: int = 0
    genres: int = 0
    problems: list[Problem] = field(default_factory=list)
    reading: int = 0  # books being read (`status: reading`), not counted in `reviews`
    want_to_read: int = 0  # books wanted (`status: want to read`), nor these

    @property
    def summary(self) -> str:
        """One line: "12 reviews (2 unrated, 1 DNF), 9 genres, 0 problems"."""

        def count(number: int, word: str) -> str:
            return f"{number:,} {word}{'' if number == 1 else 's'}"

        unread = (
            f"{self.reading:,} reading, {self.want_to_read:,} want to read, "
            if self.reading or self.want_to_read
            else ""
        )
        return (
            f"{count(self.reviews, 'review')} ({self.unrated:,} unrated, "
            f"{self.did_not_finish:,} DNF), {unread}{count(self.genres, 'genre')}, "
            f"{count(len(self.problems), 'problem')}"
        )

    def as_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "reviews": self.reviews,
            "unrated": self.unrated,
            "did_not_finish": self.did_not_finish,
            "genres": self.genres,
            "reading": self.reading,
            "want_to_read": self.want_to_read,
            "problems": [
                {
                    "file": p.src_uri,
                    "field": p.field,
                    "found": p.found,
                    "fix": p.fix,
                    "message": p.message,
                }
                for p in self.problems
            ],
        }


def check_pages(
    pages: Iterable[tuple[str, str]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
    unreadable: Iterable[Problem] = (),
    review_field: str = "score",
    covers: CoverFinder | None = None,
    scope: str = "",
) -> CheckReport:
    """Validate every review among `pages` with the plugin's model; `unreadable` are problems
    found while reading the files (text that is not UTF-8); `review_field` and `covers` are
    the options of those names (a cover found by convention is checked like one named), and
    `scope` the `reviews_dir` the pages come from."""
    library = read_library(
        pages,
        fields=fields,
        scale=scale,
        known_files=known_files,
        review_field=review_field,
        covers=covers,
        scope=scope,
    )
    books = list(library.reviews.values())
    reviews = [review for review in books if not review.unread]  # as the build counts them
    return CheckReport(
        reviews=len(reviews),
        unrated=sum(1 for review in reviews if review.score is None),
        did_not_finish=sum(1 for review in reviews if review.did_not_finish),
        genres=len(group_by_genre(reviews)),
        problems=[*unreadable, *library.problems],
        reading=sum(1 for review in books if review.status == READING),
        want_to_read=sum(1 for review in books if review.status == WANTED),
    )
