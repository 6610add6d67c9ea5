"""What a reader sees in each theme's search results, in Debian's Chromium.

Titles from front matter are HTML-escaped for the themes that print them raw; a search index
read by a theme that escapes again would show `&amp;` and `&#39;` to the reader. Each theme's
own search page is driven with a query and its result titles are read as text.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import review, write_tree

TITLES = ["Ender's Game", "Pride & Prejudice", "Tom <Thumb>"]
# Per theme: the page that runs a search from its `q` parameter, and its result titles.
THEMES = {
    "mkdocs": ("?q={q}", "#mkdocs-search-results h3"),
    "readthedocs": ("search.html?q={q}", "#mkdocs-search-results h3"),
    "material": ("?q={q}", ".md-search-result__article h1"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site_dir: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_search_results_show_titles_as_written(browser: Any, tmp_path: Path, theme: str) -> None:
    docs: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i, title in enumerate(TITLES):
        docs[f"r{i}.md"] = review(title, "Quill Author", body=f"Searchword{i} is in the text.\n")
    write_tree(tmp_path / "docs", docs)
    config = {
        "site_name": "Search",
        "theme": {"name": theme},
        "plugins": ["search", "bookreviews"],
        "site_dir": str(tmp_path / "site"),
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    base, server = serve(tmp_path / "site")
    query, results = THEMES[theme]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + query.format(q="Quill"), wait_until="networkidle")
        page.wait_for_function(
            f"document.querySelectorAll({results!r}).length >= {len(TITLES)}", timeout=15_000
        )
        shown = {" ".join(t.split()) for t in page.locator(results).all_text_contents()}
    finally:
        context.close()
        server.shutdown()
    assert set(TITLES) <= shown, shown
