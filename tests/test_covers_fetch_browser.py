"""An imported shelf in Chromium before and after `bookreviews covers` (against the Open Library
stand-in): drawn covers first, then the six covers fetched, each loaded at its own size, and
one book Open Library has no cover for still drawn. The two screenshots are in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.openlibrary import URL_VARIABLE

from .conftest import serve_folder, write_tree
from .openlibrary_standin import serve
from .test_browser import DESKTOP, SCREENSHOTS, open_page
from .test_covers_fetch import FIXTURES, PATTERN, goodreads_standin

# Each card's cover as the reader sees it: an image (loaded, at its natural width) or drawn.
# Each book on the shelf: its title and its cover's width once loaded (0: drawn, no image).
CARDS = """() => [...document.querySelectorAll('.bookreviews-shelf-grid > li')].map(book => {
    const img = book.querySelector('a > img');
    return [book.querySelector('a > b').textContent.trim(),
            img ? (img.complete ? img.naturalWidth : -1) : 0];
})"""
EXPORTS = ("goodreads_library_export.csv", "goodreads_library_export_31.csv")


def site_config(covers: list[str] | None) -> str:
    plugin: dict[str, Any] = {"reviews_dir": "reviews"}
    if covers:
        plugin["covers"] = covers
    return yaml.safe_dump(
        {
            "site_name": "My reading",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"bookreviews": plugin}],
        }
    )


def shelf_shot(browser: Any, root: Path, name: str) -> list[list[Any]]:
    """Build the site, open its shelf, save a screenshot as `name`; each book's cover."""
    build(load_config(str(root / "mkdocs.yml")))
    with serve_folder(root / "site") as url:
        page = open_page(browser, url + "shelf/", width=DESKTOP, height=1000)
        page.wait_for_function(
            "[...document.querySelectorAll('.bookreviews-shelf-grid img')].every(i => i.complete)"
        )
        cards: list[list[Any]] = page.evaluate(CARDS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
        assert page.errors == []
        page.context.close()
    return cards


def test_an_imported_shelf_before_and_after_covers(browser: Any, tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": site_config(None), "docs/index.md": "# My reading\n"})
    config_file = str(tmp_path / "mkdocs.yml")
    for export in EXPORTS:
        imported = CliRunner().invoke(main, ["import", str(FIXTURES / export), "-f", config_file])
        assert imported.exit_code == 0, imported.output
    before = shelf_shot(browser, tmp_path, "covers-before.png")
    assert len(before) == 7 and all(cover == 0 for _, cover in before)  # all drawn
    # The one line `bookreviews covers` asks for, then the command.
    (tmp_path / "mkdocs.yml").write_text(site_config([PATTERN]), "utf-8")
    with serve() as standin:
        goodreads_standin(standin)
        fetched = CliRunner(env={URL_VARIABLE: standin.url}).invoke(
            main, ["covers", "-f", config_file, "--rate", "1000"]
        )
    assert fetched.exit_code == 0, fetched.output
    after = shelf_shot(browser, tmp_path, "covers-after.png")
    assert [title for title, _ in after] == [title for title, _ in before]
    drawn = [title for title, cover in after if cover == 0]
    assert drawn == ["Collected Poems"]  # Philip Larkin's: Open Library has none
    assert sorted(cover for _, cover in after if cover) == [200] * 6  # loaded, whole
