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

from .conftest import axe_in_our_markup, png_js, serve_folder, write_tree
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
        title.text_content()
        for title in page.locator(".bookreviews-shelf-grid > li > a > b").all()
        if title.is_visible()
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
    # Focus is not lost with the button: it moves to the first filter, the text filter.
    assert page.evaluate("document.activeElement.name") == "find"
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
_DIFFER_JS = png_js(
    "([a, b])",
    """  const [x, y] = [(await read(a))[2], (await read(b))[2]];
  let differ = 0;
  for (let i = 0; i < x.length; i += 4)
    differ += [0, 1, 2].reduce((sum, c) => sum + Math.abs(x[i + c] - y[i + c]), 0) > 60;
  return differ / (x.length / 4);""",
)


def _ring_sides(page: Any, card: str, link: str) -> dict[str, float]:
    """Focus the first card's link: in a band just outside each side of the card, where its
    focus ring is drawn (0.5 to 0.65rem out), the share of pixels the ring changed."""
    page.evaluate(f"scrollTo(0, document.querySelector({card!r}).offsetTop - 150)")
    box = page.evaluate(
        f"""() => {{ const r = document.querySelector({card!r}).getBoundingClientRect();
                   const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
                   return {{x: r.x, y: r.y, right: r.right, bottom: r.bottom, rem}}; }}"""
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
    page.focus(link)
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
    shelf = ".bookreviews-shelf-grid > li > a"
    for path, card, link in [
        ("genres/sci-fi/", ".bookreviews-card", ".bookreviews-card-title"),
        ("shelf/", shelf, shelf),
    ]:
        for width in (PHONE, DESKTOP):
            page = open_page(browser, site_url + path, width=width)
            sides = _ring_sides(page, card, link)
            assert min(sides.values()) > 0.5, (path, width, sides)
            page.context.close()


# The shelf's covers: how many the first row holds, and how many the first screen shows whole;
# the rows its controls take.
_WALL_JS = """() => {
  const links = [...document.querySelectorAll('.bookreviews-shelf-grid > li > a')]
    .filter(a => a.getClientRects().length);
  const covers = links.map(a => {
    const r = a.getBoundingClientRect();
    return {top: r.top, width: r.width, bottom: r.top + r.width * 1.5};
  });
  const first = covers[0].top;
  const inFirstRow = links.filter((a, i) => Math.abs(covers[i].top - first) < 1);
  const controls = [...document.querySelectorAll(
    '.bookreviews-shelf-controls > label, .bookreviews-shelf-controls > fieldset')];
  return {perRow: inFirstRow.length,
          // The first row's covers load at once (a drawn cover has nothing to load).
          lazyInFirstRow: inFirstRow.filter(a => a.querySelector('img[loading=lazy]')).length,
          firstScreen: covers.filter(r => r.bottom <= innerHeight).length,
          width: Math.round(covers[0].width),
          controlRows: new Set(controls.map(l => Math.round(l.getBoundingClientRect().top))).size};
}"""


@pytest.mark.parametrize(
    ("width", "height", "view", "per_row", "first_screen"),
    [
        (1280, 800, "", 5, 5),
        (1920, 1080, "", 5, 10),
        (1280, 800, "covers", 9, 9),
        (PHONE, 844, "", 2, 2),
        (PHONE, 844, "covers", 4, 8),
    ],
)
def test_the_shelf_is_a_wall_of_covers(
    browser: Any,
    site_url: str,
    width: int,
    height: int,
    view: str,
    per_row: int,
    first_screen: int,
) -> None:
    """The example's books on Material: as many covers a row as the page's width holds (the
    empty table-of-contents column is given to them), more of them covers alone, the controls
    on two rows on a desktop."""
    page = open_page(
        browser, site_url + "shelf/" + (f"?view={view}" if view else ""), width=width, height=height
    )
    wall = page.evaluate(_WALL_JS)
    print(f"shelf at {width}x{height} {view or 'cards'}: {wall}")
    assert wall["perRow"] >= per_row, wall
    assert wall["firstScreen"] >= first_screen, wall
    if width > PHONE:
        assert wall["controlRows"] <= 2, wall
    assert wall["lazyInFirstRow"] == 0 or view, wall
    assert wall["width"] >= (120 if not view else 60), wall  # covers, not thumbnails
    page.context.close()


def per_row(page: Any) -> int:
    return int(page.evaluate(_WALL_JS)["perRow"])


def test_covers_only(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url + "?sort=title")
    cards = per_row(page)
    page.get_by_label("Covers only").check()
    assert page.locator(".bookreviews-shelf[data-view=covers]").count() == 1
    assert query(page) == {"sort": ["title"], "view": ["covers"]}
    assert per_row(page) > cards
    # Only the covers show (the title and authors clipped below each cover); each link is
    # still named by its title and authors.
    below = page.locator(".bookreviews-shelf-grid > li > a").evaluate_all(
        """links => links.map(a => a.querySelector('b').getBoundingClientRect().top
                                   >= a.getBoundingClientRect().bottom
                                   && getComputedStyle(a).overflow === 'hidden')"""
    )
    assert below == [True] * 7
    assert page.locator(".bookreviews-shelf-grid > li > b").first.is_hidden()
    good_omens = page.get_by_role("link", name="Good Omens Terry Pratchett and Neil Gaiman")
    assert good_omens.count() == 1 and good_omens.is_visible()
    names = page.locator(".bookreviews-shelf-grid > li > a").all_text_contents()
    assert names[0] == '<b>Bold</b> & "Quoted" Daphne du Maurier'  # by title
    # Filters and sorting work as with cards; the view is in the linked URL.
    page.select_option("select[name=genre]", "sci-fi")
    page.goto(page.url, wait_until="networkidle")
    assert page.locator("input[name=view][value=covers]").is_checked()
    assert page.locator(".bookreviews-shelf-grid > li:visible").count() == 2
    page.get_by_label("Cards", exact=True).check()
    assert query(page) == {"sort": ["title"], "genre": ["sci-fi"]}
    assert shown_titles(page) == ["The Dispossessed", "The Left Hand of Darkness"]
    assert page.errors == []
    page.context.close()


def test_a_book_without_a_cover_is_its_binding(browser: Any, site_url: str) -> None:
    # The example's Wolf Hall has no cover: covers alone, its title and author are on it.
    page = open_page(browser, site_url + "shelf/?view=covers")
    link = page.get_by_role("link", name="Wolf Hall Hilary Mantel")
    assert link.is_visible()
    box = link.bounding_box()
    title = link.locator("b").bounding_box()
    assert box is not None and title is not None
    assert box["y"] <= title["y"] and title["y"] + title["height"] <= box["y"] + box["height"]
    assert abs(box["height"] / box["width"] - 1.5) < 0.02  # a book's shape
    # As a card too its binding carries its title (light letters inside the rule drawn on the
    # cloth; it was an empty box), and the link's name says the title once.
    page.goto(site_url + "shelf/", wait_until="networkidle")
    link = page.get_by_role("link", name="Wolf Hall Hilary Mantel", exact=True)
    box = link.bounding_box()
    assert box is not None
    inside = {"x": box["x"] + 12, "y": box["y"] + 12, "width": box["width"] - 24, "height": 60}
    png = page.screenshot(clip=inside)
    assert _light_pixels(page, png) > 100, _light_pixels(page, png)
    page.context.close()


# How many pixels of a PNG screenshot are near white, read through the page's own canvas.
_LIGHT_JS = png_js(
    "b64",
    """  const d = (await read(b64))[2];
  let light = 0;
  for (let i = 0; i < d.length; i += 4) light += Math.min(d[i], d[i + 1], d[i + 2]) > 200;
  return light;""",
)


def _light_pixels(page: Any, png: bytes) -> int:
    return int(page.evaluate(_LIGHT_JS, base64.b64encode(png).decode()))


def options(page: Any, name: str) -> list[str]:
    return list(page.locator(f"select[name={name}] option").all_text_contents())


def test_counts_under_the_other_filters(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url)
    assert options(page, "year") == [
        "All years (7)",
        "2024 (4)",
        "2023 (1)",
        "2022 (1)",
        "2019 (1)",
    ]
    page.select_option("select[name=genre]", "classics")
    # Each filter counts under the others, not under itself.
    assert options(page, "year") == [
        "All years (3)",
        "2024 (2)",
        "2023 (1)",
        "2022 (0)",
        "2019 (0)",
    ]
    assert options(page, "genre")[:3] == [
        "All genres (7)",
        '<i>x</i>" onmouseover="y (1)',
        "Classics (3)",
    ]
    page.select_option("select[name=year]", "2024")
    assert options(page, "genre") == [
        "All genres (4)",
        '<i>x</i>" onmouseover="y (0)',
        "Classics (2)",
        "Comedy (1)",
        "Fantasy (1)",
        "Sci-Fi (1)",
    ]
    assert options(page, "min") == [
        "Any score (2)",
        "1 or more (1)",
        "2 or more (1)",
        "3 or more (0)",
        "4 or more (0)",
        "5 (0)",
    ]
    assert options(page, "dnf") == ["All books (2)", "Only finished (1)", "Only not finished (1)"]
    # The text filter counts too.
    page.fill("input[name=find]", "emma")
    page.wait_for_function(
        "document.querySelector('select[name=dnf]').options[0].text.endsWith('(1)')"
    )
    assert options(page, "dnf") == ["All books (1)", "Only finished (1)", "Only not finished (0)"]
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("guin", ["The Dispossessed", "The Left Hand of Darkness"]),  # an author
        ("LEFT hand", ["The Left Hand of Darkness"]),  # a title, any case, any order of words
        ("hand guin", ["The Left Hand of Darkness"]),
        ("Maurïer", ['<b>Bold</b> & "Quoted"']),  # without accents
        ("ÉMMA", ["Emma"]),
        ("odyssey homer", ["The Odyssey"]),
        ("nothing like it", []),
    ],
)
def test_the_text_filter(browser: Any, shelf_url: str, typed: str, expected: list[str]) -> None:
    page = open_page(browser, shelf_url)
    search = page.get_by_label("Title or author")
    search.fill(typed)
    page.wait_for_function(
        "n => document.querySelectorAll('.bookreviews-shelf-grid > li:not([hidden])').length === n",
        arg=len(expected),
    )
    assert shown_titles(page) == expected
    hidden = 7 - len(expected)
    assert status(page) == (
        f"Showing {len(expected)} of 7 books \u2014 {hidden} hidden by the filters."
    )
    assert query(page) == {"find": [typed]}
    # The same URL, opened afresh, shows the same shelf.
    page.goto(page.url, wait_until="networkidle")
    assert search.input_value() == typed
    assert shown_titles(page) == expected
    assert page.errors == []
    page.context.close()


def test_the_text_filter_with_the_others(browser: Any, shelf_url: str) -> None:
    page = open_page(browser, shelf_url + "?find=le+guin&genre=classics")
    assert shown_titles(page) == ["The Left Hand of Darkness"]
    page.get_by_role("button", name="Show all").click()
    assert shown_titles(page) == NEWEST_FIRST
    assert query(page) == {}
    assert page.get_by_label("Title or author").input_value() == ""
    page.context.close()
