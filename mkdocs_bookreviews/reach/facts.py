"""What a review tells feed readers, search engines and link previews, decided once.

The feed, the JSON-LD and the Open Graph tags all show a review's title line, authors, read
date, description and absolute URLs; each of those is made by one function here, so that a
new field of the model (a summary, an ISBN, a read date with a day) changes one function and
every output follows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..model import Review, clean_text

# Long enough for a search snippet or a chat preview (both cut near 160 to 300 characters).
DESCRIPTION_LIMIT = 300


@dataclass(frozen=True)
class ReadDate:
    """When a book was read, to the precision the review gives: a year, a month, a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 at the review's own precision ("2025", "2025-02", "2025-02-14"), as
        schema.org dates may be: no day is invented."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def moment(self) -> dt.datetime:
        """A point in time for formats that need one (Atom, RSS): the first day of the month
        (of January for a bare year) at midnight UTC."""
        return dt.datetime(self.year, self.month or 1, self.day or 1, tzinfo=dt.timezone.utc)


def read_date(review: Review) -> ReadDate | None:
    """The review's read date: its year and month; None for a review without a year."""
    if review.year is None:
        return None
    return ReadDate(review.year, review.month)


@dataclass(frozen=True)
class SiteFacts:
    """The site as feeds and previews name it; `url` is `site_url` (ending in "/") or None,
    and the feeds' URLs are None when there is no feed."""

    url: str | None
    name: str
    description: str = ""
    reviewer: str | None = None
    feed_url: str | None = None
    rss_url: str | None = None


@dataclass(frozen=True)
class ReviewFacts:
    """One review as the outside world sees it. URLs are absolute (None when not known)."""

    src_uri: str
    title: str
    authors: tuple[str, ...]
    url: str | None
    score: float | None
    date: ReadDate | None
    description: str
    content: str  # the review's own HTML; "" when the page was not rendered in this build
    image: str | None
    genres: tuple[str, ...] = ()
    isbn: str | None = None

    @property
    def heading(self) -> str:
        """The review's one-line title: "Title by Author" (or the title alone)."""
        return f"{self.title} by {join_names(self.authors)}" if self.authors else self.title

    @property
    def image_alt(self) -> str:
        """The cover's text alternative, as the review header writes it."""
        by = f" by {join_names(self.authors)}" if self.authors else ""
        return f"Cover of {self.title}{by}"


def join_names(names: tuple[str, ...]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def authors_of(review: Review, value: object) -> tuple[str, ...]:
    """The review's authors one by one, from its raw front-matter `value`.

    The model keeps the names joined ("A, B and C"), which cannot be split back safely; a list
    in the front matter is taken item by item, as the model validated it.
    """
    if review.author is None:
        return ()
    if isinstance(value, list):
        names = tuple(clean_text(str(item)) for item in value)
        if names and all(names):
            return names
    return (review.author,)


def authors_by_review(
    front_matter: Iterable[tuple[str, tuple[dict[str, Any] | None, str | None]]],
    reviews: Mapping[str, Review],
    author_key: str,
) -> dict[str, tuple[str, ...]]:
    """`authors_of` every review, from the parsed front matter of every page."""
    authors = {}
    for src_uri, (meta, _) in front_matter:
        review = reviews.get(src_uri)
        if review is not None and meta is not None:
            authors[src_uri] = authors_of(review, meta.get(author_key))
    return authors


def description_of(review: Review, html: str) -> str:
    """What a review is about in a few lines: the first paragraph of its text (a summary field
    in the front matter, once reviews have one, belongs here and wins)."""
    return first_paragraph(html)


class _FirstParagraph(HTMLParser):
    """Collects the text of the first <p> outside a blockquote (the book's quotes), and of the
    first <p> of all in case there is no other."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quoted = 0
        self.inside: list[str] | None = None
        self.inside_quote = False
        self.fallback: str = ""
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.quoted += 1
        elif tag == "p" and self.inside is None:
            self.inside = []
            self.inside_quote = self.quoted > 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.quoted = max(0, self.quoted - 1)
        elif tag == "p" and self.inside is not None:
            text = clean_text("".join(self.inside))
            self.inside = None
            if not text:
                return
            if not self.inside_quote:
                self.found = text
                raise _Done
            self.fallback = self.fallback or text

    def handle_data(self, data: str) -> None:
        if self.inside is not None:
            self.inside.append(data)


class _Done(Exception):
    """Stops the parser once the paragraph is found: the rest of the page is not needed."""


def first_paragraph(html: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The plain text of the first paragraph of `html` that is not a quote (the first quote if
    there is nothing else), cut at a word before `limit` characters; "" when there is none."""
    parser = _FirstParagraph()
    try:
        parser.feed(html)
        parser.close()
    except _Done:
        pass
    text = parser.found or parser.fallback
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def entry_id(site_url: str, src_uri: str) -> str:
    """A review's permanent id in feeds: a name-based UUID of the site's host and path and the
    review's source path. It stays the same across builds, themes, `use_directory_urls` and
    http/https; it changes only when the review's file or the site moves."""
    parts = urlsplit(site_url)
    key = f"{parts.netloc}{parts.path.rstrip('/')}/{src_uri}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def absolute_url(site_url: str | None, url: str | None) -> str | None:
    """A site-relative URL made absolute; http(s) URLs stay as they are; None without a base."""
    if url is None:
        return None
    if url.lower().startswith(("http://", "https://")):
        return url
    return urljoin(site_url, url) if site_url else None


def review_facts(
    review: Review,
    *,
    site_url: str | None,
    page_url: str | None,
    cover_url: str | None,
    authors: tuple[str, ...],
    html: str,
    content: bool = True,
) -> ReviewFacts:
    """A review's facts; `page_url` and `cover_url` are site-relative (covers may be http(s)),
    `html` is the review's rendered text ("" when unknown), kept as the facts' `content` only
    when `content` is true (only the feed's reviews need theirs)."""
    return ReviewFacts(
        src_uri=review.src_uri,
        title=review.title,
        authors=authors or ((review.author,) if review.author else ()),
        url=absolute_url(site_url, page_url),
        score=review.score,
        date=read_date(review),
        description=description_of(review, html) if html else "",
        content=html if content else "",
        image=absolute_url(site_url, cover_url),
        genres=review.genres,
    )
