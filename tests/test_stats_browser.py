"""The stats page in Chromium: the charts' marks and text stand out from the page and the
heatmap's shades stand apart from each other in both schemes. (axe, sideways scrolling and the
charts' label sizes, on every theme: test_themes_browser.py.)"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from .test_browser import _COLOUR_JS, open_page

STATS = "stats/"


@pytest.fixture(scope="module")
def stats_url(site_url: str) -> str:
    """The example site (its stats page is on), served."""
    return site_url + STATS


# Each selector's fill, composited over what is behind it, and its contrast with that.
_FILLS_JS = (
    "sels => {"
    + _COLOUR_JS
    + """
  const bg = backdrop(document.querySelector('.bookreviews-stats'));
  return sels.map(s => {
    const el = document.querySelector(s);
    if (!el) return null;
    const style = getComputedStyle(el);
    const fill = rgba(style.fill);
    fill[3] *= +style.fillOpacity;
    const colour = over(fill, bg);
    return {colour, contrast: ratio(colour, bg)};
  });
}"""
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_and_shades_read_in_both_schemes(browser: Any, stats_url: str, scheme: str) -> None:
    page = open_page(browser, stats_url, scheme=scheme)
    # Bars and chart text against the page: WCAG's 3:1 for graphics, 4.5:1 for text.
    (bar,) = page.evaluate(_FILLS_JS, [".bookreviews-stats-chart rect.bookreviews-mark"])
    assert bar["contrast"] >= 3, (scheme, bar)
    (text,) = page.evaluate(_FILLS_JS, [".bookreviews-stats-chart text"])
    assert text["contrast"] >= 4.5, (scheme, text)
    # The heatmap: an empty cell is visible, and each shade is lighter or darker than the next
    # by a step the eye tells apart. A cell of every level is added, as few libraries use all.
    page.evaluate(
        """levels => { const svg = document.querySelector('.bookreviews-stats-heat svg');
                       for (const level of levels) {
                         const rect = document.createElementNS(svg.namespaceURI, 'rect');
                         rect.setAttribute('class', 'bookreviews-heat-' + level);
                         rect.id = 'probe-' + level;
                         svg.prepend(rect);
                       } }""",
        list(range(5)),
    )
    shades = page.evaluate(_FILLS_JS, [f"#probe-{level}" for level in range(5)])
    assert shades[0]["contrast"] >= 1.1, (scheme, shades[0])
    contrasts = [shade["contrast"] for shade in shades]
    assert contrasts == sorted(contrasts), (scheme, contrasts)
    steps = [b / a for a, b in itertools.pairwise(contrasts)]
    assert min(steps) >= 1.25, (scheme, contrasts)
    page.context.close()
