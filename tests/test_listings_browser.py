"""The example site's home page, whose listings come from markers, in Chromium: axe finds
nothing in the plugin's markup, nothing scrolls sideways, the row of covers lines up; light and
dark, phone and desktop."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import axe_in_our_markup, shows_our_markup
from .test_browser import DESKTOP, PHONE, SCREENSHOTS

# Each cover of the row: [its top, its width, its height, its stars' top], in CSS pixels.
COVERS = """() => [...document.querySelectorAll('.bookreviews-cover-row > li > a > :first-child')]
    .map(c => { const r = c.getBoundingClientRect();
                const stars = c.closest('li').querySelector('.bookreviews-stars');
                return [r.top, r.width, r.height,
                        stars ? stars.getBoundingClientRect().top : null]; })"""


def test_home_listings_are_accessible_and_line_up(browser: Any, site_url: str) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(site_url, wait_until="networkidle")
            for rule, target in axe_in_our_markup(axe, page):
                ours.append((scheme, width, rule, target))
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            covers = page.evaluate(COVERS)
            assert len(covers) >= 9
            # Every cover the same size, drawn or not, whatever its title's longest word; a
            # phone shows three to a row, a desktop more.
            assert {(round(w), round(h)) for _, w, h, _ in covers} == {
                (round(covers[0][1]), round(covers[0][2]))
            }
            per_row = sum(1 for top, _, _, _ in covers if top == covers[0][0])
            assert per_row == 3 if width == PHONE else per_row >= 5
            # The stars of a row line up, whatever lines its titles take (1 to 4 here) and
            # whether a score fits beside its stars.
            rows: dict[float, set[float]] = {}
            for top, _, _, stars in covers:
                if stars is not None:
                    rows.setdefault(top, set()).add(round(stars))
            assert rows and all(len(tops) == 1 for tops in rows.values()), (scheme, width, rows)
            context.close()
    assert ours == []


@pytest.mark.parametrize(
    ("name", "scheme", "width"),
    [("home-light", "light", DESKTOP), ("home-phone", "dark", PHONE)],
)
def test_screenshots(browser: Any, site_url: str, name: str, scheme: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target))
    shows_our_markup(page)
    context.close()
