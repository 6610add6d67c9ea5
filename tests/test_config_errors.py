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
from collections.abc import Iterator
from contextlib import contextmanager
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
    "series, series_number, isbn, pages, published, cover_alt"
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


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def collect_errors() -> Iterator[list[str]]:
    """The ERROR lines MkDocs logs while the block runs."""
    handler = _Errors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


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
    "option-misspelt": (
        {"review_dir": "reviews"},
        [f"{PREFIX}'review_dir': 'review_dir' is not an option; did you mean 'reviews_dir'?"],
    ),
    "scale-zero": ({"scale": 0}, [f"{PREFIX}'scale': must be 1 or more, not 0"]),
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
            f"{PREFIX}'feed_path': feed_path '../feed.xml' must be a file inside the site, "
            "like 'feed.xml'"
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
