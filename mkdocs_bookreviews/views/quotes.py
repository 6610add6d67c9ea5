"""The quotes page, a commonplace book: every quote of every review, grouped by book.

A review's quotes are its top-level blockquotes, read from its Markdown when the library is read
(`quotes.py`: which blockquotes count, their anchors, the HTML shown). Books come newest read
first, each with its cover, title and author and its quotes, each quote linked to its place in
the review (the review page's blockquote has the same id). Up to `PER_PAGE` quotes the page is
one; above, it goes on over numbered pages (`quotes/2/`, ...), a book never split between two,
so that no page grows with the library. The pages are searchable: a quote finds its book.

`<!-- bookreviews quote -->` in a user's page shows one quote, picked by the page's path: the
same in every build, another on another page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..language import N_, gettext
from ..model import Review
from ..names import digest
from ..quotes import Quote, pick, quotes_of
from ..render import relative_url
from . import Grouped, Kind, KindOptions, Site, View, ViewPage, WordMarker, index_src_uri
from . import member_src_uri as page_src_uri

# The most quotes on one page, before the next page starts (a book's quotes are never split):
# 150 quotes are some 100 kB of HTML, and a page of them stays quick to load and to search.
PER_PAGE = 150


@dataclass(frozen=True)
class Book:
    """A review and its quotes, in the review's order."""

    review: Review
    quotes: tuple[Quote, ...]


def books_of(library: Grouped) -> list[Book]:
    """Every review with a quote, newest read first; read once per build."""

    def read() -> list[Book]:
        books = []
        for review in library.newest:
            text = library.texts.get(review.src_uri)
            found = quotes_of(review.src_uri, text) if text else ()
            if found:
                books.append(Book(review, found))
        return books

    return library.memo("quotes", read)


def paged(books: Sequence[Book], per_page: int | None = None) -> list[list[Book]]:
    """The books page by page: a page takes books until it holds `per_page` (`PER_PAGE`)
    quotes or more."""
    per_page = per_page or PER_PAGE
    pages: list[list[Book]] = [[]]
    count = 0
    for book in books:
        if count >= per_page:
            pages.append([])
            count = 0
        pages[-1].append(book)
        count += len(book.quotes)
    return pages


class QuotesView(View):
    """`quotes/`: the books' quotes; `quotes/2/`, ...: the next pages, when there are more."""

    kind = "quotes"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.books = books_of(library)
        self.pages_of_books = paged(self.books)

    def pages(self) -> list[ViewPage]:
        pages = [ViewPage(index_src_uri(self.folder), self.title, 0)]
        for number in range(2, len(self.pages_of_books) + 1):
            # TRANSLATORS: the title of a page after the first: "Quotes, page 2".
            title = gettext("%(title)s, page %(page)s") % {"title": self.title, "page": number}
            pages.append(ViewPage(self._src_uri(number), title, number - 1, in_nav=False))
        return pages

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        index = page.subject if isinstance(page.subject, int) else 0
        count = len(self.pages_of_books)

        def href(number: int) -> str | None:
            if not 1 <= number <= count:
                return None
            return relative_url(site.urls[self._src_uri(number)], page_url)

        books = [self._book(book, page_url, site) for book in self.pages_of_books[index]]
        return site.renderer.env.get_template("quotes.html.j2").render(
            title=self.title,
            books=books,
            quotes=sum(len(book.quotes) for book in self.books),
            book_count=len(self.books),
            page=index + 1,
            pages=count,
            previous=href(index),
            next=href(index + 2),
        )

    def _book(self, book: Book, page_url: str, site: Site) -> dict[str, Any]:
        review_href = relative_url(site.files[book.review.src_uri], page_url)
        return {
            "review": book.review,
            "id": "book-" + digest(book.review.src_uri),
            "href": review_href,
            "cover": site.renderer.cover(book.review, page_url),
            "made_by": book.review.made_by,
            "quotes": [
                {"html": quote.html, "href": f"{review_href}#{quote.anchor}"}
                for quote in book.quotes
            ],
        }

    def _src_uri(self, number: int) -> str:
        return index_src_uri(self.folder) if number == 1 else page_src_uri(self.folder, str(number))


def marker_quote(
    library: Grouped, site: Site, page_url: str, where: str
) -> tuple[str | None, str | None]:
    """`<!-- bookreviews quote -->`: one quote, picked by the page's path (`where`), with its
    book; or why there is none."""
    if "quotes" not in site.kinds:
        return None, (
            "shows a quote of the quotes page, which is off (quotes: false, or a page of yours "
            "has its URL): turn it on, or remove the marker"
        )
    books = books_of(library)
    chosen = pick([quote for book in books for quote in book.quotes], where)
    if chosen is None:
        return None, "no review has a quote yet: write one as a blockquote (> ...)"
    review = library.memo("reviews by src_uri", lambda: {r.src_uri: r for r in library.reviews})[
        chosen.src_uri
    ]
    review_href = relative_url(site.files[review.src_uri], page_url)
    html = site.renderer.env.get_template("quote.html.j2").render(
        quote=chosen,
        review=review,
        made_by=review.made_by,
        href=f"{review_href}#{chosen.anchor}",
    )
    return html, None


KIND = Kind(
    "quotes",
    N_("Quotes"),
    QuotesView,
    word_marker=WordMarker("quote", marker_quote),
    templates=("quotes.html.j2", "quote.html.j2"),
)
