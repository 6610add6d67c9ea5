"""Rendering: relative links, the badge, the header, quotes and escaping."""

from __future__ import annotations

from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs among the test extras
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import assume, given
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from mkdocs_bookreviews.model import Cover, Credit, ReadDate, Review
from mkdocs_bookreviews.render import (
    Links,
    Renderer,
    anchor_heading,
    escape_theme_meta,
    has_own_heading,
    make_environment,
    mark_quotes,
    relative_url,
)

LINKS = Links(
    files={"reviews/covers/x.jpg": "reviews/covers/x.jpg", "covers/y.jpg": "covers/y.jpg"},
    genres={
        "sci-fi": "genres/sci-fi/",
        "historical-fiction": "genres/historical-fiction/",
    },
)
NASTY_TITLE = "<script>alert(1)</script>"
NASTY_AUTHOR = 'Flannery "Mary" O\'Connor & <b>Co</b>'


def renderer(scale: int = 5, links: Links = LINKS) -> Renderer:
    return Renderer(make_environment(), scale=scale, links=links)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def to_html(text: str, extensions: tuple[str, ...] = ()) -> str:
    """Markdown to HTML as MkDocs renders a page body (MkDocs always adds `toc`)."""
    return str(markdown.markdown(text, extensions=list(extensions)))


def one(html: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element `selector` matches."""
    found = html.select(selector)
    assert len(found) == 1, (selector, found)
    return found[0]


# --- relative_url ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("", ""),
        ("", "index.html"),
        ("", "reviews/x/"),
        ("", "reviews/x.html"),
        ("index.html", ""),
        ("index.html", "reviews/x/"),
        ("index.html", "genres/sci-fi.html"),
        ("reviews/x/", ""),
        ("reviews/x/", "index.html"),
        ("reviews/x/", "reviews/x/"),
        ("reviews/x/", "reviews/y/"),
        ("reviews/x.html", "reviews/x.html"),
        ("reviews/x.html", "reviews/y.html"),
        ("reviews/x.html", ""),
        ("reviews/covers/x.jpg", "reviews/x/"),
        ("reviews/covers/x.jpg", "reviews/x.html"),
        ("genres/sci-fi/", "reviews/x/"),
        ("genres/sci-fi/", "reviews/classics/emma/"),
        ("genres/sci-fi/", "genres/sci-fi/"),
        ("genres/", "genres/sci-fi/"),
        ("genres/sci-fi.html", "reviews/classics/emma.html"),
        ("a/b/c/d/", "a/b/x/y/"),
        ("a/b/", "a/b/c/d/"),
        ("a/b/c/d/", "a/b/"),
        ("assets/bookreviews/bookreviews.css", "reviews/classics/emma/"),
        ("/reviews/x/", "/genres/"),
    ],
)
def test_relative_url_matches_mkdocs(url: str, base: str) -> None:
    assert relative_url(url, base) == get_relative_url(url, base)


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("reviews/covers/x.jpg", "reviews/x/", "../covers/x.jpg"),
        ("reviews/covers/x.jpg", "reviews/x.html", "covers/x.jpg"),
        ("genres/sci-fi/", "reviews/x/", "../../genres/sci-fi/"),
        ("reviews/x/", "reviews/x/", "./"),
        ("", "", "."),
    ],
)
def test_relative_url_values(url: str, base: str, expected: str) -> None:
    assert relative_url(url, base) == expected


# "" gives empty segments ("a//b"), "." current-folder ones, and names with a dot make the
# last part of a base a file. Not "..": MkDocs resolves it, but relative_url is only given
# URLs MkDocs has already normalised (File.url, Page.url), which never contain it.
segments = st.lists(st.sampled_from(["a", "b", "x.html", "c.jpg", "v1.2", "", "."]), max_size=4)


def as_url(parts: list[str], leading: bool, trailing: bool) -> str:
    return ("/" if leading else "") + "/".join(parts) + ("/" if trailing and parts else "")


@given(segments, st.booleans(), st.booleans(), segments, st.booleans(), st.booleans())
def test_relative_url_agrees_with_mkdocs(
    target: list[str], lead_t: bool, trail_t: bool, base: list[str], lead_b: bool, trail_b: bool
) -> None:
    url, page = as_url(target, lead_t, trail_t), as_url(base, lead_b, trail_b)
    # MkDocs' posixpath.normpath keeps a leading "//" (POSIX leaves it implementation-defined)
    # and so counts an empty first part; MkDocs never makes a URL that starts with "//".
    assume(not url.startswith("//") and not page.startswith("//"))
    assert relative_url(url, page) == get_relative_url(url, page)


# --- badge ----------------------------------------------------------------------------


def test_badge() -> None:
    badge = one(soup(renderer().badge(Review("r.md", "T", score=3.25))), ".bookreviews-badge")
    assert (badge["role"], badge["aria-label"]) == ("img", "Rated 3.25 out of 5")
    assert one(badge, ".bookreviews-stars-fill")["style"] == "--bookreviews-fill: 67.32%"
    assert one(badge, ".bookreviews-score").get_text() == "3.25/5"
    assert badge.get_text() == "3.25/5"


@pytest.mark.parametrize(
    ("score", "label", "width", "text"),
    [
        (4.0, "Rated 4 out of 5", "--bookreviews-fill: 80%", "4/5"),
        (0.0, "Rated 0 out of 5", "--bookreviews-fill: 0%", "0/5"),
        (5, "Rated 5 out of 5", "--bookreviews-fill: 100%", "5/5"),
        (3.5, "Rated 3.5 out of 5", "--bookreviews-fill: 70%", "3.5/5"),
    ],
)
def test_badge_values(score: float, label: str, width: str, text: str) -> None:
    badge = one(soup(renderer().badge(Review("r.md", "T", score=score))), ".bookreviews-badge")
    assert badge["aria-label"] == label
    assert one(badge, ".bookreviews-stars-fill")["style"] == width
    assert badge.get_text() == text


def test_badge_out_of_ten() -> None:
    badge = one(soup(renderer(10).badge(Review("r.md", "T", score=8))), ".bookreviews-badge")
    assert badge["aria-label"] == "Rated 8 out of 10"
    assert one(badge, ".bookreviews-stars-fill")["style"] == "--bookreviews-fill: 80%"
    assert badge.get_text() == "8/10"


def test_no_score_no_badge() -> None:
    assert renderer().badge(Review("r.md", "T")) == Markup("")


# --- header ---------------------------------------------------------------------------


def nasty_review(**changes: Any) -> Review:
    values: dict[str, Any] = {
        "src_uri": "reviews/x.md",
        "title": NASTY_TITLE,
        "authors": (NASTY_AUTHOR,),
        "reads": (ReadDate(2024, 2),),
        "score": 4,
        "cover": Cover(src_uri="reviews/covers/x.jpg"),
        "genres": ("sci fi", "Unlinked"),
    }
    values.update(changes)
    return Review(**values)


def test_header_escapes_title_and_author() -> None:
    html = soup(renderer().header(nasty_review(), "reviews/x/"))
    assert html.find("script") is None
    assert html.find("b") is None
    assert one(html, "h1.bookreviews-title").get_text() == NASTY_TITLE
    assert one(html, ".bookreviews-author").get_text() == f"by {NASTY_AUTHOR}"
    assert one(html, ".bookreviews-read").get_text() == "Read in February 2024"


def test_header_links_to_any_kind_with_a_header_line() -> None:
    """A kind beyond genres, authors and years (`Kind.header`) gets its links on a line of
    their own, escaped, relative to the page, and only where the kind has that page."""
    links = Links(LINKS.files, series={"a": "series/a/"})
    shown = [("series", lambda review: [("a", NASTY_TITLE), ("missing", "No page")])]
    made = Renderer(make_environment(), scale=5, links=links, header_links=shown)
    line = one(soup(made.header(nasty_review(), "reviews/x/")), "p.bookreviews-kinds")
    assert [(a["href"], a.get_text(), a["class"]) for a in line.find_all("a")] == [
        ("../../series/a/", NASTY_TITLE, ["bookreviews-kind-link", "bookreviews-series-link"])
    ]
    assert not soup(renderer().header(nasty_review(), "reviews/x/")).select(".bookreviews-kinds")


def test_header_cover() -> None:
    img = one(soup(renderer().header(nasty_review(), "reviews/x/")), "img")
    assert img["class"] == ["bookreviews-cover"]
    assert img["alt"] == f"Cover of {NASTY_TITLE} by {NASTY_AUTHOR}"
    assert (img["loading"], img["fetchpriority"]) == ("eager", "high")
    assert img["src"] == "../covers/x.jpg"


def test_cover_alt_without_author() -> None:
    img = one(soup(renderer().header(nasty_review(authors=()), "reviews/x/")), "img")
    assert img["alt"] == f"Cover of {NASTY_TITLE}"


@pytest.mark.parametrize(
    ("page_url", "src"),
    [
        ("reviews/x/", "../covers/x.jpg"),
        ("reviews/x.html", "covers/x.jpg"),
        ("", "reviews/covers/x.jpg"),
        ("genres/sci-fi/", "../../reviews/covers/x.jpg"),
    ],
)
def test_cover_src_is_relative_to_the_page(page_url: str, src: str) -> None:
    assert one(soup(renderer().header(nasty_review(), page_url)), "img")["src"] == src


def test_cover_url_is_kept_and_escaped() -> None:
    url = 'https://covers.test/x.jpg?a=1&b="onerror="alert(1)'
    img = one(soup(renderer().header(nasty_review(cover=Cover(url=url)), "reviews/x/")), "img")
    assert img["src"] == url
    # Only the plugin's own handler (a remote cover that fails swaps to the drawn one).
    assert img.get("onerror") == "this.classList.add('bookreviews-cover-failed')"


def test_cover_file_without_a_url_is_left_out() -> None:
    review = nasty_review(cover=Cover(src_uri="covers/unknown.jpg"))
    assert soup(renderer().header(review, "reviews/x/")).find("img") is None


def test_genre_links_use_the_genre_pages() -> None:
    review = nasty_review(genres=("sci fi", "SCI-FI", "Unlinked", "historical fiction"))
    html = soup(renderer().header(review, "reviews/x/"))
    genres = [
        (tag.name, tag.get_text(), tag.get("href")) for tag in html.select(".bookreviews-genre")
    ]
    # Each genre once (by identity), as this review writes it, linked to the shared page.
    assert genres == [
        ("a", "sci fi", "../../genres/sci-fi/"),
        ("span", "Unlinked", None),
        ("a", "historical fiction", "../../genres/historical-fiction/"),
    ]


def test_genre_links_from_a_file_url() -> None:
    html = soup(renderer().header(nasty_review(), "reviews/x.html"))
    assert one(html, "a.bookreviews-genre")["href"] == "../genres/sci-fi/"


def test_header_without_heading() -> None:
    html = soup(renderer().header(nasty_review(), "reviews/x/", heading=False))
    assert html.find("h1") is None
    assert one(html, ".bookreviews-title").name == "p"
    assert one(html, ".bookreviews-title").get_text() == NASTY_TITLE


def test_header_of_a_bare_review() -> None:
    html = soup(renderer().header(Review("reviews/x.md", "Bare"), "reviews/x/"))
    assert one(html, "h1").get_text() == "Bare"
    for absent in ("img", ".bookreviews-author", ".bookreviews-badge", ".bookreviews-read"):
        assert html.select(absent) == [], absent
    assert html.select(".bookreviews-genre") == []


# --- cards ----------------------------------------------------------------------------


def test_card_is_one_link_with_a_lazy_cover() -> None:
    card = one(soup(renderer().card(nasty_review(), "genres/sci-fi/", "reviews/x/")), "article")
    assert [a["href"] for a in card.find_all("a")] == ["../../reviews/x/"]
    assert one(card, "a.bookreviews-card-title").get_text() == NASTY_TITLE
    img = one(card, "img.bookreviews-card-cover")
    # The card's text names the book; the cover beside it is decoration.
    assert (img["alt"], img["loading"], img.get("fetchpriority")) == ("", "lazy", None)


def test_card_in_the_first_row_loads_its_cover_at_once() -> None:
    card = renderer().card(nasty_review(), "genres/sci-fi/", "reviews/x/", eager=True)
    assert one(soup(card), "img.bookreviews-card-cover")["loading"] == "eager"


def test_card_without_a_cover_draws_one() -> None:
    card = soup(renderer().card(nasty_review(cover=None), "genres/sci-fi/", "reviews/x/"))
    assert card.find("img") is None and card.find("script") is None
    drawn = one(card, ".bookreviews-card-cover.bookreviews-cover-none")
    assert drawn["aria-hidden"] == "true"
    assert one(drawn, ".bookreviews-cover-none-title").get_text() == NASTY_TITLE
    assert one(drawn, ".bookreviews-cover-none-author").get_text() == NASTY_AUTHOR


# --- quotes, theme meta, headings -----------------------------------------------------


def test_mark_quotes_only_bare_blockquotes() -> None:
    html = mark_quotes(
        "<blockquote>\n<p>a</p>\n</blockquote>"
        '<blockquote class="x"><p>b</p></blockquote>'
        '<blockquote id="q"><p>c</p></blockquote>'
        "<blockquote><p>d</p></blockquote>"
    )
    quotes = soup(html).find_all("blockquote")
    assert [
        (quote.get("class"), quote.get("id"), quote.get_text().strip()) for quote in quotes
    ] == [
        (["bookreviews-quote"], None, "a"),
        (["x"], None, "b"),
        (None, "q", "c"),
        (["bookreviews-quote"], None, "d"),
    ]


@pytest.mark.parametrize(
    ("markdown_text", "extensions", "quoted"),
    [
        ("> \u201cI saw a new world coming.\u201d", (), True),
        ('> "Light is the left hand of darkness."', (), True),
        ('> "Light," he said.', ("smarty",), True),  # written as &ldquo;
        ("> \u00abBonjour\u00bb", (), True),
        ("> \u201eGuten Tag\u201c", (), True),
        ("> \u300c\u3053\u3093\u306b\u3061\u306f\u300d", (), True),
        ("> 'Single,' she said.", (), True),
        ("> He, Cromwell.", (), False),
        ("> It ends \u201cthere\u201d.", (), False),
        ("> - a list item", (), False),
    ],
)
def test_mark_quotes_knows_a_quote_that_brings_its_own_mark(
    markdown_text: str, extensions: tuple[str, ...], quoted: bool
) -> None:
    quote = one(soup(mark_quotes(to_html(markdown_text, extensions))), "blockquote")
    expected = ["bookreviews-quote", "bookreviews-quoted"] if quoted else ["bookreviews-quote"]
    assert quote["class"] == expected
    assert quote.get_text().strip() == soup(to_html(markdown_text, extensions)).get_text().strip()


def test_mark_quotes_leaves_other_html_alone() -> None:
    html = "<p>No quotes &lt;blockquote&gt; here</p>"
    assert mark_quotes(html) == html


def test_escape_theme_meta() -> None:
    meta: dict[str, Any] = {
        "title": "<i>x</i>",
        "author": ["<a>", "b"],
        "description": '<img src=x onerror="alert(1)">',
        "hide": ["toc"],
        "score": 4,
    }
    review = Review("r.md", "<i>x</i>", authors=("<a> and b",))
    escape_theme_meta(meta, review)
    assert meta == {
        "title": Markup("&lt;i&gt;x&lt;/i&gt;"),
        "author": Markup("&lt;a&gt; and b"),
        "description": Markup("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"),
        "hide": ["toc"],
        "score": 4,
    }
    assert all(isinstance(meta[key], Markup) for key in ("title", "author", "description"))


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        ((Credit("Alice Wong", "editor"),), "Alice Wong"),
        (
            (Credit("Mara Quill", "reteller"), Credit("Ivo Brush", "illustrator")),
            "Mara Quill, Ivo Brush",
        ),
        ((), None),  # no name was read: the mappings are dropped, never printed as a repr
    ],
)
def test_escape_theme_meta_gives_the_author_as_names(
    credits: tuple[Credit, ...], expected: str | None
) -> None:
    written = [{"name": credit.name, "role": credit.role} for credit in credits] or [{"role": "x"}]
    meta: dict[str, Any] = {"author": written, "writer": list(written)}
    escape_theme_meta(meta, Review("r.md", "T", credits=credits), author_keys=("writer",))
    assert (meta.get("author"), meta.get("writer")) == (expected, expected)


def test_escape_theme_meta_uses_the_review_values() -> None:
    meta: dict[str, Any] = {"name": ["<i>1984</i>"], "writer": "<b>Orwell</b>", "tags": ["<x>"]}
    escape_theme_meta(meta, Review("r.md", "1984"), title_keys=("name",), author_keys=("writer",))
    assert meta == {
        "name": Markup("&lt;i&gt;1984&lt;/i&gt;"),
        "writer": Markup("&lt;b&gt;Orwell&lt;/b&gt;"),
        "title": Markup("1984"),
        "tags": ["<x>"],
    }


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("# T\n\nBody", True),
        ("T\n===\n\nBody", True),
        ("Intro\n\n# T", True),
        ("## T\n\nBody", False),
        ("T\n---\n\nBody", False),
        ("Body with # a hash\n\n    # indented code", False),
        ("`<h1>` in code", False),
    ],
)
def test_has_own_heading(text: str, own: bool) -> None:
    for extensions in ((), ("toc",)):
        html = to_html(text, extensions)
        assert has_own_heading(html) is own, (extensions, html)


def test_has_own_heading_in_raw_html() -> None:
    assert has_own_heading('<h1 id="x">T</h1>')
    assert has_own_heading("<p>a</p><h1>T</h1>")
    assert not has_own_heading("<h2>T</h2><header>x</header><h10>")


def test_has_own_heading_ignores_tag_case() -> None:
    assert has_own_heading(to_html("<H1>T</H1>\n\nBody", ("toc",)))


@pytest.mark.parametrize(
    ("html", "anchored", "anchor"),
    [
        (
            "<div><h1>T</h1><h1>U</h1></div>",
            '<div><h1 id="bookreviews-title">T</h1><h1>U</h1></div>',
            "bookreviews-title",
        ),
        (
            '<h1 class="x">T</h1>',
            '<h1 id="bookreviews-title" class="x">T</h1>',
            "bookreviews-title",
        ),
        ('<h1 class="x" id="mine">T</h1>', None, "mine"),
        ("<H1 ID='mine'>T</H1>", None, "mine"),
        (
            "<h1 data-id=x>T</h1>",
            '<h1 id="bookreviews-title" data-id=x>T</h1>',
            "bookreviews-title",
        ),
        ("<p>no heading</p><h10>odd</h10><h2>T</h2>", None, None),
    ],
)
def test_anchor_heading_gives_the_first_h1_an_id(
    html: str, anchored: str | None, anchor: str | None
) -> None:
    assert anchor_heading(html) == (anchored or html, anchor)
