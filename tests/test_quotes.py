"""The quotes page (a commonplace book), its anchors in reviews and the quote marker, in real
builds: quotes written with straight, curly or no quotation marks, lazy and nested ones, one in
a code fence (no quote) and one marked as no quote; the options; paging; search; `--dirty`."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import markdown  # type: ignore[import-untyped]  # MkDocs' own Markdown, without stubs
import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_bookreviews.quotes import blockquotes, quotes_of, unmarked
from mkdocs_bookreviews.views import quotes as quotes_view

from .conftest import SEED_REVIEW, Site, build_project, review, shared_build
from .test_dirty import mkdocs

MARKS = review(
    "Marks",
    "Ann Author",
    year=2025,
    month=3,
    body=(
        "Before the quotes.\n\n"
        "> \u201cCurly marks around this one.\u201d\n\n"
        'Between.\n\n> "Straight marks around this one."\n\n'
        "Between.\n\n> No marks around this one.\n\n"
        "Between.\n\n> A lazy quote\ngoes on here.\n>\n> > With a quote inside it.\n\n"
        "Code:\n\n```text\n> A line in a fence.\n```\n\n"
        "<!-- bookreviews: not a quote -->\n> A note of mine, not the book's.\n\n"
        'Between.\n\n> She said "yes", and then "no".\n\n'
        "After.\n"
    ),
)
HOSTILE = review(
    "Hostile <b>Title</b>",
    "Bad Author",
    year=2024,
    month=1,
    body=(
        '> Words <script>alert("x")</script> and <b onclick="alert(1)">bold</b> '
        "and [a link](javascript:alert(1)).\n"
    ),
)
NONE = review("No Quotes", "Cal Author", year=2023, body="Nothing quoted here.\n")
PAGE = "# About\n\n<!-- bookreviews quote -->\n\nThe end.\n"
DOCS = {
    "index.md": "# Home\n\n<!-- bookreviews quote -->\n",
    "about.md": PAGE,
    "reviews/marks.md": MARKS,
    "reviews/hostile.md": HOSTILE,
    "reviews/none.md": NONE,
    "reviews/the-time-machine.md": SEED_REVIEW.read_text("utf-8"),
}
SHOWN = [
    # Newest read first: Marks (2025-03), the seed (2025-02), Hostile (2024).
    "Curly marks around this one.",
    "Straight marks around this one.",
    "No marks around this one.",
    "A lazy quote goes on here. With a quote inside it.",
    'She said "yes", and then "no".',
]


def words(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def href(tag: Tag | None) -> str:
    assert tag is not None
    return str(tag["href"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with shared_build(tmp_path_factory.mktemp("quotes"), DOCS) as built:
        yield built


def quotes_on(site: Site, src_uri: str = "quotes/index.md") -> list[tuple[str, str, str]]:
    """Each quote on a quotes page: (its book's title, its words, its link)."""
    found = []
    for book in site.soup(src_uri).select(".bookreviews-quote-book"):
        title = words(book.select_one(".bookreviews-quote-title"))
        for item in book.select(".bookreviews-quote-item"):
            link = item.select_one("a.bookreviews-quote-link")
            found.append((title, words(item.blockquote), href(link)))
    return found


def target_of(site: Site, page_src: str, href: str) -> Tag:
    """The element a link on `page_src` lands on (its page's element with the fragment's id)."""
    path, _, fragment = href.partition("#")
    folder = site.page_path(page_src).parent
    target = (folder / path).resolve() / "index.html"
    soup = BeautifulSoup(target.read_text("utf-8"), "html.parser")
    found = soup.find(id=fragment)
    assert isinstance(found, Tag), href
    return found


def test_quotes_page_shows_every_quote_without_its_own_marks(site: Site) -> None:
    assert len(site.warnings) == 1 and "thetimemachine.jpg" in site.warnings[0]  # the seed's
    shown = quotes_on(site)
    marks = [text for title, text, _ in shown if title == "Marks"]
    assert marks == SHOWN
    # The seed's three curly-quoted quotes, their marks taken off too.
    seed = [text for title, text, _ in shown if title == "The Time Machine"]
    assert len(seed) == 3
    assert seed[0].startswith("It is a law of nature we overlook")
    assert seed[0].endswith("no need of change.")
    # The fence's line and the marked note are no quotes; a review without quotes has no book.
    page = site.soup("quotes/index.md").get_text()
    assert "A line in a fence" not in page and "A note of mine" not in page
    assert [title for title, _, _ in shown].count("No Quotes") == 0
    # Every quote is styled alike: the decorative mark, none of its own.
    quotes = site.soup("quotes/index.md").select(".bookreviews-quote-item > blockquote")
    assert all(q.get("class") == ["bookreviews-quote"] for q in quotes)
    # The book: cover (the seed's is missing: none), title linked to the review, author.
    book = site.soup("quotes/index.md").select_one(".bookreviews-quote-book")
    assert book is not None
    assert href(book.select_one(".bookreviews-quote-title a")) == "../reviews/marks/"
    assert words(book.select_one(".bookreviews-quote-author")) == "Ann Author"
    count = site.soup("quotes/index.md").select_one(".bookreviews-listing-count")
    assert words(count) == "9 quotes · 3 books"


def test_every_link_lands_on_its_quote(site: Site) -> None:
    shown = quotes_on(site)
    assert len(shown) == 9
    anchors = set()
    for _, text, link in shown:
        target = target_of(site, "quotes/index.md", link)
        assert target.name == "blockquote"
        assert "bookreviews-quote" in (target.get("class") or [])
        # The same words (the review keeps its marks, smartened or not).
        assert re.sub(r"\W", "", words(target)) == re.sub(r"\W", "", text), link
        anchors.add(link)
    assert len(anchors) == 9
    # The review's other blockquotes: the opted-out note is styled as a quote still.
    review_page = site.soup("reviews/marks.md")
    note = [q for q in review_page.select("blockquote") if "A note of mine" in q.get_text()]
    assert len(note) == 1


def test_quote_text_is_escaped(site: Site) -> None:
    quotes = site.soup("quotes/index.md")
    hostile = [q for q in quotes.select(".bookreviews-quote-book") if "Hostile" in q.get_text()]
    assert len(hostile) == 1
    book = hostile[0]
    assert book.find("script") is None
    assert all(not tag.attrs for tag in book.select("blockquote *"))
    assert book.select_one("blockquote b") is not None  # kept, without its onclick
    assert "javascript" not in str(book)
    assert words(book.select_one(".bookreviews-quote-title")) == "Hostile <b>Title</b>"


def test_anchors_are_stable_and_follow_the_words() -> None:
    text = "> One quote.\n\n> Two.\n\n> One quote.\n"
    first = quotes_of("r.md", text)
    # Merged: Python-Markdown makes one blockquote of `>` blocks with only blank lines between.
    assert len(first) == 1
    text = "> One quote.\n\nA.\n\n> Two.\n\nB.\n\n> One quote!\n"
    anchors = [q.anchor for q in quotes_of("r.md", text)]
    assert anchors[0] != anchors[1] and anchors[2] == anchors[0] + "-2"
    # Editing another quote, adding one before, or curling the marks leaves an anchor as it is.
    edited = quotes_of("r.md", '> "One, quote"\n\nA.\n\n> New.\n\nB.\n\n> Two, edited.\n')
    assert edited[0].anchor == anchors[0]
    assert quotes_of("r.md", "> Two.\n")[0].anchor == anchors[1]


def test_marks_come_off_only_when_they_enclose_the_quote() -> None:
    assert unmarked("\u201cAll of it.\u201d") == "All of it."
    assert unmarked('"All of it."') == "All of it."
    assert unmarked('"First.\n\n"Second."') == "First.\n\nSecond."
    assert unmarked('"Yes," she said, "no."') == '"Yes," she said, "no."'
    assert unmarked('"Open only.') == '"Open only.'
    assert unmarked("No marks.") == "No marks."


def _top_level(text: str) -> list[str]:
    html = markdown.markdown(text, extensions=["fenced_code"])
    soup = BeautifulSoup(f"<main>{html}</main>", "html.parser")
    assert soup.main is not None
    return [words(q) for q in soup.main.find_all("blockquote", recursive=False)]


def _ours(text: str) -> list[str]:
    return [
        words(BeautifulSoup(markdown.markdown(b.markdown), "html.parser"))
        for b in blockquotes(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "> a\n> b\n\ntext\n\n> c",
        "text\n> lazy\ncontinued\n\n> > nested\n> back",
        "```\n> not\n```\n\n> yes",
        "~~~~\n> not\n~~~\n> still not\n~~~~\n> yes",
        "    > code\n\n> yes",
        "- item\n> lazy in an item\n\n> top",
        "> a\n\n> b joined",
        "> a\n\n    code\n\n> c",
        "# h\n> q",
        "> q\n---",
        "> q\n# h\n> r",
        "p\n> q\n<div>\n> x\n</div>",
        "> q\n<!-- c -->\n> r",
        "```\nnever closed\n> q",
    ],
)
def test_blockquotes_are_python_markdowns(text: str) -> None:
    assert _ours(text) == _top_level(text)


def test_blockquotes_agree_with_python_markdown_on_random_pages() -> None:
    parts = [
        "> quote words", "para text", "", "```", "~~~", "    indented", "- list", "> > nested",
        "lazy line", "<!-- c -->", "1. one", "# head", "---", "> ```", "text &amp; more",
    ]  # fmt: skip
    rng = random.Random(25)
    differ = []
    for _ in range(3000):
        text = "\n".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))
        if _ours(text) != _top_level(text):
            differ.append(text)
    # A handful of lists continued by indented blocks that hold headings: the list's.
    assert len(differ) <= 3, differ[:3]


def marker_quote(site: Site, src_uri: str) -> tuple[str, str]:
    figure = site.soup(src_uri).select_one(".bookreviews-quote-marker")
    assert figure is not None
    return words(figure.blockquote), href(figure.select_one("figcaption a"))


def test_marker_quote_is_stable_per_page_and_links_to_it(site: Site, tmp_path: Path) -> None:
    home, about = marker_quote(site, "index.md"), marker_quote(site, "about.md")
    assert home[0] != about[0]  # seeded from the page's path
    for src_uri, (text, link) in (("index.md", home), ("about.md", about)):
        target = target_of(site, src_uri, link)
        assert target.name == "blockquote"
        assert re.sub(r"\W", "", words(target)) == re.sub(r"\W", "", text)
    # Search leaves the marker out (the quotes page holds every quote).
    figure = site.soup("index.md").select_one(".bookreviews-quote-marker")
    assert figure is not None and figure.has_attr("data-search-exclude")
    again = build_project(tmp_path / "again", DOCS)
    assert marker_quote(again, "index.md") == home
    assert marker_quote(again, "about.md") == about


def test_search_indexes_the_quotes(site: Site) -> None:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    docs = index["docs"]
    on_page = " ".join(doc["text"] for doc in docs if doc["location"].startswith("quotes/"))
    on_page = re.sub(r"<[^>]*>", " ", on_page)  # MkDocs' index keeps paragraphs' tags
    for text in SHOWN:
        assert re.sub(r"\W+", " ", text).strip() in re.sub(r"\W+", " ", on_page), text
    assert "No marks around this one." in on_page


def test_quotes_page_is_in_the_navigation(site: Site) -> None:
    nav = site.soup("index.md").select(".md-nav--primary > .md-nav__list > .md-nav__item > a")
    titles = [words(a) for a in nav]
    assert "Quotes" in titles
    assert titles.index("Quotes") > titles.index("Stats")


def test_quotes_off_leaves_blockquotes_alone(tmp_path: Path) -> None:
    site = build_project(tmp_path, DOCS, plugin={"quotes": False})
    assert not site.page_path("quotes/index.md").exists()
    quotes = site.soup("reviews/marks.md").select("article blockquote")
    assert quotes and all(not q.attrs for q in quotes)
    markers = [warning for warning in site.warnings if "quote -->" in warning]
    assert len(markers) == 2  # each marker: the quotes page is off
    assert all("quotes: false" in warning for warning in markers)
    assert site.soup("index.md").select_one(".bookreviews-quote-marker") is None


def test_quotes_moved_retitled_and_in_the_sites_language(tmp_path: Path) -> None:
    site = build_project(
        tmp_path / "moved", DOCS, plugin={"quotes_dir": "lines", "quotes_title": "Lines I kept"}
    )
    page = site.soup("lines/index.md")
    assert words(page.select_one(".bookreviews-quotes h1")) == "Lines I kept"
    assert (
        quotes_on(site, "lines/index.md")[0][2]
        == "../reviews/marks/#" + (quotes_on(site, "lines/index.md")[0][2].partition("#")[2])
    )
    german = build_project(tmp_path / "de", DOCS, plugin={"language": "de"})
    page = german.soup("quotes/index.md")
    assert words(page.select_one(".bookreviews-quotes h1")) == "Zitate"
    assert words(page.select_one(".bookreviews-quote-link")).startswith("In der Rezension")


def test_many_quotes_go_on_over_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_view, "PER_PAGE", 4)
    docs: dict[str, str] = {
        f"reviews/book-{n}.md": review(
            f"Book {n}",
            "Dee Author",
            year=2000 + n,
            body="".join(f"> Quote {q} of book {n}.\n\nText.\n\n" for q in range(n % 3 + 1)),
        )
        for n in range(1, 10)
    }
    site = build_project(tmp_path, docs)
    pages = ["quotes/index.md"] + [f"quotes/{n}.md" for n in range(2, 6)]
    found = [p for p in pages if site.page_path(p).exists()]
    shown = [quote for p in found for quote in quotes_on(site, p)]
    # Every quote once, newest book first, a book's quotes on one page.
    assert len(shown) == sum(n % 3 + 1 for n in range(1, 10))
    assert len({text for _, text, _ in shown}) == len(shown)
    assert shown[0][0] == "Book 9"
    assert len(found) == 4
    for p in found:
        books = [words(t) for t in site.soup(p).select(".bookreviews-quote-title")]
        assert len(books) == len(set(books))
    titles = [title for title, _, _ in shown]
    assert all(titles.count(t) == len([x for x in titles if x == t]) for t in titles)
    # The pager: previous and next, and later pages out of a compact navigation's way.
    second = site.soup("quotes/2.md")
    assert href(second.select_one("a.bookreviews-pager-previous")) == "../"
    assert href(second.select_one("a.bookreviews-pager-next")) == "../3/"
    assert site.soup("quotes/index.md").select_one("a.bookreviews-pager-previous") is None
    for _, _, link in shown[-3:]:
        assert target_of(site, found[-1], link).name == "blockquote"


def test_dirty_build_shows_an_edited_quote(tmp_path: Path) -> None:
    project = tmp_path / "dirty"
    build_project(project, DOCS)
    mkdocs(project, "build")
    path = project / "docs" / "reviews" / "marks.md"
    path.write_text(
        path.read_text("utf-8").replace("No marks around this one.", "Edited words now."), "utf-8"
    )
    later = time.time() + 2
    os.utime(path, (later, later))
    mkdocs(project, "build", "--dirty")
    site = Site(project, project / "site")
    shown = [text for title, text, _ in quotes_on(site) if title == "Marks"]
    assert "Edited words now." in shown and "No marks around this one." not in shown
    for _, text, link in quotes_on(site):
        target = target_of(site, "quotes/index.md", link)
        assert re.sub(r"\W", "", words(target)) == re.sub(r"\W", "", text)


def test_example_site_shows_its_quotes(tmp_path: Path) -> None:
    from .conftest import EXAMPLE_SITE

    project = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    mkdocs(project, "build", "--strict")
    site = Site(project, project / "site")
    frankenstein = [text for title, text, _ in quotes_on(site) if title == "Frankenstein"]
    assert len(frankenstein) == 4
    assert marker_quote(site, "index.md")[0]


def test_plain_prose_skips_markdown_but_reads_the_same() -> None:
    from mkdocs_bookreviews.quotes import _NOT_PLAIN, _to_html

    rng = random.Random(7)
    letters = list("abc de  \n\n\t'\".,;-+=*_`[]()<>&!#|~{}:1234567890.")
    plain = 0
    for _ in range(20000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 30))).strip("\n")
        if not text.strip() or _NOT_PLAIN.search(text):
            continue
        plain += 1
        ours = BeautifulSoup(_to_html(text)[1], "html.parser")
        theirs = BeautifulSoup(markdown.markdown(text), "html.parser")
        assert [words(p) for p in ours.find_all("p")] == [words(p) for p in theirs.find_all("p")]
        assert [t.name for t in ours.find_all(True)] == [t.name for t in theirs.find_all(True)]
    assert plain > 500
