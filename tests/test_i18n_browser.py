"""The example site in other languages, in Chromium: right to left in Arabic (stars filled from
the right, measured by counting pixels as tests/test_browser.py does; charts and the shelf
mirrored), axe-core finding nothing in the plugin's markup, the shelf's script in the site's
language, and screenshots (test-output/screenshots/i18n-*.png) to look at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews import language

from .conftest import EXAMPLE_SITE, SEED_REVIEW, axe_in_our_markup, serve_folder
from .test_browser import (
    _FILL_ONLY,
    DESKTOP,
    GENRE,
    OVERVIEW,
    PHONE,
    REVIEW,
    SCREENSHOTS,
    SEED,
    _filled_area_per_star,
    open_page,
)


def example_in(folder: Path, tag: str) -> Path:
    """The example site and the seed review, built with `theme.language: tag`."""
    project = folder / f"example-{tag}"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    shutil.copy(SEED_REVIEW, project / "docs" / "reviews" / SEED_REVIEW.name)
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text("utf-8"))
    config["theme"]["language"] = tag
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    config = load_config(str(config_file))
    try:
        build(config)
    finally:
        language.reset()
    return Path(config.site_dir)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The example site in Arabic and German, each served; its URL by language."""
    folder = tmp_path_factory.mktemp("languages")
    built = {tag: example_in(folder, tag) for tag in ("ar", "de")}
    with serve_folder(built["ar"]) as ar, serve_folder(built["de"]) as de:
        yield {"ar": ar, "de": de}


def _score(badge: Any) -> tuple[float, float]:
    """A badge's score and scale, from the text beside its stars ("3.25/5")."""
    text = badge.query_selector(".bookreviews-score").inner_text()
    score, scale = text.split("/")
    return float(score.replace(",", ".")), float(scale)


def test_right_to_left_stars_fill_from_the_right(browser: Any, sites: dict[str, str]) -> None:
    fractions_seen = set()
    for path in [REVIEW, GENRE, "genres/fantasy/", "genres/historical-fiction/"]:
        page = open_page(browser, sites["ar"] + path, scale=4)
        page.add_style_tag(content=_FILL_ONLY)
        badges = page.query_selector_all(".bookreviews-badge")
        assert badges, path
        for badge in badges:
            score, scale = _score(badge)
            stars = badge.query_selector(".bookreviews-stars")
            assert stars.evaluate("el => getComputedStyle(el).direction") == "rtl"
            count = stars.evaluate(
                "el => +getComputedStyle(el).getPropertyValue('--bookreviews-stars')"
            )
            filled = score / scale * count
            # The screenshot's columns run left to right; the stars fill from the right.
            measured = _filled_area_per_star(page, stars, count)[::-1]
            expected = [min(max(filled - i, 0.0), 1.0) for i in range(count)]
            for got, want in zip(measured, expected, strict=True):
                assert abs(got - want) <= 0.05, (path, score, measured)
            fractions_seen.add(filled % 1)
            # The stars stand right of the score, which reads as written.
            box = stars.bounding_box()
            number = badge.query_selector(".bookreviews-score").bounding_box()
            assert box["x"] > number["x"], (path, score)
        page.context.close()
    assert {0.25, 0.5, 0.75} <= fractions_seen


def test_right_to_left_has_no_accessibility_violations_in_our_markup(
    browser: Any, sites: dict[str, str]
) -> None:
    axe = Axe()
    ours = []
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for path in [REVIEW, SEED, GENRE, OVERVIEW, "shelf/", "stats/", "years/2025/", ""]:
                page.goto(sites["ar"] + path, wait_until="networkidle")
                ours += [(path, scheme, width, *found) for found in axe_in_our_markup(axe, page)]
            context.close()
    assert ours == []


def test_right_to_left_pages_read_from_the_right(browser: Any, sites: dict[str, str]) -> None:
    page = open_page(browser, sites["ar"] + REVIEW)
    header = page.query_selector(".bookreviews-header")
    cover = page.query_selector(".bookreviews-cover").bounding_box()
    info = page.query_selector(".bookreviews-info").bounding_box()
    assert header.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert cover["x"] > info["x"]  # the cover on the right, the text to its left
    page.context.close()
    # The shelf's controls start on the right; its status line is Arabic, in Latin digits.
    page = open_page(browser, sites["ar"] + "shelf/?min=4")
    boxes = [
        label.bounding_box()
        for label in page.query_selector_all(".bookreviews-shelf-controls label")
    ]
    first_row = [box["x"] for box in boxes if box["y"] == boxes[0]["y"]]
    assert len(first_row) > 1 and first_row == sorted(first_row, reverse=True)
    assert boxes[0]["x"] + boxes[0]["width"] > DESKTOP / 2  # "Sort by" starts on the right
    status = page.inner_text(".bookreviews-shelf-status [role=status]")
    assert status.startswith("عرض ") and re.search(r"\d", status), status
    assert "Showing" not in status
    page.context.close()
    # The year's chart: January's bar on the right.
    page = open_page(browser, sites["ar"] + "years/2025/")
    bars = page.query_selector_all("svg.bookreviews-stats-chart rect.bookreviews-mark")
    xs = [bar.bounding_box()["x"] for bar in bars]
    assert xs == sorted(xs, reverse=True) and len(xs) == 12
    page.context.close()


def test_the_shelf_script_speaks_the_sites_language(browser: Any, sites: dict[str, str]) -> None:
    page = open_page(browser, sites["de"] + "shelf/?sort=title")
    titles = page.eval_on_selector_all(
        ".bookreviews-shelf-grid > li:not([hidden]) > a > b",
        "els => els.map(el => el.textContent)",
    )
    # German articles are left out, English ones are the titles' own on a German site.
    assert titles[0] == "A Wizard of Earthsea", titles
    assert titles.index("Station Eleven") < titles.index("The Hitchhiker's Guide to the Galaxy")
    status = page.inner_text(".bookreviews-shelf-status [role=status]")
    assert status == "Alle 12 Bücher angezeigt.", status
    page.select_option("select[name=min]", "4")
    status = page.inner_text(".bookreviews-shelf-status [role=status]")
    dash = "\u2013"
    assert re.fullmatch(
        rf"\d von 12 Büchern angezeigt {dash} \d durch die Filter ausgeblendet\.", status
    )
    page.context.close()


@pytest.mark.parametrize(
    ("tag", "name", "path", "scheme", "width"),
    [
        ("ar", "review", SEED, "light", DESKTOP),
        ("ar", "review-phone", SEED, "dark", PHONE),
        ("ar", "shelf", "shelf/", "light", DESKTOP),
        ("ar", "stats", "stats/", "light", DESKTOP),
        ("ar", "year", "years/2025/", "dark", DESKTOP),
        ("de", "review", REVIEW, "light", DESKTOP),
        ("de", "shelf", "shelf/?sort=title&min=4", "light", DESKTOP),
        # Not Japanese or Chinese: Debian's Chromium here has no CJK font (they would show
        # boxes); their markup is checked in test_i18n.py.
    ],
)
def test_screenshots_in_other_languages(
    browser: Any, sites: dict[str, str], tag: str, name: str, path: str, scheme: str, width: int
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, sites[tag] + path, scheme=scheme, width=width)
    assert page.errors == []
    target = SCREENSHOTS / f"i18n-{tag}-{name}.png"
    page.screenshot(path=str(target))
    page.context.close()
    assert target.stat().st_size > 10_000
