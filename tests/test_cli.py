"""The `bookreviews` command: import the fixture exports into a temp site, build it with
`--strict`, read the HTML back; re-imports; `check` and `new`; the installed console script."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.glue.settings import SettingsError, default_config_file
from mkdocs_bookreviews.importing import scan
from mkdocs_bookreviews.writing import Schema

from .conftest import EXAMPLE_SITE, collect_warnings, review, write_tree

FIXTURES = Path(__file__).parent / "fixtures"
GOODREADS = FIXTURES / "goodreads_library_export.csv"
GOODREADS_31 = FIXTURES / "goodreads_library_export_31.csv"
STORYGRAPH = FIXTURES / "storygraph_export.csv"
MKDOCS_YML = """\
site_name: Imported
theme: {name: material}
plugins:
  - search
  - bookreviews:
      reviews_dir: reviews
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def words(text: str) -> str:
    return " ".join(text.split())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.md"))}


class Imported:
    def __init__(self, root: Path, results: list[Result], warnings: list[str]) -> None:
        self.root = root
        self.reviews = root / "docs" / "reviews"
        self.results = results
        self.warnings = warnings

    def soup(self, stem: str) -> BeautifulSoup:
        html = self.root / "site" / "reviews" / stem / "index.html"
        return BeautifulSoup(html.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    """One site: the three fixture exports imported with the CLI, then built with --strict."""
    root = tmp_path_factory.mktemp("imported")
    write_tree(root, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# My reading\n"})
    cwd = Path.cwd()
    os.chdir(root)  # the default -f is ./mkdocs.yml
    try:
        results = [run("import", export) for export in (GOODREADS, GOODREADS_31, STORYGRAPH)]
    finally:
        os.chdir(cwd)
    with collect_warnings() as records:
        build(load_config(str(root / "mkdocs.yml"), strict=True))
    yield Imported(root, results, records)


def test_import_writes_one_page_per_read_or_dnf_book(imported: Imported) -> None:
    assert [r.exit_code for r in imported.results] == [0, 0, 0]
    assert "wrote 5 new, 0 already imported, 2 not on an imported shelf" in (
        imported.results[0].output
    )
    # The Fifth Season is in both trackers (same ISBN): StoryGraph's copy is matched, not added.
    assert "wrote 4 new, 1 already imported, 1 not on an imported shelf" in (
        imported.results[2].output
    )
    assert sorted(p.name for p in imported.reviews.glob("*.md")) == [
        "a-field-guide-to-getting-lost.md",
        "collected-poems-sylvia-plath.md",  # two books called "Collected Poems"
        "collected-poems.md",
        "girl-woman-other.md",
        "good-omens.md",
        "infinite-jest.md",
        "kristin-lavransdatter.md",
        "piranesi.md",
        "the-fifth-season.md",
        "the-left-hand-of-darkness.md",
        "ulysses.md",
    ]


def test_front_matter_is_in_the_contracts_shape(imported: Imported) -> None:
    # What is written; the pages' dates, DNF marks and credits are asserted further on.
    fifth = front_matter(imported.reviews / "the-fifth-season.md")
    assert fifth == {
        "title": "The Fifth Season",
        "author": "N.K. Jemisin",
        "date": "2023-02-14",
        "score": 5,
        "genre": ["Fantasy", "Science Fiction"],  # its `favourites` shelf is no genre
        "series": "The Broken Earth",
        "series_number": 1,
        "isbn": "9780316229296",
        "pages": 468,
        "published": 2015,
        "source": "goodreads",
        "source_id": "19161852",
    }
    piranesi = front_matter(imported.reviews / "piranesi.md")
    assert piranesi["date"] == ["2021-03-09", "2024-11-10"]  # a re-read: one date per read
    assert piranesi["score"] == 4.25  # quarter stars kept
    assert piranesi["moods"] == ["mysterious", "reflective"]
    for dnf in ("infinite-jest.md", "ulysses.md"):
        meta = front_matter(imported.reviews / dnf)
        assert meta["did_not_finish"] is True
        assert meta.get("score") is None  # unrated (0 stars on Goodreads means no rating)
    assert "Did Not Finish" not in front_matter(imported.reviews / "infinite-jest.md")["genre"]
    omens = front_matter(imported.reviews / "good-omens.md")
    assert omens["author"] == ["Terry Pratchett", "Neil Gaiman"]
    left = front_matter(imported.reviews / "the-left-hand-of-darkness.md")
    assert (left["series"], left["series_number"], left["spoilers"]) == ("Hainish Cycle", 4, True)
    assert "image" not in left  # covers cannot be fetched: no path to a missing file
    kristin = front_matter(imported.reviews / "kristin-lavransdatter.md")
    assert {"name": "Tiina Nunnally", "role": "translator"} in kristin["author"]


RATED = {
    "the-fifth-season": ("5/5", ["Fantasy", "Science Fiction"]),
    "collected-poems-sylvia-plath": ("4/5", ["Poetry"]),
    "good-omens": ("4/5", ["Fantasy", "Humour"]),
    "the-left-hand-of-darkness": ("4/5", ["Science Fiction", "Classics"]),
    "girl-woman-other": ("5/5", ["Literary Fiction", "Book Club"]),
    "piranesi": ("4.25/5", ["Fantasy", "Mystery"]),
    "kristin-lavransdatter": ("3.75/5", ["Historical Fiction", "Classics"]),
    "a-field-guide-to-getting-lost": ("3.5/5", ["Essays"]),
}


def test_strict_build_shows_each_rating_and_genres(imported: Imported) -> None:
    assert imported.warnings == []
    for stem, (score, genres) in RATED.items():
        soup = imported.soup(stem)
        badge = soup.select_one(".bookreviews-header .bookreviews-score")
        assert badge is not None and badge.get_text() == score, stem
        shown = [a.get_text() for a in soup.select(".bookreviews-header .bookreviews-genre")]
        assert shown == genres, stem  # as the review writes them


def test_imported_library_checks_clean_and_shows_dates_dnf_and_credits(
    imported: Imported,
) -> None:
    result = run("check", "-f", imported.root / "mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(", 0 problems\n")
    reads = {
        "the-fifth-season": "Read in February 2023",
        "piranesi": "Read twice: March 2021, November 2024",  # a StoryGraph re-read
    }
    for stem, line in reads.items():
        read = imported.soup(stem).select_one(".bookreviews-header .bookreviews-read")
        assert read is not None and read.get_text() == line, stem
    for stem in ("infinite-jest", "ulysses"):
        header = imported.soup(stem).select_one(".bookreviews-header")
        assert header is not None and header.select_one(".bookreviews-dnf") is not None, stem
        assert header.select_one(".bookreviews-badge") is None, stem  # unrated
    assert imported.soup("the-fifth-season").select_one(".bookreviews-dnf") is None
    byline = imported.soup("kristin-lavransdatter").select_one(".bookreviews-author")
    assert byline is not None and "translated by Tiina Nunnally" in byline.get_text()


def _review_words(html: str) -> str:
    """The words a review's HTML shows, as a reader sees them."""
    html = re.sub(r"<br\s*/?>", "\n", html)
    return words(BeautifulSoup(html, "html.parser").get_text(""))


def test_full_review_text_arrives_with_no_markup_let_through(imported: Imported) -> None:
    expected = {
        "the-fifth-season": _review_words(
            "Three women, one world ending.<br /><br />The <b>Stillness</b> is a continent that "
            "tries to kill everyone on it, every few hundred years, and the second person "
            'narration &mdash; "you" &mdash; is <i>earned</i>, not a gimmick.<br /><br />Things '
            "that tripped up other importers: a &lt;script&gt; tag, *asterisks*, snake_case, "
            "[brackets](like a link), 1. a number at a line start, &amp; ampersands."
        ),
        "the-left-hand-of-darkness": "Cold planet, warm book. This line came after a raw "
        "newline inside the quoted field, not a <br>. Light is the left hand of darkness The "
        "journey across the ice is the best thing Le Guin wrote.",
        "girl-woman-other": 'Twelve voices, "mostly women, mostly black, mostly British", and '
        "not one of them is a type.",
        "piranesi": "A house of endless halls, tides and statues. The second time I knew the "
        "secret, and it was better: you watch a kind man find out what was done to him. He "
        "keeps journals; so did I, after.",
    }
    for stem, text in expected.items():
        article = imported.soup(stem).select_one("article")
        assert article is not None
        assert text in words(article.get_text("")), stem
        assert article.find("script") is None
    fifth = imported.soup("the-fifth-season").select_one("article")
    assert fifth is not None
    assert [b.get_text() for b in fifth.select("strong")] == ["Stillness"]
    assert not fifth.select("ol, ul:not(.md-nav__list) a[href='like a link']")


def test_reimport_changes_nothing(imported: Imported) -> None:
    before = snapshot(imported.reviews)
    os_cwd = Path.cwd()
    os.chdir(imported.root)
    try:
        again = [run("import", e) for e in (GOODREADS, GOODREADS_31, STORYGRAPH)]
    finally:
        os.chdir(os_cwd)
    assert all(r.exit_code == 0 for r in again)
    assert all("wrote 0 new" in r.output for r in again)
    assert snapshot(imported.reviews) == before


def test_newer_export_adds_new_books_and_keeps_edits(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_tree(site, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    into = site / "docs" / "reviews"
    assert run("import", GOODREADS, "-f", site / "mkdocs.yml").exit_code == 0
    edited = into / "the-fifth-season.md"
    edited.write_text(edited.read_text("utf-8").replace("score: 5", "score: 4.5") + "More.\n")
    mine = edited.read_bytes()
    newer = tmp_path / "newer.csv"
    text = GOODREADS.read_bytes().decode("utf-8-sig")
    header = text.split("\r\n", 1)[0]
    row = dict.fromkeys(header.split(","), "")
    row.update({"Book Id": "99", "Title": "Station Eleven", "Author": "Emily St. John Mandel"})
    row.update({"My Rating": "4", "Exclusive Shelf": "read", "Date Read": "2025/01/02"})
    newer.write_text(text + ",".join(row.values()) + "\r\n", "utf-8")
    dry = run("import", newer, "-f", site / "mkdocs.yml", "--dry-run")
    assert "would write" in dry.output and "station-eleven.md" in dry.output
    assert not (into / "station-eleven.md").exists()
    result = run("import", newer, "-f", site / "mkdocs.yml")
    assert "wrote 1 new, 5 already imported" in result.output
    assert (into / "station-eleven.md").is_file()
    assert edited.read_bytes() == mine


def test_import_reports_bad_rows_and_imports_the_rest(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    lines = GOODREADS.read_bytes().split(b"\r\n")
    # A rating that is not one, bytes that are not UTF-8, and a last row cut short.
    lines[2] = lines[2].replace(b"Larkin,", b"Lark\xe9n,", 1)
    lines[3] = lines[3].replace(b',"4",', b',"five",', 1).replace(b",4,", b",five,", 1)
    cut = lines[5][: len(lines[5]) // 3]
    export = tmp_path / "bad.csv"
    export.write_bytes(b"\r\n".join([*lines[:5], cut]))
    result = run("import", export, "-f", tmp_path / "mkdocs.yml")
    assert result.exit_code == 1
    assert "row 3 (line 3), column 'Author': has bytes that are not UTF-8" in result.output
    assert "row 4 (line 4), column 'My Rating': 'five' is not 0 to 5" in result.output
    assert re.search(r"row 6 \(line 6\), column '[^']+': is missing: .* cut short", result.output)
    written = sorted(p.name for p in (tmp_path / "docs" / "reviews").glob("*.md"))
    assert written == [
        "collected-poems-sylvia-plath.md",
        "collected-poems.md",
        "infinite-jest.md",
        "the-fifth-season.md",
    ]
    larkin = front_matter(tmp_path / "docs" / "reviews" / "collected-poems.md")
    assert larkin["author"] == "Philip Larkén"  # read as Windows-1252, and said so


def test_import_refuses_what_is_not_an_export(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    other = tmp_path / "other.csv"
    other.write_text("Name,Amount\nTea,3\n", "utf-8")
    result = run("import", other, "-f", tmp_path / "mkdocs.yml")
    assert result.exit_code == 2
    assert "not a Goodreads or StoryGraph export" in result.output
    assert "My Rating" in result.output and "Star Rating" in result.output
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("import", empty, "-f", tmp_path / "mkdocs.yml")
    assert (result.exit_code, "is empty" in result.output) == (2, True)


def test_check_example_site_is_clean() -> None:
    result = run("check", "-f", EXAMPLE_SITE / "mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == "11 reviews (1 unrated, 1 DNF), 1 reading, 2 want to read, 10 genres, 0 problems\n"
    )


def test_check_broken_library_prints_each_problem(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "mkdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "docs/reviews/ok.md": review("Fine", "A", genre=["Fiction"]),
            "docs/reviews/word.md": review("Wordy", "B", score="four"),
            "docs/reviews/cover.md": review("Coverless", "C", image="covers/missing.jpg"),
            "docs/reviews/yaml.md": "---\ntitle: Dune: Messiah\nscore: 4\n---\n\nText.\n",
        },
    )
    result = run("check", "-f", tmp_path / "mkdocs.yml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    # A score that is not a number leaves the review unrated (and is a problem).
    assert lines[-1] == "3 reviews (1 unrated, 0 DNF), 1 genre, 3 problems"
    assert any(line.startswith("reviews/yaml.md: front matter is not valid YAML") for line in lines)
    assert sorted(line for line in lines[:-1] if not line.startswith("reviews/yaml.md")) == [
        "reviews/cover.md: image 'covers/missing.jpg' does not exist (looked for "
        "docs_dir/reviews/covers/missing.jpg); check the file name, or write the path "
        "relative to this page",
        "reviews/word.md: score 'four' is not a number; use a number from 0 to 5, like 3.25",
    ]
    as_json = run("check", "-f", tmp_path / "mkdocs.yml", "--format", "json")
    assert as_json.exit_code == 1
    assert '"file": "reviews/word.md"' in as_json.output


def test_new_writes_configured_nested_fields_and_never_overwrites(tmp_path: Path) -> None:
    config = MKDOCS_YML + "      fields:\n        score: review.rating\n        genre: tags\n"
    write_tree(tmp_path, {"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    args = ["new", "The Dispossessed", "--author", "Ursula K. Le Guin", "--score", "4.75"]
    args += ["--genre", "Sci-Fi", "--date", "2025-02-01", "-f", str(tmp_path / "mkdocs.yml")]
    result = run(*args)
    assert result.exit_code == 0, result.output
    path = tmp_path / "docs" / "reviews" / "the-dispossessed.md"
    assert result.output.strip() == str(path)
    meta = front_matter(path)
    assert meta["review"] == {"rating": 4.75}
    assert (meta["tags"], meta["date"], meta["author"]) == (
        ["Sci-Fi"],
        "2025-02-01",
        "Ursula K. Le Guin",
    )
    before = path.read_bytes()
    again = run(*args)
    assert again.exit_code == 1 and "already exists" in again.output
    assert path.read_bytes() == before
    bad = run("new", "X", "--author", "Y", "--score", "7", "-f", str(tmp_path / "mkdocs.yml"))
    assert bad.exit_code == 2 and "0 to 5" in bad.output


def test_new_and_import_write_a_list_of_paths_to_the_first(tmp_path: Path) -> None:
    config = MKDOCS_YML + (
        "      fields:\n        score: [review.rating, rating]\n        genre: [tags, genre]\n"
        "        isbn: [book.isbn13, book.isbn10]\n"
    )
    write_tree(tmp_path, {"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    args = ["new", "Tao Te Ching", "--author", "Laozi", "--score", "4", "--genre", "Philosophy"]
    result = run(*args, "--date", "2024-03-01", "-f", tmp_path / "mkdocs.yml")
    assert result.exit_code == 0, result.output
    meta = front_matter(tmp_path / "docs" / "reviews" / "tao-te-ching.md")
    assert (meta["review"], meta["tags"]) == ({"rating": 4}, ["Philosophy"])
    assert "rating" not in meta and "genre" not in meta
    # A page whose ISBN is under the second path is the book an import would add again.
    isbn10 = review("Known", "Someone", book={"isbn10": "0140449264"})
    write_tree(tmp_path, {"docs/reviews/known.md": isbn10})
    schema = Schema(field_paths={"isbn": ("book.isbn13", "book.isbn10")})
    assert scan(tmp_path / "docs" / "reviews", schema).by_key == {
        ("isbn", "9780140449266"): "known.md"
    }


def test_a_bad_list_of_paths_is_a_named_config_error(tmp_path: Path) -> None:
    for value, why in (
        ("[]", "an empty list names no key"),
        ("[book.isbn13, 10]", "10 in the list is not a key or dotted path"),
        ("{a: b}", "expected a key or dotted path, or a list of them"),
    ):
        config = MKDOCS_YML + f"      fields:\n        isbn: {value}\n"
        write_tree(tmp_path, {"mkdocs.yml": config, "docs/index.md": "# Home\n"})
        with collect_warnings() as errors, pytest.raises(Abort):
            load_config(str(tmp_path / "mkdocs.yml"))
        assert len(errors) == 1, errors
        named = "Config value 'plugins': Plugin 'bookreviews' option 'fields': Sub-option 'isbn'"
        assert errors[0].startswith(f"{named}: {why}"), errors
        checked = run("check", "-f", tmp_path / "mkdocs.yml")
        # The command says it in the build's own words (config.settle runs for both).
        assert checked.exit_code == 2 and errors[0] in checked.output.replace("\n", " ")


def test_console_script_and_module_run_from_the_install() -> None:
    script = Path(sys.executable).parent / "bookreviews"
    assert script.is_file() or shutil.which("bookreviews")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(script), "check", "-f", str(EXAMPLE_SITE / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout) == (
        0,
        "11 reviews (1 unrated, 1 DNF), 1 reading, 2 want to read, 10 genres, 0 problems\n",
    )
    module = subprocess.run(
        [sys.executable, "-m", "mkdocs_bookreviews", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert module.returncode == 0 and "bookreviews" in module.stdout


def test_check_reads_crlf_files_as_the_build_does(tmp_path: Path) -> None:
    page = review("Crlf", "W", score="five").replace("\n", "\r\n")
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/reviews/r.md": page.encode()})
    result = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "reviews/r.md: score 'five' is not a number" in result.output
    assert result.output.splitlines()[-1].startswith("1 review ")


def test_new_refuses_dates_the_plugin_would_refuse(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    for date in ("2024-13", "2024-00", "2024-02-30"):
        args = ["new", "T", "--author", "A", "--date", date, "-f", str(tmp_path / "mkdocs.yml")]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (date, result.output)
    assert not (tmp_path / "docs" / "reviews").exists()


def test_a_bad_covers_pattern_is_a_clear_error(tmp_path: Path) -> None:
    config = MKDOCS_YML + "      covers: ['/covers/{year:d}/{slug}.*']\n"
    write_tree(tmp_path, {"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    result = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "{year} is not a placeholder" in result.output


def test_default_config_file_is_whichever_is_here_and_mkdocs_yml_under_mkdocs(
    tmp_path: Path,
) -> None:
    # This venv has MkDocs: with both names here, mkdocs.yml, as `mkdocs build` reads.
    # (ProperDocs' venv reads properdocs.yml: tests/test_properdocs.py.)
    with pytest.raises(SettingsError) as neither:
        default_config_file(tmp_path)
    assert str(neither.value) == (
        f"neither mkdocs.yml nor properdocs.yml is in {tmp_path} (give the site's config with -f)"
    )
    (tmp_path / "properdocs.yml").write_text(MKDOCS_YML, "utf-8")
    assert default_config_file(tmp_path) == (tmp_path / "properdocs.yml", None)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    assert default_config_file(tmp_path) == (
        tmp_path / "mkdocs.yml",
        "both mkdocs.yml and properdocs.yml are here; reading mkdocs.yml, as `mkdocs build` "
        "does (give -f to choose)",
    )
    (tmp_path / "properdocs.yml").unlink()
    assert default_config_file(tmp_path) == (tmp_path / "mkdocs.yml", None)
    (tmp_path / "properdocs.yml").mkdir()  # a folder is not a config
    assert default_config_file(tmp_path) == (tmp_path / "mkdocs.yml", None)
    # The .yaml spellings both hosts also read.
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "properdocs.yaml").write_text(MKDOCS_YML, "utf-8")
    assert default_config_file(tmp_path) == (tmp_path / "properdocs.yaml", None)
    (tmp_path / "mkdocs.yaml").write_text(MKDOCS_YML, "utf-8")
    assert default_config_file(tmp_path) == (
        tmp_path / "mkdocs.yaml",
        "both mkdocs.yaml and properdocs.yaml are here; reading mkdocs.yaml, as `mkdocs build` "
        "does (give -f to choose)",
    )


def test_commands_read_the_default_config_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        tmp_path,
        {
            "properdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "docs/reviews/ok.md": review("Fine", "A", genre=["Fiction"]),
        },
    )
    monkeypatch.chdir(tmp_path)
    alone = CliRunner().invoke(main, ["check"])
    assert (alone.exit_code, alone.output) == (
        0,
        "1 review (0 unrated, 0 DNF), 1 genre, 0 problems\n",
    )
    written = CliRunner().invoke(main, ["new", "Second", "--author", "B", "--date", "2025"])
    assert (written.exit_code, written.output) == (0, "docs/reviews/second.md\n")
    # Both: mkdocs.yml is read (an unreadable one, so reading it shows) and the choice is said.
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    both = CliRunner().invoke(main, ["check"])
    assert both.exit_code == 2
    assert both.output.startswith(
        "both mkdocs.yml and properdocs.yml are here; reading mkdocs.yml, as `mkdocs build` "
        "does (give -f to choose)\nUsage: "
    )
    assert "Error: mkdocs.yml: " in both.output
    chosen = CliRunner().invoke(main, ["check", "-f", "properdocs.yml"])
    assert (chosen.exit_code, chosen.output) == (
        0,
        "2 reviews (1 unrated, 0 DNF), 1 genre, 0 problems\n",
    )
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "properdocs.yml").unlink()
    for args in (["check"], ["new", "T", "--author", "A"], ["import", str(GOODREADS)]):
        neither = CliRunner().invoke(main, args)
        assert neither.exit_code == 2
        assert "Error: neither mkdocs.yml nor properdocs.yml is in " in neither.output


def test_a_folder_that_cannot_be_made_or_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # Issue 20, finding 8: a traceback and exit 1 before.
    config = tmp_path / "mkdocs.yml"
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n", "file": "x\n"})
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    # Root writes into a folder whatever its mode: /sys is read-only to everyone.
    locked = Path("/sys") if os.geteuid() == 0 else read_only
    cases = {
        tmp_path / "file" / "reviews": "cannot be created",  # a file where a folder must go
        locked / "reviews": "cannot be created",
    }
    if os.geteuid() != 0:
        cases[read_only] = "cannot be written to"
    for into, said in cases.items():
        # A dry run looks without trying: it sees a file in the way and a folder's mode.
        for dry in ((), ("--dry-run",)) if into.parts[1] != "sys" else ((),):
            result = CliRunner().invoke(
                main, ["import", str(GOODREADS), "-f", str(config), "--into", str(into), *dry]
            )
            assert result.exit_code == 2, (into, dry, result.output)
            assert result.output.count("\n") == 1 and result.output.startswith(
                f"--into {into}: "
            ), result.output
            if not dry:
                assert said in result.output
    # The configured folder (docs_dir/reviews_dir) with a file in its place.
    (tmp_path / "docs" / "reviews").write_text("not a folder\n", "utf-8")
    result = CliRunner().invoke(main, ["import", str(GOODREADS), "-f", str(config)])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "docs/reviews: is a file, not a folder" in result.output
    assert (tmp_path / "docs" / "reviews").read_text("utf-8") == "not a folder\n"
    read_only.chmod(0o755)


def goodreads_export(path: Path, rows: list[dict[str, str]]) -> Path:
    """A Goodreads export with the fixture's header and these cells (the rest empty)."""
    header = GOODREADS.read_bytes().decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for cells in rows:
        writer.writerow([{"My Rating": "4", "Exclusive Shelf": "read", **cells}.get(name, "")
                         for name in header])  # fmt: skip
    path.write_text(out.getvalue(), "utf-8")
    return path


def test_a_shared_isbn_with_another_id_and_title_is_another_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20, finding 3: the second book was "1 already imported", unnamed, never written.
    monkeypatch.chdir(tmp_path)  # pages are named relative to the current folder
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    isbn = '="9780441013593"'
    export = goodreads_export(tmp_path / "export.csv", [
        {"Book Id": "1", "Title": "Dune", "Author": "Frank Herbert", "ISBN13": isbn},
        {"Book Id": "2", "Title": "Emma", "Author": "Jane Austen", "ISBN13": isbn},
        {"Book Id": "3", "Title": "Dune: Deluxe Edition", "Author": "Frank Herbert",
         "ISBN13": isbn},
    ])  # fmt: skip
    config = str(tmp_path / "mkdocs.yml")
    result = CliRunner().invoke(main, ["import", str(export), "-f", config])
    assert result.exit_code == 0, result.output
    reviews = tmp_path / "docs" / "reviews"
    assert sorted(p.name for p in reviews.glob("*.md")) == ["dune.md", "emma.md"]
    assert front_matter(reviews / "emma.md")["source_id"] == "2"
    lines = result.output.splitlines()
    assert (
        f"{export}: row 3 (Emma): shares ISBN 9780441013593 with row 2 (Dune, "
        "docs/reviews/dune.md) but not its title: written as another book; check the ISBN"
    ) in lines
    assert (
        f"{export}: row 4 (Dune: Deluxe Edition): has the ISBN of row 2 (Dune, "
        "docs/reviews/dune.md): taken as the same book, not written"
    ) in lines
    assert lines[-1].startswith("Goodreads export: wrote 2 new, 1 already imported")
    # Importing again: each book is found by its Goodreads id first.
    before = snapshot(reviews)
    again = CliRunner().invoke(main, ["import", str(export), "-f", config])
    assert again.exit_code == 0 and snapshot(reviews) == before
    assert "wrote 0 new, 3 already imported" in again.output
    assert "shares ISBN" not in again.output


def test_reimport_recognises_pages_the_reader_broke_or_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20, finding 7: a second copy of each book was written.
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    assert run("import", GOODREADS).exit_code == 0
    reviews = tmp_path / "docs" / "reviews"
    fifth = reviews / "the-fifth-season.md"  # a colon in an unquoted title: not YAML any more
    fifth.write_text(
        fifth.read_text("utf-8").replace("title: The Fifth Season", "title: Season: Fifth"),
        "utf-8",
    )
    (reviews / "good-omens.md").rename(reviews / "good-omens.markdown")
    before = snapshot(reviews)
    result = run("import", GOODREADS)
    assert result.exit_code == 0, result.output
    assert "wrote 0 new, 5 already imported" in result.output
    assert snapshot(reviews) == before
    assert sorted(p.name for p in reviews.iterdir()) == [
        "collected-poems-sylvia-plath.md",
        "collected-poems.md",
        "good-omens.markdown",
        "infinite-jest.md",
        "the-fifth-season.md",
    ]
    assert re.fullmatch(
        r"docs/reviews/the-fifth-season\.md: front matter is not valid YAML \(mapping values "
        r"are not allowed [^()]*\(line 2\)\); recognised by its source_id '19161852' and left "
        r"as it is: fix it \(bookreviews check shows it\)",
        result.output.splitlines()[0],
    ), result.output


def test_an_export_with_a_column_twice_is_refused_with_exit_2(tmp_path: Path) -> None:
    # Issue 20, finding 2: one of two `My Review` cells was kept, the other silently lost.
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    lines = GOODREADS.read_bytes().decode("utf-8-sig").split("\r\n")
    lines = [line + (",My Review" if n == 0 else ",") for n, line in enumerate(lines) if line]
    export = tmp_path / "twice.csv"
    export.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    result = run("import", export, "-f", tmp_path / "mkdocs.yml")
    assert (result.exit_code, result.output) == (
        2,
        f"{export}: has two columns called 'My Review' (columns 20 and 25): the importer "
        "cannot tell which one to read; delete or rename one and import again\n",
    )


def test_new_refuses_an_author_of_only_spaces(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    for authors in (["   "], ["\t"], ["Ann Reader", "  "]):
        args = ["new", "T", "-f", str(tmp_path / "mkdocs.yml")]
        for author in authors:
            args += ["--author", author]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (authors, result.output)
        assert "--author" in result.output and "empty" in result.output
    assert not (tmp_path / "docs" / "reviews").exists()


def test_new_and_import_write_nothing_outside_docs_dir(tmp_path: Path) -> None:
    # Issue 20, finding 1: `reviews_dir: ../outside` wrote reviews beside the project.
    config = MKDOCS_YML.replace("reviews_dir: reviews", "reviews_dir: ../outside")
    write_tree(tmp_path / "site", {"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    config_file = tmp_path / "site" / "mkdocs.yml"
    for args in (["new", "T", "--author", "A"], ["import", str(GOODREADS)]):
        result = run(*args, "-f", config_file)
        assert result.exit_code == 2, result.output
        assert "reviews_dir '../outside' climbs out of docs_dir ('..')" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in (tmp_path / "site" / "docs").iterdir()) == ["index.md"]


def test_into_is_checked_by_the_rule_every_path_option_is(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    config_file = tmp_path / "mkdocs.yml"
    docs = tmp_path / "docs"
    cases = {
        f"{docs}/ reviews": "has a space at the start or end of ' reviews'",
        f"{docs}/revi\u202eews": "has an invisible or control character (U+202E)",
        f"{docs}/genres/imported": "is inside genres_dir 'genres', where the genres pages are",
        f"{docs}/.drafts": "MkDocs does not publish '.drafts'",
    }
    for into, said in cases.items():
        for dry in ((), ("--dry-run",)):
            result = run("import", GOODREADS, "-f", config_file, "--into", into, *dry)
            assert result.exit_code == 2, (into, result.output)
            assert result.output.startswith("--into ") and said in result.output, result.output
            assert result.output.count("\n") == 1, result.output
    assert sorted(p.name for p in docs.iterdir()) == ["index.md"]
