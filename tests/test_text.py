"""Front matter as text: bounded previews, headers read with bounded cost, YAML-safe stubs."""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_bookreviews.escaping import yaml_string
from mkdocs_bookreviews.front_matter import (
    MAX_HEADER_CHARS,
    LongNumber,
    split_front_matter,
)
from mkdocs_bookreviews.text import SHOWN_LIMIT, bounded_text, clean_text, shown


def bomb(levels: int) -> list[Any]:
    """Ten of the level below, shared, as YAML aliases build it: 10**levels leaves."""
    value: list[Any] = ["lol"] * 10
    for _ in range(levels - 1):
        value = [value] * 10
    return value


# --- shown and bounded_text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("four", "'four'"),
        ("C:\\x.jpg", "'C:\\x.jpg'"),
        ("a\nb\tc", "'a\\nb\\tc'"),
        ("\u202eevil", "'\\u202eevil'"),
        (4.5, "4.5"),
        (True, "true"),
        (None, "null"),
        ([1, "a"], "[1, 'a']"),
        ({"a": [1]}, "{'a': [1]}"),
        (LongNumber("1" * 5000), "1" * (SHOWN_LIMIT - 1) + "…"),
        ("x" * 100, "'" + "x" * (SHOWN_LIMIT - 3) + "…'"),
    ],
)
def test_shown(value: object, text: str) -> None:
    assert shown(value) == text


def test_shown_walks_only_what_it_prints() -> None:
    start = time.process_time()
    text = shown(bomb(12))  # 10**12 strings: expanding it would never finish
    assert time.process_time() - start < 0.1
    assert len(text) <= SHOWN_LIMIT and text.startswith("[[[[") and text.endswith("…]")
    assert len(bounded_text(bomb(12), 500)) <= 500
    assert bounded_text(["Ann", "Bob"]) == "Ann, Bob"
    assert bounded_text(10**5000).startswith("<a number")
    assert shown(10**5000) == "<a number of about 5,001 digits>"


nested: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=30,
)


@given(nested)
def test_shown_is_one_short_line(value: object) -> None:
    text = shown(value)
    assert len(text) <= SHOWN_LIMIT
    assert "\n" not in text and "\r" not in text


def test_clean_text_drops_invisible_controls() -> None:
    assert clean_text("Evil\u202e Ti\u200btle\u2066 \x02") == "Evil Title"
    # The joiners that emoji sequences and some scripts need stay.
    assert clean_text("👩\u200d👧 \u200cx") == "👩\u200d👧 \u200cx"


# --- split_front_matter's bounded reading -------------------------------------------------


def test_duplicate_keys_are_noted_with_their_lines() -> None:
    parsed = split_front_matter("---\ntitle: A\nbook:\n  x: 1\n  x: 2\ntitle: B\n---\n")
    assert parsed.meta == {"title": "B", "book": {"x": 2}}
    assert sorted(parsed.duplicates) == [("title", 2, 6), ("x", 4, 5)]


def test_merge_keys_are_not_duplicates() -> None:
    parsed = split_front_matter("---\nbase: &b {a: 1}\nother:\n  <<: *b\n  a: 2\n---\n")
    assert parsed.meta == {"base": {"a": 1}, "other": {"a": 2}}
    assert parsed.duplicates == ()


def test_long_integers_are_kept_as_written() -> None:
    parsed = split_front_matter("---\nscore: " + "7" * 5000 + "\nyear: 2025\n---\n")
    assert parsed.meta is not None
    assert isinstance(parsed.meta["score"], LongNumber) and parsed.meta["score"] == "7" * 5000
    assert parsed.meta["year"] == 2025


def test_unclosed_and_oversized_headers_are_not_read() -> None:
    unclosed = split_front_matter("---\ntitle: A\nscore: 4\n\nText.\n")
    assert unclosed.meta is None and unclosed.unread == "has no closing `---` line"
    assert unclosed.unread_keys == {"title", "score"}
    big = "---\nscore: 4\nnotes: '" + "x" * MAX_HEADER_CHARS + "'\n---\n"
    oversized = split_front_matter(big)
    assert oversized.meta is None and oversized.unread is not None
    assert "more than a review's header can be" in oversized.unread
    assert "score" in oversized.unread_keys
    assert split_front_matter("---\nno: header here\n").unread_keys == {"no"}
    assert split_front_matter("# Title\n---\n").unread is None


def test_deep_nesting_is_invalid_yaml_not_a_crash() -> None:
    parsed = split_front_matter("---\ngenre: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert parsed.meta is None and parsed.error is not None
    assert "nesting depth" in parsed.error


# --- page stubs ------------------------------------------------------------------------


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_yaml_string_reads_back_as_written(text: str) -> None:
    quoted = yaml_string(text)
    assert yaml.load(f"title: {quoted}\n", yaml.CSafeLoader) == {"title": text}
    assert yaml.safe_load(f"title: {quoted}\n") == {"title": text}
