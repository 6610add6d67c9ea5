"""The built example site in a real browser: Debian's Chromium driven by Playwright.

The site is built once, served on 127.0.0.1, and looked at the way a reader would: badges
measured, covers loaded, no sideways scrolling on a phone, no console errors, readable in the
light and dark schemes, and axe-core's accessibility rules. Screenshots land in
test-output/screenshots/ (the README shows some of them).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from .conftest import EXAMPLE_SITE, REPO

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-output" / "screenshots"
REVIEW = "reviews/left-hand-of-darkness/"
GENRE = "genres/fiction/"
PAGES = [
    "",
    REVIEW,
    "reviews/wolf-hall/",
    "reviews/classics/pride-and-prejudice/",
    GENRE,
    "genres/",
]
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("browser") / "example"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    handler = functools.partial(_Quiet, directory=config.site_dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test-deps` installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_page(browser: Any, url: str, *, scheme: str = "light", width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page


def test_badges_fill_score_over_scale(browser: Any, site_url: str) -> None:
    measured = 0
    for path in [REVIEW, GENRE, "reviews/wolf-hall/", "reviews/hitchhikers-guide/"]:
        page = open_page(browser, site_url + path)
        badges = page.eval_on_selector_all(
            ".bookreviews-badge",
            """els => els.map(b => ({
                label: b.getAttribute('aria-label'),
                track: b.querySelector('.bookreviews-stars').getBoundingClientRect().width,
                fill: b.querySelector('.bookreviews-stars-fill').getBoundingClientRect().width,
                text: b.querySelector('.bookreviews-score').innerText,
            }))""",
        )
        for badge in badges:
            score, scale = (float(x) for x in badge["label"].split()[1::3])
            assert badge["track"] > 0, badge
            assert abs(badge["fill"] / badge["track"] - score / scale) <= 0.03, badge
            assert badge["text"].startswith(badge["label"].split()[1]), badge
            measured += 1
        page.context.close()
    assert measured >= 6


def test_covers_load_and_reserve_their_space(browser: Any, site_url: str) -> None:
    for path in [REVIEW, GENRE]:
        page = open_page(browser, site_url + path)
        for img in page.query_selector_all("img.bookreviews-cover, img.bookreviews-card-cover"):
            img.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete", arg=img)
            assert img.evaluate("img => img.naturalWidth") > 0
        page.context.close()

        # Hold every cover back: the layout must already have room for it.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        held = context.new_page()
        held.route("**/covers/**", lambda route: None)
        held.goto(site_url + path, wait_until="domcontentloaded")
        boxes = held.eval_on_selector_all(
            "img.bookreviews-cover, img.bookreviews-card-cover",
            "els => els.map(e => [e.complete, e.getBoundingClientRect().height])",
        )
        assert boxes and all(height > 100 and not done for done, height in boxes), boxes
        context.close()


def test_phone_width_has_no_sideways_scroll_and_no_errors(browser: Any, site_url: str) -> None:
    for path in PAGES:
        page = open_page(browser, site_url + path, width=390)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        assert page.errors == [], (path, page.errors)
        page.context.close()


def _contrast(page: Any, selector: str) -> list[float]:
    return list(
        page.eval_on_selector_all(
            selector,
            """els => els.map(el => {
              const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
              const lum = ([r, g, b]) => {
                const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
              };
              let bg = null;
              for (let n = el; n; n = n.parentElement) {
                const c = rgb(getComputedStyle(n).backgroundColor);
                if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c; break; }
              }
              bg = bg || [255, 255, 255];
              const fg = rgb(getComputedStyle(el).color);
              const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
              return (a + 0.05) / (b + 0.05);
            })""",
        )
    )


def test_text_is_readable_in_light_and_dark(browser: Any, site_url: str, scheme: str) -> None:
    page = open_page(browser, site_url + REVIEW, scheme=scheme)
    actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert actual == ("slate" if scheme == "dark" else "default")
    selectors = [
        ".bookreviews-title",
        ".bookreviews-author",
        ".bookreviews-read",
        ".bookreviews-score",
        ".bookreviews-genre",
        "blockquote.bookreviews-quote p",
    ]
    for selector in selectors:
        ratios = _contrast(page, selector)
        assert ratios and min(ratios) >= 4.5, (scheme, selector, ratios)
    page.context.close()


def test_no_serious_accessibility_violations(browser: Any, site_url: str, scheme: str) -> None:
    axe = Axe()
    for path in [REVIEW, GENRE, "genres/"]:
        page = open_page(browser, site_url + path, scheme=scheme)
        results = axe.run(page).response
        ours = [
            (violation["id"], node["target"])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
            for node in violation["nodes"]
            if "bookreviews" in node["html"]
        ]
        assert ours == [], (path, scheme, ours)
        page.context.close()


@pytest.mark.parametrize(("name", "path"), [("review", REVIEW), ("genre", GENRE)])
def test_screenshots(browser: Any, site_url: str, name: str, path: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, scheme, width in [
        ("light", "light", 1280),
        ("dark", "dark", 1280),
        ("phone", "light", 390),
    ]:
        page = open_page(browser, site_url + path, scheme=scheme, width=width)
        target = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(target))
        page.context.close()
        assert target.stat().st_size > 10_000
