"""The reading page: the books being read now and the books wanted, as cards.

A book's `status` (`fields.status`: read, reading, want to read, did not finish) says what the
reader did with it. Books being read and wanted are pages of the library (each has its page,
header and card) but not reviews: `Grouped.reviews` leaves them out, so the shelf, the genre,
author and year pages, the stats, the feed and the Review JSON-LD never count or list them.
This page lists them in two sections, "Reading now" and "Want to read" (a section without
books is left out; without any such book there is no page), and `status` listing markers
list them in any page (`<!-- bookreviews status=reading -->`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..fields import READING, WANTED, Bad
from ..fields import status as parse_status
from ..language import N_
from ..model import Review
from . import Filter, Grouped, Kind, KindOptions, Site, View, ViewPage, cut, index_src_uri

# Each section's anchor on the page (what a book's status in its header links to).
ANCHORS = {READING: "reading-now", WANTED: "want-to-read"}


class ReadingView(View):
    """`reading/`: the books being read now, then the books wanted, newest first."""

    kind = "reading"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        unread = sorted(library.unread, key=lambda review: review.sort_key)
        self.sections = {
            status: [review for review in unread if review.status == status]
            for status in (READING, WANTED)
        }

    def pages(self) -> list[ViewPage]:
        if not any(self.sections.values()):
            return []
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        url = urls.get(index_src_uri(self.folder))
        if url is None:
            return {}
        return {
            status: f"{url}#{ANCHORS[status]}" for status, books in self.sections.items() if books
        }

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        sections = []
        eager = True
        for status, books in self.sections.items():
            if books:
                cards = site.cards(books, page_url, eager=eager)
                sections.append({"status": status, "anchor": ANCHORS[status], "cards": cards})
                eager = False
        return site.renderer.env.get_template("reading.html.j2").render(
            title=page.title, sections=sections, reading=READING
        )


def every_book(library: Grouped) -> list[Review]:
    """Every book of the library, those being read and wanted too, newest read first."""
    return library.memo(
        "every book, newest first",
        lambda: sorted(library.books, key=lambda review: review.sort_key),
    )


def select(library: Grouped, value: str) -> tuple[Sequence[Review], str | None]:
    """The books with the status `value` (any of its spellings: "currently-reading");
    none is no problem: a "reading now" listing may be empty for a while."""
    try:
        wanted = parse_status(value)
    except Bad as bad:
        return (), f"status={cut(value)!r} is not a reading status; {bad.fix}"
    return [review for review in every_book(library) if review.status == wanted], None


KIND = Kind(
    "reading",
    N_("Reading"),
    ReadingView,
    keys=lambda review: [review.status] if review.unread else [],
    marker=Filter("status", 'status="want to read"', select, among=every_book),
    templates=("reading.html.j2",),
)
