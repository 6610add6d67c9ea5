"""The authors overview and one page per author.

Authors are grouped in `groups.py` (`group_by_author`: merged like genres, sorted by family name,
a book without an author filed under everyone it credits), each listed with their review count
and average score (unrated reviews left out of the average). Authors with fewer than
`authors_min_reviews` reviews (by default: 1 up to 200 reviews, 2 above) get no page of their
own: the overview lists them with links to their reviews. Credited people get pages as authors
do, and their cards say what they did ("edited by Alice Wong"); the stats count them as authors
too.
"""

from __future__ import annotations

from ..groups import Author
from ..language import N_
from ..names import person_key
from ..render import relative_url
from . import (
    TILE_COVERS,
    Filter,
    Grouped,
    GroupPages,
    Kind,
    KindOptions,
    Option,
    Site,
    ViewPage,
    index_src_uri,
    select_by_name,
)

# Up to this many reviews every author has a page; above, by default, only authors with two or
# more: in a long-tail library (most authors read once) one-review author pages would add two
# thirds to the pages built, each repeating one card (measured in the README).
EVERY_AUTHOR_UP_TO = 200


class AuthorsView(GroupPages):
    """`authors/`: every author with count and average; `authors/<slug>/`: their reviews."""

    kind = "authors"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.authors = self.groups = library.authors
        self.min_reviews = options.more["min_reviews"] or (
            1 if len(library.reviews) <= EVERY_AUTHOR_UP_TO else 2
        )

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


KIND = Kind(
    "authors",
    N_("Authors"),
    AuthorsView,
    # Fewer reviews than this and an author has no page; None: 1 up to EVERY_AUTHOR_UP_TO
    # reviews, 2 above.
    options=(Option("min_reviews", int, None, bounds=(1, 10_000)),),
    keys=lambda review: [person_key(name) for name in review.creators],
    marker=Filter(
        "author",
        'author="Kazuo Ishiguro"',
        select_by_name(
            "authors by key", lambda library: library.authors, person_key, "no review is by {name}"
        ),
    ),
    templates=("authors.html.j2", "author.html.j2"),
)
