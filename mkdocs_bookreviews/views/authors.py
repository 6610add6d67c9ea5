"""The authors overview and one page per author.

Authors are merged like genres (`names.person_key`: case, spacing, hyphens, and "Austen, Jane"
is "Jane Austen"), sorted by family name (`names.family_sort_key`), each with their review count
and average score (unrated reviews left out of the average). A review with two authors is on
both pages. Authors with fewer than `authors_min_reviews` reviews (by default: 1 up to 200
reviews, 2 above) get no page of their own: the overview lists them with links to their
reviews.

A book without an author (an anthology's editor, a retelling's reteller and illustrator) is
filed under everyone it credits (`Review.creators`): they get pages as authors do, and their
cards say what they did ("edited by Alice Wong"). The stats count them as authors too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..genres import ReviewGroup, group_by_name
from ..model import Review, format_score
from ..names import family_sort_key, natural_order, person_key, slugify
from ..render import relative_url
from . import (
    Filter,
    Grouped,
    Kind,
    KindOptions,
    Option,
    Site,
    View,
    ViewPage,
    cut,
    index_src_uri,
    member_src_uri,
    suggest,
)

TILE_COVERS = 3
# Up to this many reviews every author has a page; above, by default, only authors with two or
# more: in a long-tail library (most authors read once) one-review author pages would add two
# thirds to the pages built, each repeating one card (measured in the README).
EVERY_AUTHOR_UP_TO = 200


@dataclass(frozen=True)
class Author(ReviewGroup):
    """One author, with the reviews of their books."""

    @property
    def average(self) -> float | None:
        """The mean score of the rated reviews; None when none is rated."""
        scores = [review.score for review in self.reviews if review.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def average_text(self) -> str:
        """The average for people, to two decimals at most: "4.33"; "" when unrated."""
        average = self.average
        return format_score(round(average, 2)) if average is not None else ""


def group_by_author(reviews: Sequence[Review]) -> list[Author]:
    """Every author of `reviews`, sorted by family name, each with their reviews newest first.
    A display name is the most used spelling, given names first ("Jane Austen" for "Austen,
    Jane"), ties going to the one that sorts first."""
    authors = group_by_name(
        reviews,
        # A name with nothing of a name in it ("-") is no author page.
        lambda review: [name for name in review.creators if person_key(name)],
        person_key,
        Author,
        shown=natural_order,
        slug_of=lambda key: slugify(key, "author"),
    )
    return sorted(authors, key=lambda a: (*family_sort_key(a.name), a.name.casefold(), a.slug))


class AuthorsView(View):
    """`authors/`: every author with count and average; `authors/<slug>/`: their reviews."""

    kind = "authors"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.authors = library.authors
        self.min_reviews = options.more["min_reviews"] or (
            1 if len(library.reviews) <= EVERY_AUTHOR_UP_TO else 2
        )

    def has_page(self, author: Author) -> bool:
        """Whether the author gets a page of their own (enough reviews)."""
        return len(author.reviews) >= self.min_reviews

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title)] + [
            ViewPage(self._src_uri(a), a.name, a, searchable=False, in_nav=False)
            for a in self.authors
            if self.has_page(a)
        ]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {a.key: urls[self._src_uri(a)] for a in self.authors if self.has_page(a)}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        env = site.renderer.env
        overview_url = site.urls[index_src_uri(self.folder)]
        if isinstance(page.subject, Author):
            return env.get_template("author.html.j2").render(
                author=page.subject,
                cards=site.cards(page.subject.reviews, page_url),
                overview_href=relative_url(overview_url, page_url),
            )
        listed = [
            {
                "name": author.name,
                "count": len(author.reviews),
                "average": author.average_text,
                "href": relative_url(site.urls[self._src_uri(author)], page_url)
                if self.has_page(author)
                else None,
                "covers": site.cards.covers(author.reviews, page_url, TILE_COVERS)
                if self.has_page(author)
                else [],
                "books": [
                    {
                        "title": review.title,
                        "href": relative_url(site.files[review.src_uri], page_url),
                    }
                    for review in author.reviews
                ]
                if not self.has_page(author)
                else [],
            }
            for author in self.authors
        ]
        return env.get_template("authors.html.j2").render(authors=listed, title=page.title)

    def _src_uri(self, author: Author) -> str:
        return member_src_uri(self.folder, author.slug)


def select(library: Grouped, name: str) -> tuple[Sequence[Review], str | None]:
    """The reviews by the author `name` (any spelling of their name), or why there are none."""
    authors = library.memo("authors by key", lambda: {a.key: a for a in library.authors})
    author = authors.get(person_key(name))
    if author is None:
        known = [a.name for a in authors.values()]
        return (), f"no review is by {cut(name)!r}; " + suggest(known, name)
    return author.reviews, None


KIND = Kind(
    "authors",
    "Authors",
    AuthorsView,
    # Fewer reviews than this and an author has no page; None: 1 up to EVERY_AUTHOR_UP_TO
    # reviews, 2 above.
    options=(Option("min_reviews", int, None, bounds=(1, 10_000)),),
    keys=lambda review: [person_key(name) for name in review.creators],
    marker=Filter("author", 'author="Kazuo Ishiguro"', select),
    templates=("authors.html.j2", "author.html.j2"),
)
