"""The built example site in a real browser: Debian's Chromium driven by Playwright.

The site (the example site plus the seed review, whose cover file is missing) is built once
for the whole session (conftest's `example_site`, which the other browser modules share),
served on 127.0.0.1 (`site_url`), and looked at the way a reader would: stars measured by
counting pixels, covers loaded, cards clicked, no sideways scrolling on a phone, no console
errors, readable in the light and dark schemes, axe-core's rules, and printed to PDF.
Screenshots land in test-output/screenshots/ (the README shows some of them); axe's findings
about the theme's own markup, which are not ours to fix, are written to
test-output/axe-theme.json.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.glue.files import PACKAGE_CSS

from .conftest import REPO, png_js, review, serve_folder, shows_our_markup, write_tree

OUTPUT = REPO / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
REVIEW = "reviews/left-hand-of-darkness/"
SEED = "reviews/the-time-machine/"
GENRE = "genres/sci-fi/"
OVERVIEW = "genres/"
PAGES = [
    "",
    REVIEW,
    SEED,
    "reviews/wolf-hall/",
    "reviews/classics/pride-and-prejudice/",
    GENRE,
    OVERVIEW,
]
PHONE, DESKTOP = 390, 1280
OPENING_MARKS = "\"'\u2018\u201a\u201b\u201c\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300e"


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_page(
    browser: Any,
    url: str,
    *,
    scheme: str = "light",
    width: int = DESKTOP,
    height: int = 900,
    scale: float = 1,
) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        device_scale_factor=scale,
    )
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page


# Colours as the browser computed them, composited over what is behind, and WCAG's ratio.
_COLOUR_JS = """
const rgba = c => {
  const v = (c.match(/[\\d.]+/g) || []).map(Number);
  return v.length === 3 ? [...v, 1] : v.length === 4 ? v : [0, 0, 0, 0];
};
const over = (fg, bg) => fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
const lum = ([r, g, b]) => {
  const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const ratio = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const backdrop = el => {
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0.5) return c.slice(0, 3);
  }
  return rgba(getComputedStyle(document.body).backgroundColor).slice(0, 3);
};
"""


def _contrast(page: Any, selector: str) -> list[float]:
    """The contrast of each match's text colour against what is behind it."""
    return list(
        page.eval_on_selector_all(
            selector,
            "els => {"
            + _COLOUR_JS
            + """
              return els.map(el => {
                const bg = backdrop(el);
                return ratio(over(rgba(getComputedStyle(el).color), bg), bg);
              });
            }""",
        )
    )


# --- stars ----------------------------------------------------------------------------

# Paint only the fill, black on white: what is dark is the filled area of each star.
_FILL_ONLY = """
.bookreviews-stars { background: #fff !important; }
.bookreviews-stars::before { background: transparent !important; }
.bookreviews-stars-fill { background: #000 !important; }
"""
_COLUMNS_JS = png_js(
    "b64",
    """  const [w, h, d] = await read(b64);
  const columns = new Array(w).fill(0);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      columns[x] += 1 - (d[i] + d[i + 1] + d[i + 2]) / 765;
    }
  return columns;""",
)


def _filled_area_per_star(page: Any, stars: Any, count: int) -> list[float]:
    """Each star's dark area in a screenshot, as a fraction of a whole star's."""
    shot = base64.b64encode(stars.screenshot()).decode()
    columns = page.evaluate(_COLUMNS_JS, shot)
    tile = len(columns) / count
    areas = [sum(columns[round(i * tile) : round((i + 1) * tile)]) for i in range(count)]
    whole = stars.evaluate(
        "el => { el.firstChild.style.setProperty('--bookreviews-fill', '100%');"
        " return el.getBoundingClientRect().width; }"
    )
    assert whole > 0
    full = base64.b64encode(stars.screenshot()).decode()
    full_columns = page.evaluate(_COLUMNS_JS, full)
    full_area = sum(full_columns[: round(tile)])
    assert full_area > 0
    return [area / full_area for area in areas]


def test_partial_stars_fill_their_fraction_of_area(browser: Any, site_url: str) -> None:
    fractions_seen = set()
    # The header's badge and cards' badges; between them every quarter (.25 .5 .75).
    for path in [REVIEW, GENRE, "genres/fantasy/", "genres/historical-fiction/"]:
        page = open_page(browser, site_url + path, scale=4)
        page.add_style_tag(content=_FILL_ONLY)
        for badge in page.query_selector_all(".bookreviews-badge"):
            label = badge.get_attribute("aria-label")
            score, scale = (float(x) for x in label.split()[1::3])
            stars = badge.query_selector(".bookreviews-stars")
            count = stars.evaluate(
                "el => +getComputedStyle(el).getPropertyValue('--bookreviews-stars')"
            )
            filled = score / scale * count
            measured = _filled_area_per_star(page, stars, count)
            expected = [min(max(filled - i, 0.0), 1.0) for i in range(count)]
            for got, want in zip(measured, expected, strict=True):
                assert abs(got - want) <= 0.05, (path, label, measured)
            fractions_seen.add(filled % 1)
            # The score stays as text beside the stars.
            assert badge.inner_text() == f"{label.split()[1]}/{label.split()[4]}"
        page.context.close()
    assert {0.25, 0.5, 0.75} <= fractions_seen


def test_stars_stand_out_from_the_page(browser: Any, site_url: str, scheme: str) -> None:
    for path in [REVIEW, GENRE]:
        page = open_page(browser, site_url + path, scheme=scheme)
        ratios = page.eval_on_selector_all(
            ".bookreviews-stars",
            "els => {"
            + _COLOUR_JS
            + """
              return els.map(el => {
                const bg = backdrop(el);
                const fill = rgba(getComputedStyle(el.firstChild).backgroundColor);
                const empty = rgba(getComputedStyle(el, '::before').backgroundColor);
                return [ratio(over(fill, bg), bg), ratio(over(empty, bg), bg)];
              });
            }""",
        )
        assert ratios, path
        for full, outline in ratios:
            assert full >= 3 and outline >= 3, (path, scheme, full, outline)
        page.context.close()


# --- accessibility --------------------------------------------------------------------


def test_no_accessibility_violations_in_our_markup(browser: Any, site_url: str) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    theirs: list[tuple[Any, ...]] = []
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for path in [REVIEW, SEED, GENRE, OVERVIEW]:
                page.goto(site_url + path, wait_until="networkidle")
                shows_our_markup(page)
                results = axe.run(page).response
                for violation in results["violations"]:
                    for node in violation["nodes"]:
                        inside = page.evaluate(
                            """s => { const el = document.querySelector(s);
                                      return !!el && !!el.closest('[class*="bookreviews-"]'); }""",
                            node["target"][0],
                        )
                        found = (path, scheme, width, violation["id"], node["target"])
                        (ours if inside else theirs).append(found)
            context.close()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "axe-theme.json").write_text(json.dumps(theirs, indent=1), "utf-8")
    assert ours == []


def test_text_is_readable_in_light_and_dark(browser: Any, site_url: str, scheme: str) -> None:
    for path, selectors in [
        (
            REVIEW,
            [
                ".bookreviews-title",
                ".bookreviews-author",
                ".bookreviews-read",
                ".bookreviews-score",
                ".bookreviews-genre",
                "blockquote.bookreviews-quote p",
            ],
        ),
        (
            GENRE,
            [
                ".bookreviews-card-title",
                ".bookreviews-card-author",
                ".bookreviews-card-read",
                ".bookreviews-cover-none-title",
                ".bookreviews-listing-count a",
            ],
        ),
        (OVERVIEW, [".bookreviews-genre-name", ".bookreviews-count"]),
    ]:
        page = open_page(browser, site_url + path, scheme=scheme)
        actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert actual == ("slate" if scheme == "dark" else "default")
        for selector in selectors:
            ratios = _contrast(page, selector)
            assert ratios and min(ratios) >= 4.5, (path, scheme, selector, ratios)
        if path == REVIEW:
            # Genre chips: their outline stands out from the page, their text stays readable
            # when hovered or focused.
            borders = page.eval_on_selector_all(
                ".bookreviews-genre",
                "els => {"
                + _COLOUR_JS
                + """
                  return els.map(el => { const bg = backdrop(el.parentElement);
                    return ratio(over(rgba(getComputedStyle(el).borderTopColor), bg), bg); });
                }""",
            )
            assert min(borders) >= 3, (scheme, borders)
            page.hover("a.bookreviews-genre")
            page.wait_for_timeout(300)  # the theme eases link colours in
            hovered = _contrast(page, "a.bookreviews-genre:hover")
            assert hovered and min(hovered) >= 4.5, (scheme, hovered)
        page.context.close()


# --- cards ----------------------------------------------------------------------------


def test_each_card_is_one_link_target_with_visible_focus(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + GENRE)
    gap = page.evaluate(
        """() => document.querySelector('.bookreviews-listing-count').getBoundingClientRect().top
               - document.querySelector('.bookreviews-listing h1').getBoundingClientRect().bottom"""
    )
    assert gap <= 16, gap  # the count belongs to the heading, not 40 px below it
    cards = page.query_selector_all(".bookreviews-card")
    assert len(cards) == 4
    for card in cards:
        card.scroll_into_view_if_needed()
        links = card.query_selector_all("a")
        assert len(links) == 1
        href = links[0].get_attribute("href")
        # Wherever a reader clicks on the card (cover, author, stars), it is that link.
        for part in [".bookreviews-card-cover", ".bookreviews-card-author", ".bookreviews-badge"]:
            box = card.query_selector(part).bounding_box()
            hit = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href')",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit == href, (part, hit, href)

    # Keyboard: the focused card shows an outline around the whole card.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.bookreviews-card-title')"):
            break
    else:
        pytest.fail("Tab never reached a card")
    ring = page.evaluate(
        "() => {"
        + _COLOUR_JS
        + """
          const a = document.activeElement, after = getComputedStyle(a, '::after');
          const card = a.closest('.bookreviews-card').getBoundingClientRect();
          const bg = backdrop(a);
          return {style: after.outlineStyle, width: parseFloat(after.outlineWidth),
                  contrast: ratio(over(rgba(after.outlineColor), bg), bg),
                  cardHeight: card.height, position: after.position};
        }"""
    )
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert ring["contrast"] >= 3 and ring["position"] == "absolute", ring

    # A real click on a cover opens the review. (Afresh: tabbing through Material's header
    # may have opened its search overlay.)
    page.goto(site_url + GENRE, wait_until="networkidle")
    cover = page.query_selector_all("img.bookreviews-card-cover")[-1]
    expected = cover.evaluate("el => el.closest('.bookreviews-card').querySelector('a').href")
    # A mouse click at the cover's centre (force: the link's overlay is on top, as intended).
    cover.click(force=True)
    # Material's instant navigation swaps the page without a load event: watch the address.
    page.wait_for_function("url => location.href === url", arg=expected, timeout=5000)
    page.context.close()


def test_missing_cover_is_drawn_with_title_and_author(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + GENRE)
    drawn = page.query_selector(".bookreviews-card-cover.bookreviews-cover-none")
    assert drawn is not None
    assert drawn.inner_text().split("\n") == ["The Time Machine", "H. G. WELLS"]
    sizes = page.eval_on_selector_all(
        ".bookreviews-card-cover",
        "els => els.map(e => [Math.round(e.getBoundingClientRect().width),"
        " Math.round(e.getBoundingClientRect().height)])",
    )
    assert len(set(map(tuple, sizes))) == 1, sizes  # the same size as the real covers
    look = drawn.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )
    assert look[0] != look[1] and "rgba(0, 0, 0, 0)" not in look, look
    page.context.close()


def _closed_port() -> int:
    """A port nothing listens on: bound, then released (tests have no network anyway)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def dead_cover_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose one review's remote cover never loads, served on 127.0.0.1."""
    project = tmp_path_factory.mktemp("dead-cover")
    dead = f"http://127.0.0.1:{_closed_port()}/x.jpg"
    write_tree(
        project,
        {
            "mkdocs.yml": "site_name: Dead cover\ntheme: {name: material}\n"
            "plugins: [bookreviews]\n",
            "docs/index.md": "# Home\n",
            "docs/reviews/gone.md": review("Gone Book", "Ann Author", image=dead, genre=["Lost"]),
        },
    )
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    with serve_folder(config.site_dir) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "img", "drawn"),
    [
        ("reviews/gone/", "img.bookreviews-cover", "span.bookreviews-cover"),
        ("genres/lost/", "img.bookreviews-card-cover", "span.bookreviews-card-cover"),
    ],
)
def test_a_remote_cover_that_fails_shows_the_drawn_cover(
    browser: Any, dead_cover_url: str, path: str, img: str, drawn: str
) -> None:
    page = open_page(browser, dead_cover_url + path)
    page.wait_for_function(
        f"() => document.querySelector({img!r}).classList.contains('bookreviews-cover-failed')"
    )
    box = page.eval_on_selector(drawn, "e => e.getBoundingClientRect().toJSON()")
    assert box["width"] > 50 and box["height"] > box["width"], box  # a 2:3 book, shown
    assert page.eval_on_selector(drawn, "e => e.innerText").split("\n") == [
        "Gone Book",
        "ANN AUTHOR",
    ]
    assert page.eval_on_selector(img, "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector(img, "e => e.getBoundingClientRect().width") == 0
    page.context.close()


def test_a_remote_cover_that_fails_on_the_shelf_is_a_binding(
    browser: Any, dead_cover_url: str
) -> None:
    # The shelf's book loses its image and becomes a coverless book: a drawn binding above its
    # title with cards (its title on it), its title and author on it with covers alone.
    page = open_page(browser, dead_cover_url + "shelf/")
    book = ".bookreviews-shelf-grid > li"
    page.wait_for_function(
        f"() => document.querySelector({book!r}).className === 'bookreviews-coverless'"
    )
    assert page.locator(f"{book} img").count() == 0
    binding = page.eval_on_selector(
        f"{book} > a", "a => [getComputedStyle(a, '::before').content, a.offsetWidth]"
    )
    assert binding[0] == '"Gone Book" / ""' and binding[1] > 50, binding
    page.get_by_label("Covers only").check()
    link = page.locator(f"{book} > a")
    box = link.bounding_box()
    assert box is not None and abs(box["height"] / box["width"] - 1.5) < 0.02, box
    assert link.inner_text().split("\n") == ["Gone Book", "Ann Author"]
    page.context.close()


def test_a_remote_cover_without_script_stays_an_image(browser: Any, dead_cover_url: str) -> None:
    # No script (or a CSP that blocks inline handlers): the page is as it was, the drawn cover
    # stays hidden and takes no room.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(dead_cover_url + "reviews/gone/", wait_until="networkidle")
    assert page.eval_on_selector("span.bookreviews-cover", "e => getComputedStyle(e).display") == (
        "none"
    )
    assert page.eval_on_selector("img.bookreviews-cover", "e => getComputedStyle(e).display") == (
        "block"
    )
    context.close()


def test_badges_line_up_across_a_row(browser: Any, site_url: str) -> None:
    uneven_rows = 0
    for width in (PHONE, DESKTOP):
        page = open_page(browser, site_url + GENRE, width=width)
        cards = page.eval_on_selector_all(
            ".bookreviews-card",
            """els => els.map(c => ({
                row: Math.round(c.getBoundingClientRect().top),
                title: (r => (r.selectNodeContents(c.querySelector('.bookreviews-card-title')),
                              r.getBoundingClientRect().height))(document.createRange()),
                badge: c.querySelector('.bookreviews-badge').getBoundingClientRect().top,
            }))""",
        )
        rows: dict[int, list[dict[str, float]]] = {}
        for card in cards:
            rows.setdefault(card["row"], []).append(card)
        uneven_rows += sum(len({c["title"] for c in row}) > 1 for row in rows.values())
        for row in rows.values():
            badge_tops = [c["badge"] for c in row]
            assert max(badge_tops) - min(badge_tops) <= 1, (width, row)
        page.context.close()
    # The test means something only if some row holds titles of different heights.
    assert uneven_rows


# --- loading --------------------------------------------------------------------------

# Layout shifts so far: their sum (CLS) and what moved. Shifts after input count too: Chromium
# marks every shift of a page Playwright opened (and those after its wheel) as after input, so
# CLS's filter (`hadRecentInput`) would leave none to see.
_CLS_JS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries())
      shifts.push([entry.value, entry.sources.map(s => s.node?.outerHTML?.slice(0, 80))]);
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shifts), 300);
})"""


def test_first_covers_load_eagerly_and_nothing_shifts(browser: Any, site_url: str) -> None:
    # The cover arrives after the first paint, as on a slow network: its room is kept.
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()

    def late(route: Any) -> None:
        time.sleep(0.3)
        route.continue_()

    page.route("**/covers/**", late)
    page.goto(site_url + REVIEW, wait_until="load")
    cover = page.query_selector("img.bookreviews-cover")
    assert cover.get_attribute("loading") == "eager"
    assert cover.get_attribute("fetchpriority") == "high"
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    painted = page.evaluate("performance.getEntriesByName('first-paint')[0].startTime")
    loaded = page.evaluate(
        """performance.getEntriesByType('resource')
             .find(e => e.name.includes('/covers/')).responseEnd"""
    )
    assert painted < loaded, (painted, loaded)
    assert page.evaluate(_CLS_JS) == []
    context.close()

    # Classics: five cards, a row of four on a desktop and a fifth below.
    for width, height in [(DESKTOP, 500), (PHONE, 844)]:
        page = open_page(browser, site_url + "genres/classics/", width=width, height=height)
        covers = page.eval_on_selector_all(
            "img.bookreviews-card-cover",
            "els => els.map(e => [e.getAttribute('loading'), e.getBoundingClientRect().top])",
        )
        first_row = covers[0][1]
        assert all(loading == "eager" for loading, top in covers if top == first_row), covers
        below = [loading for loading, top in covers if top >= height]
        assert all(loading == "lazy" for loading in below), covers
        if width == DESKTOP:
            assert below, "no cover below the fold: the lazy check checked nothing"
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(200)
        assert page.evaluate(_CLS_JS) == [], (width, height)
        page.context.close()


def test_covers_load_and_reserve_their_space(browser: Any, site_url: str) -> None:
    for path in [REVIEW, GENRE]:
        page = open_page(browser, site_url + path)
        for img in page.query_selector_all("img.bookreviews-cover, img.bookreviews-card-cover"):
            img.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete", arg=img)
            assert img.evaluate("img => img.naturalWidth") > 0
        page.context.close()

        # Hold every cover back: the layout must already have room for it.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        held = context.new_page()
        held.route("**/covers/**", lambda route: None)
        held.goto(site_url + path, wait_until="domcontentloaded")
        boxes = held.eval_on_selector_all(
            "img.bookreviews-cover, img.bookreviews-card-cover",
            "els => els.map(e => [e.complete, e.getBoundingClientRect().height])",
        )
        assert boxes and all(height > 100 and not done for done, height in boxes), boxes
        context.close()


# --- quotes ---------------------------------------------------------------------------


def test_each_quote_opens_with_one_mark(browser: Any, site_url: str) -> None:
    decorated = 0
    for path in [SEED, REVIEW]:
        page = open_page(browser, site_url + path)
        quotes = page.eval_on_selector_all(
            "blockquote.bookreviews-quote",
            """els => els.map(q => [getComputedStyle(q, '::before').content,
                                   q.innerText.trim()[0]])""",
        )
        assert quotes, path
        for before, first in quotes:
            drawn = before not in ("none", "normal", '""')
            assert drawn != (first in OPENING_MARKS), (path, before, first)
            decorated += drawn
        page.context.close()
    assert decorated >= 1  # a quote without its own mark keeps the decorative one


# --- phone ----------------------------------------------------------------------------


def test_phone_header_has_cover_beside_title(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + REVIEW, width=PHONE, height=844)
    cover = page.query_selector(".bookreviews-cover").bounding_box()
    title = page.query_selector(".bookreviews-title").bounding_box()
    assert cover["x"] + cover["width"] <= title["x"], (cover, title)
    assert title["y"] < cover["y"] + cover["height"] / 2, (cover, title)
    quote = page.query_selector("blockquote.bookreviews-quote").bounding_box()
    assert quote["y"] < 450, quote  # the first quote is on the first screen
    # The title is the strongest text in the header: largest, boldest, darkest.
    texts = page.eval_on_selector_all(
        ".bookreviews-header .bookreviews-info *",
        "els => {"
        + _COLOUR_JS
        + """
          return els.filter(e => e.childElementCount === 0 && e.innerText.trim()).map(e => {
            const s = getComputedStyle(e), bg = backdrop(e);
            return {cls: e.className, size: parseFloat(s.fontSize), weight: +s.fontWeight,
                    contrast: ratio(over(rgba(s.color), bg), bg)};
          });
        }""",
    )
    title_style = next(t for t in texts if t["cls"] == "bookreviews-title")
    for other in texts:
        if other is not title_style:
            assert title_style["size"] > other["size"], (title_style, other)
            assert title_style["weight"] >= other["weight"], (title_style, other)
            assert title_style["contrast"] >= other["contrast"] - 0.01, (title_style, other)
    page.context.close()


def test_phone_width_has_no_sideways_scroll_and_no_errors(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": PHONE, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    for path in PAGES:
        page.goto(site_url + path, wait_until="networkidle")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        assert errors == [], (path, errors)
    assert fonts == []  # the stylesheet loads no fonts (and the example turns Material's off)
    context.close()


# --- print ----------------------------------------------------------------------------


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_print(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + REVIEW)
    page.emulate_media(media="print")
    shadows = page.eval_on_selector_all(
        ".bookreviews-cover, .bookreviews-card-cover",
        "els => els.map(e => getComputedStyle(e).boxShadow)",
    )
    assert shadows and set(shadows) == {"none"}, shadows
    assert _pdf_pages(page.pdf(format="A4")) == 1
    # The seed review (three long quotes, seven paragraphs): one page of A4 and of US Letter,
    # 5 cm shorter (counted by PDFium too, which reads what the PDF says rather than its text).
    page.goto(site_url + SEED, wait_until="load")
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert (_pdf_pages(pdf), len(pdfium.PdfDocument(pdf))) == (1, 1), paper

    # Cards print compactly: a genre's four cards on one page, in one row.
    page.goto(site_url + GENRE, wait_until="networkidle")
    tops = page.eval_on_selector_all(
        ".bookreviews-card", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    shadows = page.eval_on_selector_all(
        ".bookreviews-card-cover", "els => els.map(e => getComputedStyle(e).boxShadow)"
    )
    assert len(tops) == 4 and len(set(tops)) == 1, tops
    assert set(shadows) == {"none"}, shadows
    assert _pdf_pages(page.pdf(format="A4")) == 1
    page.context.close()


# Each star's filled area in the first page of a PDF that shows nothing but one row of stars
# (red where the row is, black where it is filled), as a fraction of the star's square.
def _printed_fill(pdf: bytes, count: int) -> list[float]:
    page = pdfium.PdfDocument(pdf)[0]
    bitmap = page.render(scale=6, rev_byteorder=True)  # RGB, 6 px a point
    width, stride, data = bitmap.width, bitmap.stride, bytes(bitmap.buffer)
    columns: dict[int, int] = {}  # x: filled pixels in the column, for columns of the row
    for y in range(bitmap.height):
        row = data[y * stride : y * stride + width * 3]
        if row.count(255) == len(row):
            continue  # white paper
        for x in range(width):
            r, g, b = row[3 * x : 3 * x + 3]
            if max(r, g, b) < 96:  # black: the fill
                columns[x] = columns.get(x, 0) + 1
            elif r > 160 and g < 96 and b < 96:  # red: the row, unfilled
                columns.setdefault(x, 0)
    left, right = min(columns), max(columns) + 1
    tile = (right - left) / count
    return [
        sum(columns.get(x, 0) for x in range(round(left + i * tile), round(left + (i + 1) * tile)))
        / (tile * tile)
        for i in range(count)
    ]


# Nothing printed but the header's stars: their row red, their fill black.
_STARS_ONLY = """
body * { visibility: hidden !important; }
.bookreviews-header .bookreviews-stars,
.bookreviews-header .bookreviews-stars * { visibility: visible !important; }
.bookreviews-stars { background: #f00 !important; }
.bookreviews-stars::before { background: transparent !important; }
.bookreviews-stars-fill { background: #000 !important; }
"""


def test_printed_stars_fill_their_fraction_of_area(browser: Any, site_url: str) -> None:
    """The PDF drawn by PDFium (Chrome's viewer): each star filled by the same share of its
    area as on screen, a star's shape and not a bar (a bar fills its whole square)."""
    page = open_page(browser, site_url + SEED)  # 3.25 of 5
    page.add_style_tag(content=_STARS_ONLY)
    fill = page.pdf(format="A4")
    page.eval_on_selector(
        ".bookreviews-header .bookreviews-stars-fill",
        "el => el.style.setProperty('--bookreviews-fill', '100%')",
    )
    full = _printed_fill(page.pdf(format="A4"), 5)
    page.context.close()
    # A star covers 0.32 of its square (its polygon's area); a bar would cover all of it.
    assert all(0.25 < star < 0.4 for star in full), full
    measured = [f / w for f, w in zip(_printed_fill(fill, 5), full, strict=True)]
    for got, want in zip(measured, [1, 1, 1, 0.25, 0], strict=True):
        assert abs(got - want) <= 0.05, measured


def test_printed_shelf_has_no_controls(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + "shelf/")
    assert page.locator(".bookreviews-shelf-controls").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".bookreviews-shelf-controls").is_visible()
    printed = pdfium.PdfDocument(page.pdf(format="A4"))
    text = " ".join(printed[i].get_textpage().get_text_range() for i in range(len(printed)))
    assert "Sort by" not in text and "All genres" not in text
    assert "Showing all 12 books." in text and "Piranesi" in text
    page.context.close()


def test_printed_stats_keep_headings_with_what_follows(browser: Any, site_url: str) -> None:
    """Each of the stats page's headings is printed on the page of its chart's caption (or its
    list's first line): none is left alone at a page's foot."""
    page = open_page(browser, site_url + "stats/")
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.bookreviews-stats h2')].map(h => {
             const after = h.nextElementSibling;
             const caption = after.querySelector('figcaption, li > :first-child')
               || after.querySelector('.bookreviews-goal-text');
             return [h.textContent, caption.textContent.trim().slice(0, 24)];
           })"""
    )
    assert len(pairs) == 6, pairs  # reading goals, three charts, two top lists
    for paper in ("A4", "Letter"):
        printed = pdfium.PdfDocument(page.pdf(format=paper))
        # Without spaces: PDFium may cut a line of the PDF's text at every few letters.
        texts = [
            "".join(printed[i].get_textpage().get_text_range().split()) for i in range(len(printed))
        ]

        def first_page(words: str, pages: list[str] = texts) -> int:
            return next(i for i, text in enumerate(pages) if "".join(words.split()) in text)

        for heading, caption in pairs:
            assert first_page(heading) == first_page(caption), (paper, heading, caption, texts)
    page.context.close()


# --- stylesheet and screenshots -------------------------------------------------------


def test_stylesheet_is_small_and_loads_no_fonts() -> None:
    css = PACKAGE_CSS.read_text("utf-8")
    minified = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    minified = re.sub(r"\s+", " ", minified)
    minified = re.sub(r"\s*([{}:;,>])\s*", r"\1", minified).replace(";}", "}")
    minified = re.sub(r"(?<![\w.])0\.(\d)", r".\1", minified)  # 0.5rem -> .5rem
    # Review pages and the listing pages; the shelf and stats views grew it past 8 KB, the
    # themes' colours, print and the layouts of issue 24 to 13.8 KB, right-to-left languages
    # and MkDocs' own themes on paper to 14.5 KB (3.5 KB gzipped, as hosts send it), the
    # shelf's own light books, covers-only view and text filter to 19.1 KB (4.1 KB gzipped),
    # issue 25's reading status, series and goals to 21.6 KB (4.5 KB gzipped), its quotes to
    # 22.8 KB (4.8 KB gzipped), issue 24's onward links at a review's end to 24.1 KB (4.9 KB
    # gzipped). Gzipped, the budget is what a reader downloads.
    assert len(minified.encode()) < 25 * 1024, len(minified.encode())
    assert len(gzip.compress(minified.encode())) < 5 * 1024
    assert "@font-face" not in css and "@import" not in css
    # Every rule is closed before the next begins: a lost "}" would nest the rules after it.
    blocks: list[str] = []
    prelude = ""
    for char in re.sub(r"/\*.*?\*/", "", css, flags=re.S):
        if char == "{":
            assert all(block.startswith("@") for block in blocks), (blocks, prelude)
            blocks.append(prelude.strip())
            prelude = ""
        elif char == "}":
            blocks.pop()
            prelude = ""
        elif char == ";":
            prelude = ""
        else:
            prelude += char
    assert blocks == []


@pytest.mark.parametrize(
    ("name", "path", "shots"),
    [
        ("review", REVIEW, [("light", "light", DESKTOP), ("dark", "dark", DESKTOP)]),
        ("review", SEED, [("phone", "light", PHONE)]),
        ("genre", GENRE, [("light", "light", DESKTOP), ("dark", "dark", DESKTOP)]),
        ("genre", "genres/fiction/", [("phone", "light", PHONE)]),
        ("overview", OVERVIEW, [("light", "light", DESKTOP), ("phone", "dark", PHONE)]),
        (
            "shelf",
            "shelf/",
            [("light", "light", DESKTOP), ("dark", "dark", DESKTOP), ("phone", "light", PHONE)],
        ),
        (
            "stats",
            "stats/",
            [("light", "light", DESKTOP), ("dark", "dark", DESKTOP), ("phone", "dark", PHONE)],
        ),
    ],
)
def test_screenshots(
    browser: Any, site_url: str, name: str, path: str, shots: list[tuple[str, str, int]]
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, scheme, width in shots:
        page = open_page(browser, site_url + path, scheme=scheme, width=width)
        target = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(target))
        shows_our_markup(page)
        page.context.close()


def test_readme_shows_the_screenshots_taken_here() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    shown = re.findall(r"\]\((test-output/screenshots/[^)]+\.png)\)", readme)
    assert len(shown) >= 6
    for path in shown:
        assert (REPO / path).is_file(), path
    names = {Path(path).stem for path in shown}
    assert {"review-light", "review-dark", "review-phone", "genre-light"} <= names
    # The views: shelf, an author's page, a year's page, stats, and a listing in a page.
    assert {"shelf-light", "author-light", "year-dark", "stats-light", "home-light"} <= names


def test_material_skips_to_the_plugins_heading(browser: Any, site_url: str) -> None:
    """Material's "Skip to content", the first thing Tab reaches, on a review and on the
    plugin's own pages: it shows, and goes to the page's heading."""
    for path in [REVIEW, "shelf/", GENRE, "stats/"]:
        page = open_page(browser, site_url + path)
        page.keyboard.press("Tab")
        skip = page.evaluate(
            """() => { const a = document.activeElement;
                       return a.matches('.md-skip') && a.getBoundingClientRect().height > 0
                         && a.hash; }"""
        )
        assert skip == "#bookreviews-title", (path, skip)
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#bookreviews-title'")
        assert page.evaluate("document.querySelector(location.hash).tagName") == "H1"
        page.context.close()
