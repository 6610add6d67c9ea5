"""Listings in a user's own pages: `<!-- bookreviews ... -->` markers, built by real MkDocs."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.listings import parse_options

from .conftest import COVER_SVG, Site, review

LIBRARY = {
    "reviews/dune.md": review(
        "Dune", "Frank Herbert", score=4.5, date="2025-03-02", genre=["Sci-Fi", "Classics"],
        image="./covers/dune.svg",
    ),
    "reviews/klara.md": review(
        "Klara and the Sun", "Kazuo Ishiguro", score=3.75, date="2024-11-20", genre=["Sci-Fi"],
    ),
    "reviews/remains.md": review(
        "The Remains of the Day", "Kazuo Ishiguro", score=5, date="2024-02", genre=["Fiction"],
    ),
    "reviews/nested/emma.md": review(
        "Emma", "Jane Austen", score=2.5, date="2023-06", genre=["Classics", "Romance"],
    ),
    "reviews/odd.md": review(
        '<b>Bold</b> & "Quoted"', "Ann O'Neil", score=1, date="2022", genre=["Sci-Fi"],
    ),
    "reviews/covers/dune.svg": COVER_SVG,
}  # fmt: skip
NEWEST_FIRST = ["Dune", "Klara and the Sun", "The Remains of the Day", "Emma"]


def body(site: Site, src_uri: str) -> Tag:
    """The page's content (Material's article, or MkDocs' own main column)."""
    soup = site.soup(src_uri)
    found = soup.select_one("article.md-content__inner") or soup.select_one('[role="main"]')
    assert found is not None
    return found


def row_titles(page: Tag) -> list[str]:
    """The titles of the page's listings' rows (not a review's onward links)."""
    return [s.get_text() for s in page.select(".bookreviews-listing .bookreviews-cover-row-title")]


def card_titles(page: Tag) -> list[str]:
    return [a.get_text() for a in page.select(".bookreviews-card-title")]


def target(site: Site, src_uri: str, href: str) -> Path:
    """The file a relative href on a page resolves to."""
    page = site.page_path(src_uri)
    path = Path(posixpath.normpath(page.parent.joinpath(href).as_posix()))
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def test_recent_reviews_as_a_row_of_covers(build_site: Any) -> None:
    site = build_site(
        {**LIBRARY, "index.md": "# Home\n\n<!-- bookreviews recent=4 as=covers -->\n\nAfter.\n"},
        strict=True,
    )
    page = body(site, "index.md")
    assert row_titles(page) == NEWEST_FIRST
    items = page.select(".bookreviews-cover-row > li")
    # Cover and title are one link; the badge says the score.
    link = items[0].a
    assert link is not None and link.img is not None and link.get_text() == "Dune"
    assert items[1].select_one(".bookreviews-cover-none") is not None  # drawn: no cover file
    labels = [
        str(badge["aria-label"])
        for badge in page.select(".bookreviews-cover-row .bookreviews-badge")
    ]
    assert labels == [
        "Rated 4.5 out of 5",
        "Rated 3.75 out of 5",
        "Rated 5 out of 5",
        "Rated 2.5 out of 5",
    ]
    # The marker is gone, the text around it stays.
    assert "bookreviews recent" not in str(page)
    assert page.find("p", string="After.") is not None


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_are_relative_to_the_page_at_the_root_and_nested(
    build_site: Any, directory_urls: bool
) -> None:
    marker = "<!-- bookreviews recent=5 as=covers -->\n\n<!-- bookreviews genre=Classics -->\n"
    site = build_site(
        {**LIBRARY, "index.md": marker, "lists/deep/more.md": "# More\n\n" + marker},
        use_directory_urls=directory_urls,
    )
    for src_uri in ("index.md", "lists/deep/more.md"):
        page = body(site, src_uri)
        links = [a["href"] for a in page.select(".bookreviews-cover-row a")]
        links += [a["href"] for a in page.select(".bookreviews-card a")]
        links += [
            img["src"] for img in page.select(".bookreviews-cover-row img, .bookreviews-card img")
        ]
        assert len(links) == 5 + 2 + 2  # five in the row, two cards, two covers
        for link in links:
            assert not str(link).startswith("/"), link
            assert target(site, src_uri, str(link)).is_file(), (src_uri, link)
        assert target(site, src_uri, str(links[0])) == site.page_path("reviews/dune.md")


def test_genre_author_and_year_as_people_write_them(build_site: Any) -> None:
    markers = [
        '<!-- bookreviews genre="sci fi" -->',  # one genre however spelt
        "<!-- bookreviews author='Ishiguro, Kazuo' -->",  # family name first
        "<!-- bookreviews year=2024 -->",
        '<!-- bookreviews genre="Sci-Fi" year=2024 as=covers -->',  # filters combine
        "<!--BookReviews: genres = Classics  layout = Cover-->",  # aliases, no spaces, any case
    ]
    site = build_site({**LIBRARY, "index.md": "\n\n".join(markers) + "\n"}, strict=True)
    page = body(site, "index.md")
    groups = [
        [t.get_text() for t in g.select(".bookreviews-card-title, .bookreviews-cover-row-title")]
        for g in page.select(".bookreviews-cards, .bookreviews-cover-row")
    ]
    assert groups == [
        ["Dune", "Klara and the Sun", '<b>Bold</b> & "Quoted"'],
        ["Klara and the Sun", "The Remains of the Day"],
        ["Klara and the Sun", "The Remains of the Day"],
        ["Klara and the Sun"],
        ["Dune", "Emma"],
    ]


def test_sort_and_limit(build_site: Any) -> None:
    markers = [
        "<!-- bookreviews sort=score limit=3 -->",
        "<!-- bookreviews sort=title -->",
        "<!-- bookreviews recent=3 sort=score -->",  # the three newest, best first
    ]
    site = build_site({**LIBRARY, "index.md": "\n\n".join(markers) + "\n"})
    page = body(site, "index.md")
    groups = [card_titles(g) for g in page.select(".bookreviews-cards")]
    assert groups == [
        ["The Remains of the Day", "Dune", "Klara and the Sun"],
        ['<b>Bold</b> & "Quoted"', "Dune", "Emma", "Klara and the Sun", "The Remains of the Day"],
        ["The Remains of the Day", "Dune", "Klara and the Sun"],
    ]


def test_only_the_first_listing_loads_its_first_covers_at_once(build_site: Any) -> None:
    docs: dict[str, str | bytes] = {"index.md": ""}
    for n in range(10):
        docs[f"r/{n}.md"] = review(f"Book {n}", date=f"2020-{n + 1:02}", image=f"c{n}.svg")
        docs[f"r/c{n}.svg"] = COVER_SVG
    docs["index.md"] = "<!-- bookreviews as=covers -->\n\n<!-- bookreviews -->\n"
    site = build_site(docs)
    page = body(site, "index.md")
    row = [img["loading"] for img in page.select(".bookreviews-cover-row img")]
    assert row == ["eager"] * 6 + ["lazy"] * 4
    cards = [img["loading"] for img in page.select(".bookreviews-card img")]
    assert cards == ["lazy"] * 10


def test_everything_is_escaped(build_site: Any) -> None:
    site = build_site(
        {**LIBRARY, "index.md": '<!-- bookreviews author="Ann O\'Neil" as=covers -->\n'},
        strict=True,
    )
    page = body(site, "index.md")
    assert row_titles(page) == ['<b>Bold</b> & "Quoted"']
    assert page.select(".bookreviews-cover-row b") == []


MISTAKES = [
    ('genre="Sci Fyi"', "no review has the genre 'Sci Fyi'; did you mean 'Sci-Fi'?"),
    ('author="Kazuo Ishigur"', "no review is by 'Kazuo Ishigur'; did you mean 'Kazuo Ishiguro'?"),
    ("year=2019", "no review was read in 2019; years read: 2022, 2023, 2024, 2025"),
    ("recent=twelve", "recent=twelve is not a whole number from 1; write recent=12"),
    ("limit=0", "limit=0 is not a whole number from 1; write limit=6"),
    (
        "colour=red",
        "'colour' is not an option; use recent, limit, status, genre, author, series, year, "
        "sort or as",
    ),
    ("sort=best", "sort=best is not one of recent, score or title"),
    ("as=grid", "as=grid is not one of cards or covers"),
    ("genre", 'genre needs a value, like genre="Science Fiction"'),
    ("year=2024 year=2025", "year is given twice; keep one"),
]


@pytest.mark.parametrize(("options", "fix"), MISTAKES)
def test_a_wrong_marker_gives_one_warning_and_stays_a_comment(
    build_site: Any, options: str, fix: str
) -> None:
    marker = f"<!-- bookreviews {options} -->"
    site = build_site({**LIBRARY, "lists/home.md": f"# Home\n\n{marker}\n\nText.\n"})
    assert site.warnings == [f"bookreviews: lists/home.md: {marker}: {fix}"]
    page = body(site, "lists/home.md")
    assert page.select(".bookreviews-cards, .bookreviews-cover-row, .bookreviews-empty") == []
    assert page.find("p", string="Text.") is not None


def test_a_wrong_marker_fails_a_strict_build(build_site: Any) -> None:
    with pytest.raises(Abort):
        build_site({**LIBRARY, "index.md": "<!-- bookreviews genre=Poetry -->\n"}, strict=True)


def test_markers_shown_as_code_are_not_expanded(build_site: Any) -> None:
    marker = "<!-- bookreviews recent=2 -->"
    text = (
        f"Inline `{marker}` code.\n\n"
        f"```markdown\n{marker}\n```\n\n"
        f"    {marker}\n\n"
        "~~~\n<!-- bookreviews colour=red -->\n~~~\n"
    )
    site = build_site({**LIBRARY, "index.md": text}, strict=True)
    page = body(site, "index.md")
    assert page.select(".bookreviews-cards, .bookreviews-cover-row") == []
    shown = [code.get_text() for code in page.find_all("code")]
    assert shown == [marker, marker + "\n", marker + "\n", "<!-- bookreviews colour=red -->\n"]


def test_a_marker_inside_text_or_a_list_is_still_a_listing(build_site: Any) -> None:
    text = (
        "Before <!-- bookreviews recent=1 --> after.\n\n"
        "Alone in a paragraph\n<!-- bookreviews recent=1 as=covers -->\n\n"
        "- <!-- bookreviews recent=2 as=covers -->\n- second item\n\n"
        "   <!-- bookreviews recent=1 -->\n"  # indented less than code
        "\n## Lately <!-- bookreviews recent=1 as=covers -->\n\nThe end.\n"  # in a heading
    )
    site = build_site({**LIBRARY, "index.md": text}, strict=True)
    page = body(site, "index.md")
    listings = page.select(".bookreviews-cards, .bookreviews-cover-row")
    assert len(listings) == 5
    assert [
        getattr(listing.find_parent(["p", "li", "article", "h2"]), "name", None)
        for listing in listings
    ] == ["article", "article", "li", "article", "article"]
    # A marker in a heading: the listing comes right after the heading.
    heading = page.find("h2")
    assert heading is not None and heading.get_text().strip() == "Lately"
    following = heading.find_next_sibling()
    assert following is not None and following.select_one(".bookreviews-cover-row") is not None
    # Block content never ends up inside a paragraph; the text around it stays, in order.
    assert [p.get_text() for p in page.find_all("p")] == [
        "Before ",
        " after.",
        "Alone in a paragraph",
        "The end.",
    ]
    assert page.select("p:empty") == []


def test_an_empty_selection_says_so(build_site: Any) -> None:
    site = build_site(
        {**LIBRARY, "index.md": "<!-- bookreviews genre=Romance year=2025 as=covers -->\n"},
        strict=True,
    )
    assert body(site, "index.md").select_one(".bookreviews-empty") is not None


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_mkdocs_own_themes(build_site: Any, theme: str) -> None:
    text = "# Home\n\n<!-- bookreviews recent=2 as=covers -->\n\n<!-- bookreviews recent=2 -->\n"
    site = build_site({**LIBRARY, "index.md": text}, theme=theme, strict=True)
    page = body(site, "index.md")
    assert row_titles(page) == NEWEST_FIRST[:2]
    assert card_titles(page) == NEWEST_FIRST[:2]


def test_a_review_page_can_hold_a_listing_too(build_site: Any) -> None:
    docs = dict(LIBRARY)
    docs["reviews/dune.md"] = str(docs["reviews/dune.md"]) + (
        "\nMore by him:\n\n<!-- bookreviews author='Kazuo Ishiguro' as=covers -->\n"
    )
    site = build_site(docs, strict=True)
    soup = site.soup("reviews/dune.md")
    assert soup.select_one(".bookreviews-header") is not None
    assert row_titles(soup) == ["Klara and the Sun", "The Remains of the Day"]
    assert target(
        site,
        "reviews/dune.md",
        str(soup.select(".bookreviews-listing .bookreviews-cover-row a")[0]["href"]),
    ) == (site.page_path("reviews/klara.md"))


def test_parse_options_reads_what_people_write() -> None:
    query, problems = parse_options(" Recent = 12 AS=Covers genre=“Science Fiction” sort:score ")
    assert problems == []
    assert (query.recent, query.layout, query.filters["genre"], query.sort) == (
        12, "covers", "Science Fiction", "score",
    )  # fmt: skip
    assert parse_options("recent=" + "9" * 5000)[1] == [
        f"recent={'9' * 57}... is not a whole number from 1; write recent=12"  # cut: one line
    ]
    assert parse_options("recent=²")[1] == [
        "recent=² is not a whole number from 1; write recent=12"
    ]


def test_material_search_leaves_the_listing_out(build_site: Any) -> None:
    """Searching a title finds the review, not every page that lists it."""
    text = "# Home\n\nWelcome.\n\n<!-- bookreviews recent=3 as=covers -->\n"
    site = build_site({**LIBRARY, "index.md": text})
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    home = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == "")
    assert "Welcome." in home
    assert "Dune" not in home and "Klara" not in home


def test_markers_inside_raw_html_are_left_as_they_are(build_site: Any) -> None:
    """A marker in an attribute, a script's string, a textarea, a style or a `<pre>` is text
    (or a comment) there: expanding it would break the tag, the script or show as source."""
    marker = "<!-- bookreviews recent=3 -->"
    text = (
        "# Home\n\n"
        f'<p><img src="covers/x.svg" alt="{marker}" title=\'{marker}\'></p>\n\n'
        f'<script>const shown = "{marker}";</script>\n\n'
        f"<textarea>{marker}</textarea>\n\n"
        f"<style>/* {marker} */</style>\n\n"
        f"<pre>{marker}</pre>\n\n"
        "After.\n"
    )
    site = build_site({**LIBRARY, "index.md": text}, strict=True)
    page = body(site, "index.md")
    assert page.select(".bookreviews-cards, .bookreviews-cover-row, .bookreviews-empty") == []
    img = page.find("img")
    assert img is not None and (img["alt"], img["title"]) == (marker, marker)
    script = page.find("script")
    assert script is not None and script.get_text() == f'const shown = "{marker}";'
    textarea = page.find("textarea")
    assert textarea is not None and textarea.decode_contents() == marker
    assert page.find("p", string="After.") is not None


def test_a_marker_without_spaces_is_a_listing(build_site: Any) -> None:
    text = "<!--bookreviews-->\n\n<!--bookreviews recent=2 as=covers-->\n"
    site = build_site({**LIBRARY, "index.md": text}, strict=True)
    page = body(site, "index.md")
    assert card_titles(page) == [*NEWEST_FIRST, '<b>Bold</b> & "Quoted"']
    assert row_titles(page) == NEWEST_FIRST[:2]


@pytest.mark.parametrize(
    ("comment", "fix"),
    [
        ("<!-- bookreview recent=3 -->", "<!-- bookreviews recent=3 -->"),
        ("<!--BookReview-->", "<!-- bookreviews -->"),
        ("<!-- book-reviews as=covers -->", "<!-- bookreviews as=covers -->"),
        ("<!-- bokreviews recent=3 -->", "<!-- bookreviews recent=3 -->"),
        ("<!-- bookreviews_recent=3 -->", "<!-- bookreviews recent=3 -->"),
    ],
)
def test_a_comment_that_is_nearly_a_marker_gives_one_warning(
    build_site: Any, comment: str, fix: str
) -> None:
    # Other comments, even about book reviews, are no concern of the plugin's.
    others = "<!-- TODO: books -->\n\n<!-- book reviews below -->\n\n<!-- reviews -->\n\n"
    site = build_site({**LIBRARY, "index.md": f"# Home\n\n{others}{comment}\n\nText.\n"})
    assert site.warnings == [
        f"bookreviews: index.md: {comment}: is not a listing marker; write {fix}"
    ]
    assert body(site, "index.md").select(".bookreviews-cards, .bookreviews-cover-row") == []


def test_marker_warnings_show_control_characters_escaped(build_site: Any) -> None:
    marker = "<!-- bookreviews colour=\x1b[31mred genre=\x1b[2J -->"
    site = build_site({**LIBRARY, "index.md": f"# Home\n\n{marker}\n"})
    assert len(site.warnings) == 1
    warning = site.warnings[0]
    assert "\x1b" not in warning and warning.isprintable()
    assert "colour=\\x1b[31mred" in warning


def test_many_markers_cost_time_in_proportion(tmp_path: Path) -> None:
    """Each marker is found in one pass over the page: 5,000 markers build within twice
    MkDocs' own time plus a second (the attack benchmark's bound), in CPU seconds. Each lists
    nothing (a short "No reviews here yet."), so the time measured is finding the markers."""
    from .test_attacks import build_in_child

    marker = "<!-- bookreviews genre=Fiction year=2023 -->"
    markers = "".join(f"Text {n}.\n\n{marker}\n\n" for n in range(5000))
    docs: dict[str, str | bytes] = {
        "index.md": markers,
        "a.md": review("A", date="2024-01", genre=["Fiction"]),
        "b.md": review("B", date="2023-01", genre=["Poetry"]),
    }
    alone = build_in_child(tmp_path / "off", docs, plugin=False)
    with_plugin = build_in_child(tmp_path / "on", docs, plugin=True)
    assert alone.error is None and with_plugin.error is None, with_plugin.error
    assert with_plugin.warnings == []
    assert " ".join(with_plugin.pages["index.html"]).count("No reviews here yet.") == 5000
    assert with_plugin.cpu_seconds <= 2 * alone.cpu_seconds + 1, (
        with_plugin.cpu_seconds,
        alone.cpu_seconds,
    )
