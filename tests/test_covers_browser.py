"""Covers of any shape in Chromium: a 1x20000 or a 20000x1 image keeps a book-like box.

The layout takes a cover's shape from its width and height; a hostile or broken file may have
any. The plugin clamps the shape it writes to between 1:3 and 3:1 and draws the image inside
that box (`object-fit: contain`), so a cover is never millions of pixels tall nor 0 high, on
the review page, the shelf and a listing in the home page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import Site, review, serve_folder, shared_build
from .test_browser import DESKTOP, PHONE

TALL = (1, 20000)
WIDE = (20000, 1)
LEAST, MOST = 1 / 3, 3  # the shapes (width / height) a cover's box may have


def svg(width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="#2a6f97"/></svg>'
    )


# Every cover image on a page: [its width, its height], in CSS pixels.
COVERS = """() => [...document.querySelectorAll(
      'img[class*="cover"], .bookreviews-cover-row img, .bookreviews-shelf-grid img')]
    .map(c => { const r = c.getBoundingClientRect(); return [r.width, r.height]; })"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n\n<!-- bookreviews -->\n\n<!-- bookreviews as=covers -->\n",
        "reviews/tall.md": review("Tall", date="2024-01", image="tall.svg"),
        "reviews/wide.md": review("Wide", date="2024-02", image="wide.svg"),
        "reviews/tall.svg": svg(*TALL),
        "reviews/wide.svg": svg(*WIDE),
    }
    root = tmp_path_factory.mktemp("covers") / "project"
    with (
        shared_build(root, docs, plugin={"shelf": True}, strict=True) as site,
        serve_folder(str(site.site_dir)) as url,
    ):
        yield site, url


def test_written_sizes_have_a_book_like_shape(served: tuple[Site, str]) -> None:
    site, _ = served
    # The shelf gives every cover a book's box (2:3) itself: it writes no sizes.
    for src_uri in ("reviews/tall.md", "reviews/wide.md", "index.md"):
        images = BeautifulSoup(site.page_path(src_uri).read_text("utf-8"), "html.parser")
        found = images.select('img[class*="cover"], .bookreviews-cover-row img')
        assert found, src_uri
        for img in found:
            shape = int(str(img["width"])) / int(str(img["height"]))
            assert LEAST <= shape <= MOST, (src_uri, img)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_extreme_covers_keep_a_bounded_box(
    browser: Any, served: tuple[Site, str], width: int
) -> None:
    _, url = served
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("reviews/tall/", "reviews/wide/", "", "shelf/"):
        page.goto(url + path, wait_until="networkidle")
        covers = page.evaluate(COVERS)
        assert covers, path
        for cover_width, cover_height in covers:
            assert cover_height >= 10 and cover_width >= 10, (path, cover_width, cover_height)
            assert LEAST - 0.01 <= cover_width / cover_height <= MOST + 0.01, (path, covers)
        assert page.evaluate("document.documentElement.scrollHeight") < 5000, path
    context.close()
