"""Hostile and careless front matter, built for real with the plugin and with MkDocs alone.

Each attack class (huge numbers, YAML alias bombs, endless genre lists, oversized and unclosed
headers, other encodings) is a small site built twice in a forked child that is held to CPU
and memory limits, so a hang or a blow-up fails the test instead of the machine: the plugin's
build must finish inside the limits, build every page MkDocs alone builds, keep every word of
every review's text, and log exactly one short warning per bad field, with no traceback.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import signal
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import COVER_SVG, write_tree

# A build here takes well under a second of CPU; these limits only catch hangs and blow-ups.
CPU_SECONDS = 30
MEMORY_BYTES = 1024**3  # on top of what the test process already has
LONGEST_WARNING = 400
BODY = "Every word of this review must survive whatever its header holds."


@dataclass
class Outcome:
    """What one build in a child gave: the words of each page, the warnings, any traceback."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    cpu_seconds: float = 0.0


def in_limited_child(work: Callable[[], Outcome]) -> Outcome:
    """Run `work` in a forked child under CPU and address-space limits; return its outcome."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            soft_as = _address_space() + MEMORY_BYTES
            resource.setrlimit(resource.RLIMIT_AS, (soft_as, soft_as))
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
            before = resource.getrusage(resource.RUSAGE_SELF)
            try:
                outcome = work()
            except BaseException:  # reported, not raised: the parent judges
                outcome = Outcome(error=traceback.format_exc())
            after = resource.getrusage(resource.RUSAGE_SELF)
            outcome.cpu_seconds = (after.ru_utime + after.ru_stime) - (
                before.ru_utime + before.ru_stime
            )
            data = pickle.dumps(outcome)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise AssertionError(f"the build was killed by {name} (CPU or memory limit)")
    result = pickle.loads(data)
    assert isinstance(result, Outcome)
    return result


def _address_space() -> int:
    with Path("/proc/self/statm").open() as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def build_in_child(root: Path, docs: Mapping[str, str | bytes], *, plugin: bool) -> Outcome:
    """Build `docs` (with the plugin or with MkDocs alone) in a limited child."""

    def work() -> Outcome:
        write_tree(root / "docs", docs)
        config = {
            "site_name": "Attacks",
            "theme": {"name": "mkdocs"},
            "plugins": ["search", "bookreviews"] if plugin else ["search"],
            "site_dir": str(root / "site"),
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
        outcome = Outcome()

        class Collect(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                outcome.warnings.append(record.getMessage())

        handler = Collect(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            build(load_config(str(root / "mkdocs.yml")))
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)
        for page in sorted((root / "site").rglob("*.html")):
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            main = soup.select_one('[role="main"]')
            words = main.get_text(" ").split() if main is not None else []
            outcome.pages[page.relative_to(root / "site").as_posix()] = words
        return outcome

    return in_limited_child(work)


def page_of(src_uri: str) -> str:
    return src_uri.removesuffix(".md") + "/index.html"


def check_attack(
    tmp_path: Path,
    reviews: Mapping[str, str | bytes],
    expected: list[str],
    *,
    plain_reads: bool = True,
) -> Outcome:
    """Build `reviews` both ways; `expected` lists the 'file: field' of each warning.

    `plain_reads=False` where MkDocs alone stops (text that is not UTF-8).
    """
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "covers/c.svg": COVER_SVG}
    docs.update(reviews)
    with_plugin = build_in_child(tmp_path / "on", docs, plugin=True)
    assert with_plugin.error is None, with_plugin.error
    assert all(len(line) <= LONGEST_WARNING for line in with_plugin.warnings), [
        line[:LONGEST_WARNING] + "…" for line in with_plugin.warnings
    ]
    assert sorted(_file_and_field(line) for line in with_plugin.warnings) == sorted(expected), [
        line[:200] for line in with_plugin.warnings
    ]
    for src_uri in reviews:
        if src_uri.endswith(".md"):
            words = with_plugin.pages[page_of(src_uri)]
            assert " ".join(BODY.split()) in " ".join(words), (src_uri, words[:40])

    alone = build_in_child(tmp_path / "off", docs if plain_reads else {}, plugin=False)
    if plain_reads:
        assert alone.error is None, alone.error
        missing = set(alone.pages) - set(with_plugin.pages)
        assert not missing, missing
    return with_plugin


def _file_and_field(line: str) -> str:
    """'bookreviews: r.md: score 5 is ...' -> 'r.md: score'."""
    assert line.startswith("bookreviews: "), line[:200]
    _, src_uri, rest = line.split(": ", 2)
    return f"{src_uri}: {rest.split(' ', 1)[0]}"


def page(header: str) -> str:
    """A review page with this YAML between its `---` lines and the shared body."""
    return f"---\n{header}\n---\n\n{BODY}\n"


GOOD = "title: A Book\nauthor: An Author\nscore: 4\n"


# --- 1. huge numbers --------------------------------------------------------------------


def test_huge_numbers_are_bad_fields_not_crashes(tmp_path: Path) -> None:
    digits = "1" * 100_000
    reviews: dict[str, str | bytes] = {
        "score-digits.md": page(f"title: A\nauthor: B\nscore: {digits}"),
        "year-digits.md": page(f"{GOOD}year: {digits}"),
        "score-hex.md": page("title: A\nauthor: B\nscore: 0x" + "f" * 3700),
        "year-hex.md": page(f"{GOOD}year: 0x" + "f" * 3700),
        "year-base60.md": page(f"{GOOD}year: " + ":".join(["59"] * 2000)),
        "year-quoted.md": page(f"{GOOD}year: '{digits}'"),
        "genre-hex.md": page(f"{GOOD}genre: [Fantasy, 0x{'f' * 3700}]"),
    }
    check_attack(
        tmp_path,
        reviews,
        [
            "score-digits.md: score",
            "year-digits.md: year",
            "score-hex.md: score",
            "year-hex.md: year",
            "year-base60.md: year",
            "year-quoted.md: year",
            "genre-hex.md: genre",
        ],
    )


def test_a_title_too_long_to_print_is_a_bad_field(tmp_path: Path) -> None:
    # MkDocs alone stops here (its nav prints the title); the plugin warns and goes on.
    reviews: dict[str, str | bytes] = {
        "t.md": page("title: 0x" + "f" * 3700 + "\nauthor: B\nscore: 4")
    }
    check_attack(tmp_path, reviews, ["t.md: title"], plain_reads=False)


# --- 2. YAML alias bombs ("billion laughs") ----------------------------------------------

BOMBED_FIELDS = ["title", "author", "year", "month", "score", "image", "genre"]


def alias_bomb(levels: int) -> str:
    """Anchors that each hold ten of the one before: 10**levels strings, in a few hundred bytes."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines)


@pytest.mark.parametrize("levels", [9, 12])
def test_alias_bombs_cost_nothing_in_every_field(tmp_path: Path, levels: int) -> None:
    top = f"*l{levels - 1}"
    reviews: dict[str, str | bytes] = {}
    for name in BOMBED_FIELDS:
        fields = {"title": "A", "author": "B", "score": "4", name: top}
        header = "\n".join(f"{key}: {value}" for key, value in fields.items())
        reviews[f"bomb-{name}.md"] = page(alias_bomb(levels) + "\n" + header)
    reviews["bomb-genre-item.md"] = page(alias_bomb(levels) + f"\n{GOOD}genre: [Fantasy, {top}]")
    reviews["bomb-description.md"] = page(alias_bomb(levels) + f"\n{GOOD}description: {top}")
    expected = [f"bomb-{name}.md: {name}" for name in BOMBED_FIELDS] + ["bomb-genre-item.md: genre"]
    # MkDocs alone blows up on a bombed title (its nav prints it), so that one is built with
    # the plugin only.
    title = {"bomb-title.md": reviews.pop("bomb-title.md")}
    check_attack(tmp_path / "title", title, ["bomb-title.md: title"], plain_reads=False)
    check_attack(tmp_path / "others", reviews, expected[1:])


# --- 3. endless genre lists ---------------------------------------------------------------


def test_genre_lists_are_capped_and_read_in_linear_time(tmp_path: Path) -> None:
    spellings = ["Sci-Fi", "sci fi", "SCI-FI", "Sci Fi", "sci-fi", "Sci\u2011Fi"]
    one_genre = ", ".join(spellings[i % len(spellings)] + " " * (i % 7) for i in range(60_000))
    many = ", ".join(f"Genre {i}" for i in range(5_000))
    reviews: dict[str, str | bytes] = {
        "spellings.md": page(f"{GOOD}genre: '{one_genre}'"),
        "many.md": page(f"{GOOD}genre: [{many}]"),
        "authors.md": page("title: A\nscore: 4\nauthor: [" + ", ".join(["X"] * 5_000) + "]"),
    }
    outcome = check_attack(
        tmp_path, reviews, ["spellings.md: genre", "many.md: genre", "authors.md: author"]
    )
    genre_pages = [p for p in outcome.pages if p.startswith("genres/") and p != "genres/index.html"]
    assert len(genre_pages) <= 101, len(genre_pages)


# --- headers too large, unclosed, deeply nested, with duplicate keys -----------------------


def test_oversized_unclosed_nested_and_duplicated_headers(tmp_path: Path) -> None:
    filler = "notes: '" + "x" * (2 * 1024 * 1024) + "'"
    reviews: dict[str, str | bytes] = {
        "huge.md": page(f"{GOOD}{filler}"),
        "unclosed.md": f"---\n{GOOD}\n{BODY}\n",
        "nested.md": page(f"{GOOD}genre: " + "[" * 5000 + "]" * 5000),
        "twice.md": page(f"{GOOD}title: Another Title"),
    }
    outcome = check_attack(
        tmp_path,
        reviews,
        [
            "huge.md: front",
            "unclosed.md: front",
            "nested.md: front",
            "twice.md: title",
        ],
    )
    twice = outcome.pages[page_of("twice.md")]
    assert "Another Title" in " ".join(twice)


# --- 8. other encodings and line endings ------------------------------------------------


def test_windows_1252_with_crlf_is_still_a_review(tmp_path: Path) -> None:
    text = page("title: Caf\xe9 Society\nauthor: A. Writer\nscore: 4\ngenre: [Drama]")
    reviews: dict[str, str | bytes] = {
        "cp1252.md": text.replace("\n", "\r\n").encode("cp1252"),
        "mixed.md": page(f"{GOOD}genre: [Drama]").encode("utf-8") + "na\xefve\n".encode("cp1252"),
        "crlf.md": page(f"{GOOD}genre: [Drama]").replace("\n", "\r\n").encode("utf-8"),
    }
    outcome = check_attack(tmp_path, reviews, ["cp1252.md: is", "mixed.md: is"], plain_reads=False)
    drama = " ".join(outcome.pages["genres/drama/index.html"])
    assert "Caf\ufffd Society" in drama
    assert drama.count("4/5") == 3  # the three reviews, each once
    review = outcome.pages[page_of("cp1252.md")]
    assert "Writer" in review and "title:" not in review, review[:40]


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for fuzzing whole builds (each case a child process, seconds long):
    no deadline, no health check about slow or large examples, one bug reported at a time."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        report_multiple_bugs=False,
    )
