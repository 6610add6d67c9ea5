"""The shelf: every review as a cover card, newest read first, sortable and filterable, as
cards or as a wall of covers alone.

Without JavaScript the page is complete: every book, newest read first (undated last), each a
link (its cover, title and authors) with its score in text. A library of 10,000 reviews makes
one page, so each book's markup is as small as it can be while staying plain HTML (about 190
bytes a book in `benchmarks/shelf_size.py`'s library, 836 before; `tests/test_shelf.py` holds
it under 200): an `<li>` holding a link with the cover (no class: the stylesheet finds it by
its place; no width and height: the shelf gives every cover a book's box, 2:3, and draws it
whole inside), the title (`<b>`) and the authors (text), then the score as text (`<b>` again,
outside the link) whose stars the stylesheet draws by the class of the score (`.s4_25`, whose
fill the page's own `<style>` gives for each score the library uses, as `stars.fill_percent`
says), and `<small>` for a book not finished. The title and authors are the link's text, so
they are its accessible name in the wall of covers too, where they are clipped out of sight.
What the script sorts and filters by comes once for all books, in columns on their holder
(`book_columns`). This is not the genre, author and year pages' card (card.html.j2): those carry
the date read and the one-line summary as well, which the shelf's weight leaves to the review.

The filter controls are in the page but `hidden` until the script wires them, so a reader
without it meets no dead controls; each filter's options say how many books each would show
(the whole library's counts in the page, the option's label in `data-label`: the script counts
again under the other filters). What the script writes (its status line, an option's count)
and how it sorts titles (the articles it leaves out, the collation's language) come in the
site's language as data attributes of the status line (`language.Language.shelf_strings`;
attributes, not a JSON block, which MkDocs' own search would index as the page's text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .. import language
from ..escaping import Markup
from ..language import N_, gettext
from ..model import Review, format_score
from ..names import family_sort_key, genre_key
from ..render import relative_url
from ..stars import fill_percent
from . import EAGER_SHELF_CARDS, Grouped, Kind, KindOptions, Site, View, ViewPage, index_src_uri

SCRIPT_URI = "assets/bookreviews/shelf.js"
# Books per grid: a browser lays out one grid of 10,000 books in about ten seconds, 170 grids
# of 60 in under one (and skips those out of view, see the stylesheet). 60 books fill whole
# rows of 1 to 6 columns (and 10, 12 of covers alone), so the grids read as one.
CARDS_PER_GRID = 60
# Above this scale the minimum-score choices go in tenths of it (10, 20, ... out of 100).
MOST_SCORE_CHOICES = 10
# The views a reader can choose, by their `view=` value in the URL ("": cards).
VIEWS = (("", N_("Cards")), ("covers", N_("Covers only")))


def score_class(score: float) -> str:
    """The class whose stars show `score`: 4.25 -> "s4_25"."""
    return "s" + format_score(score).replace(".", "_")


def score_choices(scale: int) -> list[int]:
    """The minimum scores offered: each whole score up to a scale of 10, tenths above."""
    if scale <= MOST_SCORE_CHOICES:
        return list(range(1, scale + 1))
    step = scale / MOST_SCORE_CHOICES
    return sorted({round(step * n) for n in range(1, MOST_SCORE_CHOICES + 1)})


def author_ranks(reviews: list[Review]) -> dict[tuple[str, str], int]:
    """Each first author's place in the library's order of family names, then given names,
    in the site's language's collation (one number per person: the script sorts by it)."""
    speaking = language.active()
    keys = {family_sort_key(review.creators[0]) for review in reviews if review.creators}
    ordered = sorted(
        keys, key=lambda k: (speaking.collation_key(k[0]), speaking.collation_key(k[1]), k)
    )
    return {key: rank for rank, key in enumerate(ordered)}


def base36(number: int) -> str:
    """A whole number in the fewest digits: 0-9, then a-z (1295 -> "zz")."""
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def book_columns(
    reviews: list[Review],
    ranks: Mapping[tuple[str, str], int],
    genres: Mapping[str, int],
    years: Mapping[int, int],
) -> dict[str, str]:
    """What the script sorts and filters by, one column per attribute, a book's entry per
    space-separated place in the shelf's order: `years` (every year read, as its index in the
    year filter's options, newest first, in base 36, joined by commas), `authors` (the first
    author's rank, in base 36), `genres` (the indexes of its genres in the genre filter's
    options, in base 36, joined by commas); an entry is empty when the book has none. The
    score is the class of the book's score (`score_class`), a book not finished has its mark
    (`<small>`): neither is written twice."""
    read, authors, kinds = [], [], []
    for review in reviews:
        read.append(
            ",".join(base36(years[y]) for y in sorted({r.year for r in review.reads})[::-1])
        )
        authors.append(
            base36(ranks[family_sort_key(review.creators[0])]) if review.creators else ""
        )
        indexes = dict.fromkeys(genres[k] for k in map(genre_key, review.genres) if k in genres)
        kinds.append(",".join(map(base36, indexes)))
    return {"years": " ".join(read), "authors": " ".join(authors), "genres": " ".join(kinds)}


def star_styles(scores: set[float], scale: int) -> Markup:
    """The stylesheet of the page's score classes: how many stars each fills, by area."""
    stars = scale if scale <= MOST_SCORE_CHOICES else 5
    rules = [f".bookreviews-shelf{{--bookreviews-stars:{stars}}}"]
    for score in sorted(scores):
        percent = fill_percent(score / scale * stars, stars)
        rules.append(
            f".bookreviews-shelf .{score_class(score)}{{--bookreviews-fill:{percent:.4g}%}}"
        )
    # Only digits, dots, letters and braces: nothing that could close the element.
    return Markup("".join(rules))


def counted(name: str, count: int) -> tuple[str, str]:
    """An option's label and its text with how many books it shows: ("Fantasy",
    "Fantasy (12)"); the script keeps the label to count again."""
    text = gettext("%(name)s (%(count)s)") % {
        "name": name,
        "count": language.active().number(count),
    }
    return name, text


class ShelfView(View):
    """`shelf/`: every review as a cover card, newest read first."""

    kind = "shelf"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.reviews = library.newest
        self.genres = library.genres

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        renderer = site.renderer
        genres = [(g.key, g.name) for g in self.genres if g.key]
        genre_index = {key: index for index, (key, _) in enumerate(genres)}
        ranks = author_ranks(self.reviews)
        review_urls = site.cards.review_urls
        books = []
        years: Counter[int] = Counter()
        in_genre: Counter[str] = Counter()
        for index, review in enumerate(self.reviews):
            cover = renderer.cover(review, page_url)
            books.append(
                {
                    "href": relative_url(review_urls[review.src_uri], page_url),
                    "cover": cover,
                    "eager": index < EAGER_SHELF_CARDS,
                    "review": review,
                    "score": language.active().decimal(review.score)
                    if review.score is not None
                    else "",
                    "score_class": score_class(review.score) if review.score is not None else "",
                }
            )
            years.update({read.year for read in review.reads})
            in_genre.update({genre_key(name) for name in review.genres})
        # As the script reads them, from their classes (to two decimals: 3.999 counts as 4).
        scores = [
            float(format_score(review.score)) for review in self.reviews if review.score is not None
        ]
        choices = score_choices(renderer.scale) if scores else []
        finished = sum(not review.did_not_finish for review in self.reviews)
        total = len(self.reviews)
        context: dict[str, Any] = {
            "title": page.title,
            "books": books,
            "per_grid": CARDS_PER_GRID,
            "columns": book_columns(
                self.reviews,
                ranks,
                genre_index,
                {year: index for index, year in enumerate(sorted(years, reverse=True))},
            ),
            "views": VIEWS,
            "genres": [(key, counted(name, in_genre[key])) for key, name in genres],
            "years": [
                (year, counted(str(year), years[year])) for year in sorted(years, reverse=True)
            ],
            "scores": [
                (
                    choice,
                    counted(
                        gettext("%(score)s or more") % {"score": choice}
                        if choice < renderer.scale
                        else str(choice),
                        sum(score >= choice for score in scores),
                    ),
                )
                for choice in choices
            ],
            "any_dnf": finished < total,
            "all_books": counted(gettext("All books"), total),
            "all_genres": counted(gettext("All genres"), total),
            "all_years": counted(gettext("All years"), total),
            "any_score": counted(gettext("Any score"), total),
            "only_finished": counted(gettext("Only finished"), finished),
            "only_unfinished": counted(gettext("Only not finished"), total - finished),
            "stars": star_styles(set(scores), renderer.scale),
            "scale": renderer.scale,
            "script_src": relative_url(site.files.get(SCRIPT_URI, SCRIPT_URI), page_url),
            "shelf_strings": language.active().shelf_strings(),
        }
        return renderer.env.get_template("shelf.html.j2").render(context)


KIND = Kind("shelf", N_("Shelf"), ShelfView, templates=("shelf.html.j2",))
