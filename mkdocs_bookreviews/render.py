"""Reviews to HTML: the review header, rating badge, cards and quote styling.

Templates are rendered by one Jinja2 environment with autoescape on (the shipped templates and a
user's overrides alike); the HTML built here by hand (links in a byline, the search line) and
the values handed back to the theme are escaped by `escaping.escape` and `escaping.Markup`.
Every text for readers is a message of the site's language (`language.py`): templates through
Jinja2's i18n extension (`_()`, `ngettext()`), the texts made here through `language.gettext`.
Nothing here imports MkDocs: links arrive as plain site-relative URLs in `Links`, and
every href is made relative to the page it is written into, because MkDocs rewrites links in
Markdown but never in raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from . import language
from .credits import by_role, byline_parts, phrase
from .escaping import Markup, escape
from .fields import is_status, year_text
from .language import Language, gettext, ngettext
from .model import READING, Review
from .names import genre_key, name_key, person_key
from .stars import fill_percent
from .text import bounded_text

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
# A bare blockquote, and whether its text opens with a quotation mark of its own (straight,
# curly, low, guillemet or corner; as a character or as the entity Markdown's smarty writes).
_BLOCKQUOTE = re.compile(
    r"<blockquote>(?P<opening>(?:\s*<p>)?\s*"
    r"(?P<mark>[\"'\u2018\u201a\u201b\u201c\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300e]"
    r"|&(?:quot|ldquo|lsquo|bdquo|sbquo|laquo|raquo|lsaquo|#34|#39|#8220|#8216|#x201[cC]);)?)"
)
# The most a cover's box is taller than wide, or wider than tall: 3:1 and 1:3.
MOST_SHAPE = 3
# Front-matter keys that themes print without escaping (MkDocs: title; Material: author,
# description); on review pages they are replaced by escaped text.
THEME_PRINTED_KEYS = ("title", "author", "description")


class Links:
    """Site-relative URLs of docs files (by src_uri) and of each kind's pages, by the kind's
    name and the page's key (`View.links`): genre and author pages by their `names.name_key`,
    year pages by the year as text. Any kind may have pages: `Links(files, series={...})`."""

    def __init__(self, files: Mapping[str, str], **pages: Mapping[str, str]) -> None:
        self.files = files
        self.pages = pages

    def of(self, kind: str) -> Mapping[str, str]:
        """The URL of each page of the kind, by its key; empty when it has none."""
        return self.pages.get(kind, {})


def make_environment(
    templates_dir: str | None = None, in_language: Language | None = None
) -> jinja2.Environment:
    """A Jinja2 environment that looks in the user's `templates_dir` first, then ours, and
    writes in `in_language` (the active language by default): `_()` and `ngettext()` (Jinja2's
    i18n extension, new style: `_("Read in %(date)s", date=...)`, each value escaped), the
    `number` and `decimal` filters, and `language_attributes` (`lang` and `dir` for the
    plugin's containers, when the page around them is in another language or direction).
    A template of the user's that uses none of them renders as it did."""
    chosen = in_language or language.active()
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.FileSystemLoader(PACKAGE_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A build's templates do not change while it runs (`mkdocs serve` makes a new
        # environment for each build), so no file is checked again on every render.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    # Added to the environment by the i18n extension.
    install = env.install_gettext_callables  # type: ignore[attr-defined]
    install(**chosen.markup_callables(), newstyle=True)
    env.globals["language_attributes"] = chosen.attributes
    env.filters["number"] = chosen.number
    env.filters["decimal"] = chosen.decimal
    return env


def page_folder(url: str) -> str:
    """The folder a page's relative links start from, as MkDocs decides it: the last part of
    `url` is a file when it has a dot (`reviews/road.html` -> `reviews`), a folder otherwise
    (`reviews/road/` -> `reviews/road`)."""
    folder, _, last = url.rpartition("/")
    return (url if "." not in last else folder).rstrip("/")


def relative_url(url: str, base: str) -> str:
    """`url` as seen from the page at `base`, both site-relative MkDocs URLs."""
    folder = page_folder(base)
    base_parts = [part for part in folder.split("/") if part not in ("", ".")]
    url_parts = [part for part in url.split("/") if part not in ("", ".")]
    common = 0
    for here, there in zip(base_parts, url_parts, strict=False):
        if here != there:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + url_parts[common:]
    relative = "/".join(parts) or "."
    return relative + "/" if url.endswith("/") else relative


def escape_theme_meta(
    meta: MutableMapping[str, Any],
    review: Review,
    *,
    title_keys: tuple[str, ...] = ("title",),
    author_keys: tuple[str, ...] = ("author",),
    status_keys: tuple[str, ...] = (),
) -> None:
    """Make the front matter a theme prints raw safe to print: escaped text, valid values.

    MkDocs' Jinja environment does not autoescape, and themes print `page.meta.title` and
    friends as they are; `Markup` keeps templates that do escape from escaping twice. The
    author (`author`, and the review's author field's paths that are top-level keys) becomes the
    names the book is filed under, comma-joined ("Alice Wong", "A, B"), whatever shape the
    field has (`{name, role}` mappings would print as Python's repr); with no name read, a
    value that is not text is dropped. A reading status (`status: reading`, a top-level key of
    `status_keys`) is taken out: Material would take it for its own page status and mark the
    page in the navigation.
    """
    for key in status_keys:  # a reading status is the plugin's, not the theme's page status
        if key in meta and is_status(meta[key]):
            del meta[key]
    written = {key: meta[key] for key in ("author", *author_keys) if key in meta}
    for key in dict.fromkeys((*THEME_PRINTED_KEYS, *title_keys, *author_keys)):
        if key in meta:
            meta[key] = escape(bounded_text(meta[key]))
    meta["title"] = escape(review.title)
    names = ", ".join(review.creators)
    if names:
        meta["author"] = escape(names)
        for key in written:
            meta[key] = escape(names)
    for key, value in written.items():
        if not names and not isinstance(value, str):
            del meta[key]


def search_line(review: Review) -> str:
    """What search indexes of a review's header: its author and genres, as one short line.

    The full header (many elements) replaces it after indexing: search plugins parse every tag
    of every page, and a line of text costs them a fraction of the header's markup.
    """
    parts = byline_parts(review.authors, review.credits)
    if review.genres:
        parts.append(", ".join(review.genres))
    return f'<p class="bookreviews-byline">{escape(" · ".join(parts))}</p>' if parts else ""


def mark_quotes(html: str) -> str:
    """Give the review's blockquotes (the book's quotes) the plugin's quote class.

    A quote that already opens with a quotation mark also gets `bookreviews-quoted`, which
    leaves out the decorative opening mark: otherwise the reader sees two.
    """
    return _BLOCKQUOTE.sub(_quote_tag, html)


def _quote_tag(match: re.Match[str]) -> str:
    classes = "bookreviews-quote bookreviews-quoted" if match["mark"] else "bookreviews-quote"
    return f'<blockquote class="{classes}">{match["opening"]}'


def has_own_heading(html: str) -> bool:
    """Whether the review's rendered body has its own level-one heading (then ours is not h1)."""
    return _H1.search(html) is not None


# The id the plugin gives its <h1> when it has none (an overridden template may set its own).
HEADING_ID = "bookreviews-title"
_FIRST_H1 = re.compile(r"<h1\b([^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def anchor_heading(html: str) -> tuple[str, str | None]:
    """The page's HTML with an id on its first <h1> (HEADING_ID unless it has one), and that
    id; None when there is no <h1>."""
    tag = _FIRST_H1.search(html)
    if tag is None:
        return html, None
    if (found := _ID.search(tag.group(1))) is not None:
        return html, next(value for value in found.groups() if value is not None)
    at = tag.start() + len("<h1")
    return f'{html[:at]} id="{HEADING_ID}"{html[at:]}', HEADING_ID


# Which of a kind's pages a review links to, as (key, text shown) pairs (`Kind.header`).
HeaderLinks = Callable[[Review], Iterable[tuple[str, str]]]


def _read_once(month_known: bool) -> str:
    """The message of one reading, filled in with `date` and `year` (both its date): languages
    may word a month and a bare year differently ("Letto a febbraio 2025", "Letto nel 2025")."""
    if month_known:
        # TRANSLATORS: %(date)s is a month and year, as "February 2025".
        return gettext("Read in %(date)s")
    # TRANSLATORS: %(year)s is a year, as "2025".
    return gettext("Read in %(year)s")


def _read_again(times: int) -> str:
    """The message of a book read `times` times, filled in with `dates` and `num`."""
    if times == 2:
        return gettext("Read twice: %(dates)s")
    if times == 3:
        return gettext("Read three times: %(dates)s")
    return ngettext("Read %(num)s time: %(dates)s", "Read %(num)s times: %(dates)s", times)


def read_on(review: Review) -> str:
    """When the book was read, for people: "Read in February 2025", or for a re-read book
    "Read twice: March 2019, May 2024"; "" when undated."""
    if not review.reads or review.unread:
        return ""
    if len(review.reads) == 1:
        read = review.reads[0]
        return _read_once(bool(read.month)) % {"date": read.text, "year": read.text}
    dates = gettext(", ").join(read.text for read in review.reads)
    return _read_again(len(review.reads)) % {"dates": dates, "num": len(review.reads)}


def status_text(status: str) -> str:
    """The mark of a book being read or wanted, in the site's language."""
    if status == READING:
        # TRANSLATORS: the mark of a book being read (and the reading page's section of them).
        return gettext("Reading now")
    # TRANSLATORS: the mark of a book the reader wants to read (and the page's section of them).
    return gettext("Want to read")


def credits(review: Review) -> list[str]:
    """Who else made the book: "translated by X", "illustrated by Y and Z"."""
    return byline_parts((), review.credits)


def facts(review: Review) -> list[str]:
    """The book's quiet facts: "The Broken Earth #1", "first published 2015", "468 pages",
    "ISBN 9780316229296"."""
    found = []
    if review.series:
        found.append(
            # TRANSLATORS: a book's place in its series: "The Broken Earth #1".
            gettext("%(series)s #%(number)s")
            % {"series": review.series, "number": review.series_number}
            if review.series_number
            else review.series
        )
    if review.published:
        published = year_text(review.published)
        found.append(gettext("first published %(year)s") % {"year": published})
    if review.pages:
        pages = language.active().number(review.pages)
        found.append(ngettext("%(num)s page", "%(num)s pages", review.pages) % {"num": pages})
    if review.isbn:
        found.append(gettext("ISBN %(isbn)s") % {"isbn": review.isbn})
    return found


class Renderer:
    """Renders reviews through the templates, each score's badge once per build."""

    def __init__(
        self,
        env: jinja2.Environment,
        *,
        scale: int,
        links: Links,
        header_links: Sequence[tuple[str, HeaderLinks]] = (),
    ) -> None:
        self.env = env
        self.scale = scale
        self.links = links
        # Kinds whose pages a header links to on a line of their own, by kind name (genres,
        # authors and years have places of their own in the header).
        self.header_links = header_links
        self._badges: dict[float, Markup] = {}

    def badge(self, review: Review) -> Markup:
        """The rating badge: stars filled to score/scale, the number as text, an ARIA label."""
        if review.score is None or review.unread:  # a book not read yet shows no score
            return Markup("")
        if review.score not in self._badges:
            score_text = language.active().decimal(review.score)
            stars = self.scale if self.scale <= 10 else 5
            label = gettext("Rated %(score)s out of %(scale)s")
            self._badges[review.score] = Markup(
                self.env.get_template("badge.html.j2")
                .render(
                    score=review.score,
                    score_text=score_text,
                    scale=self.scale,
                    stars=stars,
                    percent=f"{fill_percent(review.score / self.scale * stars, stars):.4g}",
                    label=label % {"score": score_text, "scale": self.scale},
                )
                .strip()
            )
        return self._badges[review.score]

    def header(self, review: Review, page_url: str, *, heading: bool = True) -> str:
        """The header put above a review's text: cover, title, author, date, genres, badge."""
        return self.env.get_template("header.html.j2").render(
            self._context(review, page_url),
            heading=heading,
            byline=self.byline(review, page_url),
            credits=credits(review),  # only the header shows credits and the facts line
            facts=self.facts_linked(review, page_url),
            authors_linked=self.authors_linked(review, page_url),
            read_on_linked=self.read_on_linked(review, page_url),
            kind_links=self.kind_links(review, page_url),
        )

    def kind_links(self, review: Review, page_url: str) -> list[dict[str, str]]:
        """The review's links to the pages of kinds that have no place of their own in the
        header (`Kind.header`): each with its kind, text and href, when the page exists."""
        found = []
        for kind, links_of in self.header_links:
            urls = self.links.of(kind)
            for key, text in links_of(review):
                if (url := urls.get(key)) is not None:
                    found.append({"kind": kind, "text": text, "href": relative_url(url, page_url)})
        return found

    def facts_linked(self, review: Review, page_url: str) -> list[Markup]:
        """`facts`, the series (the first fact) linked to its series page, when it has one."""
        found = [escape(fact) for fact in facts(review)]
        url = self.links.of("series").get(name_key(review.series)) if review.series else None
        if url is not None and found:
            found[0] = Markup('<a class="bookreviews-series-link" href="{}">{}</a>').format(
                relative_url(url, page_url), found[0]
            )
        return found

    def byline(self, review: Review, page_url: str) -> list[Markup]:
        """Each role's credit, its names linked to their pages: ["by <a>Olga Tokarczuk</a>",
        "translated by Jennifer Croft"], or ["edited by <a>Alice Wong</a>"]."""
        return [
            Markup(escape(phrase(role))) % {"names": self.names_linked(names, page_url)}
            for role, names in by_role(review.authors, review.credits)
        ]

    def authors_linked(self, review: Review, page_url: str) -> Markup:
        """The authors as in `Review.author`, each linked to their author page if it has one."""
        return self.names_linked(review.authors, page_url)

    def names_linked(self, people: Sequence[str], page_url: str) -> Markup:
        """Names joined as `join_names` does, each linked to its author page if it has one."""
        names = []
        for name in people:
            url = self.links.of("authors").get(person_key(name))
            names.append(
                Markup('<a class="bookreviews-author-link" href="{}">{}</a>').format(
                    relative_url(url, page_url), name
                )
                if url is not None
                else escape(name)
            )
        if len(names) <= 1:
            return Markup("").join(names)
        # As `join_names` does, in Markup: joined as text, the links would be escaped.
        separator = escape(gettext(", "))
        return escape(gettext("%(names)s and %(last)s")) % {
            "names": separator.join(names[:-1]),
            "last": names[-1],
        }

    def read_on_linked(self, review: Review, page_url: str) -> Markup:
        """`read_on` with each date linked to its year's page, when there is one."""
        if not review.reads or review.unread:
            return Markup("")
        dates = []
        for read in review.reads:
            url = self.links.of("years").get(str(read.year))
            dates.append(
                Markup('<a class="bookreviews-year-link" href="{}">{}</a>').format(
                    relative_url(url, page_url), read.text
                )
                if url is not None
                else escape(read.text)
            )
        if len(dates) == 1:
            once = escape(_read_once(bool(review.reads[0].month)))
            return once % {"date": dates[0], "year": dates[0]}
        joined = escape(gettext(", ")).join(dates)
        return escape(_read_again(len(review.reads))) % {"dates": joined, "num": len(dates)}

    def card(
        self, review: Review, page_url: str, review_url: str, *, eager: bool = False
    ) -> Markup:
        """A review's card for listing pages, linking to the review. `eager`: the card is in
        the page's first row, so its cover loads at once instead of when scrolled to."""
        context = self._context(review, page_url)
        context["href"] = relative_url(review_url, page_url)
        context["eager"] = eager
        return Markup(self.env.get_template("card.html.j2").render(context).strip())

    def _context(self, review: Review, page_url: str) -> dict[str, Any]:
        # Each genre once, as this review writes it, linked to the page it shares with others.
        genres: dict[str, dict[str, str | None]] = {}
        for name in review.genres:
            key = genre_key(name)
            url = self.links.of("genres").get(key)
            href = relative_url(url, page_url) if url is not None else None
            genres.setdefault(key, {"name": name, "href": href})
        return {
            "review": review,
            "score_text": language.active().decimal(review.score)
            if review.score is not None
            else "",
            "read_on": read_on(review),
            "cover": self.cover(review, page_url),
            "genres": list(genres.values()),
            "badge": self.badge(review),
            "made_by": review.made_by,
            "status": self.status(review, page_url),
        }

    def status(self, review: Review, page_url: str) -> dict[str, str | None] | None:
        """A book being read or wanted: its mark ("Reading now", "Want to read"), its class
        and the reading page's section it is in (None when there is no such page); None for
        a book read."""
        if not review.unread:
            return None
        url = self.links.of("reading").get(review.status)
        return {
            "text": status_text(review.status),
            "key": "reading" if review.status == READING else "wanted",
            "href": relative_url(url, page_url) if url is not None else None,
        }

    def cover(self, review: Review, page_url: str) -> dict[str, Any] | None:
        """The review's cover as seen from `page_url`: its `src` and `alt`; None without one."""
        cover = review.cover
        if cover is None:
            return None
        src = cover.url
        if cover.src_uri is not None:
            url = self.links.files.get(cover.src_uri)
            src = relative_url(url, page_url) if url is not None else None
        if src is None:
            return None
        # The shown width is set by the stylesheet; the attributes give the aspect ratio, so
        # the page holds the cover's space before it loads (2:3 when the size is unknown).
        if cover.width is not None and cover.height is not None:
            width, height, sized = cover.width, cover.height, True
        else:
            width, height, sized = 200, 300, False
        # A file of any shape (1x20000) gets a box of a book-like one, the image drawn whole
        # inside it (`object-fit: contain`), fixed by an inline `aspect-ratio` (the attributes
        # alone give way to the file's own shape once it loads).
        clamped = not 1 / MOST_SHAPE <= width / height <= MOST_SHAPE
        if clamped:
            width, height = (100, 100 * MOST_SHAPE) if width < height else (100 * MOST_SHAPE, 100)
        return {
            "src": src,
            "alt": review.cover_description,
            "width": width,
            "height": height,
            "sized": sized,
            # Only a remote cover can fail to load (a local one was checked to exist): it
            # gets the drawn cover beside it, hidden until the image fails.
            "remote": cover.src_uri is None,
            "clamped": clamped,
        }
