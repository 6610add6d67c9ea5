"""Author and year pages in Chromium: axe finds nothing in the plugin's markup, light and
dark, phone and desktop, and no page scrolls sideways on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import axe_in_our_markup, shows_our_markup
from .test_browser import DESKTOP, PHONE, SCREENSHOTS

PAGES = ["authors/", "authors/ursula-k-le-guin/", "years/", "years/2024/", "reviews/wolf-hall/"]


@pytest.fixture(scope="module")
def views_url(site_url: str) -> str:
    """The example site (its author and year pages are on), served."""
    return site_url


def test_no_accessibility_violations_or_sideways_scroll(browser: Any, views_url: str) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    wide: list[str] = []
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for path in PAGES:
                page.goto(views_url + path, wait_until="networkidle")
                for rule, target in axe_in_our_markup(axe, page):
                    ours.append((path, scheme, width, rule, target))
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide.append(f"{path} at {width}")
            context.close()
    assert ours == []
    assert wide == []


@pytest.mark.parametrize(
    ("name", "path", "scheme", "width"),
    [
        ("authors-light", "authors/", "light", DESKTOP),
        ("author-light", "authors/ursula-k-le-guin/", "light", DESKTOP),
        ("year-dark", "years/2024/", "dark", DESKTOP),
        ("year-phone", "years/2024/", "light", PHONE),
    ],
)
def test_screenshots(
    browser: Any,
    views_url: str,
    name: str,
    path: str,
    scheme: str,
    width: int,
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(views_url + path, wait_until="networkidle")
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target))
    shows_our_markup(page)
    context.close()


def test_every_cover_on_a_listing_has_a_books_shape(browser: Any, views_url: str) -> None:
    # 2024's fourth card, alone on its row at desktop width, has a drawn cover: with nothing
    # beside it to set the row's height, it still stands as tall as a book.
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    page.goto(views_url + "years/2024/", wait_until="networkidle")
    shapes = page.eval_on_selector_all(
        ".bookreviews-card-cover",
        "els => els.map(e => e.getBoundingClientRect()).map(r => r.height / r.width)",
    )
    context.close()
    assert len(shapes) == 4
    assert all(abs(shape - 1.5) < 0.02 for shape in shapes), shapes
