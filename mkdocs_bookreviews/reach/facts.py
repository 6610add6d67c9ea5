"""What a review tells feed readers, search engines and link previews, decided once.

The feed, the JSON-LD and the Open Graph tags all show a review's title line, authors, read
date, description and absolute URLs; each of those is made by one function here, so that a
new field of the model (a summary, an ISBN, a read date with a day) changes one function and
every output follows.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

from ..credits import titled
from ..model import Credit, ReadDate, Review
from ..text import clean_text

# Long enough for a search snippet or a chat preview (both cut near 160 to 300 characters).
DESCRIPTION_LIMIT = 300


def read_date(review: Review) -> ReadDate | None:
    """The review's read date (its last read), at the precision it gives; None when undated."""
    return review.last_read


def moment(date: ReadDate) -> dt.datetime:
    """A point in time for formats that need one (Atom, RSS): the day read, else the first day
    of the month (of January for a bare year), at midnight UTC."""
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.timezone.utc)


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
    image_alt: str = ""  # the cover's text alternative, as the review header writes it
    credits: tuple[Credit, ...] = ()  # everyone else who made the book: editor, narrator, ...

    @property
    def heading(self) -> str:
        """The review's one-line title: "Title by Author", "Title, edited by Alice Wong" for
        a book without an author, or the title alone."""
        return titled(self.title, self.authors, self.credits)


def description_of(review: Review, html: str) -> str:
    """What a review is about in a few lines: its summary, else the first paragraph of its
    text."""
    if review.summary:
        return _shortened(review.summary)
    return first_paragraph(html)


# Python-Markdown writes these tags plainly (attributes come only from raw HTML or attr_list);
# the opening and closing tags of paragraphs and quotes are all it takes to find the first
# paragraph, and a regular expression finds them many times faster than an HTML parser.
_BLOCK_TAG = re.compile(r"<(/?)(p|blockquote)(?=[\s>/])[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def first_paragraph(html: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The plain text of the first paragraph of `html` that is not a quote (the first quote if
    there is nothing else), cut at a word before `limit` characters; "" when there is none."""
    fallback = ""
    quoted = 0
    opened: int | None = None  # where the open paragraph's text starts
    opened_in_quote = False
    for tag in _BLOCK_TAG.finditer(_COMMENT.sub("", html) if "<!--" in html else html):
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "blockquote":
            quoted = max(0, quoted - 1) if closing else quoted + 1
        elif not closing:
            opened, opened_in_quote = tag.end(), quoted > 0
        elif opened is not None:
            text = clean_text(unescape(_ANY_TAG.sub("", tag.string[opened : tag.start()])))
            opened = None
            if text and not opened_in_quote:
                break
            fallback = fallback or text
    else:
        text = fallback
    return _shortened(text, limit)


def _shortened(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis."""
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
    if not site_url:
        return None
    # MkDocs' URLs are relative to the site and quoted: most need only joining (urljoin is slow).
    plain = not url.startswith(("/", ".")) and ":" not in url.partition("/")[0]
    return site_url + url if plain and site_url.endswith("/") else urljoin(site_url, url)


def review_facts(
    review: Review,
    *,
    site_url: str | None,
    page_url: str | None,
    cover_url: str | None,
    html: str,
    content: bool = True,
) -> ReviewFacts:
    """A review's facts; `page_url` and `cover_url` are site-relative (covers may be http(s)),
    `html` is the review's rendered text ("" when unknown), kept as the facts' `content` only
    when `content` is true (only the feed's reviews need theirs)."""
    return ReviewFacts(
        src_uri=review.src_uri,
        title=review.title,
        authors=review.authors,
        url=absolute_url(site_url, page_url),
        score=review.score,
        date=read_date(review),
        description=description_of(review, html) if html or review.summary else "",
        content=html if content else "",
        image=absolute_url(site_url, cover_url),
        genres=review.genres,
        isbn=review.isbn,
        image_alt=review.cover_description,
        credits=review.credits,
    )
