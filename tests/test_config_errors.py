"""Config mistakes and an empty library: `mkdocs build` and `bookreviews check` say the same.

Each bad config is loaded by real MkDocs (`load_config`, then `build`), which must stop with a
configuration error and log named, actionable lines (never a traceback); `bookreviews check` on
the same mkdocs.yml must exit 2 and print those very lines. A library whose pages have front
matter but no review among them is one warning in the build (so `--strict` fails) and one
problem in `check` (exit 1), in the same words; a site with no front matter says nothing.
"""

from __future__ import annotations

import logging
import os
import subprocess
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.cli import main

from .conftest import REPO, collect_warnings, review, write_tree

FIELDS = (
    "title, author, year, month, date, score, image, genre, did_not_finish, summary, spoilers, "
    "series, series_number, isbn, pages, published, cover_alt, status"
)
PREFIX = "Plugin 'bookreviews' option "
ABOUT = "Config value 'plugins': "  # MkDocs' words before the first error of the plugins


def site(root: Path, plugin: dict[str, Any], docs: dict[str, str]) -> Path:
    """A project with `docs` and the plugin configured with `plugin`; its mkdocs.yml."""
    config = {
        "site_name": "Config",
        "theme": {"name": "mkdocs"},
        "plugins": [{"bookreviews": plugin}],
    }
    write_tree(
        root, {"mkdocs.yml": yaml.safe_dump(config), **{f"docs/{k}": v for k, v in docs.items()}}
    )
    return root / "mkdocs.yml"


def collect_errors() -> AbstractContextManager[list[str]]:
    """The ERROR lines MkDocs logs while the block runs."""
    return collect_warnings(logging.ERROR)


def check(config_file: Path) -> Result:
    return CliRunner().invoke(main, ["check", "-f", str(config_file)])


DOCS = {"index.md": "# Home\n", "reviews/a.md": review("A Book", "An Author")}

BAD_CONFIGS: dict[str, tuple[dict[str, Any], list[str]]] = {
    # The crash: a key under `fields:` that is not a field.
    "fields-unknown": (
        {"fields": {"rating": "score"}},
        [f"{PREFIX}'fields': 'rating' is not a field; the fields are: {FIELDS}"],
    ),
    "fields-misspelt": (
        {"fields": {"scor": "rating", "genre": "tags"}},
        [
            f"{PREFIX}'fields': 'scor' is not a field; did you mean 'score'? "
            f"The fields are: {FIELDS}"
        ],
    ),
    "goals-year": (
        {"goals": {"soon": 12}},
        [
            f"{PREFIX}'goals': 'soon' is not a year (like 2026); write a year and a number of "
            "books, like `goals: {2026: 52}`"
        ],
    ),
    "goals-count": (
        {"goals": {2026: 0}},
        [
            f"{PREFIX}'goals': 2026: 0 is not a number of books (a whole number from 1 to "
            "100,000); write a year and a number of books, like `goals: {2026: 52}`"
        ],
    ),
    "goals-count-text": (
        {"goals": {"2026": "many"}},
        [
            f"{PREFIX}'goals': 2026: 'many' is not a number of books (a whole number from 1 to "
            "100,000); write a year and a number of books, like `goals: {2026: 52}`"
        ],
    ),
    "option-misspelt": (
        {"review_dir": "reviews"},
        [f"{PREFIX}'review_dir': 'review_dir' is not an option; did you mean 'reviews_dir'?"],
    ),
    "scale-zero": (
        {"scale": 0},
        [f"{PREFIX}'scale': must be a whole number from 1 to 100, not 0"],
    ),
    # Issue 20, finding 12: a scale of 10**12 took over 3 GB; `true` was a scale of 1.
    "scale-huge": (
        {"scale": 1000000000000},
        [f"{PREFIX}'scale': must be a whole number from 1 to 100, not a number of 13 digits"],
    ),
    "scale-10**400": (
        {"scale": 10**400},
        [f"{PREFIX}'scale': must be a whole number from 1 to 100, not a number of 401 digits"],
    ),
    "scale-bool": (
        {"scale": True},
        [f"{PREFIX}'scale': must be a whole number from 1 to 100, not True"],
    ),
    "feed-limit-negative": (
        {"feed_limit": -5},
        [f"{PREFIX}'feed_limit': must be a whole number from 0 to 10,000, not -5"],
    ),
    "nav-limit-bool": (
        {"nav_limit": False},
        [f"{PREFIX}'nav_limit': must be a whole number of 0 or more, not False"],
    ),
    "authors-min-reviews-zero": (
        {"authors_min_reviews": 0},
        [f"{PREFIX}'authors_min_reviews': must be a whole number from 1 to 10,000, not 0"],
    ),
    "onward-covers-zero": (
        {"onward_covers": 0},
        [f"{PREFIX}'onward_covers': must be a whole number from 1 to 12, not 0"],
    ),
    "onward-covers-bool": (
        {"onward_covers": True},
        [f"{PREFIX}'onward_covers': must be a whole number from 1 to 12, not True"],
    ),
    "covers-pattern": (
        {"covers": ["/covers/{year:d}/{slug}.*"]},
        [
            f"{PREFIX}'covers': pattern '/covers/{{year:d}}/{{slug}}.*': {{year}} is not a "
            "placeholder (use {folder}, {stem}, {slug} or {year}, with nothing after the name)"
        ],
    ),
    "views-folders": (
        {"authors": True, "authors_dir": "genres/authors"},
        [
            f"{PREFIX}'authors_dir': 'genres/authors' is inside genres_dir 'genres': give each "
            "kind of page a folder of its own"
        ],
    ),
    "feed-path": (
        {"feed_path": "../feed.xml"},
        [
            f"{PREFIX}'feed_path': feed_path '../feed.xml' climbs out of the site ('..'): "
            "write a path inside it, like 'feed.xml'"
        ],
    ),
    # Issue 20, finding 1: reviews written outside docs_dir, or none found, without a word.
    "reviews-dir-outside": (
        {"reviews_dir": "../outside"},
        [
            f"{PREFIX}'reviews_dir': reviews_dir '../outside' climbs out of docs_dir ('..'): "
            "write a path inside it, like 'reviews'"
        ],
    ),
    "reviews-dir-space": (
        {"reviews_dir": " reviews"},
        [
            f"{PREFIX}'reviews_dir': reviews_dir ' reviews' has a space at the start or end "
            "of ' reviews': did you mean 'reviews'?"
        ],
    ),
    "reviews-dir-hidden": (
        {"reviews_dir": ".reviews"},
        [
            f"{PREFIX}'reviews_dir': reviews_dir '.reviews': MkDocs does not publish "
            "'.reviews', whose name starts with a dot: rename it, or write a path like 'reviews'"
        ],
    ),
    "reviews-dir-control": (
        {"reviews_dir": "reviews\u202e"},
        [
            f"{PREFIX}'reviews_dir': reviews_dir 'reviews\\u202e' has an invisible or control "
            "character (U+202E): write the path without it"
        ],
    ),
    "reviews-dir-in-a-view": (
        {"reviews_dir": "genres/books"},
        [
            f"{PREFIX}'reviews_dir': reviews_dir 'genres/books' is inside genres_dir 'genres', "
            "where the genres pages are generated: give reviews a folder of their own"
        ],
    ),
    "view-dir-backslash": (
        {"stats_dir": "numbers\\stats"},
        [
            f"{PREFIX}'stats_dir': stats_dir 'numbers\\\\stats' has a backslash: write "
            "folders with '/', like 'stats'"
        ],
    ),
    # Issue 20, finding 9: import wrote pages without their title.
    "fields-share-a-key": (
        {"fields": {"title": "name", "author": "name"}},
        [
            f"{PREFIX}'fields': title and author both read 'name': one key holds one field; "
            "give each field its own key (a list of paths may not share one either)"
        ],
    ),
    "fields-share-a-path-in-a-list": (
        {"fields": {"isbn": ["book.isbn13", "book.id"], "series": "book.id"}},
        [
            f"{PREFIX}'fields': series and isbn both read 'book.id': one key holds one field; "
            "give each field its own key (a list of paths may not share one either)"
        ],
    ),
    # Issue 20, finding 10: the feed overwrote the home page, the sitemap, the other feed.
    "feed-on-the-home-page": (
        {"feed_path": "index.html"},
        [
            f"{PREFIX}'feed_path': feed_path 'index.html' is where MkDocs writes a page (every "
            "page is an .html file); use a name like 'feed.xml'"
        ],
    ),
    "feed-on-the-shelf": (
        {"feed_path": "shelf/index.html"},
        [
            f"{PREFIX}'feed_path': feed_path 'shelf/index.html' is where MkDocs writes a page "
            "(every page is an .html file); use a name like 'feed.xml'"
        ],
    ),
    "feed-on-the-sitemap": (
        {"feed_path": "sitemap.xml"},
        [
            f"{PREFIX}'feed_path': feed_path 'sitemap.xml' is where MkDocs writes a file of "
            "its own; use a name like 'feed.xml'"
        ],
    ),
    "feed-on-the-search-index": (
        {"feed_rss_path": "search/search_index.json"},
        [
            f"{PREFIX}'feed_rss_path': feed_rss_path 'search/search_index.json' is where "
            "MkDocs writes a file of its own; use a name like 'feed.xml'"
        ],
    ),
    "feed-rss-on-the-atom-feed": (
        {"feed_rss_path": "/feed.xml"},
        [
            f"{PREFIX}'feed_rss_path': feed_rss_path 'feed.xml' is feed_path too: the RSS "
            "feed would overwrite the Atom feed; give it a name of its own, like 'rss.xml'"
        ],
    ),
    # Issue 20, finding 11: a traceback.
    "shelf-dir-on-the-feed": (
        {"shelf_dir": "feed.xml"},
        [
            f"{PREFIX}'feed_path': feed_path 'feed.xml' and shelf_dir 'feed.xml' are in one "
            "place: the feed would take the place of the shelf pages or go among them; give "
            "each its own path"
        ],
    ),
    # Found by tests/test_fuzz_options.py: a traceback (the folder is MkDocs' sitemap file).
    "view-dir-on-the-sitemap": (
        {"authors_dir": "sitemap.xml"},
        [
            f"{PREFIX}'authors_dir': authors_dir 'sitemap.xml' is a name MkDocs writes "
            "'sitemap.xml' under: the authors pages need a folder; use a name like 'authors'"
        ],
    ),
    "view-dir-on-a-page": (
        {"shelf_dir": "index.html"},
        [
            f"{PREFIX}'shelf_dir': shelf_dir 'index.html' is a name MkDocs writes pages under: "
            "the shelf pages need a folder; use a name like 'shelf'"
        ],
    ),
    # MkDocs' own type check still comes first; the names of the options are not checked twice.
    "type-and-unknown": (
        {"scale": "ten", "fields": {"rating": "score"}},
        [
            f"{PREFIX}'scale': Expected type: <class 'int'> but received: <class 'str'>",
            f"{PREFIX}'fields': 'rating' is not a field; the fields are: {FIELDS}",
        ],
    ),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_a_bad_config_is_the_same_named_error_in_the_build_and_in_check(
    tmp_path: Path, case: str
) -> None:
    plugin, expected = BAD_CONFIGS[case]
    config_file = site(tmp_path, plugin, DOCS)
    # Not even --strict: a config mistake stops every build, with the lines above.
    with collect_errors() as errors, pytest.raises(Abort, match="configuration error"):
        build(load_config(str(config_file)))
    lines = "\n".join(errors).splitlines()
    assert lines == [ABOUT + expected[0], *expected[1:]]
    checked = check(config_file)
    assert checked.exit_code == 2, checked.output
    assert checked.exception is None or isinstance(checked.exception, SystemExit)
    assert "Traceback" not in checked.output
    said = checked.output.split("Error: ", 1)[1].splitlines()
    assert said == [f"{config_file}: {lines[0]}", *lines[1:]]


def test_mkdocs_build_names_an_unknown_field_without_a_traceback(tmp_path: Path) -> None:
    # The command line, as users run it: before, a TypeError from FieldNames(**...).
    config_file = site(tmp_path, {"fields": {"rating": "score"}}, DOCS)
    built = subprocess.run(
        [str(REPO / ".venv" / "bin" / "mkdocs"), "build", "-f", str(config_file)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 1
    assert "Traceback" not in built.stdout + built.stderr
    said = built.stdout + built.stderr
    assert f"{ABOUT}{PREFIX}'fields': 'rating' is not a field; the fields are: {FIELDS}" in said
    assert "Aborted with a configuration error!" in said


# --- a library with front matter and no review ----------------------------------------------


def not_reviews(scope: str) -> dict[str, str]:
    """Review-like pages that the default `review_field` (score) does not find."""
    return {
        "index.md": "# Home\n",
        f"{scope}rated.md": "---\ntitle: Dune\nauthor: Frank Herbert\nrating: 4\n---\n\nText.\n",
        f"{scope}nested.md": "---\ntitle: Emma\nauthor: Jane Austen\nreview: {score: 5}\n---\n",
        f"{scope}many.md": "---\ntitle: Kim\nauthor: Kipling\nk1: 1\nk2: 2\nk3: 3\nk4: 4\n---\n",
    }


@pytest.mark.parametrize(
    ("reviews_dir", "where"), [("reviews", "reviews/"), ("", "docs_dir")], ids=["folder", "all"]
)
def test_pages_with_front_matter_and_no_review_warn_in_the_build_and_check(
    tmp_path: Path, reviews_dir: str, where: str
) -> None:
    scope = f"{reviews_dir}/" if reviews_dir else ""
    config_file = site(tmp_path, {"reviews_dir": reviews_dir}, not_reviews(scope))
    expected = (
        f"{where}: review_field `score` is in none of the 3 pages with front matter here, so "
        "there are no reviews; their most used keys: title (3), author (3), k1 (1), k2 (1), "
        "k3 (1); point `fields: score:` at the key that holds it (a dotted path for a nested "
        "one), or set `review_field` to a field these pages have"
    )
    with collect_warnings() as warnings:
        build(load_config(str(config_file)))
    assert warnings == [f"bookreviews: {expected}"]
    with pytest.raises(Abort, match="strict"):
        build(load_config(str(config_file), strict=True))
    checked = check(config_file)
    assert (checked.exit_code, checked.output) == (
        1,
        f"{expected}\n0 reviews (0 unrated, 0 DNF), 0 genres, 1 problem\n",
    )


def test_a_review_field_with_a_path_is_named_by_its_path(tmp_path: Path) -> None:
    plugin = {"reviews_dir": "reviews", "review_field": "title", "fields": {"title": "book.title"}}
    config_file = site(tmp_path, plugin, not_reviews("reviews/"))
    checked = check(config_file)
    assert checked.exit_code == 1
    assert checked.output.startswith(
        "reviews/: review_field `book.title` (title) is in none of the 3 pages with front matter"
    )
    assert "point `fields: title:` at the key that holds it" in checked.output


def test_a_site_with_no_front_matter_in_scope_stays_quiet(tmp_path: Path) -> None:
    docs = {
        "index.md": "---\ntitle: Home\n---\n\n# Home\n",  # outside reviews_dir
        "reviews/index.md": "# Reviews to come\n",
        "reviews/empty.md": "---\n---\n\nNothing yet.\n",
    }
    config_file = site(tmp_path, {"reviews_dir": "reviews"}, docs)
    with collect_warnings() as warnings:
        build(load_config(str(config_file), strict=True))
    assert warnings == []
    checked = check(config_file)
    assert (checked.exit_code, checked.output) == (
        0,
        "0 reviews (0 unrated, 0 DNF), 0 genres, 0 problems\n",
    )


def test_one_review_among_other_pages_is_enough(tmp_path: Path) -> None:
    docs = {**not_reviews("reviews/"), "reviews/a.md": review("A Book", "An Author")}
    config_file = site(tmp_path, {"reviews_dir": "reviews"}, docs)
    with collect_warnings() as warnings:
        build(load_config(str(config_file), strict=True))
    assert warnings == []
    assert check(config_file).exit_code == 0


# --- paths the build checks against the site's files (issue 20: 1, 10, 11) -------------------


def build_errors(config_file: Path) -> list[str]:
    """The ERROR lines of a build that must stop (any config or build error)."""
    with collect_errors() as errors, pytest.raises(Abort):
        build(load_config(str(config_file)))
    return errors


def test_the_home_page_survives_a_feed_path_of_index_html(tmp_path: Path) -> None:
    plugin: dict[str, Any] = {"reviews_dir": "reviews"}
    config_file = site(tmp_path, plugin, DOCS)
    config = yaml.safe_load(config_file.read_text("utf-8"))
    config["site_url"] = "https://books.example.org/"
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    build(load_config(str(config_file)))
    home = tmp_path / "site" / "index.html"
    before = home.read_bytes()
    assert b"<h1" in before and b"<feed" not in before
    for path in ("index.html", "/index.html", "./shelf/index.html", "404.html"):
        config["plugins"] = [{"bookreviews": {**plugin, "feed_path": path}}]
        config_file.write_text(yaml.safe_dump(config), "utf-8")
        errors = build_errors(config_file)
        assert len(errors) == 1 and "'feed_path': feed_path " in errors[0], errors
        assert "use a name like 'feed.xml'" in errors[0]
        assert home.read_bytes() == before
        assert check(config_file).exit_code == 2


FEED_CLASHES = {
    # A page's folder: the feed would be written where its index.html goes (a traceback).
    "a-page's-folder": (
        "about",
        "feed_path 'about' is a folder of the site ('about/index.html' is written in it): set "
        "a file path of its own, like 'feed.xml'",
    ),
    "inside-a-file": (
        "notes.txt/feed.xml",
        "feed_path 'notes.txt/feed.xml' would go inside 'notes.txt', which is a file of the "
        "site: set a path of its own, like 'feed.xml'",
    ),
    "the-plugin's-stylesheet": (
        "assets/bookreviews/bookreviews.css",
        "feed_path 'assets/bookreviews/bookreviews.css' is where the site's page or file "
        "'assets/bookreviews/bookreviews.css' is written: the feed would overwrite it; set "
        "another path, like 'feed.xml'",
    ),
}


@pytest.mark.parametrize("case", list(FEED_CLASHES))
def test_a_feed_where_the_site_writes_a_file_is_an_error_and_nothing_is_overwritten(
    tmp_path: Path, case: str
) -> None:
    feed_path, expected = FEED_CLASHES[case]
    docs = {**DOCS, "about.md": "# About\n", "notes.txt": "notes\n"}
    config_file = site(tmp_path, {"reviews_dir": "reviews", "feed_path": feed_path}, docs)
    config = yaml.safe_load(config_file.read_text("utf-8"))
    config["site_url"] = "https://books.example.org/"
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    errors = build_errors(config_file)
    assert errors == [f"bookreviews: {expected}"]
    assert not (tmp_path / "site" / feed_path).is_file() or case == "the-plugin's-stylesheet"
    checked = check(config_file)
    assert checked.exit_code == 2, checked.output
    assert checked.output.split("Error: ", 1)[1] == f"{config_file}: {expected}\n"


@pytest.mark.parametrize("written", ["./reviews", "./reviews/", "reviews/./"])
def test_harmless_spellings_of_reviews_dir_are_that_folder(tmp_path: Path, written: str) -> None:
    docs = {**DOCS, "notes.md": review("Not In Scope", "Someone")}
    config_file = site(tmp_path, {"reviews_dir": written}, docs)
    checked = check(config_file)
    assert (checked.exit_code, checked.output) == (
        0,
        "1 review (0 unrated, 0 DNF), 0 genres, 0 problems\n",
    )


def test_a_reviews_dir_of_dot_is_all_of_docs_dir(tmp_path: Path) -> None:
    docs = {**DOCS, "notes.md": review("In Scope", "Someone")}
    config_file = site(tmp_path, {"reviews_dir": "."}, docs)
    checked = check(config_file)
    assert checked.output == "2 reviews (0 unrated, 0 DNF), 0 genres, 0 problems\n"


@pytest.mark.parametrize("written", ["Reviews", "REVIEWS"])
def test_a_reviews_dir_spelt_unlike_its_folder_is_an_error_with_the_folder(
    tmp_path: Path, written: str
) -> None:
    config_file = site(tmp_path, {"reviews_dir": written}, DOCS)
    expected = (
        f"reviews_dir {written!r}: docs_dir has no folder {written!r}; did you mean 'reviews'?"
    )
    assert build_errors(config_file) == [f"bookreviews: {expected}"]
    checked = check(config_file)
    assert checked.exit_code == 2
    assert checked.output.split("Error: ", 1)[1] == f"{config_file}: {expected}\n"
    # `new` would write into a second folder beside the first: it says the same, and writes
    # nothing.
    made = CliRunner().invoke(main, ["new", "T", "--author", "A", "-f", str(config_file)])
    assert made.exit_code == 2
    assert made.output.split("Error: ", 1)[1] == f"{config_file}: {expected}\n"
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["index.md", "reviews"]


def test_a_reviews_dir_with_no_pages_warns_in_the_build_and_check(tmp_path: Path) -> None:
    config_file = site(tmp_path, {"reviews_dir": "books"}, DOCS)
    expected = (
        "books/: reviews_dir 'books' has no pages in docs_dir, so no page is a review; write "
        "one there "
        "(`bookreviews new` does), or set reviews_dir to the folder your reviews are in"
    )
    with collect_warnings() as warnings:
        build(load_config(str(config_file)))
    assert warnings == [f"bookreviews: {expected}"]
    checked = check(config_file)
    assert (checked.exit_code, checked.output) == (
        1,
        f"{expected}\n0 reviews (0 unrated, 0 DNF), 0 genres, 1 problem\n",
    )
    # On a new site `new` makes the folder, and then all is well.
    made = CliRunner().invoke(main, ["new", "T", "--author", "A", "-f", str(config_file)])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "docs" / "books" / "t.md").is_file()
    assert check(config_file).exit_code == 0
