"""Reading status: books being read and wanted are pages of the library, not reviews.

Real builds of a library holding three books read, one being read and two wanted: the unread
books stay out of the stats' counts and averages, the groupings, the shelf, the feed and the
Review JSON-LD; they are on the reading page and in `status` markers, and marked on their own
pages and cards. Then bad values, the field's mapping, `check`, `new`, `import`, and a status
change under `mkdocs build --dirty` and `mkdocs serve --dirty`.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.fields import DID_NOT_FINISH, READ, READING, WANTED, Bad, status

from .conftest import Site, review, shared_build
from .test_dirty import feed_entries, mkdocs
from .test_hosts import Server, copy_example
from .test_importers import csv_bytes

LIBRARY = {
    "index.md": (
        "# Home\n\n## Now\n\n<!-- bookreviews status=reading -->\n\n## Next\n\n"
        '<!-- bookreviews status="want to read" as=covers -->\n\n## Lately\n\n'
        "<!-- bookreviews recent=10 -->\n\n## Fantasy\n\n<!-- bookreviews genre=Fantasy -->\n"
    ),
    "reviews/first.md": review("First Read", "Ann Lee", score=4, date="2024-03", genre=["Fantasy"]),
    "reviews/second.md": review(
        "Second Read", "Bo Ray", score=2, date="2025-01", genre=["Fantasy"]
    ),
    "reviews/third.md": review("Third Read", "Ann Lee", score=3, date="2025-02", pages=100),
    # Scores written on unread books are not shown nor counted; nor are their dates and pages.
    "reviews/now.md": review(
        "Now Reading",
        "Cy Dee",
        score=5,
        status="currently-reading",
        date="2025-03",
        genre=["Fantasy"],
        pages=900,
    ),
    "reviews/want-one.md": review("Wanted One", "Ann Lee", score=0.5, status="want to read"),
    # No score field at all: `status` alone makes the page a book of the library.
    "reviews/want-two.md": (
        "---\ntitle: Wanted Two\nauthor: Di Fox\nstatus: to-read\ngenre: [Horror]\n---\n\nSoon.\n"
    ),
}
UNREAD = {"Now Reading", "Wanted One", "Wanted Two"}
READ_TITLES = {"First Read", "Second Read", "Third Read"}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("reading")
    with shared_build(root, LIBRARY, site_url="https://example.org/", strict=True) as site:
        yield site


# A card's title, or a book's on the shelf (its link's first <b>).
TITLES = ".bookreviews-card-title, .bookreviews-shelf-grid > li > a > b:first-of-type"


def titles(soup: Tag, selector: str = TITLES) -> set[str]:
    return {tag.get_text(strip=True) for tag in soup.select(selector)}


def one(soup: Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def test_no_warnings(library: Site) -> None:
    assert library.warnings == []


def test_the_reading_page_has_a_section_for_each_status(library: Site) -> None:
    page = library.soup("reading/index.md")
    listing = page.select_one(".bookreviews-reading")
    assert listing is not None
    sections = {str(h2["id"]): h2.get_text() for h2 in listing.select("h2")}
    assert sections == {"reading-now": "Reading now", "want-to-read": "Want to read"}
    grids = listing.select(".bookreviews-cards")
    assert [titles(grid) for grid in grids] == [{"Now Reading"}, {"Wanted One", "Wanted Two"}]
    # Cards marked, no score shown though one was written.
    for card in listing.select(".bookreviews-card"):
        assert card.select_one(".bookreviews-badge") is None
        assert card.select_one(".bookreviews-card-read") is None
    marks = [mark.get_text() for mark in listing.select(".bookreviews-card .bookreviews-status")]
    assert marks == ["Reading now", "Want to read", "Want to read"]
    # In the navigation, beside the other overviews.
    nav = [a.get_text(strip=True) for a in page.select(".md-nav__link")]
    assert "Reading" in nav


def test_an_unread_book_is_marked_on_its_own_page(library: Site) -> None:
    page = library.soup("reviews/want-one.md")
    header = page.select_one(".bookreviews-header")
    assert header is not None
    mark = header.select_one(".bookreviews-status a")
    assert mark is not None and mark.get_text() == "Want to read"
    assert mark["href"] == "../../reading/#want-to-read"
    assert header.select_one(".bookreviews-badge") is None  # its score 0.5 is not shown
    now = library.soup("reviews/now.md").select_one(".bookreviews-header")
    assert now is not None
    assert one(now, ".bookreviews-status-reading a")["href"] == "../../reading/#reading-now"
    assert now.select_one(".bookreviews-read") is not None  # its facts line (pages)
    assert "Read in" not in now.get_text()
    # A read book has no status mark.
    assert library.soup("reviews/first.md").select_one(".bookreviews-status") is None


def test_unread_books_are_in_no_count_or_average(library: Site) -> None:
    stats = library.soup("stats/index.md")
    numbers = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in (
            (one(div, "dt"), one(div, "dd"))
            for div in stats.select(".bookreviews-stats-numbers > div")
        )
    }
    assert numbers["Books"] == "3"
    assert numbers["Authors"] == "2"  # Ann Lee and Bo Ray: not Cy Dee, not Di Fox
    assert numbers["Average score"] == "3 / 5"  # (4 + 2 + 3) / 3, not with 5 and 0.5
    assert numbers["Pages read"] == "100"
    top = titles(stats, ".bookreviews-stats-top a, .bookreviews-stats-top span:first-child")
    assert "Horror" not in top and "Cy Dee" not in top
    # The year 2025 counts its two books read, not the one being read since March.
    year = library.soup("years/2025.md")
    assert titles(year) == {"Second Read", "Third Read"}
    assert "2 books" in one(year, ".bookreviews-listing-count").get_text()


def test_unread_books_are_on_no_grouping_or_shelf(library: Site) -> None:
    assert titles(library.soup("shelf/index.md")) == READ_TITLES
    assert titles(library.soup("genres/fantasy.md")) == {"First Read", "Second Read"}
    assert not library.page_path("genres/horror.md").exists()  # only a wanted book has it
    assert titles(library.soup("authors/ann-lee.md")) == {"First Read", "Third Read"}
    assert not library.page_path("authors/cy-dee.md").exists()
    # The author page of a wanted book's author, who has read books, is linked from it.
    links = library.soup("reviews/want-one.md").select(".bookreviews-author-link")
    assert [a["href"] for a in links] == ["../../authors/ann-lee/"]


def test_unread_books_are_out_of_the_feed_and_review_json_ld(library: Site) -> None:
    entries = feed_entries(library.site_dir / "feed.xml")
    assert {title.split(" by ")[0] for title in entries} == READ_TITLES

    def json_ld(src_uri: str) -> list[dict[str, Any]]:
        scripts = library.soup(src_uri).select('script[type="application/ld+json"]')
        return [json.loads(script.get_text()) for script in scripts]

    assert [data["@type"] for data in json_ld("reviews/first.md")] == ["Review"]
    for src_uri in ("reviews/now.md", "reviews/want-one.md", "reviews/want-two.md"):
        assert json_ld(src_uri) == []


def test_markers_list_books_by_status(library: Site) -> None:
    home = library.soup("index.md")
    listings = home.select(".bookreviews-listing")
    assert len(listings) == 4
    now, wanted, lately, fantasy = listings
    assert titles(now) == {"Now Reading"}
    assert titles(wanted, ".bookreviews-cover-row-title") == {"Wanted One", "Wanted Two"}
    assert wanted.select(".bookreviews-badge") == []  # the row shows no score
    # Markers without a status list the books read, as before.
    assert titles(lately) == READ_TITLES
    assert titles(fantasy) == {"First Read", "Second Read"}


def test_status_spellings() -> None:
    for written, meant in [
        ("read", READ),
        ("Finished", READ),
        ("reading", READING),
        ("currently-reading", READING),
        ("Currently_Reading", READING),
        ("want to read", WANTED),
        ("want-to-read", WANTED),
        ("to-read", WANTED),
        ("TBR", WANTED),
        ("did not finish", DID_NOT_FINISH),
        ("DNF", DID_NOT_FINISH),
        ("didn't finish", DID_NOT_FINISH),
    ]:
        assert status(written) == meant, written
    for bad in ("maybe", "", 3, None, ["reading"], "new"):
        with pytest.raises(Bad):
            status(bad)


BAD = {
    "reviews/ok.md": review("Fine", "Ann Lee", date="2024"),
    "reviews/maybe.md": review("Maybe", "Ann Lee", status="maybe"),
    "reviews/both.md": review("Both", "Ann Lee", status="reading", did_not_finish=True),
    "reviews/dnf.md": review("Gave Up", "Ann Lee", status="dnf"),
    # Material's page status, on a page that is no review: left to Material, silently.
    "notes.md": "---\ntitle: Notes\nstatus: new\n---\n\nNot a book.\n",
    "index.md": '<!-- bookreviews status="someday" -->\n',
}


def test_bad_status_values_are_warned_and_check_says_the_same(tmp_path: Path) -> None:
    with shared_build(tmp_path, BAD) as site:
        warnings = site.warnings
    expected = [
        "reviews/maybe.md: status 'maybe' is not a reading status; "
        'write read, reading, "want to read" or "did not finish"',
        "reviews/both.md: did_not_finish is true, but status says 'reading'; remove one of them",
    ]
    for line in expected:
        assert any(line in warning for warning in warnings), (line, warnings)
    assert any(
        "index.md" in w and "status='someday' is not a reading status" in w for w in warnings
    ), warnings
    assert len(warnings) == 3, warnings
    # The bad value leaves the book read; "dnf" is the one did-not-finish mark.
    assert site.soup("reviews/maybe.md").select_one(".bookreviews-badge") is not None
    assert site.soup("reviews/dnf.md").select_one(".bookreviews-dnf") is not None
    assert site.soup("reviews/both.md").select_one(".bookreviews-status-reading") is not None
    assert not site.page_path("notes.md").read_text("utf-8").count("bookreviews-header")
    checked = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert checked.exit_code == 1
    for line in expected:
        assert line in checked.output
    # Counted as the build counts: the book being read is no review.
    assert "3 reviews (0 unrated, 1 DNF), 1 reading, 0 want to read" in checked.output


def test_the_status_field_is_mapped_like_every_field(tmp_path: Path) -> None:
    docs = {
        "reviews/a.md": review("Read One", "Ann Lee"),
        "reviews/b.md": (
            "---\ntitle: Shelved\nauthor: Ann Lee\nbook:\n  state: want-to-read\n---\n"
        ),
    }
    plugin = {"fields": {"status": "book.state"}, "reading_title": "Next up"}
    with shared_build(tmp_path, docs, plugin=plugin) as site:
        assert site.warnings == []
        page = site.soup("reading/index.md")
    assert one(page, "h1").get_text() == "Next up"
    assert titles(page) == {"Shelved"}


def test_the_reading_page_follows_the_site_language(tmp_path: Path) -> None:
    docs = {"reviews/a.md": review("Buch", "Ann Lee", status="reading")}
    with shared_build(tmp_path, docs, plugin={"language": "de"}) as site:
        page = site.soup("reading/index.md")
    assert one(page, ".bookreviews-reading h1").get_text() == "Leseliste"
    assert one(page, "h2").get_text() == "Lese ich gerade"


def test_the_reading_page_can_be_off_or_moved(tmp_path: Path) -> None:
    docs = {"reviews/a.md": review("Buch", "Ann Lee", status="reading")}
    with shared_build(tmp_path / "off", docs, plugin={"reading": False}) as site:
        assert not (site.site_dir / "reading").exists()
        # Still marked, without a link to a page that is not there.
        mark = site.soup("reviews/a.md").select_one(".bookreviews-status")
        assert mark is not None and mark.select_one("a") is None
    with shared_build(tmp_path / "moved", docs, plugin={"reading_dir": "now"}) as site:
        assert titles(site.soup("now/index.md")) == {"Buch"}
    # Without any book being read or wanted, there is no reading page.
    plain = {"reviews/a.md": review("Buch", "Ann Lee")}
    with shared_build(tmp_path / "none", plain) as site:
        assert not (site.site_dir / "reading").exists()


def test_new_writes_the_status(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump({"site_name": "T", "plugins": [{"bookreviews": {"reviews_dir": "r"}}]}),
        "utf-8",
    )
    (tmp_path / "docs" / "r").mkdir(parents=True)
    config = str(tmp_path / "mkdocs.yml")
    made = CliRunner().invoke(
        main, ["new", "Soon", "--author", "Ann Lee", "--status", "to-read", "-f", config]
    )
    assert made.exit_code == 0, made.output
    text = (tmp_path / "docs" / "r" / "soon.md").read_text("utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta == {"title": "Soon", "author": "Ann Lee", "status": "want to read"}
    bad = CliRunner().invoke(
        main, ["new", "Later", "--author", "A", "--status", "someday", "-f", config]
    )
    assert bad.exit_code == 2 and "is not a reading status" in bad.output


GOODREADS = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf", "Date Read"]


def test_import_lands_reading_and_wanted_books_with_their_status(tmp_path: Path) -> None:
    data = csv_bytes(
        GOODREADS,
        [
            ["1", "Done Book", "Ann Lee", "4", "read", "2024/05/01"],
            ["2", "Current Book", "Bo Ray", "0", "currently-reading", ""],
            ["3", "Someday Book", "Cy Dee", "0", "to-read", ""],
        ],
    )
    export = tmp_path / "export.csv"
    export.write_bytes(data)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump({"site_name": "T", "plugins": [{"bookreviews": {"reviews_dir": "r"}}]}),
        "utf-8",
    )
    config = str(tmp_path / "mkdocs.yml")
    done = CliRunner().invoke(
        main,
        [
            "import",
            str(export),
            "-f",
            config,
            "--shelf",
            "currently-reading",
            "--shelf",
            "want-to-read",
        ],
    )
    assert done.exit_code == 0, done.output
    folder = tmp_path / "docs" / "r"

    def meta(name: str) -> dict[str, Any]:
        found: dict[str, Any] = yaml.safe_load((folder / name).read_text("utf-8").split("---")[1])
        return found

    assert "status" not in meta("done-book.md")
    assert meta("current-book.md")["status"] == "reading"
    assert meta("someday-book.md")["status"] == "want to read"
    assert "score" not in meta("someday-book.md")  # no `score: null`: the status makes it a book
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config))
    site = tmp_path / "site"
    reading = BeautifulSoup((site / "reading" / "index.html").read_text("utf-8"), "html.parser")
    grids = reading.select(".bookreviews-cards")
    assert [titles(grid) for grid in grids] == [{"Current Book"}, {"Someday Book"}]
    shelf = BeautifulSoup((site / "shelf" / "index.html").read_text("utf-8"), "html.parser")
    assert titles(shelf) == {"Done Book"}


def _touch(path: Path) -> None:
    later = time.time() + 2  # newer than its output, whatever the file system's clock steps
    os.utime(path, (later, later))


def test_build_dirty_moves_a_book_that_was_read(tmp_path: Path) -> None:
    """The last book being read is finished: it leaves the reading page, which is gone, and
    joins the shelf, its genre, the stats and the feed."""
    docs = {
        "reviews/a.md": review("Old", "Ann Lee", date="2024", genre=["Poetry"]),
        "reviews/b.md": review("Current", "Bo Ray", status="reading", genre=["Poetry"]),
    }
    project = tmp_path / "p"
    with shared_build(project, docs, site_url="https://example.org/"):
        pass
    site = project / "site"

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")

    assert titles(soup("reading")) == {"Current"}
    assert titles(soup("shelf")) == {"Old"}
    b = project / "docs" / "reviews" / "b.md"
    b.write_text(review("Current", "Bo Ray", status="read", date="2025", genre=["Poetry"]))
    _touch(b)
    mkdocs(project, "build", "--dirty")
    assert not (site / "reading" / "index.html").exists()
    assert titles(soup("shelf")) == {"Old", "Current"}
    assert titles(soup("genres/poetry")) == {"Old", "Current"}
    assert soup("reviews/b").select_one(".bookreviews-status") is None
    assert "Current by Bo Ray" in feed_entries(site / "feed.xml")


def test_serve_dirty_moves_a_book_between_sections(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    book = project / "docs" / "reviews" / "the-dispossessed.md"
    srv = Server(project, "--dirty")

    def sections() -> list[set[str]]:
        page = srv.get("reading/")
        return [titles(grid) for grid in page.select(".bookreviews-cards")] if page else []

    try:
        srv.wait_for("the first build", lambda: srv.get("reading/") is not None)
        assert sections() == [{"The Fifth Season"}, {"The Dispossessed", "The Name of the Rose"}]
        text = book.read_text("utf-8")
        assert "status: want to read" in text
        book.write_text(text.replace("status: want to read", "status: reading"), "utf-8")
        _touch(book)
        srv.wait_for("the rebuild", lambda: srv.rebuilt >= 1)
        assert sections() == [{"The Fifth Season", "The Dispossessed"}, {"The Name of the Rose"}]
        page = srv.get("reviews/the-dispossessed/")
        assert page is not None
        assert one(page, ".bookreviews-status a").get_text() == "Reading now"
        home = srv.get("")
        assert home is not None
        now = home.select(".bookreviews-listing")[1]
        assert titles(now) == {"The Fifth Season", "The Dispossessed"}
    finally:
        if srv.process.poll() is None:
            srv.stop()
    assert not [line for line in srv.lines if "Traceback" in line or "ERROR" in line]


def test_material_does_not_take_the_reading_status_for_its_page_status(library: Site) -> None:
    """Material marks a page whose meta has `status` in the navigation: a reading status is
    the plugin's, so the page's nav entry has no status icon."""
    page = library.soup("reviews/want-one.md")
    assert page.select(".md-status") == []
    assert page.select_one(".bookreviews-status") is not None
