"""The star's shape and the fill width that makes a partial star's *area* match its fraction."""

from __future__ import annotations

import re

import pytest

from mkdocs_bookreviews import stars
from mkdocs_bookreviews.glue.files import PACKAGE_CSS


def _inside(polygon: list[tuple[float, float]], x: float, y: float) -> bool:
    """Even-odd point-in-polygon: an independent way to measure the star's area."""
    inside = False
    for i, (x1, y1) in enumerate(polygon):
        x2, y2 = polygon[i - 1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _sampled_area(edge: float, step: float = 0.1) -> int:
    """How many grid points of the star lie left of x = edge (tile units)."""
    points = [(step * (i + 0.5), step * (j + 0.5)) for i in range(240) for j in range(240)]
    return sum(1 for x, y in points if x <= edge and _inside(stars.STAR, x, y))


@pytest.mark.parametrize("fraction", [0.1, 0.25, 0.5, 0.75, 0.9])
def test_width_for_area_fills_that_fraction_of_the_star(fraction: float) -> None:
    edge = stars.width_for_area(fraction) * stars.TILE
    measured = _sampled_area(edge) / _sampled_area(stars.TILE)
    assert measured == pytest.approx(fraction, abs=0.01)


def test_quarters_are_not_quarters_of_the_width() -> None:
    # The tips hold little area: a quarter of the area needs more than a quarter of the width.
    assert stars.width_for_area(0.25) > 0.33
    assert stars.width_for_area(0.75) < 0.67
    assert stars.width_for_area(0.5) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("filled", "count", "percent"),
    [(0, 5, 0.0), (5, 5, 100.0), (4, 5, 80.0), (7, 5, 100.0), (-1, 5, 0.0), (8, 10, 80.0)],
)
def test_fill_percent_whole_stars(filled: float, count: int, percent: float) -> None:
    assert stars.fill_percent(filled, count) == pytest.approx(percent)


def test_fill_percent_partial_star() -> None:
    assert stars.fill_percent(3.25, 5) == pytest.approx((3 + stars.width_for_area(0.25)) * 20)


def test_the_stylesheet_draws_this_star() -> None:
    css = PACKAGE_CSS.read_text("utf-8")
    shape = re.search(r"--bookreviews-star-shape: url\(\"[^\"]*d='([^']*)'", css)
    outline = re.search(r"--bookreviews-star-outline: url\(\"[^\"]*d='([^']*)'", css)
    assert shape is not None and shape[1] == stars.STAR_PATH
    assert outline is not None and outline[1] == stars.OUTLINE_PATH
    assert stars.OUTLINE_PATH.startswith(stars.STAR_PATH)
