"""Property-based builds: any front matter in, a safe site out, nothing lost.

Hypothesis generates libraries of reviews whose every field is drawn from valid or invalid
shapes (wrong types, nulls, dates, huge and empty strings, RTL, emoji, combining marks,
non-ASCII hyphens, HTML and attribute-breaking text). Each library is built for real, with the
plugin and without it, and every output page is parsed. Some values are written as raw YAML:
aliases (to text, and to "billion laughs" bombs), and integers of thousands of digits; some
files get Windows line endings, and some a line in another encoding than UTF-8. The normal
suite tries a few hundred libraries; `pytest -m slow` (or FUZZ_EXAMPLES=N) tries thousands.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from mkdocs_bookreviews.names import genre_key

from .conftest import COVER_SVG, collect_warnings, write_tree

ABSENT = object()
# Read dates run from 1900 to next year (fields.READ_YEARS_FROM and `_plausible`).
NEXT_YEAR = dt.date.today().year + 1
PROBE_TAG = "xss-probe"
PROBE_ATTR = "onxss"
NASTY = [
    f"<{PROBE_TAG}>boom</{PROBE_TAG}>",
    f'"><{PROBE_TAG} {PROBE_ATTR}="1">',
    f"' {PROBE_ATTR}='1",
    f'" {PROBE_ATTR}="1',
    "<script>alert(1)</script>",
    "&amp; &lt; &",
    "{{ 7 * 7 }} {% raw %}",
    "\u202eRTL override",
    "كتاب عربي",
    "👩‍👩‍👧 📚",
    "Cafe\u0301 combining",
    "Fantasy 🐉",
    "\U0001d518\U0001d52b\U0001d526 \U00020000",
    "Evil\u202e \u2066bidi\u200b",
    "Sci\u2011Fi",
    "Sci-Fi",
    "sci fi",
    "---",
    "\x02wzxhzdk:0\x03",
    "*emphasis* _under_ `code`",
    "<!-- comment",
    "x" * 3000,
]
MONTH_NAMES = ["January", "feb", "MARCH", "Sept", "dec.", "July"]


INVISIBLE = (
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def _shown(text: str) -> str:
    """What the page should show for a text field: control characters, bidi controls and
    zero-width spaces gone, spaces folded."""
    kept = "".join(
        c
        for c in text
        if c.isspace() or (c not in INVISIBLE and unicodedata.category(c) not in {"Cc", "Cs"})
    )
    return " ".join(kept.split())


texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=3).map(" ".join),
)
good_texts = texts.filter(lambda text: _shown(text) != "")
bad_non_null: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.just([]),
    st.dictionaries(st.sampled_from(["a", "<b>"]), st.integers(), min_size=1, max_size=2),
    st.lists(st.dictionaries(st.just("k"), st.integers(), min_size=1), min_size=1, max_size=2),
)
bad_shapes = st.one_of(st.none(), bad_non_null)


@dataclass(frozen=True)
class Value:
    """A front-matter value and whether the plugin must accept it."""

    value: Any
    valid: bool


@dataclass(frozen=True)
class Raw:
    """A value written as raw YAML (an alias, a huge number), and what it stands for."""

    yaml: str
    means: Any = None


ALIASED_TEXT = "Aliased text"
# Anchors every review can refer to: a text, and ten levels of lists of ten (10**10 strings).
ANCHORS = "\n".join(
    [f"x_text: &txt '{ALIASED_TEXT}'", "x_l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    + [f"x_l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
)
BOMB = Raw("*l9")
HUGE_NUMBERS = [Raw("9" * 5000), Raw("0x" + "f" * 3700), Raw(":".join(["59"] * 1500))]
raw_text = st.just(Value(Raw("*txt", ALIASED_TEXT), True))
raw_bad = st.sampled_from([BOMB, *HUGE_NUMBERS]).map(lambda raw: Value(raw, False))


def valid(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Value]:
    return strategy.map(lambda value: Value(value, True))


def invalid(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Value]:
    return strategy.map(lambda value: Value(value, False))


absent_ok = st.just(Value(ABSENT, True))
absent_bad = st.just(Value(ABSENT, False))  # title and author are required
quarter_scores = st.integers(0, 20).map(lambda quarters: quarters / 4)
FIELD_VALUES: dict[str, st.SearchStrategy[Value]] = {
    "title": st.one_of(
        raw_text,
        st.just(Value(BOMB, False)),
        valid(good_texts),
        valid(st.integers(0, 10**6)),
        invalid(bad_shapes),
        invalid(st.sampled_from(["", "   ", "\x02\x03"])),
        absent_bad,
    ),
    "author": st.one_of(
        raw_text,
        st.just(Value(BOMB, False)),
        valid(good_texts),
        valid(st.lists(good_texts, min_size=1, max_size=3)),
        invalid(bad_shapes),
        absent_bad,
    ),
    "year": st.one_of(
        raw_bad,
        valid(st.integers(1900, NEXT_YEAR)),
        valid(st.integers(1900, NEXT_YEAR).map(str)),
        valid(st.dates(dt.date(1900, 1, 1), dt.date(NEXT_YEAR, 12, 31))),
        # Not when anyone read a book: a typo, and a stats page of every year between.
        invalid(st.integers(1, 1899) | st.integers(NEXT_YEAR + 1, 9999)),
        invalid(st.sampled_from(["last summer", 0, -5, 10000, "20 25", 2025.5])),
        invalid(bad_non_null),
        absent_ok,
    ),
    "month": st.one_of(
        st.just(Value(BOMB, False)),
        valid(st.integers(1, 12)),
        valid(st.sampled_from(MONTH_NAMES)),
        invalid(st.sampled_from([0, 13, "Smarch", "13", "<b>May</b>"])),
        invalid(bad_non_null),
        absent_ok,
    ),
    "score": st.one_of(
        raw_bad,
        valid(quarter_scores),
        valid(quarter_scores.map(str)),
        valid(st.integers(0, 5)),
        invalid(st.sampled_from(["four", 7, -1, 5.25, "4 stars", ".nan", float("inf"), 10**400])),
        invalid(bad_non_null),
        valid(st.sampled_from([None, "", "  "])),  # unrated: no badge, no warning
    ),
    "image": st.one_of(
        st.just(Value(BOMB, False)),
        valid(
            st.sampled_from(["covers/book.svg", "./covers/book.svg", "/reviews/covers/book.svg"])
        ),
        valid(
            st.sampled_from(['https://example.org/c.jpg?a="><xss-probe>', "http://x.test/c.png"])
        ),
        invalid(
            st.sampled_from(
                [
                    "javascript:alert(1)",
                    "data:image/svg+xml,<svg onload=alert(1)>",
                    "file:///etc/passwd",
                    "/etc/passwd",
                    "../../../outside.jpg",
                    "C:\\covers\\book.jpg",
                    "//evil.test/c.jpg",
                    "covers/missing.jpg",
                ]
            )
        ),
        invalid(bad_non_null),
        absent_ok,
    ),
    "genre": st.one_of(
        st.just(Value(Raw("[*txt, Fiction]", [ALIASED_TEXT, "Fiction"]), True)),
        st.just(Value(Raw("[Fiction, *l9]"), False)),
        st.just(Value(BOMB, False)),
        valid(st.lists(good_texts, max_size=4)),
        valid(
            st.lists(good_texts.filter(lambda t: "," not in t), min_size=1, max_size=3).map(
                ", ".join
            )
        ),
        invalid(st.lists(bad_non_null, min_size=1, max_size=2)),
        invalid(st.dictionaries(st.just("<b>"), st.integers(), min_size=1)),
        absent_ok,
    ),
    "date": st.one_of(
        valid(st.dates(dt.date(1900, 1, 1), dt.date(NEXT_YEAR, 12, 31))),
        valid(st.sampled_from(["2016-09", "2019", "2019-11-07", 2020])),
        valid(
            st.lists(
                st.dates(dt.date(1990, 1, 1), dt.date(NEXT_YEAR, 12, 31)), min_size=1, max_size=3
            )
        ),
        invalid(st.dates(dt.date(1, 1, 1), dt.date(1899, 12, 31))),
        invalid(st.dates(dt.date(NEXT_YEAR + 1, 1, 1), dt.date(9999, 12, 31))),
        invalid(st.sampled_from(["soon", "2019-13", "13/01/2019", "2019-02-30", True, {"a": 1}])),
        invalid(st.lists(st.sampled_from(["later", {"<b>": 1}]), min_size=1, max_size=2)),
        st.just(Value(BOMB, False)),
        absent_ok,
    ),
    "did_not_finish": st.one_of(
        valid(st.booleans()), invalid(st.sampled_from(["maybe", 2, [True]])), absent_ok
    ),
    "summary": st.one_of(valid(good_texts), invalid(bad_non_null), absent_ok),
    "spoilers": st.one_of(valid(st.booleans()), invalid(st.sampled_from(["?", [1]])), absent_ok),
    "series": st.one_of(valid(good_texts), invalid(bad_non_null), absent_ok),
    "series_number": st.one_of(
        valid(st.integers(1, 50)),
        valid(st.sampled_from(["2.5", "1"])),
        invalid(st.sampled_from([[1], {"a": 1}, "x" * 40])),
        absent_ok,
    ),
    "isbn": st.one_of(
        valid(st.sampled_from(["978-0-307-38789-9", "0307387895", 9780307387899])),
        invalid(st.sampled_from(["123", "<b>isbn</b>", [1]])),
        absent_ok,
    ),
    "pages": st.one_of(
        valid(st.integers(1, 5000)), invalid(st.sampled_from([0, -3, "many", [1]])), absent_ok
    ),
    "published": st.one_of(
        valid(st.integers(1, 2025)), invalid(st.sampled_from(["long ago", 0, [1]])), absent_ok
    ),
    "cover_alt": st.one_of(valid(good_texts), invalid(bad_non_null), absent_ok),
}
words = st.lists(
    st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12), min_size=1, max_size=40
)
reviews = st.fixed_dictionaries(FIELD_VALUES)


@dataclass(frozen=True)
class Shape:
    """How a review's file is written: Windows line endings, a line in Windows-1252."""

    crlf: bool
    mixed_encoding: bool


shapes = st.builds(Shape, st.booleans(), st.integers(0, 9).map(lambda n: n == 0))
libraries = st.tuples(
    st.lists(st.tuples(reviews, words, shapes), min_size=1, max_size=3),
    st.booleans(),  # nested: every field under `book:`, read through `fields: {x: book.x}`
)
Library = tuple[list[tuple[dict[str, Value], list[str], Shape]], bool]


def expected_problems(fields: dict[str, Value]) -> list[str]:
    """The fields that must be warned about: the invalid ones, except `year` and `month`
    when a valid `date` with a read in it wins over them."""
    date = fields["date"]
    dated = date.valid and date.value is not ABSENT
    return [
        name
        for name, value in fields.items()
        if not value.valid and not (dated and name in ("year", "month"))
    ]


def front_matter(
    fields: dict[str, Value], *, for_mkdocs_alone: bool = False, nested: bool = False
) -> str:
    """The YAML of a review's header: plain values dumped, raw ones written as they are.

    MkDocs alone prints a page's title in its nav, and a bombed title would take it gigabytes:
    its copy of the page leaves such a title out.
    """
    if for_mkdocs_alone and fields["title"].value == BOMB:
        fields = {**fields, "title": Value(ABSENT, False)}
    plain = {
        n: v.value
        for n, v in fields.items()
        if v.value is not ABSENT and not isinstance(v.value, Raw)
    }
    text = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False) if plain else ""
    raw = [f"{name}: {v.value.yaml}" for name, v in fields.items() if isinstance(v.value, Raw)]
    if raw:
        text += "\n".join(raw) + "\n"
    if nested and text:
        text = "book:\n" + "".join("  " + line for line in text.splitlines(keepends=True))
    return (ANCHORS + "\n" + text) if raw else text


def meant(value: Value) -> Any:
    """What a value stands for: a raw one's meaning, any other itself."""
    return value.value.means if isinstance(value.value, Raw) else value.value


def build_library(
    root: Path, docs: dict[str, str | bytes], plugin: bool, *, nested: bool = False
) -> tuple[Path, list[str]]:
    write_tree(root / "docs", docs)
    paths = {"fields": {name: f"book.{name}" for name in FIELD_VALUES}} if nested else {}
    config = {
        "site_name": "Fuzz",
        "theme": {"name": "mkdocs"},
        "plugins": [{"bookreviews": {**paths, "authors": True, "years": True}}] if plugin else [],
        "site_dir": str(root / "site"),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with collect_warnings() as lines:
        build(load_config(str(root / "mkdocs.yml")))
    return root / "site", lines


def page_text(site: Path, src_uri: str) -> list[str]:
    soup = BeautifulSoup(
        (site / src_uri.replace(".md", "/index.html")).read_text("utf-8"), "html.parser"
    )
    main = soup.select_one('[role="main"]')
    assert main is not None
    return main.get_text(" ").split()


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def check_library(drawn: Library) -> None:
    library, nested = drawn
    prefix = "book." if nested else ""
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "reviews/covers/book.svg": COVER_SVG}
    plain_docs = dict(docs)
    for i, (fields, body_words, shape) in enumerate(library):
        body = "\n\n" + " ".join(body_words) + "\n"
        text = f"---\n{front_matter(fields, nested=nested)}---{body}"
        alone = f"---\n{front_matter(fields, for_mkdocs_alone=True, nested=nested)}---{body}"
        if shape.crlf:
            text, alone = text.replace("\n", "\r\n"), alone.replace("\n", "\r\n")
        plain_docs[f"reviews/r{i}.md"] = alone
        # MkDocs alone stops at a file that is not UTF-8: it builds the file without that line.
        extra = "Caf\xe9 na\xefve\n".encode("cp1252") if shape.mixed_encoding else b""
        docs[f"reviews/r{i}.md"] = text.encode("utf-8") + extra
    with tempfile.TemporaryDirectory() as tmp:
        site, warnings = build_library(Path(tmp) / "on", docs, plugin=True, nested=nested)
        plain, _ = build_library(Path(tmp) / "off", plain_docs, plugin=False)

        expected = sorted(
            [
                f"reviews/r{i}.md: {prefix}{name}"
                for i, (fields, _, _) in enumerate(library)
                for name in expected_problems(fields)
            ]
            + [
                f"reviews/r{i}.md: is"
                for i, (_, _, shape) in enumerate(library)
                if shape.mixed_encoding
            ]
        )
        assert all(line.startswith("bookreviews: ") for line in warnings), warnings
        assert sorted(_file_and_field(line) for line in warnings) == expected, warnings

        for page in site.rglob("*.html"):
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            assert soup.find(PROBE_TAG) is None, page
            assert not [tag for tag in soup.find_all(True) if PROBE_ATTR in tag.attrs], page
            # JSON-LD is data, not script (test_reach.py parses it): only scripts that run count.
            scripts = soup.find_all("script", type=lambda kind: kind != "application/ld+json")
            assert not [s for s in scripts if "alert(1)" in s.get_text()], page
            for img in soup.find_all("img"):
                src = str(img.get("src", ""))
                assert not src.lower().startswith(("javascript:", "data:", "file:", "//")), src

        for i, (fields, body_words, _) in enumerate(library):
            src_uri = f"reviews/r{i}.md"
            before, after = page_text(plain, src_uri), page_text(site, src_uri)
            if get_data(str(plain_docs[src_uri]))[1]:  # MkDocs alone read the header
                assert is_subsequence(before, after), (src_uri, before, after)
            assert is_subsequence(body_words, after), (src_uri, body_words, after)
            _check_header(site, src_uri, fields)


def _file_and_field(line: str) -> str:
    """'bookreviews: reviews/r0.md: score 'x' is ...' -> 'reviews/r0.md: score'."""
    _, src_uri, rest = line.split(": ", 2)
    field = rest.split(" ", 1)[0]
    return f"{src_uri}: {field}"


def _check_header(site: Path, src_uri: str, fields: dict[str, Value]) -> None:
    soup = BeautifulSoup(
        (site / src_uri.replace(".md", "/index.html")).read_text("utf-8"), "html.parser"
    )
    header = soup.select_one(".bookreviews-header")
    assert header is not None
    title = header.select_one(".bookreviews-title")
    assert title is not None
    if fields["title"].valid:
        assert " ".join(title.get_text().split()) == _shown(str(meant(fields["title"])))
    author = header.select_one(".bookreviews-author")
    if fields["author"].valid:
        value = meant(fields["author"])
        names = [_shown(str(n)) for n in (value if isinstance(value, list) else [value])]
        assert author is not None
        shown = " ".join(author.get_text().split())
        assert all(name in shown for name in names), (shown, names)
    badge = header.select_one(".bookreviews-badge")
    score_value = fields["score"].value
    if score_value is None or (isinstance(score_value, str) and not score_value.strip()):
        assert badge is None  # unrated
    elif fields["score"].valid:
        assert badge is not None
        score = float(fields["score"].value)
        assert badge["aria-label"] == f"Rated {f'{score:.2f}'.rstrip('0').rstrip('.')} out of 5"
    else:
        assert badge is None
    cover = header.select_one("img.bookreviews-cover")
    image = fields["image"]
    assert (cover is not None) == (image.valid and image.value is not ABSENT)
    dnf = fields["did_not_finish"]
    shows_dnf = header.select_one(".bookreviews-dnf") is not None
    assert shows_dnf == (dnf.valid and dnf.value is True)
    summary = header.select_one(".bookreviews-summary")
    if fields["summary"].valid and fields["summary"].value is not ABSENT:
        assert summary is not None
        assert " ".join(summary.get_text().split()) == _shown(str(meant(fields["summary"])))
    else:
        assert summary is None
    spoilers = fields["spoilers"]
    notice = soup.select_one(".bookreviews-spoilers")
    assert (notice is not None) == (spoilers.valid and spoilers.value is True)
    if fields["genre"].valid and fields["genre"].value is not ABSENT:
        value = meant(fields["genre"])
        names = value.split(",") if isinstance(value, str) else value
        keys = {genre_key(_shown(n)) for n in names if _shown(n)}
        assert len(header.select(".bookreviews-genre")) == len(keys)


FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@fuzz_settings(FUZZ_EXAMPLES)
@given(libraries)
def test_any_front_matter_builds_safely(library: Library) -> None:
    check_library(library)


@pytest.mark.slow
@fuzz_settings(int(os.environ.get("FUZZ_SLOW_EXAMPLES", "3000")))
@given(libraries)
def test_any_front_matter_builds_safely_many(library: Library) -> None:
    check_library(library)
