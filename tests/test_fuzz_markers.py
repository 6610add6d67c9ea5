"""Property-based listing markers: any page of Markdown and raw HTML, with markers anywhere.

Hypothesis writes a page of paragraphs, headings, lists, block quotes and raw HTML blocks
(`<div>`, `<script>`, `<style>`, `<textarea>`, `<pre>`, an `<img>` whose attributes hold a
marker), inline, fenced and indented code, and comments: markers drawn from the grammar
`listings.parse_options` reads (every key, its aliases, `=` or `:`, double, single, curly or no
quotes, any case, `bookreviews:` and `<!--bookreviews-->`), near misses (`<!--bookreview-->`),
markers that cannot be read (an unknown key, a genre no review has), and comments that are no
concern of the plugin. Each page is built with a small library by real MkDocs in a forked child
held to the CPU and memory limits of test_attacks.py, and its HTML is parsed:

- the build finishes, with no traceback;
- each readable marker where HTML may stand (a paragraph, a heading, a list item, a quote, a
  `<div>`) became exactly one listing, and no listing is inside a paragraph or a heading;
- a marker inside code, a script, a style, a textarea, a `<pre>` or an attribute did not expand,
  and its text is there as written;
- every word of the page's own text is still shown, in order;
- one warning for each near miss and each marker that cannot be read, where HTML may stand, and
  none for anything else.

The normal suite tries a few pages; `pytest -m slow` (or FUZZ_MARKER_EXAMPLES=N) many more.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import COVER_SVG, collect_warnings, review, write_tree
from .test_attacks import LONGEST_WARNING, Outcome, fuzz_settings, in_limited_child

LIBRARY: dict[str, str | bytes] = {
    "reviews/dune.md": review(
        "Dune", "Frank Herbert", score=4.5, date="2025-03-02",
        genre=["Science Fiction", "Classics"], image="./covers/dune.svg",
    ),
    "reviews/klara.md": review(
        "Klara and the Sun", "Kazuo Ishiguro", score=3.75, date="2024-11-20",
        genre=["Science Fiction"],
    ),
    "reviews/remains.md": review(
        "The Remains of the Day", "Kazuo Ishiguro", score=5, date="2023-02", genre=["Fiction"],
    ),
    "reviews/odd.md": review("Odd", "Ann O'Neil", score=1, date="2022", genre=["Classics"]),
    "reviews/covers/dune.svg": COVER_SVG,
}  # fmt: skip
PAGE = "notes/page.md"

# --- markers -------------------------------------------------------------------------------

Kind = Literal["valid", "near", "broken"]


@dataclass(frozen=True)
class Marker:
    """A comment as written, and what it is: a marker that lists, a near miss, a bad marker."""

    text: str
    kind: Kind


def _quoted(value: str) -> st.SearchStrategy[str]:
    """`value` in each quoting the grammar reads and that can hold it."""
    ways = [f'"{value}"', f"“{value}”"]
    if "'" not in value:
        ways.append(f"'{value}'")
    if not any(c.isspace() for c in value) and "'" not in value:
        ways.append(value)
    return st.sampled_from(ways)


GENRES = ["Science Fiction", "science fiction", "SCIENCE-FICTION", "Classics", "fiction"]
AUTHORS = ["Kazuo Ishiguro", "Ishiguro, Kazuo", "frank herbert", "Ann O'Neil"]
KEY_VALUES: dict[str, tuple[list[str], st.SearchStrategy[str]]] = {
    "recent": (["recent", "Recent"], st.integers(1, 40).map(str) | st.just("007")),
    "limit": (["limit", "LIMIT"], st.integers(1, 40).map(str)),
    "genre": (["genre", "genres", "Genre"], st.sampled_from(GENRES).flatmap(_quoted)),
    "author": (["author", "authors"], st.sampled_from(AUTHORS).flatmap(_quoted)),
    "year": (["year", "years"], st.sampled_from(["2022", "2023", "2024", "2025"])),
    "sort": (["sort", "Sort"], st.sampled_from(["recent", "score", "Title", "scores"])),
    "as": (["as", "layout", "AS"], st.sampled_from(["cards", "covers", "Cover", "card"])),
}


@st.composite
def valid_markers(draw: st.DrawFn) -> Marker:
    """A marker with options from the real grammar, all of them readable (a filter that
    matches nothing still lists: "No reviews here yet.")."""
    keys = draw(st.lists(st.sampled_from(sorted(KEY_VALUES)), unique=True, max_size=4))
    options = []
    for key in keys:
        names, values = KEY_VALUES[key]
        name = draw(st.sampled_from(names))
        sep = draw(st.sampled_from(["=", " = ", ":", ": "]))
        options.append(f"{name}{sep}{draw(values)}")
    word = draw(st.sampled_from(["bookreviews", "BookReviews", "bookreviews:", "BOOKREVIEWS"]))
    gap = draw(st.sampled_from([" ", "  ", "\t"]))
    inside = " ".join([word, *options])
    spaced = draw(st.booleans())
    text = f"<!--{gap}{inside}{gap}-->" if spaced else f"<!--{inside}-->"
    # `<!--bookreviews-->` reads as a marker only when the closing `-->` does not touch a
    # quote-less value: `as=covers-->` is fine, the text ends before `--`.
    return Marker(text, "valid")


NEAR_MISSES = [
    "<!--bookreview-->",
    "<!-- bookreview recent=3 -->",
    "<!--BookReview-->",
    "<!-- book-reviews as=covers -->",
    "<!-- bokreviews recent=3 -->",
    "<!-- bookreviews_recent=3 -->",
    "<!-- book_reviews -->",
]
BROKEN = [
    "<!-- bookreviews colour=red -->",
    "<!-- bookreviews recent=twelve -->",
    "<!-- bookreviews recent=0 -->",
    "<!-- bookreviews genre=Poetry -->",
    "<!-- bookreviews author='Nobody Here' -->",
    "<!-- bookreviews year=1999 -->",
    "<!-- bookreviews year=20245 -->",
    "<!-- bookreviews sort=best -->",
    "<!-- bookreviews as=grid -->",
    "<!-- bookreviews genre -->",
    "<!-- bookreviews recent=1 recent=2 -->",
    '<!-- bookreviews genre="Science Fiction -->',
    "<!-- bookreviews limit=" + "9" * 30 + " -->",  # longer: see test_a_long_value_...
    "<!-- bookreviews genre=\x1b[31mred -->",
]
# Comments a page may hold that are no concern of the plugin's.
OTHER_COMMENTS = [
    "<!-- TODO: books -->",
    "<!-- book reviews below -->",
    "<!-- reviews -->",
    "<!---->",
    "<!-- a -- b -->",
    "<!-- bookshelf -->",
]
markers = st.one_of(
    valid_markers(),
    st.sampled_from(NEAR_MISSES).map(lambda text: Marker(text, "near")),
    st.sampled_from(BROKEN).map(lambda text: Marker(text, "broken")),
)

# --- blocks --------------------------------------------------------------------------------

word = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10)
# Words that Markdown takes as they are wherever they stand (not "1." at a line start).
words = st.lists(word.filter(lambda w: not w.isdigit()), min_size=1, max_size=6)

Shield = Literal[
    "inline-code", "fence", "tilde-fence", "indented", "script", "style", "textarea", "pre",
    "img", "code-tag",
]  # fmt: skip
SHIELDS: list[Shield] = [
    "inline-code", "fence", "tilde-fence", "indented", "script", "style", "textarea", "pre",
    "img", "code-tag",
]  # fmt: skip


@dataclass(frozen=True)
class Block:
    """One block of the page: its Markdown, the words it shows, the markers that must list,
    the markers that must warn, and the markers that must stay as written (with where)."""

    markdown: str
    words: tuple[str, ...] = ()
    lists: int = 0
    warns: int = 0
    shielded: tuple[tuple[Shield, str], ...] = ()


def _counts(found: list[Marker]) -> tuple[int, int]:
    return (
        sum(m.kind == "valid" for m in found),
        sum(m.kind != "valid" for m in found),
    )


def paragraph(ws: list[str]) -> Block:
    return Block(" ".join(ws), tuple(ws))


def inline_marker(before: list[str], marker: Marker, after: list[str]) -> Block:
    """A marker inside a paragraph's text (or ending it)."""
    listed, warned = _counts([marker])
    text = " ".join([*before, marker.text, *after])
    return Block(text, (*before, *after), listed, warned)


def alone(marker: Marker, other: str | None) -> Block:
    """A marker on its own (a raw HTML block to Markdown), maybe after another comment."""
    listed, warned = _counts([marker])
    lines = [other, marker.text] if other is not None else [marker.text]
    return Block("\n".join(lines), (), listed, warned)


def heading(level: int, ws: list[str], marker: Marker | None) -> Block:
    found = [marker] if marker is not None else []
    listed, warned = _counts(found)
    text = "#" * level + " " + " ".join([*ws, *(m.text for m in found)])
    return Block(text, tuple(ws), listed, warned)


def bullet_list(items: list[tuple[list[str], Marker | None]]) -> Block:
    lines = []
    shown: list[str] = []
    found: list[Marker] = []
    for ws, marker in items:
        lines.append("- " + " ".join([*ws, *([marker.text] if marker else [])]))
        shown += ws
        found += [marker] if marker else []
    listed, warned = _counts(found)
    return Block("\n".join(lines), tuple(shown), listed, warned)


def quote(ws: list[str], marker: Marker) -> Block:
    listed, warned = _counts([marker])
    return Block(f"> {' '.join(ws)}\n>\n> {marker.text}", tuple(ws), listed, warned)


def div(ws: list[str], marker: Marker) -> Block:
    """A raw `<div>`: Markdown passes it through; a listing may stand in it."""
    listed, warned = _counts([marker])
    text = f'<div class="note">\n{" ".join(ws)}\n{marker.text}\n</div>'
    return Block(text, tuple(ws), listed, warned)


def shielded(shield: Shield, marker: Marker, ws: list[str]) -> Block:
    """A marker where it is text, code or an attribute: it must stay as written."""
    m = marker.text
    shown: tuple[str, ...] = ()
    if shield == "inline-code":
        text, shown = f"{' '.join(ws)} `{m}` {' '.join(ws)}", (*ws, *ws)
    elif shield == "fence":
        text = f"```\n{m}\n```"
    elif shield == "tilde-fence":
        text = f"~~~ html\n{m}\n~~~"
    elif shield == "indented":
        # After a list, an indented block is the last item's continuation, not code (found by
        # a fresh run in CI's clean clone): a paragraph of its own first ends any list.
        text, shown = f"{' '.join(ws)}\n\n    {m}", tuple(ws)
    elif shield == "script":
        text = f"<script>\nvar shown = '{m}';\n</script>"
    elif shield == "style":
        text = f"<style>\n/* {m} */\n</style>"
    elif shield == "textarea":
        text = f"<textarea>{m}</textarea>"
    elif shield == "pre":
        text = f"<pre>{m}</pre>"
    elif shield == "img":
        attr = m.replace('"', "&quot;")
        text = f'<p><img src="x.svg" alt="{attr}" title="{attr}"></p>'
    else:
        text, shown = f"<p>{' '.join(ws)} <code>{m}</code></p>", tuple(ws)
    return Block(text, shown, shielded=((shield, m),))


other_comments = st.one_of(st.none(), st.sampled_from(OTHER_COMMENTS))
blocks = st.one_of(
    st.builds(paragraph, words),
    st.builds(inline_marker, words, markers, st.lists(word, max_size=3)),
    st.builds(alone, markers, other_comments),
    st.builds(heading, st.integers(1, 6), words, st.none() | markers),
    st.builds(bullet_list, st.lists(st.tuples(words, st.none() | markers), min_size=1, max_size=3)),
    st.builds(quote, words, markers),
    st.builds(div, words, markers),
    st.builds(shielded, st.sampled_from(SHIELDS), markers, words),
    st.sampled_from(OTHER_COMMENTS).map(lambda text: Block(text)),
)
pages = st.lists(blocks, min_size=1, max_size=8)

# --- the build and the checks --------------------------------------------------------------


def build_page(root: Path, page: str) -> Outcome:
    """Build the library and the page in a limited child; the site stays on disk."""

    def work() -> Outcome:
        write_tree(root / "docs", {**LIBRARY, "index.md": "# Home\n", PAGE: page})
        config = {
            "site_name": "Markers",
            "theme": {"name": "mkdocs"},
            "plugins": ["bookreviews"],
            "site_dir": str(root / "site"),
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
        with collect_warnings() as warnings:
            build(load_config(str(root / "mkdocs.yml"), strict=False))
        return Outcome(warnings=warnings)

    return in_limited_child(work)


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(w in it for w in needle)


def _take(pool: list[str], shield: Shield, written: str, shown: str, *, whole: bool) -> None:
    """Remove from `pool` one text that is `shown` (`whole`) or holds it; fail when none. White
    space is compared folded: Markdown expands the tabs in code."""
    folded = " ".join(shown.split())
    for index, text in enumerate(pool):
        text = " ".join(text.split())
        if text == folded or (not whole and folded in text):
            del pool[index]
            return
    raise AssertionError(f"{shield}: {written!r} is not there as written: {pool!r}")


def check_page(drawn: list[Block]) -> None:
    page = "# Notes\n\n" + "\n\n".join(block.markdown for block in drawn) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        outcome = build_page(Path(tmp), page)
        assert outcome.error is None, outcome.error
        soup = BeautifulSoup(
            (Path(tmp) / "site" / PAGE.replace(".md", "/index.html")).read_text("utf-8"),
            "html.parser",
        )
    main = soup.select_one('[role="main"]')
    assert main is not None

    # Warnings: one per near miss and bad marker where HTML may stand, each short and about
    # this page; none for anything else.
    warned = sum(block.warns for block in drawn)
    assert all(line.startswith(f"bookreviews: {PAGE}: ") for line in outcome.warnings), (
        outcome.warnings
    )
    assert all(len(line) <= LONGEST_WARNING for line in outcome.warnings), outcome.warnings
    assert len(outcome.warnings) == warned, (outcome.warnings, page)

    # Listings: one per readable marker where HTML may stand, none in a paragraph or heading.
    listings = main.select(".bookreviews-listing")
    assert len(listings) == sum(block.lists for block in drawn), page
    for listing in listings:
        assert listing.find_parent(["p", "h1", "h2", "h3", "h4", "h5", "h6"]) is None, page

    # Shielded markers: there as written, in the element they were written in.
    pools: dict[str, list[str]] = {
        "code": [c.decode_contents() for c in main.find_all("code")],
        "script": [s.get_text() for s in main.find_all("script")],
        "style": [s.get_text() for s in main.find_all("style")],
        "textarea": [t.decode_contents() for t in main.find_all("textarea")],
        "pre": [p.decode_contents() for p in main.find_all("pre") if p.code is None],
        "img": [f"{i.get('alt')}\n{i.get('title')}" for i in main.find_all("img", src="x.svg")],
    }
    for shield, text in (pair for block in drawn for pair in block.shielded):
        escaped = html.escape(text, quote=False)  # as a code element's contents hold it
        if shield == "inline-code":
            _take(pools["code"], shield, text, escaped, whole=True)
        elif shield == "code-tag":
            _take(pools["code"], shield, text, text, whole=True)
        elif shield in ("fence", "tilde-fence", "indented"):
            _take(pools["code"], shield, text, escaped, whole=True)
        elif shield == "img":
            _take(pools["img"], shield, text, f"{text}\n{text}", whole=True)
        else:
            _take(pools[shield], shield, text, text, whole=False)

    # Every word of the page's own text, in order, outside the listings.
    for listing in main.select(".bookreviews-listing"):
        listing.decompose()
    shown = main.get_text(" ").split()
    expected = ["Notes", *(w for block in drawn for w in block.words)]
    assert is_subsequence(expected, shown), (expected, shown, page)
    assert not _escaped_markers(main), page


def _escaped_markers(main: Tag) -> list[str]:
    """Comments shown as text outside code: one Markdown escaped instead of passing it on."""
    return [
        str(text)
        for text in main.find_all(string=True)
        if type(text) is NavigableString
        and "<!--" in text
        and text.find_parent(["code", "pre", "textarea", "script", "style"]) is None
    ]


MARKER_EXAMPLES = int(os.environ.get("FUZZ_MARKER_EXAMPLES", "25"))


@fuzz_settings(MARKER_EXAMPLES)
@given(pages)
def test_markers_anywhere_in_a_page(drawn: list[Block]) -> None:
    check_page(drawn)


@pytest.mark.slow
@fuzz_settings(int(os.environ.get("FUZZ_SLOW_MARKER_EXAMPLES", "1500")))
@given(pages)
def test_markers_anywhere_in_a_page_many(drawn: list[Block]) -> None:
    check_page(drawn)


# --- what the fuzzing found ----------------------------------------------------------------


def test_a_long_value_in_a_marker_gives_a_short_warning() -> None:
    """Found by the fuzzing: `<!-- bookreviews limit=999…9 -->` with 300 digits logged a
    warning of about 450 characters, one with 100,000 digits a warning of 100,000: the marker
    was shown cut to 200 characters, but `parse_options`' problem held the whole value. Each
    value a problem quotes is now cut too (an unknown key, a genre or author no review has)."""
    with tempfile.TemporaryDirectory() as tmp:
        outcome = build_page(Path(tmp), "<!-- bookreviews limit=" + "9" * 5000 + " -->\n")
    assert outcome.error is None, outcome.error
    assert len(outcome.warnings) == 1
    assert len(outcome.warnings[0]) <= LONGEST_WARNING, len(outcome.warnings[0])
