"""Every kind of page on every supported theme and scheme, in Chromium.

The example site with the seed review is built once per theme for this module (Material: the
session's build in conftest; MaterialX in its own venv; MkDocs' `mkdocs` theme light, dark
(`color_mode: dark`) and `auto` opened with a dark preference; `readthedocs`), served, and each
kind of page is opened at phone and desktop width. On each: axe finds nothing in the plugin's
markup, the page does not scroll sideways, the plugin's text reads at 4.5:1 and its stars and
chart marks stand out at 3:1 from the page, and chart labels are small print (no bigger than
the page's text, no smaller than 11 px), and the plugin's script throws nothing (nor does
anything log an error on Material and MaterialX). The review, the shelf and the stats page are
photographed for the README's gallery: test-output/screenshots/theme-<case>-<kind>[-phone].png.
The lowest contrast of each kind of text, per case, goes to test-output/theme-contrast.json.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import (
    _IN_OUR_MARKUP,
    EXAMPLE_SITE,
    SEED_REVIEW,
    collect_warnings,
    serve_folder,
    shows_our_markup,
)
from .test_browser import _COLOUR_JS, DESKTOP, OUTPUT, PHONE, SCREENSHOTS, SEED
from .test_materialx import build_materialx

# One page of each kind, by the path it is served at.
KINDS = {
    "home": "",
    "review": "reviews/left-hand-of-darkness/",
    "seed": "reviews/the-time-machine/",
    "shelf": "shelf/",
    "genres": "genres/",
    "genre": "genres/sci-fi/",
    "authors": "authors/",
    "author": "authors/ursula-k-le-guin/",
    "series": "series/",
    "one-series": "series/earthsea-cycle/",
    "years": "years/",
    "year": "years/2024/",
    "stats": "stats/",
    "reading": "reading/",
    "wanted": "reviews/the-dispossessed/",
    "quotes": "quotes/",
}
PHOTOGRAPHED = ("review", "shelf", "stats")

# The theme each site is built with (Material's and MaterialX's are the example's own).
THEMES: dict[str, dict[str, Any]] = {
    "mkdocs": {"name": "mkdocs"},
    "mkdocs-dark": {"name": "mkdocs", "color_mode": "dark"},
    "mkdocs-auto": {"name": "mkdocs", "color_mode": "auto"},
    "readthedocs": {"name": "readthedocs"},
}
# (site, the reader's preferred scheme, the case's name); the dark cases are checked dark.
CASES = [
    ("material", "light", "material-light"),
    ("material", "dark", "material-dark"),
    ("materialx", "light", "materialx-light"),
    ("materialx", "dark", "materialx-dark"),
    ("mkdocs", "light", "mkdocs-light"),
    ("mkdocs-dark", "dark", "mkdocs-dark"),
    ("mkdocs-auto", "dark", "mkdocs-auto-dark"),
    ("readthedocs", "light", "readthedocs"),
]

# Text of the plugin's that must read at 4.5:1 wherever it shows.
TEXT = [
    ".bookreviews-title",
    ".bookreviews-summary",
    ".bookreviews-author",
    ".bookreviews-author a",
    ".bookreviews-read",
    ".bookreviews-read a",
    ".bookreviews-kinds a",
    ".bookreviews-score",
    ".bookreviews-genre",
    "blockquote.bookreviews-quote p",
    ".bookreviews-listing h1",
    ".bookreviews-listing-count",
    ".bookreviews-listing-count a",
    ".bookreviews-card-title",
    ".bookreviews-card-author",
    ".bookreviews-card-read",
    ".bookreviews-card-summary",
    ".bookreviews-dnf",
    ".bookreviews-status",
    ".bookreviews-cover-none-title",
    ".bookreviews-cover-row-title",
    ".bookreviews-genre-name",
    ".bookreviews-count",
    ".bookreviews-average",
    ".bookreviews-author-books a",
    ".bookreviews-shelf-controls label",
    ".bookreviews-shelf select",
    ".bookreviews-shelf-status",
    ".bookreviews-shelf-views label",
    ".bookreviews-shelf-grid > li > a",
    ".bookreviews-shelf-grid > li > a > b",
    ".bookreviews-shelf-grid > li > b",
    ".bookreviews-shelf-grid > li > small",
    ".bookreviews-stats-numbers dd",
    ".bookreviews-stats-numbers dt",
    ".bookreviews-stats figcaption",
    ".bookreviews-stats-top a",
    ".bookreviews-stats-n",
    ".bookreviews-year-genres",
    ".bookreviews-onward h2",
    ".bookreviews-onward-all a",
    ".bookreviews-onward-label",
    ".bookreviews-onward-title",
    ".bookreviews-series-link",
    ".bookreviews-series-number",
    ".bookreviews-series-gap-tile",
    ".bookreviews-series-progress",
    ".bookreviews-goal-text",
    ".bookreviews-quote-title a",
    ".bookreviews-quote-author",
    ".bookreviews-quote-link",
    ".bookreviews-quote-marker figcaption",
    ".bookreviews-quote-marker figcaption a",
]

# What one page shows of the plugin's colours and charts, measured as the reader sees it.
_LOOK_JS = (
    "texts => {"
    + _COLOUR_JS
    + """
  const shown = el => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const text = {};
  for (const s of texts) {
    const ratios = [...document.querySelectorAll(s)].filter(shown).map(el => {
      const bg = backdrop(el);
      return ratio(over(rgba(getComputedStyle(el).color), bg), bg);
    });
    if (ratios.length) text[s] = Math.min(...ratios);
  }
  const stars = [...document.querySelectorAll('.bookreviews-stars')].filter(shown).map(el => {
    const bg = backdrop(el);
    const fill = rgba(getComputedStyle(el.firstChild).backgroundColor);
    const empty = rgba(getComputedStyle(el, '::before').backgroundColor);
    return Math.min(ratio(over(fill, bg), bg), ratio(over(empty, bg), bg));
  });
  const marks = [...document.querySelectorAll('svg .bookreviews-mark')].map(el => {
    const bg = backdrop(el.closest('figure, ol') || el);
    return ratio(over(rgba(getComputedStyle(el).fill), bg), bg);
  });
  const listing = document.querySelector('.bookreviews-listing');
  const body = listing ? parseFloat(getComputedStyle(listing).fontSize) : 16;
  const labels = [...document.querySelectorAll('svg.bookreviews-stats-chart')].map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const label = svg.querySelector('text');
    return label ? parseFloat(getComputedStyle(label).fontSize) * scale : null;
  }).filter(px => px !== null);
  // The stats page's top lists: each bar's gap to its own name, and to the next item's.
  const bars = [...document.querySelectorAll('.bookreviews-stats-top li')].map(li => {
    const name = li.firstElementChild.getBoundingClientRect();
    const bar = li.querySelector('svg').getBoundingClientRect();
    const next = li.nextElementSibling?.firstElementChild.getBoundingClientRect();
    return [bar.top - name.bottom, next ? next.top - bar.bottom : Infinity];
  });
  const page = backdrop(document.querySelector('[class*="bookreviews-"]'));
  return {text, stars, marks, labels, body, bars, pageLuminance: lum(page),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""
)


# The plugin's outermost elements: axe looks inside them only, which halves its time on a
# theme's page (its rules on the theme's own markup are the theme's to answer for).
OURS = [
    ".bookreviews-header",
    ".bookreviews-spoilers",
    ".bookreviews-quote",
    ".bookreviews-listing",
    ".bookreviews-onward",
]


def axe_ours(axe: Axe, page: Any) -> list[tuple[str, Any]]:
    """axe's violations in the plugin's markup on `page`, which must show some of it."""
    shows_our_markup(page)
    here = [[s] for s in OURS if page.locator(s).count()]
    return [
        (violation["id"], node["target"])
        for violation in axe.run(page, context={"include": here}).response["violations"]
        for node in violation["nodes"]
        if page.evaluate(_IN_OUR_MARKUP, node["target"][0])
    ]


def _build_theme(project: Path, theme: dict[str, Any]) -> Path:
    """The example site with the seed review on `theme`, built here: its site_dir."""
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    shutil.copy(SEED_REVIEW, project / "docs" / "reviews" / SEED_REVIEW.name)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["theme"] = theme
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    with collect_warnings():  # the seed's missing cover, as on Material
        built = load_config(str(config_path))
        build(built)
    return Path(built.site_dir)


@pytest.fixture(scope="module")
def theme_url(
    tmp_path_factory: pytest.TempPathFactory, site_url: str
) -> Iterator[Callable[[str], str]]:
    """The URL of the example site on a theme, by its name in CASES: built and served the
    first time a test asks for it, once for the module."""
    urls = {"material": site_url}
    with ExitStack() as stack:

        def url(name: str) -> str:
            if name not in urls:
                project = tmp_path_factory.mktemp(name) / "example"
                if name == "materialx":
                    build_materialx(project, seed=True)
                    site_dir = project / "site"
                else:
                    site_dir = _build_theme(project, THEMES[name])
                urls[name] = stack.enter_context(serve_folder(site_dir))
            return urls[name]

        yield url


CONTRAST: dict[str, dict[str, float]] = {}


@pytest.mark.parametrize(("site", "scheme", "case"), CASES, ids=[c[2] for c in CASES])
def test_every_kind_of_page_reads_and_fits(
    browser: Any, theme_url: Callable[[str], str], site: str, scheme: str, case: str
) -> None:
    url = theme_url(site)
    axe = Axe()
    problems: list[tuple[Any, ...]] = []
    lowest: dict[str, float] = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The plugin's own script's errors (offline, the themes' highlight.js fails to load).
    errors: list[Any] = []

    def ours(error: Any) -> None:
        if "/bookreviews/" in (error.stack or ""):
            errors.append(error)

    # On Material and MaterialX (which load nothing from elsewhere here), no console errors.
    def logged(message: Any) -> None:
        if message.type == "error" and site.startswith("material"):
            errors.append(message.text)

    for width in (PHONE, DESKTOP):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.on("pageerror", ours)
        page.on("console", logged)
        for kind, path in KINDS.items():
            page.goto(url + path, wait_until="load")
            if kind == "shelf":
                page.wait_for_selector(".bookreviews-shelf[data-ready]", state="attached")
            where = (kind, width)
            problems += [(*where, "axe", *found) for found in axe_ours(axe, page)]
            look = page.evaluate(_LOOK_JS, TEXT)
            # The case is what it says: a dark page for the dark cases, a light one else.
            if (look["pageLuminance"] < 0.05) != (scheme == "dark"):
                problems.append((*where, "scheme", look["pageLuminance"]))
            if look["overflow"] > 0:
                problems.append((*where, "scrolls sideways by", look["overflow"]))
            for selector, ratio in look["text"].items():
                lowest[selector] = min(ratio, lowest.get(selector, ratio))
                if ratio < 4.5:
                    problems.append((*where, "text", selector, round(ratio, 2)))
            for name in ("stars", "marks"):
                if look[name] and min(look[name]) < 3:
                    problems.append((*where, name, round(min(look[name]), 2)))
            for label in look["labels"]:
                if not 11 <= label <= 0.9 * look["body"]:
                    problems.append((*where, "chart label px", round(label, 1), look["body"]))
            for own, after in look["bars"]:
                if not own < after:
                    problems.append((*where, "a top list's bar nearer the next name", own, after))
            if kind in ("stats", "year") and not look["labels"]:
                problems.append((*where, "no chart"))
            if kind in PHOTOGRAPHED:
                suffix = "-phone" if width == PHONE else ""
                page.screenshot(path=str(SCREENSHOTS / f"theme-{case}-{kind}{suffix}.png"))
        context.close()
    problems += [("page error", error) for error in errors]
    CONTRAST[case] = {selector: round(ratio, 2) for selector, ratio in sorted(lowest.items())}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "theme-contrast.json").write_text(json.dumps(CONTRAST, indent=1), "utf-8")
    # The page kinds each put some of their text in the check (a review's onward links too).
    assert {
        ".bookreviews-title",
        ".bookreviews-card-title",
        ".bookreviews-genre-name",
        ".bookreviews-onward-title",
        ".bookreviews-onward-all a",
    } <= set(lowest), lowest
    assert problems == [], "\n".join(map(str, problems))


# Every layout shift from the page's start: [value, what moved]. Shifts after input are counted
# too, unlike CLS: Chromium marks the shifts of a page Playwright opened as after input
# (`hadRecentInput`), and a test leaving those out would see none.
WATCH_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries())
    window.__shifts.push([entry.value, entry.sources.map(s => s.node?.className || '')]);
}).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("site", ["mkdocs", "readthedocs"])
def test_the_seed_review_prints_on_one_page(
    browser: Any, theme_url: Callable[[str], str], site: str
) -> None:
    """The seed review on one page of A4 and of US Letter on MkDocs' own themes too (Material's
    is test_browser.test_print): the mkdocs theme printed it in its screen's three-quarter
    column with its footer on a second page, readthedocs below its breadcrumbs and padding.
    Counted by PDFium, with Chromium's default page margins."""
    page = browser.new_page()
    page.goto(theme_url(site) + SEED, wait_until="networkidle")
    shows_our_markup(page)
    for paper in ("A4", "Letter"):
        assert len(pdfium.PdfDocument(page.pdf(format=paper))) == 1, paper
    # The review is printed whole: its last paragraph is on the page (not cut by the theme).
    printed = pdfium.PdfDocument(page.pdf(format="Letter"))[0].get_textpage().get_text_range()
    assert "stayed with me all week" in " ".join(printed.split()), printed[-200:]
    page.close()


@pytest.mark.parametrize("view", ["", "covers"])
@pytest.mark.parametrize("site", ["material", "materialx", "mkdocs", "readthedocs"])
def test_the_shelf_does_not_shift_on_a_phone(
    browser: Any, theme_url: Callable[[str], str], site: str, view: str
) -> None:
    """The controls the script shows take the room kept for them: the cards stay put. The
    script arrives late, as on a phone's network, after the page's first paint. A shelf
    linked in its covers-only view is painted so from the first (its one-line inline script)."""
    context = browser.new_context(viewport={"width": PHONE, "height": 844}, is_mobile=True)
    page = context.new_page()

    held: list[Any] = []

    def hold(route: Any) -> None:  # the script is held back until let go below
        held.append(route)

    page.route("**/shelf.js", hold)
    page.add_init_script(WATCH_SHIFTS)
    page.goto(
        theme_url(site) + KINDS["shelf"] + (f"?view={view}" if view else ""), wait_until="commit"
    )
    # Before shelf.js has run, the shelf is already in the view its URL asks for. (A shelf that
    # the script turned to covers late would not show here as a shift: its grids keep their
    # place, only their insides change, inside a content-visibility container.)
    page.wait_for_selector(".bookreviews-shelf-books", state="attached")
    while not held:
        page.wait_for_timeout(50)
    page.wait_for_timeout(400)  # as on a phone's network: painted long before the script
    early = page.evaluate(
        """[document.querySelector('.bookreviews-shelf').getAttribute('data-view'),
            document.querySelector('.bookreviews-shelf').hasAttribute('data-ready')]"""
    )
    assert early == [view or None, False], early
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_selector(".bookreviews-shelf[data-ready]", state="attached")
    assert page.locator(".bookreviews-shelf-controls").is_visible()
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    # The page was painted before the script ran (or the test tests nothing).
    painted = page.evaluate("performance.getEntriesByName('first-paint')[0]?.startTime")
    script = page.evaluate(
        """performance.getEntriesByType('resource')
             .find(e => e.name.endsWith('shelf.js')).responseEnd"""
    )
    assert painted < script, (painted, script)
    score = sum(value for value, _ in shifts)
    print(f"shelf layout shift on {site} {view or 'cards'}: {score:.4f}")
    assert score < 0.02, (site, shifts)
    if view:
        assert page.locator(".bookreviews-shelf[data-view=covers]").count() == 1
    context.close()


# On paper (white, whatever the scheme's background): the lowest contrast of the plugin's
# text, and of its stars' fill and outline, against white.
_INK_JS = (
    "texts => {"
    + _COLOUR_JS
    + """
  const paper = [255, 255, 255];
  const ink = (el, pseudo) => ratio(over(rgba(getComputedStyle(el, pseudo).color), paper), paper);
  const text = texts.flatMap(s => [...document.querySelectorAll(s)].map(el => ink(el)));
  const stars = [...document.querySelectorAll('.bookreviews-stars')].flatMap(el => [
    ratio(over(rgba(getComputedStyle(el.firstChild).backgroundColor), paper), paper),
    ratio(over(rgba(getComputedStyle(el, '::before').backgroundColor), paper), paper)]);
  return {text: Math.min(...text), stars: Math.min(...stars)};
}"""
)


@pytest.mark.parametrize("site", ["material", "mkdocs-dark"])
def test_a_dark_scheme_prints_in_ink(
    browser: Any, theme_url: Callable[[str], str], site: str
) -> None:
    """Printed from a dark scheme, the plugin's text and stars read on white paper."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(theme_url(site) + KINDS["seed"], wait_until="load")
    # Material eases its links' colour in (125 ms): read the colours printing settles on.
    page.add_style_tag(content="* { transition: none !important; }")
    page.emulate_media(media="print")
    ink = page.evaluate(_INK_JS, TEXT[:10])
    assert ink["text"] >= 4.5 and ink["stars"] >= 3, (site, ink)
    context.close()
