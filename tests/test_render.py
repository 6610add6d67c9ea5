"""Rendering: relative links, the badge, the header, escaping."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from mkdocs_bookreviews.model import Cover, Review
from mkdocs_bookreviews.render import (
    Links,
    Renderer,
    escape_theme_meta,
    has_own_heading,
    make_environment,
    mark_quotes,
    relative_url,
)

LINKS = Links(
    files={"reviews/covers/x.svg": "reviews/covers/x.svg"},
    genres={"sci-fi": ("Sci-Fi", "genres/sci-fi/")},
)


def renderer(scale: int = 5) -> Renderer:
    return Renderer(make_environment(), scale=scale, links=LINKS)


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("reviews/x/", ""),
        ("reviews/covers/x.svg", "reviews/x/"),
        ("reviews/covers/x.svg", "reviews/x.html"),
        ("genres/sci-fi/", "reviews/classics/emma/"),
        ("genres/", "genres/sci-fi/"),
        ("index.html", "genres/sci-fi.html"),
        ("reviews/x/", "reviews/x/"),
    ],
)
def test_relative_url_matches_mkdocs(url: str, base: str) -> None:
    assert relative_url(url, base) == get_relative_url(url, base)


segments = st.lists(st.sampled_from(["a", "b", "c.html", "d.svg", "e"]), max_size=4)


@given(segments, segments, st.booleans(), st.booleans())
def test_relative_url_agrees_with_mkdocs(
    target: list[str], base: list[str], slash_t: bool, slash_b: bool
) -> None:
    url = "/".join(target) + ("/" if slash_t and target else "")
    page = "/".join(base) + ("/" if slash_b and base else "")
    assert relative_url(url, page) == get_relative_url(url, page)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_badge() -> None:
    badge = soup(renderer().badge(Review("r.md", "T", score=3.25))).select_one(".bookreviews-badge")
    assert badge is not None
    assert (badge["role"], badge["aria-label"]) == ("img", "Rated 3.25 out of 5")
    fill = badge.select_one(".bookreviews-stars-fill")
    assert fill is not None and fill["style"] == "width: 65%"
    assert badge.get_text() == "3.25/5"
    ten = soup(renderer(10).badge(Review("r.md", "T", score=8))).select_one(".bookreviews-badge")
    assert ten is not None and ten["aria-label"] == "Rated 8 out of 10"
    assert renderer().badge(Review("r.md", "T")) == ""


def test_header_escapes_and_links() -> None:
    review = Review(
        "reviews/x.md",
        "<script>alert(1)</script>",
        author='Ann "the" <b>Bold</b>',
        score=4,
        cover=Cover(src_uri="reviews/covers/x.svg"),
        genres=("sci fi", "Unlinked"),
    )
    html = soup(renderer().header(review, "reviews/x/"))
    assert html.find("script") is None and html.find("b") is None
    title = html.select_one("h1.bookreviews-title")
    assert title is not None and title.get_text() == "<script>alert(1)</script>"
    img = html.select_one("img.bookreviews-cover")
    assert img is not None
    assert img["alt"] == 'Cover of <script>alert(1)</script> by Ann "the" <b>Bold</b>'
    assert (img["src"], img["loading"]) == ("../covers/x.svg", "lazy")
    genres = [(a.get_text(), a.get("href")) for a in html.select(".bookreviews-genre")]
    assert genres == [("Sci-Fi", "../../genres/sci-fi/"), ("Unlinked", None)]
    flat = soup(renderer().header(review, "reviews/x.html", heading=False))
    assert flat.find("h1") is None
    img = flat.select_one("img")
    assert img is not None and img["src"] == "covers/x.svg"


def test_mark_quotes_only_bare_blockquotes() -> None:
    html = '<blockquote>\n<p>a</p>\n</blockquote><blockquote class="x">b</blockquote>'
    assert mark_quotes(html) == (
        '<blockquote class="bookreviews-quote">\n<p>a</p>\n</blockquote>'
        '<blockquote class="x">b</blockquote>'
    )


def test_escape_theme_meta() -> None:
    meta: dict[str, Any] = {"title": "<i>x</i>", "author": ["<a>", "b"], "hide": ["toc"]}
    escape_theme_meta(meta, Review("r.md", "<i>x</i>", author="<a> and b"), ("title", "author"))
    assert meta == {
        "title": Markup("&lt;i&gt;x&lt;/i&gt;"),
        "author": Markup("&lt;a&gt; and b"),
        "hide": ["toc"],
    }
    assert isinstance(meta["title"], Markup)


def test_has_own_heading() -> None:
    assert has_own_heading('<h1 id="x">T</h1>')
    assert has_own_heading("<p>a</p><h1>T</h1>")
    assert not has_own_heading("<h2>T</h2><header>x</header>")
