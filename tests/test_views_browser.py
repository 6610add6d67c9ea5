"""Author and year pages in Chromium: screenshots, covers' shapes, overview tiles. (axe and
sideways scrolling, on every page kind and theme: test_themes_browser.py.)"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from .conftest import png_js, shows_our_markup
from .test_browser import DESKTOP, PHONE, SCREENSHOTS


@pytest.fixture(scope="module")
def views_url(site_url: str) -> str:
    """The example site (its author and year pages are on), served."""
    return site_url


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


# The share of an image's pixels, inside its middle (a quarter in from each side, 15 % from top
# and bottom), that are light: brighter than 70 % white.
_LIGHT_INSIDE_JS = png_js(
    "b64",
    """  const [w, h, d] = await read(b64);
  const [x0, x1] = [Math.round(w / 4), Math.round(w * 3 / 4)];
  const [y0, y1] = [Math.round(h * 0.15), Math.round(h * 0.85)];
  let light = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * w + x) * 4;
      light += (d[i] + d[i + 1] + d[i + 2]) / 765 > 0.7;
    }
  return light / ((x1 - x0) * (y1 - y0));""",
)

# Each overview tile: its top, and its name's top.
_TILES_JS = """() => [...document.querySelectorAll('.bookreviews-genre-tile')].map(t =>
    [Math.round(t.getBoundingClientRect().top),
     Math.round(t.querySelector('.bookreviews-genre-name').getBoundingClientRect().top)])"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_overview_tiles_line_up_and_draw_a_missing_cover(
    browser: Any, views_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    uneven = 0
    for path in ["genres/", "authors/", "years/"]:
        page.goto(views_url + path, wait_until="load")
        rows: dict[int, set[int]] = {}
        for top, name in page.evaluate(_TILES_JS):
            rows.setdefault(top, set()).add(name)
        assert rows and all(len(names) == 1 for names in rows.values()), (path, width, rows)
        uneven += page.evaluate(
            """() => { const tops = {};
                 for (const t of document.querySelectorAll('.bookreviews-genre-tile')) {
                   const top = Math.round(t.getBoundingClientRect().top);
                   (tops[top] = tops[top] || new Set()).add(
                     Math.round(t.querySelector('.bookreviews-genre-name')
                       .getBoundingClientRect().height));
                 }
                 return Object.values(tops).filter(s => s.size > 1).length; }"""
        )
    # Some row holds a one-line and a two-line name (or the check checked nothing).
    assert uneven, width
    # Three authors' books have no cover: each tile draws a book's binding, with the lines of
    # a title and an author on it in the binding's text colour, not an empty box.
    page.goto(views_url + "authors/", wait_until="load")
    drawn = page.locator(".bookreviews-genre-covers > .bookreviews-cover-none")
    assert drawn.count() == 3
    for index in range(drawn.count()):
        cover = drawn.nth(index)
        cover.scroll_into_view_if_needed()
        # Inside the binding's inner frame, the pixels as light as its text colour (white on
        # the brown) are the lines drawn on it.
        shot = base64.b64encode(cover.screenshot()).decode()
        lines = page.evaluate(_LIGHT_INSIDE_JS, shot)
        assert lines > 0.05, (index, lines)
    context.close()
