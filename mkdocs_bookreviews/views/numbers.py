"""The library's numbers for the stats page: counts only, no HTML.

Readings and books are counted apart. Books per year and the month-by-year grid count
*readings*, as the year pages do: a book read in 2019 and again in 2024 counts in both years.
Everything else counts each book (review) once: the headline numbers, the scores, the top
genres and authors (those of the author pages: a book without an author counts its credited
people, an anthology's editor). Pages read add a book's `pages` once per reading, finished
books only.

Scores are counted in bins one step wide, the step being the finest the library's scores need
(1, then 0.5, then 0.25: a library of whole scores gets one bar per whole score), widened
(to 0.5, 1, 2, 5, ...) until the scale has at most `MOST_BINS` of them; a score falls in the
bin it is at least the start of (4.75 in "4.5 to under 5" when the step is 0.5).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .. import language
from ..groups import Year, average_score, average_score_text
from ..language import gettext
from . import Grouped

TOP = 10  # genres and authors listed
MOST_BINS = 21  # a 0-to-5 scale in quarter steps
STEPS = (0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


@dataclass(frozen=True)
class YearCount:
    """The readings of one year: by month (index 0 is January) and with no month known."""

    year: int
    per_month: tuple[int, ...]
    no_month: int

    @property
    def readings(self) -> int:
        """Every reading of the year."""
        return sum(self.per_month) + self.no_month


@dataclass(frozen=True)
class ScoreBin:
    """The books scored from `start` up to (not including) `end`, or exactly `start` when it
    is the top of the scale."""

    start: float
    end: float
    count: int
    text: str  # for people, in the site's language: "4.5", or "4 to under 5" for a wider bin


@dataclass(frozen=True)
class Ranked:
    """A genre or an author with how many books it has; `key` finds its page in `Links`."""

    key: str
    name: str
    count: int


@dataclass(frozen=True)
class LibraryNumbers:
    """Everything the stats page shows, counted from the reviews."""

    books: int
    authors: int
    readings: int
    pages_read: int
    books_with_pages: int
    average: float | None
    unrated: int
    did_not_finish: int
    undated: int  # books with no date read
    years: tuple[YearCount, ...]  # every year from the first read to the last, oldest first
    score_step: float
    scores: tuple[ScoreBin, ...]
    top_genres: tuple[Ranked, ...]
    top_authors: tuple[Ranked, ...]

    @property
    def average_text(self) -> str:
        """The average score to two decimals at most, "" when no book is rated."""
        return average_score_text(self.average)


def count_library(library: Grouped, scale: int) -> LibraryNumbers:
    """The numbers of the library's reviews on a 0-to-`scale` score scale."""
    reviews = library.reviews
    rated = [review.score for review in reviews if review.score is not None]
    step, bins = score_bins(rated, scale)
    with_pages = [review for review in reviews if review.pages]
    genres = [(g.key, g.name, len(g.reviews)) for g in library.genres]
    authors = [(a.key, a.name, len(a.reviews)) for a in library.authors]
    return LibraryNumbers(
        books=len(reviews),
        authors=len(authors),
        readings=sum(len(review.reads) for review in reviews),
        pages_read=sum(
            (review.pages or 0) * max(len(review.reads), 1)
            for review in with_pages
            if not review.did_not_finish
        ),
        books_with_pages=len(with_pages),
        average=average_score(reviews),
        unrated=len(reviews) - len(rated),
        did_not_finish=sum(1 for review in reviews if review.did_not_finish),
        undated=sum(1 for review in reviews if not review.reads),
        years=every_year(library.years),
        score_step=step,
        scores=bins,
        top_genres=top(genres),
        top_authors=top(authors),
    )


def every_year(years: Sequence[Year]) -> tuple[YearCount, ...]:
    """The readings of each year from the first to the last (years with none included)."""
    found = {y.year: y for y in years}
    if not found:
        return ()
    return tuple(
        YearCount(year, found[year].per_month, found[year].undated_months)
        if year in found
        else YearCount(year, (0,) * 12, 0)
        for year in range(min(found), max(found) + 1)
    )


def score_bins(scores: Sequence[float], scale: int) -> tuple[float, tuple[ScoreBin, ...]]:
    """The bins' step and every bin from 0 to `scale` with its count of `scores`."""
    finest = next(
        (step for step in (1, 0.5) if all(_is_multiple(score, step) for score in scores)), 0.25
    )
    on_steps = all(_is_multiple(score, finest) for score in scores)  # no 3.3 among quarters
    step = next(
        (s for s in STEPS if s >= finest and math.floor(scale / s) + 1 <= MOST_BINS), STEPS[-1]
    )
    starts = [index * step for index in range(math.floor(scale / step) + 1)]
    counts = [0] * len(starts)
    for score in scores:
        counts[min(math.floor(score / step + 1e-9), len(starts) - 1)] += 1
    bins = []
    shown = language.active().decimal
    for start, count in zip(starts, counts, strict=True):
        end = min(start + step, scale) if start < scale else start
        exact = (step == finest and on_steps) or start == scale
        if exact:
            text = shown(start)
        elif end == scale and start + step > scale:
            # TRANSLATORS: a bar of the scores chart: the scores from 4 to 5, both included.
            text = gettext("%(low)s to %(high)s") % {"low": shown(start), "high": shown(scale)}
        else:
            # TRANSLATORS: a bar of the scores chart: the scores from 4, up to but not 5.
            text = gettext("%(low)s to under %(high)s") % {
                "low": shown(start),
                "high": shown(start + step),
            }
        bins.append(ScoreBin(start, end, count, text))
    return step, tuple(bins)


def top(named: Sequence[tuple[str, str, int]]) -> tuple[Ranked, ...]:
    """The `TOP` names with the most books, most first, ties in alphabetical order."""
    collate = language.active().collation_key
    ranked = sorted(
        named, key=lambda item: (-item[2], collate(item[1]), item[1].casefold(), item[0])
    )
    return tuple(Ranked(key, name, count) for key, name, count in ranked[:TOP])


def _is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-9
