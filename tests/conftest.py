"""Shared helpers: build a real MkDocs site in a temp folder and read its HTML back."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import posixpath
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example-site"
# A review written for the project in the seed's shape: a quoted year string, an English month
# name, a quarter score, a relative cover path (its file missing unless a test adds it), a genre
# list in flow style, and curly-quoted blockquotes. Nothing in the tests reads outside the clone.
SEED_REVIEW = REPO / "tests" / "fixtures" / "the-time-machine.md"

CHROMIUM = Path("/usr/bin/chromium")
# Chromium's own connections would be refused on a closed network, many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A tiny valid cover: the plugin only checks that the file exists inside docs_dir.
COVER_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300">'
    '<rect width="200" height="300" fill="#2a6f97"/></svg>'
)


@dataclass
class Site:
    """A built site: where it is, and the WARNING lines the build logged."""

    root: Path
    site_dir: Path
    warnings: list[str] = field(default_factory=list)
    use_directory_urls: bool = True

    def page_path(self, src_uri: str) -> Path:
        """The HTML file MkDocs writes for a Markdown page."""
        stem = src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return self.site_dir / (stem + ".html")
        if self.use_directory_urls:
            return self.site_dir / stem / "index.html"
        return self.site_dir / (stem + ".html")

    def soup(self, src_uri: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its Markdown source path."""
        return BeautifulSoup(self.page_path(src_uri).read_text("utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))


def review(
    title: str | None = "A Book",
    author: str = "An Author",
    *,
    body: str = "> A quote from the book.\n\nWhat I thought of it.\n",
    **fields: Any,
) -> str:
    """A review page's Markdown; `fields` go into the front matter as they are."""
    meta: dict[str, Any] = {"title": title, "author": author, "score": 4}
    meta.update(fields)
    meta = {key: value for key, value in meta.items() if value is not None}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")


class _Collect(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def collect_warnings(level: int = logging.WARNING) -> Iterator[list[str]]:
    """The lines MkDocs (and its plugins) log at `level` or above (WARNING: what `--strict`
    counts; ERROR: configuration errors) while the block runs."""
    handler = _Collect(level)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: str | Path) -> Iterator[str]:
    """Serve a built site's folder on 127.0.0.1 (a free port) while the block runs; its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture
def build_site(tmp_path: Path) -> Iterator[Any]:
    """Build a site from {path: content} with extra mkdocs.yml settings; return a `Site`."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)

    def run(
        docs: Mapping[str, str | bytes],
        *,
        theme: str = "material",
        plugin: dict[str, Any] | None = None,
        strict: bool = False,
        **settings: Any,
    ) -> Site:
        root = tmp_path / "project"
        write_tree(root / "docs", docs)
        config: dict[str, Any] = {
            "site_name": "Test Reviews",
            "theme": {"name": theme},
            "plugins": ["search", {"bookreviews": plugin or {}}],
        }
        if "plugins" in settings:  # an order of plugin names; bookreviews gets `plugin`
            names = settings.pop("plugins")
            config["plugins"] = [{n: plugin or {}} if n == "bookreviews" else n for n in names]
        config.update(settings)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
        handler.lines.clear()
        cfg = load_config(str(root / "mkdocs.yml"), strict=strict)
        build(cfg)
        return Site(
            root=root,
            site_dir=Path(cfg.site_dir),
            warnings=list(handler.lines),
            use_directory_urls=cfg.use_directory_urls,
        )

    yield run
    logger.removeHandler(handler)


def internal_links(site: Site) -> Iterator[tuple[Path, str, Path]]:
    """Every internal href/src of every page: (page, the link, the file it points to).

    404.html is left out: themes write it with root-absolute links, as it is served anywhere.
    """
    for page in site.html_files():
        if page.name == "404.html":
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(["a", "img", "link", "script"]):
            link = tag.get("href") or tag.get("src")
            if not isinstance(link, str) or not link:
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = Path(posixpath.normpath(page.parent.joinpath(unquote(parts.path)).as_posix()))
            if link.endswith("/") or target.is_dir():
                target = target / "index.html"
            yield page, link, target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright: one browser per test module."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test-deps` installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Whether the element a CSS selector finds is inside the plugin's markup.
_IN_OUR_MARKUP = """s => { const el = document.querySelector(s);
                          return !!el && !!el.closest('[class*="bookreviews-"]'); }"""


def axe_in_our_markup(axe: Any, page: Any) -> list[tuple[str, Any]]:
    """axe's violations on `page` that lie in the plugin's markup: (rule id, node target).
    The themes' own markup is theirs to answer for."""
    return [
        (violation["id"], node["target"])
        for violation in axe.run(page).response["violations"]
        for node in violation["nodes"]
        if page.evaluate(_IN_OUR_MARKUP, node["target"][0])
    ]
