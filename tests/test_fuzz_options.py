"""Fuzzing the plugin's options: any value in any option is a built site or a named config
error, the same for `mkdocs build` and `bookreviews check`, and nothing is ever overwritten.

Hypothesis draws one to four options of the plugin's schema and gives each a hostile value
(paths that climb out, hide, name a page or a feed, controls, huge and negative numbers,
bools, lists and mappings). Each case runs in a forked child under the CPU and memory limits of
tests/test_attacks.py, and must:
- load and build, or stop with MkDocs' configuration error (never another exception);
- make `bookreviews check` exit 2 exactly when the build's configuration is refused, and
  never show a traceback (the one validation, `config.settle`, serves both);
- when it builds, write only inside site_dir, leave docs_dir as it was, and keep the home page
  and the review (a feed or a view never takes their place).
`pytest -m slow tests/test_fuzz_options.py` draws many more (FUZZ_SLOW_OPTION_EXAMPLES).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.glue.config import BookReviewsConfig

from .conftest import review, write_tree
from .test_attacks import Outcome, fuzz_settings, in_limited_child

OPTIONS = sorted(name for name, _ in BookReviewsConfig._schema if name != "templates_dir")
PATHS = [
    "", ".", "..", "../outside", "/abs", " reviews", "reviews ", "Reviews", "reviews/./x",
    "a\\b", "x\x1by", "\u202efeed", ".hidden", "index.html", "feed.xml", "shelf", "shelf/x",
    "sitemap.xml", "404.html", "search/search_index.json", "reviews", "reviews/index.html",
    "genres", "stats/feed.xml", "é/ü", "x" * 300,
]  # fmt: skip
NUMBERS = [0, -1, 1, 5, 100, 101, 10_000, 10**12, 10**400]
OTHERS: list[Any] = [None, True, False, [], ["x"], [1, 2], {}, {"a": "b"}, {"score": "rating"}]
values = st.one_of(st.sampled_from(PATHS), st.sampled_from(NUMBERS), st.sampled_from(OTHERS))
option_sets = st.dictionaries(st.sampled_from(OPTIONS), values, min_size=1, max_size=4)
DOCS = {
    "index.md": "# Home\n\nThe home page.\n",
    "reviews/dune.md": review("Dune", "Frank Herbert", genre=["Sci-Fi"]),
}


@dataclass
class OptionOutcome(Outcome):
    refused: bool = False  # the build stopped with a configuration error
    check_exit: int = 0
    check_output: str = ""
    written_outside: list[str] = field(default_factory=list)
    docs_changed: list[str] = field(default_factory=list)
    home: str = ""
    review_title: str = ""


def run_case(options: dict[str, Any]) -> OptionOutcome:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site-project"
        write_tree(root / "docs", DOCS)
        config = {
            "site_name": "Options",
            "theme": {"name": "mkdocs"},
            "plugins": ["search", {"bookreviews": options}],
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")

        def work() -> OptionOutcome:
            outcome = OptionOutcome()
            os.chdir(root)
            try:
                build(load_config(str(root / "mkdocs.yml")))
            except (Abort, ConfigurationError):
                outcome.refused = True
            checked = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml")])
            outcome.check_exit = checked.exit_code
            outcome.check_output = checked.output
            if checked.exception is not None and not isinstance(checked.exception, SystemExit):
                outcome.error = f"check raised {checked.exception!r}"
            for path in sorted(root.rglob("*")):
                rel = path.relative_to(root).as_posix()
                if (
                    path.is_file()
                    and not rel.startswith(("site/", "docs/"))
                    and rel != "mkdocs.yml"
                ):
                    outcome.written_outside.append(rel)
                changed = path.is_file() and rel.startswith("docs/")
                if changed and DOCS.get(rel.removeprefix("docs/")) != path.read_text("utf-8"):
                    outcome.docs_changed.append(rel)
            if not outcome.refused:
                home = root / "site" / "index.html"
                page = root / "site" / "reviews" / "dune" / "index.html"
                soup = BeautifulSoup(home.read_text("utf-8"), "html.parser")
                outcome.home = " ".join(soup.get_text(" ").split())
                soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
                title = soup.select_one(".bookreviews-title")
                outcome.review_title = title.get_text() if title is not None else ""
            return outcome

        result = in_limited_child(work)
    assert isinstance(result, OptionOutcome) or result.error is not None, result
    return result if isinstance(result, OptionOutcome) else OptionOutcome(error=result.error)


def check_options(options: dict[str, Any]) -> None:
    outcome = run_case(options)
    assert outcome.error is None, (options, outcome.error)
    assert "Traceback" not in outcome.check_output, (options, outcome.check_output)
    # One validation: the command refuses exactly the configurations the build refuses.
    assert (outcome.check_exit == 2) == outcome.refused, (options, outcome)
    assert outcome.written_outside == [], (options, outcome.written_outside)
    assert outcome.docs_changed == [], (options, outcome.docs_changed)
    if not outcome.refused:
        assert "The home page." in outcome.home, (options, outcome.home)
        # Options that say which pages are reviews may rightly make Dune a plain page.
        chooses = {"enabled", "reviews_dir", "review_field", "fields"} & set(options)
        assert outcome.review_title == "Dune" or chooses, (options, outcome.review_title)


@fuzz_settings(int(os.environ.get("FUZZ_OPTION_EXAMPLES", "20")))
@given(option_sets)
def test_any_option_values_build_or_are_refused_alike(options: dict[str, Any]) -> None:
    check_options(options)


@pytest.mark.slow
@fuzz_settings(int(os.environ.get("FUZZ_SLOW_OPTION_EXAMPLES", "1000")))
@given(option_sets)
def test_any_option_values_build_or_are_refused_alike_many(options: dict[str, Any]) -> None:
    check_options(options)
