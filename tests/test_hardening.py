"""Hand-picked bad input, built for real: a warning naming file and field, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.cli import main

from .conftest import COVER_SVG, Site, review

Build = Callable[..., Site]


def words(site: Site, src_uri: str) -> str:
    main = site.soup(src_uri).select_one("article, [role=main]")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def test_not_utf8_is_shown_mended_with_a_warning(build_site: Build) -> None:
    text = review("Caf\xe9 Society", "A. Writer", body="Une critique tr\xe8s longue.\n")
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "r.md": text.encode("latin-1")}
    site = build_site(docs)
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith("bookreviews: r.md: is not UTF-8 text")
    body = words(site, "r.md")
    assert "Caf\ufffd Society" in body
    assert "critique tr\ufffds longue." in body


def test_empty_file_and_header_only_file(build_site: Build) -> None:
    site = build_site({"index.md": "# Home\n", "empty.md": "", "bare.md": "---\n---\n"})
    assert site.warnings == []
    assert site.soup("empty.md").select_one(".bookreviews-header") is None


def test_review_with_only_a_score(build_site: Build) -> None:
    site = build_site({"index.md": "# Home\n", "reviews/lone-score.md": "---\nscore: 4\n---\n"})
    assert sorted(site.warnings) == [
        "bookreviews: reviews/lone-score.md: author is missing; add `author:` to the front matter",
        "bookreviews: reviews/lone-score.md: title is missing; add `title:` to the front matter",
    ]
    header = site.soup("reviews/lone-score.md").select_one(".bookreviews-header")
    assert header is not None
    title = header.select_one(".bookreviews-title")
    assert title is not None and title.get_text() == "Lone score"
    badge = header.select_one(".bookreviews-badge")
    assert badge is not None and badge["aria-label"] == "Rated 4 out of 5"


def test_invalid_yaml_names_the_line(build_site: Build) -> None:
    page = "---\ntitle: 'Dune'\nauthor: Frank Herbert\nscore: [4\n---\n\nStill here.\n"
    site = build_site({"index.md": "# Home\n", "dune.md": page})
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith("bookreviews: dune.md: front matter is not valid YAML")
    assert "(line 5)" in site.warnings[0]
    assert "Still here." in words(site, "dune.md")


def test_genres_that_slug_alike_share_one_page(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "a.md": review("A", "X", genre=["Sci-Fi"]),
        "b.md": review("B", "X", genre=["sci fi"]),
        "c.md": review("C", "X", genre=["Sci\u2011Fi"]),
        "d.md": review("D", "X", genre=["Sci-Fi", "日本文学"]),
    }
    site = build_site(docs, strict=True)
    page = site.soup("genres/sci-fi.md")
    heading = page.select_one(".bookreviews-listing h1")
    assert heading is not None and heading.get_text() == "Sci-Fi"
    assert len(page.select(".bookreviews-card")) == 4
    overview = site.soup("genres/index.md")
    names = [
        n.get_text() for n in overview.select(".bookreviews-genre-list .bookreviews-genre-name")
    ]
    assert names == ["Sci-Fi", "日本文学"]
    hrefs = [str(a["href"]) for a in overview.select(".bookreviews-genre-list a")]
    assert hrefs[1].startswith("genre-") and site.page_path(f"genres/{hrefs[1][:-1]}.md").is_file()


def test_reviews_without_genres_say_so(build_site: Build) -> None:
    site = build_site({"index.md": "# Home\n", "a.md": review("A", "X")}, strict=True)
    empty = site.soup("genres/index.md").select_one(".bookreviews-empty")
    assert empty is not None and "No genres yet" in empty.get_text()


@pytest.mark.parametrize(
    ("image", "found"),
    [
        ("/home/me/covers/x.jpg", "does not exist"),
        ("file:///etc/passwd", "is not a file in docs_dir or an http(s) URL"),
        ("javascript:alert(1)", "is not a file in docs_dir or an http(s) URL"),
        ("data:image/png;base64,AAAA", "is not a file in docs_dir or an http(s) URL"),
        ("../../outside.jpg", "points outside docs_dir"),
    ],
)
def test_refused_covers(build_site: Build, image: str, found: str) -> None:
    site = build_site({"index.md": "# Home\n", "reviews/r.md": review(image=image)})
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith(f"bookreviews: reviews/r.md: image '{image}' {found}")
    assert site.soup("reviews/r.md").select_one(".bookreviews-header img") is None


def test_http_cover_is_kept_and_escaped(build_site: Build) -> None:
    url = 'https://covers.example/x.jpg?a=1&b="><b>'
    site = build_site({"index.md": "# Home\n", "r.md": review(image=url)}, strict=True)
    img = site.soup("r.md").select_one("img.bookreviews-cover")
    assert img is not None and img["src"] == url
    assert site.soup("r.md").select_one(".bookreviews-header b") is None


@pytest.mark.parametrize(
    "page",
    [
        review(score="four"),
        review(score=9),
        review(year="soon"),
        review(month="Smarch"),
        review(image="missing.jpg"),
        review(genre={"a": 1}),
        review(title=None),
        "---\nscore: 4\ntitle: Dune: Messiah\n---\n",
    ],
)
def test_strict_fails_on_every_warning(build_site: Build, page: str) -> None:
    with pytest.raises(Abort):
        build_site({"index.md": "# Home\n", "r.md": page}, strict=True)


def test_strict_passes_on_a_clean_library(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "r.md": review(image="c.svg", genre=["Fiction"], year=2025, month="May"),
        "c.svg": COVER_SVG,
    }
    assert build_site(docs, strict=True).warnings == []


# --- Issue 9: each finding of the attack on the landed plugin ---------------------------


def test_nav_auto_counts_genre_pages_not_only_reviews(build_site: Build) -> None:
    # Three reviews, 150 genres: 154 pages would join MkDocs' nav, over a limit of 100.
    docs: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i in range(3):
        names = [f"Genre {i}-{n}" for n in range(50)]
        docs[f"reviews/r{i}.md"] = review(f"Book {i}", "X", genre=names)
    site = build_site(docs, plugin={"nav_limit": 100}, strict=True)
    titles = [" ".join(a.get_text().split()) for a in site.soup("index.md").select("nav a")]
    assert "Book 0" not in titles and "Genre 0-0" not in titles
    assert "Genres" in titles
    assert site.page_path("genres/genre-2-49.md").is_file()


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_search_index_titles_suit_the_theme_that_shows_them(build_site: Build, theme: str) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "ender.md": review("Ender's Game", "Orson Scott Card", genre=["R&B <Noir>"]),
        "pride.md": review("Pride & Prejudice", "Jane Austen"),
    }
    site = build_site(docs, theme=theme, strict=True)
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    if theme == "material":  # Material shows a result's title as HTML
        assert titles["ender/"] == "Ender&#39;s Game"
        assert titles["pride/"] == "Pride &amp; Prejudice"
    else:  # MkDocs' own search escapes the title when it shows it: the index holds text
        assert titles["ender/"] == "Ender's Game"
        assert titles["pride/"] == "Pride & Prejudice"
        assert titles["genres/"] == "Genres"
    # Wherever the theme prints the title itself, it is escaped once: it reads as written.
    page = site.soup("pride.md")
    assert page.title is not None and page.title.get_text().startswith("Pride & Prejudice")
    assert page.select_one("r-b") is None and "<Noir>" in site.soup("ender.md").get_text()


def test_emoji_in_genre_names_keep_their_pages(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "a.md": review("A", "X", genre=["Fantasy 🐉", "📚", "\uff37\uff49\uff44\uff45"]),
    }
    site = build_site(docs, strict=True)
    headings = {}
    for path in sorted((site.site_dir / "genres").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        heading = soup.select_one(".bookreviews-listing h1")
        assert heading is not None
        headings[heading.get_text()] = soup.title.get_text() if soup.title else ""
    assert set(headings) == {"Fantasy 🐉", "📚", "\uff37\uff49\uff44\uff45"}
    assert all(title.startswith(name) for name, title in headings.items())
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("genres/fantasy")]


def test_genres_that_differ_in_symbols_stay_apart(build_site: Build) -> None:
    names = ["C++", "C#", "C", "F#", "R&B", "R-B", "r b", "Ciência", "Ciencia"]
    docs: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i, name in enumerate(names):
        docs[f"r{i}.md"] = review(f"Book {i}", "X", genre=[name])
    site = build_site(docs, strict=True)
    overview = site.soup("genres/index.md")
    listed = {
        tile_name.get_text(): str(a["href"])
        for a in overview.select(".bookreviews-genre-list a")
        if (tile_name := a.select_one(".bookreviews-genre-name")) is not None
    }
    # R-B and "r b" differ only in spacing and hyphen: one genre, named after the first.
    assert sorted(listed) == sorted(["C++", "C#", "C", "F#", "R&B", "R-B", "Ciência", "Ciencia"])
    assert listed["C++"] == "c-plus-plus/" and listed["C#"] == "c-sharp/"
    assert listed["C"] == "c/" and listed["F#"] == "f-sharp/" and listed["R&B"] == "r-and-b/"
    assert listed["R-B"] == "r-b/" and listed["Ciencia"] == "ciencia/"
    assert listed["Ciência"].startswith("ciencia-")
    for i, name in enumerate(names):
        chips = [a.get_text() for a in site.soup(f"r{i}.md").select(".bookreviews-genre")]
        assert chips == [name]  # as the review writes it


def test_covers_must_be_published_images(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/.hidden.jpg": COVER_SVG,
        "reviews/notes.txt": "notes",
        "reviews/dot.md": review("Dot", "X", image="./.hidden.jpg"),
        "reviews/txt.md": review("Txt", "X", image="./notes.txt"),
        "reviews/page.md": review("Page", "X", image="../index.md"),
        "reviews/tab.md": review("Tab", "X", image="covers/a\tb.jpg"),
    }
    site = build_site(docs)
    assert sorted(site.warnings) == [
        "bookreviews: reviews/dot.md: image './.hidden.jpg' is a hidden file, which MkDocs "
        "does not publish; rename the cover (or its folder) so it does not start with a dot",
        "bookreviews: reviews/page.md: image '../index.md' is not an image file; point to the "
        "cover's .jpg, .png, .webp, .gif, .avif or .svg file",
        "bookreviews: reviews/tab.md: image 'covers/a\\tb.jpg' does not exist (looked for "
        "'docs_dir/reviews/covers/a\\tb.jpg'); check the file name, or write the path relative "
        "to this page",
        "bookreviews: reviews/txt.md: image './notes.txt' is not an image file; point to the "
        "cover's .jpg, .png, .webp, .gif, .avif or .svg file",
    ]
    for name in ("dot", "txt", "page", "tab"):
        assert site.soup(f"reviews/{name}.md").select_one(".bookreviews-header img") is None


def test_unclosed_headers_and_duplicate_keys_are_named(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "open.md": "---\ntitle: Open\nauthor: X\nscore: 4\n\nThe text.\n",
        "open-page.md": "---\ntitle: Not a review\n\nJust a page after a rule.\n",
        "twice.md": "---\ntitle: One\nauthor: X\nscore: 4\ntitle: Two\n---\n\nText.\n",
    }
    site = build_site(docs)
    assert sorted(site.warnings) == [
        "bookreviews: open.md: front matter has no closing `---` line; the page is shown as a "
        "plain page; add a `---` line after the last field",
        "bookreviews: twice.md: title is given twice in the front matter (lines 2 and 5); "
        "delete one of them (the last one is used)",
    ]
    assert "The text." in words(site, "open.md")
    title = site.soup("twice.md").select_one(".bookreviews-title")
    assert title is not None and title.get_text() == "Two"


def test_a_header_closed_at_the_very_end_of_the_file_is_front_matter(build_site: Build) -> None:
    # Real collections have reviews that are all fields and no words, their closing `---` the
    # file's last bytes. MkDocs' own pattern wants a newline after it; the plugin does not.
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/bare.md": "---\ntitle: Bare\nauthor: X\nscore: 4\n---",
        "reviews/spaces.md": "\ufeff---\ntitle: Spaces\nauthor: X\nscore: 3\n...  ",
        "reviews/open.md": "---\ntitle: Open\nauthor: X\nscore: 4\n",
        # Not reviews: MkDocs shows their header as text, and so it stays.
        "reviews/page.md": "---\ntitle: A page\n---",
        "note.md": "---\ntitle: A note\n---",
    }
    site = build_site(docs, plugin={"reviews_dir": "reviews"})
    unclosed = (
        "reviews/open.md: front matter has no closing `---` line; the page is shown as a plain "
        "page; add a `---` line after the last field"
    )
    assert site.warnings == ["bookreviews: " + unclosed]
    for name, title in (("bare", "Bare"), ("spaces", "Spaces")):
        page = site.soup(f"reviews/{name}.md")
        header = page.select_one(".bookreviews-header .bookreviews-title")
        assert header is not None and header.get_text() == title
        assert "score" not in words(site, f"reviews/{name}.md")
        assert page.title is not None and page.title.get_text().startswith(title)
    for src_uri in ("reviews/page.md", "note.md"):
        assert site.soup(src_uri).select_one(".bookreviews-header") is None
        assert "title: A" in words(site, src_uri)  # as MkDocs alone shows it
    assert "Open" in words(site, "reviews/open.md")
    # `bookreviews check` reads the same files the same way.
    checked = CliRunner().invoke(main, ["check", "-f", str(site.root / "mkdocs.yml")])
    assert checked.exit_code == 1
    assert checked.output.splitlines() == [
        unclosed,
        "2 reviews (0 unrated, 0 DNF), 0 genres, 1 problem",
    ]


def test_cosmetic_findings(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "zero.md": review("Zero", "X", score=-0.0),
        "bidi.md": review("Evil\u202e Title\u200b", "X", genre=["Dra\u200bma\u2066"]),
    }
    site = build_site(docs, strict=True, site_name="Site")
    badge = site.soup("zero.md").select_one(".bookreviews-score")
    assert badge is not None and badge.get_text() == "0/5"
    page = site.soup("bidi.md")
    assert page.title is not None and page.title.get_text() == "Evil Title - Site"
    chips = [a.get_text() for a in page.select(".bookreviews-genre")]
    assert chips == ["Drama"]
