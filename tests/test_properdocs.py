"""ProperDocs alone: the plugin and the `bookreviews` command on an install with no MkDocs.

Everything runs in `.venv-properdocs` (ProperDocs, its mkdocs theme and the plugin's built
wheel; `make test-deps` sets it up) as real subprocesses, over a site whose config is
properdocs.yml, the name ProperDocs reads first. No -f is given unless a test says so.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import REPO, review, write_tree
from .test_hosts import check_site, copy_example

PD_BIN = REPO / ".venv-properdocs" / "bin"
GOODREADS = Path(__file__).parent / "fixtures" / "goodreads_library_export.csv"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EXAMPLE_CHECKED = (
    "11 reviews (1 unrated, 1 DNF), 1 reading, 2 want to read, 10 genres, 0 problems\n"
)
BOTH_NOTE = (
    "both mkdocs.yml and properdocs.yml are here; reading properdocs.yml, as `properdocs build` "
    "does (give -f to choose)\n"
)


def pd(program: str, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A program from ProperDocs' venv, run in `cwd`; whatever its exit code."""
    path = PD_BIN / program
    if not path.exists():
        pytest.fail(f"{path} is missing: `make test-deps` sets up ProperDocs' own venv")
    return subprocess.run(
        [str(path), *map(str, args)], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300
    )


def properdocs_example(tmp_path: Path) -> Path:
    """The example site with its config renamed properdocs.yml, on ProperDocs' mkdocs theme."""
    project = copy_example(tmp_path, name="mkdocs")
    (project / "mkdocs.yml").rename(project / "properdocs.yml")
    return project


def front_matter(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text("utf-8").split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_the_venv_has_properdocs_and_no_mkdocs(tmp_path: Path) -> None:
    assert pd("python", "-c", "import mkdocs", cwd=tmp_path).returncode != 0
    assert pd("python", "-c", "import properdocs", cwd=tmp_path).returncode == 0


def test_properdocs_yml_builds_and_checks_with_no_f(tmp_path: Path) -> None:
    project = properdocs_example(tmp_path)
    built = pd("properdocs", "build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "mkdocs.yml" not in built.stderr  # not the legacy fallback: properdocs.yml was read
    check_site(project / "site")

    checked = pd("bookreviews", "check", cwd=project)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, EXAMPLE_CHECKED, "")
    as_json = pd("bookreviews", "check", "--format", "json", cwd=project)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["problems"] == []

    wordy = review("Wordy", "B", score="four", genre=["Fiction"])
    write_tree(project / "docs", {"reviews/wordy.md": wordy})
    broken = pd("bookreviews", "check", cwd=project)
    assert broken.returncode == 1
    assert "reviews/wordy.md: score 'four' is not a number" in broken.stdout
    assert broken.stdout.splitlines()[-1].endswith(" 1 problem")


PROPERDOCS_YML = """\
site_name: Imported
theme: {name: mkdocs}
plugins:
  - search
  - bookreviews:
      reviews_dir: books
      fields:
        score: rating
"""


def test_new_and_import_write_what_properdocs_yml_says(tmp_path: Path) -> None:
    # reviews_dir and a renamed field: only read from properdocs.yml, through ProperDocs.
    write_tree(tmp_path, {"properdocs.yml": PROPERDOCS_YML, "docs/index.md": "# Home\n"})
    books = tmp_path / "docs" / "books"
    args = ["new", "The Dispossessed", "--author", "Ursula K. Le Guin", "--score", "4.75"]
    args += ["--genre", "Sci-Fi", "--date", "2025-02-01"]
    new = pd("bookreviews", *args, cwd=tmp_path)
    assert (new.returncode, new.stdout, new.stderr) == (0, "docs/books/the-dispossessed.md\n", "")
    meta = front_matter(books / "the-dispossessed.md")
    assert (meta["rating"], meta["genre"], "score" in meta) == (4.75, ["Sci-Fi"], False)
    again = pd("bookreviews", *args, cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr

    imported = pd("bookreviews", "import", GOODREADS, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1] == (
        "Goodreads export: wrote 5 new, 0 already imported, 2 not on an imported shelf, "
        "0 row problems"
    )
    assert sorted(p.name for p in books.glob("*.md")) == [
        "collected-poems-sylvia-plath.md",
        "collected-poems.md",
        "good-omens.md",
        "infinite-jest.md",
        "the-dispossessed.md",
        "the-fifth-season.md",
    ]
    assert front_matter(books / "the-fifth-season.md")["rating"] == 5
    reimport = pd("bookreviews", "import", GOODREADS, cwd=tmp_path)
    assert "wrote 0 new, 5 already imported" in reimport.stdout

    checked = pd("bookreviews", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("6 reviews ")

    built = pd("properdocs", "build", "--strict", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = tmp_path / "site" / "books" / "the-dispossessed" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    badge = soup.select_one(".bookreviews-header .bookreviews-badge")
    assert badge is not None and badge.get("aria-label") == "Rated 4.75 out of 5"


def test_with_both_configs_the_command_reads_properdocs_yml_and_says_so(tmp_path: Path) -> None:
    project = properdocs_example(tmp_path)
    # A mkdocs.yml that cannot be read: reading it would be exit code 2.
    (project / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    checked = pd("bookreviews", "check", cwd=project)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, EXAMPLE_CHECKED, BOTH_NOTE)
    # as `properdocs build` does
    assert pd("properdocs", "build", "--strict", cwd=project).returncode == 0
    # -f chooses, and then nothing is said about choosing.
    chosen = pd("bookreviews", "check", "-f", "mkdocs.yml", cwd=project)
    assert chosen.returncode == 2
    assert chosen.stderr.startswith("Usage: ") and "mkdocs.yml:" in chosen.stderr
    assert "both mkdocs.yml" not in chosen.stderr and "Traceback" not in chosen.stderr
    chosen = pd("bookreviews", "check", "-f", "properdocs.yml", cwd=project)
    assert (chosen.returncode, chosen.stdout, chosen.stderr) == (0, EXAMPLE_CHECKED, "")


@pytest.mark.parametrize(
    "args",
    [["check"], ["new", "A Title", "--author", "Someone"], ["import", GOODREADS]],
    ids=["check", "new", "import"],
)
def test_with_neither_config_every_command_names_both(tmp_path: Path, args: list[str]) -> None:
    result = pd("bookreviews", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: neither mkdocs.yml nor properdocs.yml is in {tmp_path} "
        "(give the site's config with -f)"
    )
    assert list(tmp_path.iterdir()) == []


def test_with_neither_host_the_command_says_what_to_install(tmp_path: Path) -> None:
    write_tree(tmp_path, {"properdocs.yml": PROPERDOCS_YML, "docs/index.md": "# Home\n"})
    # `None` in sys.modules makes an import fail as a missing package does.
    hidden = (
        "import sys; sys.modules['mkdocs'] = sys.modules['properdocs'] = None; "
        "from mkdocs_bookreviews.cli import main; main(prog_name='bookreviews')"
    )
    for args in (["check"], ["new", "T", "--author", "A"], ["import", str(GOODREADS)]):
        result = pd("python", "-c", hidden, *args, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        last = result.stderr.splitlines()[-1]
        assert last.startswith("Error: neither MkDocs nor ProperDocs is installed for ")
        assert last.endswith("install mkdocs or properdocs")
    assert not (tmp_path / "docs" / "books").exists()


@pytest.mark.parametrize("venv", [".venv", ".venv-properdocs"])
def test_help_and_version_load_no_host(tmp_path: Path, venv: str) -> None:
    python = REPO / venv / "bin" / "python"
    script = (
        "import sys\n"
        "from mkdocs_bookreviews.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], prog_name='bookreviews')\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "hosts = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs'))\n"
        "print(hosts)\n"
    )
    write_tree(tmp_path, {"properdocs.yml": PROPERDOCS_YML})
    for args in (["--version"], ["--help"], ["check", "-h"], ["new", "-h"], ["import", "-h"]):
        result = subprocess.run(
            [str(python), "-c", script, *args],
            cwd=tmp_path,
            env=ENV,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.splitlines()[-1] == "[]", args


def test_properdocs_warnings_about_the_config_are_not_the_commands_output(tmp_path: Path) -> None:
    # As under MkDocs: the host's log below ERROR is not shown; `properdocs build` shows it.
    config = PROPERDOCS_YML + "not_a_setting: 1\n"
    book = review("Dune", "Frank Herbert", score=None, rating=4)
    write_tree(
        tmp_path,
        {"properdocs.yml": config, "docs/index.md": "# Home\n", "docs/books/dune.md": book},
    )
    checked = pd("bookreviews", "check", cwd=tmp_path)
    assert (checked.returncode, checked.stderr) == (0, "")
    built = pd("properdocs", "build", cwd=tmp_path)
    assert "not_a_setting" in built.stderr
