"""MaterialX, the maintained fork of Material for MkDocs (theme `materialx`), in its own venv.

MaterialX ships the same `material` package as mkdocs-material, so the two cannot share a
venv: `make test-deps` sets up .venv-materialx with MaterialX and the plugin's built wheel.
The example site is built there with `mkdocs build --strict` in a subprocess, its HTML is
parsed, and the built site is served on 127.0.0.1 and looked at in Chromium, light and dark:
its search, and the plugin's colours checked against MaterialX's own variables. (axe, sideways
scrolling and screenshots, on every page kind at phone and desktop width, with the seed review:
test_themes_browser.py, which builds the example here with build_materialx(seed=True).)
"""

from __future__ import annotations

import filecmp
import functools
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import (
    EXAMPLE_SITE,
    REPO,
    SEED_REVIEW,
    serve_folder,
)
from .test_browser import _COLOUR_JS, _contrast, open_page
from .test_hosts import ENV, check_site

MX_VENV = REPO / ".venv-materialx"
MX_MKDOCS = MX_VENV / "bin" / "mkdocs"
REVIEW = "reviews/left-hand-of-darkness/"
SHELF = "shelf/"
STATS = "stats/"


def _installed_package() -> Path:
    found = sorted(MX_VENV.glob("lib/python3*/site-packages/mkdocs_bookreviews"))
    if not MX_MKDOCS.exists() or not found:
        pytest.fail(f"{MX_VENV} is missing: `make test-deps` sets up MaterialX's own venv")
    return found[-1]


def _stale_files(installed: Path) -> list[str]:
    """Files of the plugin whose installed copy differs from the source tree's."""
    source = REPO / "mkdocs_bookreviews"
    return [
        str(path.relative_to(source))
        for path in sorted(source.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and not (
            (installed / path.relative_to(source)).is_file()
            and filecmp.cmp(path, installed / path.relative_to(source), shallow=False)
        )
    ]


def build_materialx(
    project: Path, search: dict[str, Any] | None = None, *, seed: bool = False
) -> subprocess.CompletedProcess[str]:
    """The example site in `project`, on MaterialX with its palette and features kept, built
    with --strict by MaterialX's venv; `search` configures MaterialX's search plugin. With
    `seed`, the seed review too (its cover is missing, a warning: then without --strict)."""
    stale = _stale_files(_installed_package())
    if stale:
        pytest.fail(f"{MX_VENV} has an old build of the plugin ({stale}): run `make test-deps`")
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    if seed:
        shutil.copy(SEED_REVIEW, project / "docs" / "reviews" / SEED_REVIEW.name)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["theme"]["name"] = "materialx"
    if search is not None:
        config["plugins"] = [{"search": search} if p == "search" else p for p in config["plugins"]]
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    result = subprocess.run(
        [str(MX_MKDOCS), "build", *([] if seed else ["--strict"])],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example site built on MaterialX: its site_dir and the build's log."""
    project = tmp_path_factory.mktemp("materialx") / "example"
    result = build_materialx(project)
    return project / "site", result.stderr


@pytest.fixture(scope="module")
def mx_url(built: tuple[Path, str]) -> Iterator[str]:
    with serve_folder(str(built[0])) as url:
        yield url


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def soup(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text("utf-8"), "html.parser")


# --- the build ------------------------------------------------------------------------


def test_materialx_venv_has_no_mkdocs_material() -> None:
    _installed_package()
    python = str(MX_VENV / "bin" / "python")
    versions = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('mkdocs-materialx'))"],
        capture_output=True,
        text=True,
    )
    assert versions.returncode == 0, versions.stderr
    material = subprocess.run(
        [python, "-c", "import importlib.metadata as m; m.version('mkdocs-material')"],
        capture_output=True,
    )
    assert material.returncode != 0, "mkdocs-material must not be installed beside MaterialX"


def test_materialx_builds_the_example_site(built: tuple[Path, str]) -> None:
    site_dir, log = built
    check_site(site_dir)
    assert [line for line in log.splitlines() if "bookreviews" in line.lower()] == []
    # It is MaterialX's page: its body carries MaterialX's own attribute and the palette.
    body = soup(site_dir, REVIEW).body
    assert body is not None and body.has_attr("data-mx-topbar")
    assert (body["data-md-color-scheme"], body["data-md-color-primary"]) == ("default", "brown")

    header = soup(site_dir, REVIEW).select_one(".bookreviews-header")
    assert header is not None
    title = header.select_one("h1.bookreviews-title")
    assert title is not None and title.get_text() == "The Left Hand of Darkness"
    badge = header.select_one(".bookreviews-badge[role=img]")
    assert badge is not None and str(badge["aria-label"]).startswith("Rated ")
    assert badge.select_one(".bookreviews-stars > .bookreviews-stars-fill") is not None
    assert header.select("a.bookreviews-genre")

    shelf = soup(site_dir, SHELF)
    assert len(shelf.select(".bookreviews-shelf .bookreviews-shelf-grid > li > a")) == 11
    assert shelf.select_one(".bookreviews-shelf-controls") is not None
    assert shelf.select_one("script[src$='shelf.js']") is not None

    genres = soup(site_dir, "genres")
    tiles = genres.select("a.bookreviews-genre-tile")
    assert len(tiles) == len(list((site_dir / "genres").glob("*/index.html")))
    sci_fi = soup(site_dir, "genres/sci-fi")
    assert len(sci_fi.select(".bookreviews-card")) == 3

    stats = soup(site_dir, STATS)
    assert stats.select(".bookreviews-stats-numbers dd")
    assert stats.select(".bookreviews-stats svg[role=img] .bookreviews-mark")
    assert stats.select("[class^='bookreviews-heat-']")


def _pagefind_bodies(site_dir: Path) -> dict[str, bool]:
    """Every page: whether MaterialX's Pagefind search indexes its content."""
    bodies = {}
    for path in sorted(site_dir.rglob("index.html")):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        rel = path.parent.relative_to(site_dir).as_posix()
        bodies["" if rel == "." else rel + "/"] = (
            page.select_one("[data-pagefind-body]") is not None
        )
    return bodies


def test_materialx_search_indexes_reviews_not_listings(built: tuple[Path, str]) -> None:
    """MaterialX searches with Pagefind by default, which reads the built HTML: the plugin's
    generated pages ask to be left out (`search: exclude`, as for Material's search) and a
    listing in a page of the user's is marked for Pagefind to skip."""
    site_dir = built[0]
    bodies = _pagefind_bodies(site_dir)
    assert bodies[REVIEW] and bodies[""]
    for generated in [SHELF, STATS, "genres/sci-fi/", "authors/susanna-clarke/", "years/2025/"]:
        assert not bodies[generated], generated
    home = soup(site_dir, "")
    listings = home.select(".bookreviews-listing")
    assert len(listings) == 3
    assert all(listing.get("data-pagefind-ignore") == "all" for listing in listings)
    # The overviews' fans of covers are decoration: not the page's image, nor its words.
    for overview in ["genres", "authors", "years"]:
        fans = soup(site_dir, overview).select(".bookreviews-genre-covers")
        assert fans and all(fan.get("data-pagefind-ignore") == "all" for fan in fans), overview


def test_materialx_search_finds_a_title_on_its_review_only(browser: Any, mx_url: str) -> None:
    """Pagefind's own index, queried in the browser: the review, not the home page that lists
    it."""
    page = open_page(browser, mx_url)
    found = page.evaluate(
        """async () => {
             const pagefind = await import('./search/pagefind.js');
             const search = await pagefind.search('Piranesi');
             return Promise.all(search.results.map(r => r.data().then(d => d.url)));
           }"""
    )
    page.context.close()
    # Not the home page (its listing), nor the years overview (its first cover's file name).
    assert found == ["/reviews/piranesi/index.html"], found


def test_materialx_lunr_search_titles_and_listings(tmp_path: Path) -> None:
    """MaterialX's other search, lunr (Material's): titles as HTML, listings left out."""
    project = tmp_path / "example"
    build_materialx(project, search={"provider": "lunr"})
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "reviews/piranesi/" in locations
    assert not {"shelf/", "stats/", "genres/fantasy/"} & locations
    home = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == "")
    assert "Books I read" in home and "Piranesi" not in home
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["reviews/hitchhikers-guide/"] == "The Hitchhiker&#39;s Guide to the Galaxy"


# --- in the browser -------------------------------------------------------------------


# A CSS variable of the theme as the browser resolves it, read where the plugin's markup is.
_VARIABLE_JS = """name => {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  document.querySelector('article').append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}"""


def _style(page: Any, selector: str, prop: str, pseudo: str | None = None) -> str:
    return str(
        page.eval_on_selector(
            selector,
            "(el, [p, ps]) => getComputedStyle(el, ps).getPropertyValue(p)",
            [prop, pseudo],
        )
    )


def test_materialx_colours_follow_the_theme(browser: Any, mx_url: str, scheme: str) -> None:
    """The plugin's colours are MaterialX's own, in the scheme the reader asked for."""
    page = open_page(browser, mx_url + REVIEW, scheme=scheme)
    assert page.evaluate("document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default"
    )
    var = functools.partial(page.evaluate, _VARIABLE_JS)
    page_lum = page.evaluate(
        "() => {"
        + _COLOUR_JS
        + "return lum(rgba(getComputedStyle(document.body).backgroundColor));}"
    )
    assert (page_lum < 0.05) if scheme == "dark" else (page_lum > 0.9), page_lum
    expected = [
        (".bookreviews-header .bookreviews-title", "color", "--md-default-fg-color"),
        (".bookreviews-author", "color", "--md-default-fg-color--light"),
        ("blockquote.bookreviews-quote", "border-left-color", "--md-accent-fg-color"),
        ("a.bookreviews-genre", "color", "--md-default-fg-color"),
    ]
    for selector, prop, name in expected:
        assert _style(page, selector, prop) == var(name), (scheme, selector, name)
    for selector in [
        ".bookreviews-title",
        ".bookreviews-author",
        ".bookreviews-read",
        ".bookreviews-score",
        ".bookreviews-genre",
        "blockquote.bookreviews-quote p",
    ]:
        ratios = _contrast(page, selector)
        assert ratios and min(ratios) >= 4.5, (scheme, selector, ratios)
    # The stars: filled and empty both stand out from MaterialX's page.
    stars = page.eval_on_selector(
        ".bookreviews-stars",
        "el => {"
        + _COLOUR_JS
        + """const bg = backdrop(el);
             const fill = rgba(getComputedStyle(el.firstChild).backgroundColor);
             const empty = rgba(getComputedStyle(el, '::before').backgroundColor);
             return [ratio(over(fill, bg), bg), ratio(over(empty, bg), bg)];}""",
    )
    assert min(stars) >= 3, (scheme, stars)
    page.context.close()

    page = open_page(browser, mx_url + STATS, scheme=scheme)
    marks = page.eval_on_selector_all(
        ".bookreviews-mark", "els => els.map(el => getComputedStyle(el).fill)"
    )
    assert marks and set(marks) == {page.evaluate(_VARIABLE_JS, "--md-typeset-a-color")}, marks
    for selector in [".bookreviews-stats-numbers dd", ".bookreviews-stats figcaption"]:
        ratios = _contrast(page, selector)
        assert ratios and min(ratios) >= 4.5, (scheme, selector, ratios)
    page.context.close()

    # A book without a cover, covers alone: its binding in the theme's primary colours.
    page = open_page(browser, mx_url + SHELF + "?view=covers", scheme=scheme)
    drawn = ".bookreviews-coverless > a"
    assert _style(page, drawn, "background-color") == page.evaluate(
        _VARIABLE_JS, "--md-primary-fg-color"
    )
    assert _style(page, drawn, "color") == page.evaluate(_VARIABLE_JS, "--md-primary-bg-color")
    page.context.close()
    page = open_page(browser, mx_url + SHELF, scheme=scheme)
    select = ".bookreviews-shelf select"
    assert _style(page, select, "background-color") == page.evaluate(
        _VARIABLE_JS, "--md-default-bg-color"
    )
    for selector in [
        ".bookreviews-shelf-grid > li > a > b",  # a title
        ".bookreviews-shelf-grid > li > a",  # the authors
        ".bookreviews-shelf-grid > li > b",  # a score
        ".bookreviews-shelf-views label",
        ".bookreviews-shelf-status",
        ".bookreviews-shelf-controls label",
    ]:
        ratios = _contrast(page, selector)
        assert ratios and min(ratios) >= 4.5, (scheme, selector, ratios)
    page.context.close()
