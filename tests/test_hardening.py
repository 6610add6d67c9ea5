"""Hand-picked bad input, built for real: a warning naming file and field, never a crash."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mkdocs.exceptions import Abort

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
