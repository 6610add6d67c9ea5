"""The shelf in Chromium: without JavaScript every card shows and no control is there; with
it, sorting and filtering work, the state lives in the URL, the status line says how many
are hidden, and axe finds nothing in the plugin's markup, light and dark, phone and desktop.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import axe_in_our_markup, serve_folder, write_tree
from .test_browser import DESKTOP, PHONE, open_page
from .test_shelf import NEWEST_FIRST, library_docs, many_docs

BY_SCORE = [  # high first, the unrated last; ties newest read first
    "The Dispossessed",
    "Good Omens",
    "The Left Hand of Darkness",
    '<b>Bold</b> & "Quoted"',
    "The Odyssey",
    "Persuasion",
    "Emma",
]
BY_TITLE = [  # leading articles aside
    '<b>Bold</b> & "Quoted"',
    "The Dispossessed",
    "Emma",
    "Good Omens",
    "The Left Hand of Darkness",
    "The Odyssey",
    "Persuasion",
]
BY_AUTHOR = [  # family names: Austen, Homer, Le Guin, (du) Maurier, Pratchett
    "Persuasion",
    "Emma",
    "The Odyssey",
    "The Dispossessed",
    "The Left Hand of Darkness",
    '<b>Bold</b> & "Quoted"',
    "Good Omens",
]


def serve(root: Any, docs: dict[str, str], plugin: dict[str, Any]) -> Iterator[str]:
    """Build a site of `docs` on Material (light and dark by the browser's preference, instant
    navigation on), serve it, and give its URL."""
    write_tree(root / "docs", docs)
    # Instant navigation needs site_url (Material reads the sitemap): serve, then build.
    with serve_folder(root / "site") as home:
        palette = [
            {"media": f"(prefers-color-scheme: {media})", "scheme": scheme}
            for media, scheme in (("light", "default"), ("dark", "slate"))
        ]
        config = {
            "site_name": "Shelf",
            "site_url": home,
            "theme": {
                "name": "material",
                "font": False,
                "features": ["navigation.instant"],
                "palette": palette,
            },
            "plugins": ["search", {"bookreviews": plugin}],
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
        build(load_config(str(root / "mkdocs.yml")))
        yield home


@pytest.fixture(scope="module")
def shelf_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test library's shelf, served."""
    docs = library_docs(cover=True)
    docs["index.md"] = "# Home\n\n[The shelf](shelf/index.md)\n"
    for home in serve(tmp_path_factory.mktemp("shelf-browser"), docs, {"shelf": True}):
        yield home + "shelf/"


def shown_titles(page: Any) -> list[str]:
    """The titles of the cards a reader sees, in order."""
    return [
        link.text_content()
        for link in page.locator(".bookreviews-card-title").all()
        if link.is_visible()
    ]


def status(page: Any) -> str:
    return str(page.locator(".bookreviews-shelf-status [role=status]").text_content())


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_without_javascript_every_card_shows_and_no_control(browser: Any, shelf_url: str) -> None:
    for width in (PHONE, DESKTOP):
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        # A filtered link opened without the script still shows the whole shelf.
        page.goto(shelf_url + "?min=5&dnf=only", wait_until="networkidle")
        assert shown_titles(page) == NEWEST_FIRST
        controls = page.locator(".bookreviews-shelf select, .bookreviews-shelf button")
        assert controls.count() > 0
        assert [c for c in controls.all() if c.is_visible()] == []
        # Nor do they keep room (with a script, they keep it from the first paint).
        assert page.locator(".bookreviews-shelf-controls").bounding_box() is None
        assert not page.locator(".bookreviews-shelf-status").is_visible()
        assert page.locator(".bookreviews-listing-count").is_visible()
        context.close()


def test_sorting(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url)
    assert shown_titles(page) == NEWEST_FIRST
    assert status(page) == "Showing all 7 books."
    for sort, expected in (("score", BY_SCORE), ("title", BY_TITLE), ("author", BY_AUTHOR)):
        page.select_option("select[name=sort]", sort)
        assert shown_titles(page) == expected, sort
        assert query(page) == {"sort": [sort]}
    page.select_option("select[name=sort]", "")
    assert shown_titles(page) == NEWEST_FIRST
    assert query(page) == {}
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"genre": "sci-fi"}, ["The Dispossessed", "The Left Hand of Darkness"]),
        ({"year": "2019"}, ["Good Omens"]),  # a re-read is in every year it was read
        ({"year": "2024"}, ["Good Omens", "The Dispossessed", "Persuasion", "Emma"]),
        ({"min": "4"}, ["Good Omens", "The Dispossessed", "The Left Hand of Darkness"]),
        ({"dnf": "only"}, ["Persuasion"]),
        ({"dnf": "hide"}, [t for t in NEWEST_FIRST if t != "Persuasion"]),
        ({"year": "2024", "min": "4"}, ["Good Omens", "The Dispossessed"]),
    ],
)
def test_filters_say_how_many_they_hide(
    browser: Any, shelf_url: str, filters: dict[str, str], expected: list[str]
) -> None:
    page = open_page(browser, shelf_url)
    for name, value in filters.items():
        page.select_option(f"select[name={name}]", value)
    assert shown_titles(page) == expected
    hidden = 7 - len(expected)
    assert status(page) == (
        f"Showing {len(expected)} of 7 books \u2014 {hidden} hidden by the filters."
    )
    assert query(page) == {name: [value] for name, value in filters.items()}
    # The same URL, opened afresh, shows the same shelf.
    page.goto(page.url, wait_until="networkidle")
    assert shown_titles(page) == expected
    for name, value in filters.items():
        assert page.locator(f"select[name={name}]").input_value() == value
    assert page.errors == []
    page.context.close()


def test_a_linked_shelf_and_show_all(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url + "?sort=title&genre=classics&min=3&dnf=hide#top")
    assert shown_titles(page) == ["The Left Hand of Darkness"]
    assert status(page) == "Showing 1 of 7 books \u2014 6 hidden by the filters."
    show_all = page.get_by_role("button", name="Show all")
    show_all.click()
    assert shown_titles(page) == BY_TITLE  # the order stays, the filters go
    assert status(page) == "Showing all 7 books."
    assert not show_all.is_visible()
    assert urlsplit(page.url).query == "sort=title" and page.url.endswith("#top")
    # Focus is not lost with the button: it moves to the first filter.
    assert page.evaluate("document.activeElement.name") == "genre"
    # Values the shelf does not know are left aside, not applied.
    page.goto(shelf_url + "?sort=price&genre=nope&year=1066", wait_until="networkidle")
    assert shown_titles(page) == NEWEST_FIRST
    assert status(page) == "Showing all 7 books."
    assert page.errors == []
    page.context.close()


def test_keyboard_alone_filters(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url)
    page.locator("select[name=sort]").focus()
    page.keyboard.press("Tab")  # to the genre select
    assert page.evaluate("document.activeElement.name") == "genre"
    page.keyboard.press("End")  # its last option: Sci-Fi
    assert shown_titles(page) == ["The Dispossessed", "The Left Hand of Darkness"]
    page.context.close()


def test_instant_navigation_runs_the_script(browser: Any, shelf_url: str) -> None:
    home = shelf_url.removesuffix("shelf/")
    page = open_page(browser, home)
    # Material's instant navigation swaps the page in place: this mark survives it.
    page.evaluate("window.stillHere = true")
    page.get_by_role("link", name="The shelf").click()
    page.locator("select[name=min]").wait_for(state="visible")
    assert page.evaluate("window.stillHere") is True
    page.select_option("select[name=min]", "5")
    assert shown_titles(page) == ["The Dispossessed"]
    assert query(page) == {"min": ["5"]}
    # Away and back: the script runs again on the new page.
    page.go_back()
    page.wait_for_url(home)
    page.get_by_role("link", name="The shelf").click()
    page.locator("select[name=min]").wait_for(state="visible")
    assert status(page) == "Showing all 7 books."
    assert page.evaluate("window.stillHere") is True
    assert page.errors == []
    page.context.close()


def test_no_accessibility_violations_or_sideways_scroll(
    browser: Any,
    shelf_url: str,
    site_url: str,
) -> None:
    axe = Axe()
    ours: list[tuple[Any, ...]] = []
    wide: list[str] = []
    pages = [shelf_url, shelf_url + "?genre=classics&dnf=hide", site_url + "shelf/?sort=score"]
    for scheme in ("light", "dark"):
        for width in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for url in pages:
                page.goto(url, wait_until="networkidle")
                assert page.locator(".bookreviews-shelf-controls").is_visible()
                for rule, target in axe_in_our_markup(axe, page):
                    ours.append((url, scheme, width, rule, target))
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide.append(f"{url} at {width}")
            context.close()
    assert ours == []
    assert wide == []


def test_shown_cards_fill_the_grids_in_order(browser: Any, tmp_path_factory: Any) -> None:
    root = tmp_path_factory.mktemp("shelf-many")
    for home in serve(root, many_docs(130), {"shelf": True}):
        page = open_page(browser, home + "shelf/?sort=title&min=3")
        # Scores 3 to 5: 78 books, by title (numbers in order), 60 in the first grid.
        shown = sorted(i for i in range(130) if i % 5 + 1 >= 3)
        assert shown_titles(page) == [f"Book {i}" for i in shown]
        per_grid = page.evaluate(
            """() => Array.from(document.querySelectorAll('.bookreviews-shelf-books > *'),
                g => Array.from(g.children).filter(c => !c.hidden).length)"""
        )
        assert per_grid == [60, 18, 0]
        assert page.errors == []
        page.context.close()


# The share of pixels that differ between two same-sized PNG screenshots.
_DIFFER_JS = """async ([a, b]) => {
  const read = async b64 => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    return g.getImageData(0, 0, img.width, img.height).data;
  };
  const [x, y] = [await read(a), await read(b)];
  let differ = 0;
  for (let i = 0; i < x.length; i += 4)
    differ += [0, 1, 2].reduce((sum, c) => sum + Math.abs(x[i + c] - y[i + c]), 0) > 60;
  return differ / (x.length / 4);
}"""


def _ring_sides(page: Any) -> dict[str, float]:
    """Focus the first card's link: in a band just outside each side of the card, where its
    focus ring is drawn (0.5 to 0.65rem out), the share of pixels the ring changed."""
    page.evaluate("scrollTo(0, document.querySelector('.bookreviews-card').offsetTop - 150)")
    box = page.evaluate(
        """() => { const r = document.querySelector('.bookreviews-card').getBoundingClientRect();
                   const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
                   return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, rem}; }"""
    )
    near, far = 0.45 * box["rem"], 0.7 * box["rem"]
    bands = {
        "top": {"x": box["x"], "y": box["y"] - far, "width": box["right"] - box["x"]},
        "left": {"x": box["x"] - far, "y": box["y"], "height": box["bottom"] - box["y"]},
        "right": {"x": box["right"] + near, "y": box["y"], "height": box["bottom"] - box["y"]},
    }
    for band in bands.values():
        band.setdefault("height", far - near)
        band.setdefault("width", far - near)
        band["height"] = min(band["height"], 300)
    before = {side: page.screenshot(clip=clip) for side, clip in bands.items()}
    page.focus(".bookreviews-card-title")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    changed = {}
    for side, clip in bands.items():
        after = page.screenshot(clip=clip)
        pair = [base64.b64encode(shot).decode() for shot in (before[side], after)]
        changed[side] = page.evaluate(_DIFFER_JS, pair)
    return changed


def test_a_focused_card_shows_its_whole_ring(browser: Any, site_url: str) -> None:
    # A card's ring reaches outside the card: on the shelf, whose grids of cards skip their
    # layout and painting while out of view (content-visibility), the grid must not clip it.
    for path in ["genres/sci-fi/", "shelf/"]:
        for width in (PHONE, DESKTOP):
            page = open_page(browser, site_url + path, width=width)
            sides = _ring_sides(page)
            assert min(sides.values()) > 0.5, (path, width, sides)
            page.context.close()


# The shelf's covers: how many the first row holds, and how many the first screen shows whole;
# the rows its controls take.
_WALL_JS = """() => {
  const shown = [...document.querySelectorAll('.bookreviews-shelf .bookreviews-card-cover')]
    .filter(c => getComputedStyle(c).display !== 'none');
  const covers = shown.map(c => c.getBoundingClientRect());
  const first = covers[0].top;
  const labels = [...document.querySelectorAll('.bookreviews-shelf-controls label')];
  return {perRow: covers.filter(r => Math.abs(r.top - first) < 1).length,
          // The first row's covers load at once (a drawn cover has nothing to load).
          lazyInFirstRow: shown.filter((c, i) => Math.abs(covers[i].top - first) < 1
                                       && c.getAttribute('loading') === 'lazy').length,
          firstScreen: covers.filter(r => r.bottom <= innerHeight).length,
          width: Math.round(covers[0].width),
          controlRows: new Set(labels.map(l => Math.round(l.getBoundingClientRect().top))).size};
}"""


@pytest.mark.parametrize(
    ("width", "height", "per_row", "first_screen"),
    [(1280, 800, 5, 5), (1920, 1080, 5, 10)],
)
def test_the_shelf_is_a_wall_of_covers(
    browser: Any, site_url: str, width: int, height: int, per_row: int, first_screen: int
) -> None:
    """The example's ten books on Material: as many covers a row as the page's width holds
    (the empty table-of-contents column is given to them), the controls on one row."""
    page = open_page(browser, site_url + "shelf/", width=width, height=height)
    wall = page.evaluate(_WALL_JS)
    print(f"shelf at {width}x{height}: {wall}")
    assert wall["perRow"] >= per_row, wall
    assert wall["firstScreen"] >= first_screen, wall
    assert wall["controlRows"] == 1, wall
    assert wall["lazyInFirstRow"] == 0, wall
    assert wall["width"] >= 120, wall  # covers, not thumbnails
    page.context.close()
