"""The rating star's shape, and how wide a fill must be for its *area* to match a fraction.

A badge is one row of star tiles; the filled stars are a coloured strip clipped by the star
shape (a CSS mask), as wide as the score. Clipped by width alone, a star misstates fractions:
its tips hold little area, so a quarter of the width shows about 6% of the star. Here the
partial star's strip ends where the star's area to its left is the fraction asked for.

`STAR` is the shape the stylesheet's masks draw (`STAR_PATH`, `OUTLINE_PATH`); a test checks
that bookreviews.css carries exactly these paths.
"""

from __future__ import annotations

import math
from functools import cache

TILE = 24.0  # the SVG viewBox of one star tile: 0 0 24 24
_OUTER, _INNER = 11.8, 5.3  # radii: a rounder star than the classic 0.38 ratio
_CENTRE = (12.0, 12.9)
_OUTLINE = 2.0  # the empty star's outline, in tile units (1.3 px on a 16 px star)

Point = tuple[float, float]


def _star(outer: float, inner: float) -> list[Point]:
    cx, cy = _CENTRE
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi * i / 5  # from the top tip, clockwise
        points.append((cx + radius * math.sin(angle), cy - radius * math.cos(angle)))
    return [(round(x, 1), round(y, 1)) for x, y in points]


def _inset(polygon: list[Point], distance: float) -> list[Point]:
    """The polygon with every edge moved `distance` inwards (mitred corners)."""
    count = len(polygon)
    # Clockwise on screen (y down): the inside is to the right of each edge.
    lines = []
    for i in range(count):
        (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % count]
        length = math.hypot(x2 - x1, y2 - y1)
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length  # right-hand normal, y down
        lines.append(((x1 + nx * distance, y1 + ny * distance), (x2 - x1, y2 - y1)))
    inset = []
    for i in range(count):
        (px, py), (dx, dy) = lines[i - 1]
        (qx, qy), (ex, ey) = lines[i]
        cross = dx * ey - dy * ex
        t = ((qx - px) * ey - (qy - py) * ex) / cross
        inset.append((round(px + t * dx, 1), round(py + t * dy, 1)))
    return inset


def _path(polygon: list[Point]) -> str:
    # Coordinates after a moveto are implicit linetos: the shortest path text for the CSS.
    return "M" + " ".join(f"{x:g} {y:g}" for x, y in polygon) + "Z"


STAR = _star(_OUTER, _INNER)
STAR_PATH = _path(STAR)
# The empty star: its outline only, the star minus the star inset (even-odd fill).
OUTLINE_PATH = STAR_PATH + _path(_inset(STAR, _OUTLINE))


def _area(polygon: list[Point]) -> float:
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True)
        )
        / 2
    )


def _left_of(polygon: list[Point], edge: float) -> list[Point]:
    """The part of the polygon left of the vertical line x = edge (Sutherland-Hodgman)."""
    clipped: list[Point] = []
    for i, (x1, y1) in enumerate(polygon):
        x2, y2 = polygon[(i + 1) % len(polygon)]
        if x1 <= edge:
            clipped.append((x1, y1))
        if (x1 <= edge) != (x2 <= edge):
            clipped.append((edge, y1 + (edge - x1) * (y2 - y1) / (x2 - x1)))
    return clipped


@cache
def width_for_area(fraction: float) -> float:
    """How much of a star tile's width (0 to 1) to fill so that `fraction` of the star's area
    is filled."""
    if fraction <= 0:
        return 0.0
    if fraction >= 1:
        return 1.0
    whole = _area(STAR)
    low, high = min(x for x, _ in STAR), max(x for x, _ in STAR)
    for _ in range(40):
        middle = (low + high) / 2
        if _area(_left_of(STAR, middle)) / whole < fraction:
            low = middle
        else:
            high = middle
    return (low + high) / 2 / TILE


def fill_percent(stars_filled: float, stars: int) -> float:
    """How wide (percent of the row of `stars`) the fill is for `stars_filled` stars by area:
    the whole stars, then the partial one's width for its fraction of area."""
    stars_filled = min(max(stars_filled, 0.0), float(stars))
    whole = math.floor(stars_filled)
    return (whole + width_for_area(stars_filled - whole)) / stars * 100
