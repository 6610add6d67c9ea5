"""The quotes page in Chromium: every quote's link, clicked, lands on that quote in its review,
scrolled into view below the header; the quote marker's link too; axe finds nothing in the
plugin's markup, light and dark, phone and desktop; screenshots for people to look at."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import axe_in_our_markup, serve_folder
from .test_browser import DESKTOP, PHONE, SCREENSHOTS
from .test_dirty import mkdocs
from .test_hosts import copy_example

# The element the page's hash names, its words, and where it is against the viewport and the
# theme's fixed header (Material's; none on other themes).
_LANDED = """() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  return {
    tag: el.tagName.toLowerCase(),
    words: el.innerText.replace(/\\W+/g, ''),
    top: box.top,
    bottom: box.bottom,
    below: header ? header.getBoundingClientRect().bottom : 0,
    height: innerHeight,
  };
}"""
_IN_VIEW = f"""() => {{ const at = ({_LANDED})();
  return !!at && at.top >= at.below - 1 && at.top < at.height }}"""


def follow_each(page: Any, start: str, links: str, quote_of: str) -> list[str]:
    """Click each link on `start` (its `links` selector) in turn; each must land on the
    blockquote with the words of its quote (`quote_of`: JS taking the link, giving the quote),
    scrolled into view below the header. Returns the problems found."""
    page.goto(start, wait_until="networkidle")
    count = page.locator(links).count()
    assert count > 0, start
    problems = []
    for index in range(count):
        page.goto(start, wait_until="networkidle")
        link = page.locator(links).nth(index)
        words = link.evaluate(f"a => ({quote_of})(a).innerText.replace(/\\W+/g, '')")
        link.click()
        page.wait_for_function("() => location.hash.length > 1")
        with contextlib.suppress(Exception):  # the check below says what is wrong
            page.wait_for_function(_IN_VIEW, timeout=5000)
        at = page.evaluate(_LANDED)
        if at is None or at["tag"] != "blockquote" or at["words"] != words:
            problems.append(f"{index}: landed on {at}")
        elif not (at["below"] - 1 <= at["top"] < at["height"]):
            problems.append(f"{index}: not in view: {at}")
    return problems


def test_every_quote_link_lands_on_its_quote(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    problems = follow_each(
        page,
        site_url + "quotes/",
        "a.bookreviews-quote-link",
        "a => a.closest('figure').querySelector('blockquote')",
    )
    assert problems == []
    # And the home page's quote marker.
    problems = follow_each(
        page,
        site_url,
        ".bookreviews-quote-marker figcaption a",
        "a => a.closest('figure').querySelector('blockquote')",
    )
    assert problems == []
    context.close()


@pytest.fixture(scope="module")
def mkdocs_theme_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site on MkDocs' own theme, served."""
    project = copy_example(tmp_path_factory.mktemp("quotes-mkdocs"), name="mkdocs")
    mkdocs(project, "build")
    with serve_folder(project / "site") as url:
        yield url


def test_links_land_on_the_mkdocs_theme_too(browser: Any, mkdocs_theme_url: str) -> None:
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    problems = follow_each(
        page,
        mkdocs_theme_url + "quotes/",
        "a.bookreviews-quote-link",
        "a => a.closest('figure').querySelector('blockquote')",
    )
    assert problems == []
    context.close()


def test_no_accessibility_violations_or_sideways_scroll(browser: Any, site_url: str) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    wide: list[str] = []
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for path in ("quotes/", ""):
                page.goto(site_url + path, wait_until="networkidle")
                for rule, target in axe_in_our_markup(axe, page):
                    ours.append((path, scheme, width, rule, target))
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide.append(f"{path} at {width}")
            context.close()
    assert ours == []
    assert wide == []


SHOTS = Path("/tmp/i25-quotes-shots")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_screenshots(
    browser: Any, site_url: str, mkdocs_theme_url: str, scheme: str, width: int
) -> None:
    for folder in (SCREENSHOTS, SHOTS):
        folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    name = f"{'phone' if width == PHONE else 'desktop'}-{scheme}"
    page.goto(site_url + "quotes/", wait_until="networkidle")
    page.screenshot(path=str(SHOTS / f"quotes-{name}.png"))
    page.goto(site_url, wait_until="networkidle")
    page.locator(".bookreviews-quote-marker").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"marker-{name}.png"))
    # A quote landed on from the quotes page.
    page.goto(site_url + "quotes/", wait_until="networkidle")
    page.locator("a.bookreviews-quote-link").nth(3).click()
    page.wait_for_function(_IN_VIEW, timeout=5000)
    page.screenshot(path=str(SHOTS / f"landed-{name}.png"))
    if scheme == "light":
        page.goto(mkdocs_theme_url + "quotes/", wait_until="networkidle")
        page.screenshot(path=str(SHOTS / f"mkdocs-quotes-{name}.png"))
    shutil.copy(SHOTS / f"quotes-{name}.png", SCREENSHOTS / f"quotes-{name}.png")
    context.close()
