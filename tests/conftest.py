"""Shared helpers: build a real MkDocs site in a temp folder and read its HTML back."""

from __future__ import annotations

import functools
import hashlib
import http.server
import logging
import os
import posixpath
import shutil
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


def build_project(
    root: Path,
    docs: Mapping[str, str | bytes],
    *,
    theme: str = "material",
    plugin: dict[str, Any] | None = None,
    strict: bool = False,
    **settings: Any,
) -> Site:
    """Build a site from {path: content} under `root` with extra mkdocs.yml settings; a `Site`
    with the WARNING lines logged while its config was loaded and it was built."""
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
    with collect_warnings() as lines:
        cfg = load_config(str(root / "mkdocs.yml"), strict=strict)
        build(cfg)
    return Site(
        root=root,
        site_dir=Path(cfg.site_dir),
        warnings=list(lines),
        use_directory_urls=cfg.use_directory_urls,
    )


@pytest.fixture
def build_site(tmp_path: Path) -> Any:
    """Build a site from {path: content} with extra mkdocs.yml settings; return a `Site`.

    Each call builds in the test's own tmp_path/project (a second call builds over the first).
    """

    def run(docs: Mapping[str, str | bytes], **options: Any) -> Site:
        return build_project(tmp_path / "project", docs, **options)

    return run


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its path, with a digest of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.blake2b(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@contextmanager
def left_unchanged(folder: Path) -> Iterator[None]:
    """A project (its docs and its built site) that many tests share must be, after the last
    of them, as it was built: a test that writes there needs a build (or a copy) of its own."""
    before = _fingerprint(folder)
    yield
    after = _fingerprint(folder)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"a test changed the shared build in {folder}: {changed[:20]}"


@contextmanager
def shared_build(root: Path, docs: Mapping[str, str | bytes], **options: Any) -> Iterator[Site]:
    """`build_project` for a module- or session-scoped fixture: the site, which the tests that
    share it must only read (checked after the last of them)."""
    site = build_project(root, docs, **options)
    with left_unchanged(root):
        yield site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example site plus the seed review as people write it (curly quotes, and a cover that
    is not there), built once for the whole session. Shared: tests read it, never write to it
    (checked when the session ends)."""
    project = tmp_path_factory.mktemp("example") / "example"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    shutil.copy(SEED_REVIEW, project / "docs" / "reviews" / SEED_REVIEW.name)
    with collect_warnings() as lines:
        config = load_config(str(project / "mkdocs.yml"))
        build(config)
    site = Site(
        root=project,
        site_dir=Path(config.site_dir),
        warnings=list(lines),
        use_directory_urls=config.use_directory_urls,
    )
    with left_unchanged(project):
        yield site


@pytest.fixture(scope="session")
def site_url(example_site: Site) -> Iterator[str]:
    """The session's `example_site`, served on 127.0.0.1: its URL."""
    with serve_folder(example_site.site_dir) as url:
        yield url


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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright: launched once for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test-deps` installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """The session's Chromium, for one test. Each context a test opens is a fresh profile (no
    cookies, storage, cache or permissions of another test's); whatever contexts the test
    leaves open, as when an assertion fails before its `close()`, are closed after it."""
    assert chromium.is_connected(), "Chromium has gone: an earlier test crashed it"
    yield chromium
    for context in list(chromium.contexts):
        context.close()


# Whether the element a CSS selector finds is inside the plugin's markup.
_IN_OUR_MARKUP = """s => { const el = document.querySelector(s);
                          return !!el && !!el.closest('[class*="bookreviews-"]'); }"""


# The plugin's elements on a page, and the box of the first of them the reader sees.
_OURS_SHOWN = """() => {
  const ours = [...document.querySelectorAll('[class*="bookreviews-"]')];
  const shown = ours.map(el => el.getBoundingClientRect())
    .find(r => r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0);
  return {count: ours.length, box: shown ? [shown.width, shown.height] : null};
}"""


def shows_our_markup(page: Any) -> None:
    """Assert that `page` (a Playwright page) has the plugin's markup and shows some of it in
    its viewport, with a real box: a screenshot or an axe run of a 404, or of a page the plugin
    left out, fails here."""
    found = page.evaluate(_OURS_SHOWN)
    assert found["count"] > 0, page.url
    assert found["box"] is not None, (page.url, found)


def axe_in_our_markup(axe: Any, page: Any) -> list[tuple[str, Any]]:
    """axe's violations on `page` that lie in the plugin's markup: (rule id, node target).
    The themes' own markup is theirs to answer for; a page without that markup fails."""
    shows_our_markup(page)
    return [
        (violation["id"], node["target"])
        for violation in axe.run(page).response["violations"]
        for node in violation["nodes"]
        if page.evaluate(_IN_OUR_MARKUP, node["target"][0])
    ]


def shelfs_own(tag: Any) -> bool:
    """Whether a <b> is one the shelf writes: a book's title (its link's first <b>) or its
    score (a <b> with a score class beside the link). Any other <b> came from text."""
    parent = tag.parent
    li = parent.parent if parent is not None and parent.name == "a" else parent
    if li is None or li.name != "li" or li.parent is None:
        return False
    if "bookreviews-shelf-grid" not in (li.parent.get("class") or []):
        return False
    if parent.name == "a":
        return parent.find("b", recursive=False) is tag
    return bool(tag.get("class"))


# Screenshots read in the page itself: `read(b64)` decodes a base64 PNG through a canvas into
# its width, height and RGBA bytes. `png_js(params, body)` is a page function that has it.
_READ_PNG = """const read = async b64 => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    return [img.width, img.height, g.getImageData(0, 0, img.width, img.height).data];
  };"""


def png_js(params: str, body: str) -> str:
    """A page function of `params` (`b64`, `[a, b]`) whose `body` may await `read(b64)`."""
    return f"async {params} => {{\n  {_READ_PNG}\n{body}\n}}"
