"""Series pages and reading goals in Chromium, on the example site (the Earthsea Cycle with
book two not reviewed; goals for 2024, not met, and 2025, met): axe finds nothing in the
plugin's markup, light and dark, phone and desktop; no page scrolls sideways on a phone; and
every goal bar's fill stands out from the page (3:1, WCAG's non-text contrast)."""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe

from .conftest import axe_in_our_markup, shows_our_markup
from .test_browser import DESKTOP, PHONE

PAGES = [
    "series/",
    "series/earthsea-cycle/",
    "years/2024/",
    "years/2025/",
    "stats/",
    "reviews/the-farthest-shore/",
]


def luminance(css: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", css)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, two: str) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The page's background where the bar is: the first ancestor with an opaque one.
BARS = """() => [...document.querySelectorAll('.bookreviews-goal-bar > span')].map(fill => {
  let node = fill.parentElement, bg = 'rgb(255, 255, 255)';
  while (node) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
    node = node.parentElement;
  }
  return [getComputedStyle(fill).backgroundColor, bg, fill.getBoundingClientRect().width];
})"""


def test_series_and_goals_pass_axe_fit_a_phone_and_their_bars_stand_out(
    browser: Any, site_url: str
) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    wide: list[str] = []
    faint: list[tuple[Any, ...]] = []
    bars = 0
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for path in PAGES:
                page.goto(site_url + path, wait_until="networkidle")
                shows_our_markup(page)
                for rule, target in axe_in_our_markup(axe, page):
                    ours.append((path, scheme, width, rule, target))
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide.append(f"{path} at {width}")
                for fill, background, drawn in page.evaluate(BARS):
                    bars += 1
                    if drawn > 0 and contrast(fill, background) < 3:
                        faint.append((path, scheme, fill, background))
            context.close()
    assert ours == []
    assert wide == []
    assert faint == []
    assert bars == 4 * 4  # a goal on each year page, two on the stats page; 4 viewings
