"""Listings in a user's own pages: a marker comment becomes review cards or a row of covers.

    <!-- bookreviews recent=12 as=covers -->
    <!-- bookreviews genre="Science Fiction" limit=6 -->
    <!-- bookreviews author="Kazuo Ishiguro" sort=score -->

The plugin looks for markers in a page's HTML, after Markdown: Python-Markdown passes an HTML
comment through as it is, and escapes one inside code (`&lt;!--`). `scan` reads the HTML once,
from start to end, as a browser's tokenizer would: a marker counts only where a comment is a
comment and a listing's blocks may stand, never inside a tag (an `alt` attribute), a `<script>`,
`<style>` or `<textarea>` (whose text only looks like a comment), nor a `<pre>`, `<code>`, SVG or
MathML; the same pass tells whether a marker is in a paragraph or a heading, so the cost is
linear in the page whatever the number of markers. A marker that cannot be read, or names a
genre, author or year no review has, stays a comment and yields one warning saying how to fix
it; so does a comment that is nearly a marker (`<!-- bookreview recent=3 -->`). Nothing here
imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import language
from .escaping import Markup
from .model import Review
from .quotes import says_not_a_quote
from .render import relative_url
from .text import visible
from .views import Filter, Grouped, Site, cut, either
from .views.registry import KINDS

# A comment's text that is a marker: `bookreviews`, then its options (`bookreviews:` works
# too, and `<!--bookreviews-->` with no spaces).
_MARKER_TEXT = re.compile(r"\s*bookreviews(?![\w-]):?(?P<options>.*)", re.S | re.I)
# Where a page's Markdown may hold a marker (or a near miss): for rebuilding, not expanding.
_MARKER_START = re.compile(r"<!--\s*book", re.I)
# A comment's first word, to tell a near miss (`bookreview`, `book-reviews`, `bokreviews`).
_FIRST_WORD = re.compile(r"\s*(?P<word>[^\s:=]{1,40})(?::?(?P<rest>.*))", re.S)
_NEAR_MISS = 0.85  # how alike (difflib's ratio) a first word must be to "bookreviews"
# One `key=value`: the value in double, single or curly quotes, or a word without spaces.
_OPTION = re.compile(
    r"""\s*(?P<key>[^\s=:"'“”]+)\s*(?:[=:]\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|“(?P<cq>[^”]*)”"""
    r"""|(?P<word>[^\s"'“”]+)))?"""
)
# What a marker may filter on: each kind's `Filter` (genre, author, year), by its key; a
# kind's name is an alias of its key (`genres=` is `genre=`).
FILTERS: dict[str, Filter] = {kind.marker.key: kind.marker for kind in KINDS if kind.marker}
_ALIASES = {
    **{
        kind.name: kind.marker.key for kind in KINDS if kind.marker and kind.name != kind.marker.key
    },
    "layout": "as",
}
KEYS = ("recent", "limit", *FILTERS, "sort", "as")
# One-word markers a kind answers (`<!-- bookreviews quote -->`), by their word.
WORDS = {kind.word_marker.word: kind.word_marker for kind in KINDS if kind.word_marker}
SORTS = ("recent", "score", "title")
LAYOUTS = ("cards", "covers")
# Covers in a row that load at once: a desktop's first row; the rest load as they are scrolled
# to. Cards load their first row (three) at once, as on generated pages.
EAGER_COVERS = 6
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")
# The HTML tokenizer's few states, as far as markers need them.
_TAG_NAME = re.compile(r"(/?)([A-Za-z][^\s/>]*)")
_IN_TAG = re.compile(r"""=[\t\n\f\r ]*(["'])|>""")  # a quoted value (may hold ">"), or the end
_COMMENT_END = re.compile(r"--!?>")
# Elements whose content is no place for a listing: text that only looks like markup (script,
# style, textarea, title, ...), code, and drawings. Skipped to their end tag.
_SKIPPED = frozenset(
    "script style textarea title xmp iframe noembed noframes noscript plaintext template "
    "pre code svg math".split()
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


@dataclass(frozen=True)
class Query:
    """What one marker asks for: which reviews, in what order, how many, shown how."""

    recent: int | None = None  # only the N most recently read
    limit: int | None = None  # at most N, after sorting
    sort: str = "recent"
    layout: str = "cards"
    # What to filter on, by a kind's filter key: {"genre": "Science Fiction", "year": 2024}.
    filters: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def has_marker(text: str) -> bool:
    """Whether a page's text (Markdown or HTML) may hold a listing marker (or a near miss,
    which warns): a comment that opens with "book"."""
    return _MARKER_START.search(text) is not None


@dataclass(frozen=True)
class Found:
    """A comment in a page's HTML that is a marker (`options` is its text after `bookreviews`)
    or nearly one (`near_miss`, with the marker it was likely meant to be), where it is, and
    whether it stands in a paragraph or a heading (`heading_end`: where that heading ends,
    after its end tag; None when it is in none, or the heading never ends)."""

    start: int
    end: int
    options: str
    near_miss: str | None = None
    in_paragraph: bool = False
    in_heading: bool = False
    heading_end: int | None = None


def scan(html: str) -> list[Found]:
    """Every marker and near miss in `html` where a listing may stand, in order, in one pass.

    The scan follows the HTML tokenizer: a tag's quoted attribute values are skipped whole, a
    skipped element's content up to its end tag, a comment up to `-->`; text and anything the
    tokenizer would take as text (`a < b`) move the scan on. Nothing is ever scanned twice.
    """
    found: list[Found] = []
    open_headings: list[int] = []  # indexes in `found` of markers in the open heading
    in_paragraph = False
    heading: str | None = None
    position = 0
    length = len(html)
    while True:
        position = html.find("<", position)
        if position < 0:
            break
        if html.startswith("<!--", position):
            end, text_end = _comment_end(html, position)
            marker = _marker(html[position + 4 : text_end], position, end)
            if marker is not None:
                found.append(
                    dataclasses.replace(
                        marker, in_paragraph=in_paragraph, in_heading=heading is not None
                    )
                )
                if heading is not None:
                    open_headings.append(len(found) - 1)
            position = end
            continue
        tag = _TAG_NAME.match(html, position + 1)
        if tag is None:
            if html.startswith(("<!", "</", "<?"), position):  # a bogus comment, up to ">"
                close = html.find(">", position + 2)
                position = close + 1 if close >= 0 else length
            else:  # "<" as text
                position += 1
            continue
        after = _tag_end(html, tag.end())
        if after is None:  # a tag open to the end of the page: nothing after it is shown
            break
        closing, name = tag[1] == "/", tag[2].lower()
        position = after
        if closing:
            if name == "p":
                in_paragraph = False
            elif name == heading:
                for index in open_headings:
                    found[index] = dataclasses.replace(found[index], heading_end=after)
                open_headings.clear()
                heading = None
        elif name in _SKIPPED:
            skipped = re.compile(rf"</{name}[\t\n\f\r />]", re.I).search(html, after)
            if skipped is None:
                break
            position = skipped.start()
        elif name == "p":
            in_paragraph = True
        elif name in _HEADINGS:
            heading = name
            open_headings.clear()
    return found


def _comment_end(html: str, start: int) -> tuple[int, int]:
    """Where the comment at `start` ends, and where its text ends (`<!-->` is a whole comment;
    one never closed runs to the end of the page)."""
    for short in ("<!-->", "<!--->"):
        if html.startswith(short, start):
            return start + len(short), start + 4
    close = _COMMENT_END.search(html, start + 4)
    if close is None:
        return len(html), len(html)
    return close.end(), close.start()


def _marker(text: str, start: int, end: int) -> Found | None:
    """The comment `<!--text-->` as a marker, a near miss, or None (any other comment)."""
    marker = _MARKER_TEXT.match(text)
    if marker is not None:
        return Found(start, end, marker["options"])
    first = _FIRST_WORD.match(text)
    if first is None:
        return None
    word = first["word"].casefold()
    plain = word.replace("-", "").replace("_", "").replace(".", "")
    if not plain.startswith("bookreview"):
        if difflib.SequenceMatcher(None, plain, "bookreviews").ratio() < _NEAR_MISS:
            return None
        plain = "bookreviews"
    # What follows the word is the options: `bookreviews_recent=3` meant `bookreviews recent=3`.
    options = (plain.removeprefix("bookreviews").removeprefix("bookreview") + first["rest"]).strip()
    options = " ".join(options.split())
    meant = f"<!-- bookreviews {options} -->" if options else "<!-- bookreviews -->"
    return Found(start, end, options, near_miss=meant)


def _tag_end(html: str, position: int) -> int | None:
    """Where the tag whose name ends at `position` ends (after its ">"); None when it never
    does. A quoted attribute value is skipped whole: a ">" or a marker in it is text."""
    while True:
        step = _IN_TAG.search(html, position)
        if step is None:
            return None
        if step[1] is None:
            return step.end()
        close = html.find(step[1], step.end())
        if close < 0:
            return None
        position = close + 1


def parse_options(text: str) -> tuple[Query, list[str]]:
    """The query a marker's options ask for, and what is wrong with them (for people)."""
    values: dict[str, str] = {}
    problems: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _OPTION.match(text, position)
        if match is None or match.end() == position:
            problems.append(
                f"cannot read {cut(text[position:])!r}: write key=value, like recent=12"
            )
            break
        position = match.end()
        key = match["key"].lower()
        key = _ALIASES.get(key, key)
        value = next((v for v in match.group("dq", "sq", "cq", "word") if v is not None), None)
        if key not in KEYS:
            problems.append(f"{cut(match['key'])!r} is not an option; use {either(KEYS)}")
        elif value is None:
            problems.append(f"{key} needs a value, like {_example(key)}")
        elif key in values:
            problems.append(f"{key} is given twice; keep one")
        else:
            values[key] = value.strip()
    chosen: dict[str, Any] = {}
    filters: dict[str, Any] = {}
    for key, value in values.items():
        year = key in FILTERS and FILTERS[key].year
        if key in ("recent", "limit") or year:
            # "007" is 7; "-3", "12.5", "²" and a thousand digits are not numbers here.
            number = int(value) if value.isascii() and value.isdigit() and len(value) < 7 else 0
            if not number or (year and number > 9999):
                what = "a year" if year else "a whole number from 1"
                problems.append(f"{key}={cut(value)} is not {what}; write {_example(key)}")
            elif year:
                filters[key] = number
            else:
                chosen[key] = number
        elif key in ("sort", "as"):
            choices = SORTS if key == "sort" else LAYOUTS
            choice = _choice(value, choices)
            if choice is None:
                problems.append(f"{key}={cut(value)} is not one of {either(choices)}")
            else:
                chosen["sort" if key == "sort" else "layout"] = choice
        elif not value:
            problems.append(f"{key} is empty; write {_example(key)}")
        else:
            filters[key] = value
    query = Query(**chosen, filters=filters)
    return query, problems


class PageListings:
    """Expands the markers of user pages for one build, over its library."""

    def __init__(self, library: Grouped, site: Site) -> None:
        self.library = library
        self.site = site

    # Sorted and grouped only when a page has a marker: most builds need none of it.
    @functools.cached_property
    def reviews(self) -> list[Review]:
        """Every review, newest read first."""
        return self.library.newest

    def expand(self, html: str, page_url: str, where: str) -> tuple[str, list[str]]:
        """The page's HTML with each good marker replaced by its listing, and one warning per
        bad marker (the marker stays, an invisible comment)."""
        warnings: list[str] = []
        edits: list[tuple[int, int, str]] = []  # (start, end, what replaces html[start:end])
        eager = True  # only the first listing of a page can be in its first screen
        for marker in scan(html):
            written = html[marker.start : marker.end]
            # Shown as written, with controls escaped (an ESC would reach the terminal).
            shown = visible(written if len(written) <= 200 else written[:197] + "...")
            if marker.near_miss is not None:
                warnings.append(
                    f"{where}: {shown}: is not a listing marker; write {visible(marker.near_miss)}"
                )
                continue
            if says_not_a_quote(marker.options):
                continue  # a blockquote's mark (quotes.py), no listing
            word = WORDS.get(marker.options.strip().casefold())
            if word is not None:
                listing, problem = word.render(self.library, self.site, page_url, where)
                if listing is None:
                    warnings.append(visible(f"{where}: {shown}: {problem}"))
                    continue
            else:
                query, problems = parse_options(marker.options)
                reviews = self.select(query, problems) if not problems else []
                if problems:
                    warnings.append(visible(f"{where}: {shown}: " + "; ".join(problems)))
                    continue
                listing = self.render(query, reviews, page_url, eager=eager)
            eager = False
            if marker.heading_end is not None:
                # A heading holds text only: the listing goes right after it.
                edits += [
                    (marker.start, marker.end, ""),
                    (marker.heading_end, marker.heading_end, listing),
                ]
            elif marker.in_paragraph and not marker.in_heading:
                # End the paragraph before the listing and open another after it; a marker
                # alone in its paragraph leaves two empty ones, dropped below.
                edits.append((marker.start, marker.end, f"</p>\n{listing}\n<p>"))
            else:
                edits.append((marker.start, marker.end, listing))
        if not edits:
            return html, warnings
        out: list[str] = []
        position = 0
        for start, end, text in sorted(edits, key=lambda edit: edit[0]):
            out += [html[position:start], text]
            position = end
        out.append(html[position:])
        return _EMPTY_PARAGRAPH.sub("", "".join(out)), warnings

    def select(self, query: Query, problems: list[str]) -> list[Review]:
        """The reviews a query asks for, in its order; a genre, author or year (any kind's
        filter) that no review has is a problem (appended), and selects nothing."""
        chosen: Sequence[Review] = self.reviews
        for key, kind_filter in FILTERS.items():  # a status filter chooses among every book
            if key in query.filters and kind_filter.among is not None:
                chosen = kind_filter.among(self.library)
        for key, kind_filter in FILTERS.items():  # in the registry's order
            if key not in query.filters:
                continue
            members, problem = kind_filter.select(self.library, query.filters[key])
            if problem is not None:
                problems.append(problem)
                return []
            chosen = _keep(chosen, members)
        if query.recent is not None:
            chosen = chosen[: query.recent]
        if query.sort == "score":
            chosen = sorted(chosen, key=lambda r: -r.score if r.score is not None else 1.0)
        elif query.sort == "title":
            # In the site's language: its leading articles left out, its alphabetical order.
            title_key = language.active().title_key
            chosen = sorted(chosen, key=lambda r: (*title_key(r.title), r.src_uri))
        return list(chosen[: query.limit] if query.limit is not None else chosen)

    def render(self, query: Query, reviews: Sequence[Review], page_url: str, *, eager: bool) -> str:
        """A listing's HTML, through the `listing.html.j2` template."""
        renderer = self.site.renderer
        covers = []
        if query.layout == "covers":
            for index, review in enumerate(reviews):
                href = relative_url(self.site.files[review.src_uri], page_url)
                covers.append(
                    {
                        "review": review,
                        "href": href,
                        "cover": renderer.cover(review, page_url),
                        "badge": renderer.badge(review),
                        "eager": eager and index < EAGER_COVERS,
                    }
                )
        cards: list[Markup] = (
            self.site.cards(reviews, page_url, eager=eager) if query.layout == "cards" else []
        )
        return renderer.env.get_template("listing.html.j2").render(
            layout=query.layout, covers=covers, cards=cards
        )


def _keep(reviews: Sequence[Review], members: Iterable[Review]) -> list[Review]:
    """`reviews`, in their order, that are among `members`."""
    wanted = {review.src_uri for review in members}
    return [review for review in reviews if review.src_uri in wanted]


def _choice(value: str, choices: Sequence[str]) -> str | None:
    """A choice as a person may write it: any case, singular or plural ("cover", "Covers")."""
    folded = value.casefold()
    for choice in choices:
        if folded in (choice, choice.rstrip("s"), choice + "s"):
            return choice
    return None


_EXAMPLES = {"recent": "recent=12", "limit": "limit=6", "sort": "sort=score", "as": "as=covers"}


def _example(key: str) -> str:
    return FILTERS[key].example if key in FILTERS else _EXAMPLES[key]
