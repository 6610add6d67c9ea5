"""Where users run the plugin: `mkdocs serve`, `mkdocs gh-deploy`, every theme, ProperDocs.

These run the real programs in subprocesses over copies of the example site.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import EXAMPLE_SITE, REPO, Site, internal_links

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"


def copy_example(tmp_path: Path, **theme: object) -> Path:
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    if theme:
        config_path = project / "mkdocs.yml"
        config = yaml.safe_load(config_path.read_text("utf-8"))
        config["theme"] = theme
        config_path.write_text(yaml.safe_dump(config), "utf-8")
    return project


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


def check_site(site_dir: Path) -> None:
    """The example site's reviews, covers and genre pages are all there, and links resolve."""
    site = Site(root=site_dir.parent, site_dir=site_dir)
    pages = {p: BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in site.html_files()}
    headers = [soup for soup in pages.values() if soup.select_one(".bookreviews-header")]
    assert len(headers) == 14
    assert (
        sum(1 for soup in headers if soup.select_one(".bookreviews-header .bookreviews-badge"))
        == 10
    )
    assert sum(1 for soup in headers if soup.select_one("img.bookreviews-cover")) == 8
    cards = [card for soup in pages.values() for card in soup.select(".bookreviews-card")]
    assert len(cards) >= 8
    assert not [(p, link) for p, link, target in internal_links(site) if not target.exists()]


@pytest.mark.parametrize(
    "theme",
    [
        {"name": "material", "palette": {"scheme": "slate"}, "font": False},
        {"name": "mkdocs"},
        {"name": "readthedocs"},
    ],
    ids=["material-dark", "mkdocs", "readthedocs"],
)
def test_example_site_on_each_theme(tmp_path: Path, theme: dict[str, object]) -> None:
    project = copy_example(tmp_path, **theme)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    check_site(project / "site")


def test_properdocs_builds_the_example_site(tmp_path: Path) -> None:
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS} is missing: `make test-deps` sets up ProperDocs' own venv")
    # ProperDocs ships no themes; its venv has properdocs-theme-mkdocs and no MkDocs at all,
    # so the plugin's `mkdocs` imports are served by ProperDocs.
    project = copy_example(tmp_path, name="mkdocs")
    plain_import = subprocess.run(
        [str(PROPERDOCS.parent / "python"), "-c", "import mkdocs"], capture_output=True
    )
    assert plain_import.returncode != 0, "MkDocs itself must not be installed next to ProperDocs"
    result = run([str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml"], project)
    check_site(project / "site")
    plugin_lines = [line for line in result.stderr.splitlines() if "bookreviews" in line.lower()]
    assert plugin_lines == []  # a clean library: the plugin says nothing, no banner either
    assert not re.search(r"(?i)zensical|mkdocs 2|sponsor", result.stderr.replace("\n", " "))


def test_gh_deploy_pushes_reviews_and_genre_pages(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    remote = tmp_path / "remote.git"
    git_env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    ENV.update(git_env)
    run(["git", "init", "-q", "--bare", str(remote)], tmp_path)
    run(["git", "init", "-q", "-b", "main"], project)
    run(["git", "add", "."], project)
    run(["git", "commit", "-q", "-m", "site"], project)
    run(["git", "remote", "add", "origin", str(remote)], project)
    run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], project)
    listing = run(
        ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"], tmp_path
    )
    published = set(listing.stdout.split())
    assert {
        "reviews/piranesi/index.html",
        "reviews/classics/pride-and-prejudice/index.html",
        "genres/index.html",
        "genres/historical-fiction/index.html",
        "assets/bookreviews/bookreviews.css",
        "reviews/covers/piranesi.svg",
    } <= published
    page = run(
        ["git", "--git-dir", str(remote), "show", "gh-pages:genres/historical-fiction/index.html"],
        tmp_path,
    )
    titles = [
        a.get_text()
        for a in BeautifulSoup(page.stdout, "html.parser").select(".bookreviews-card-title")
    ]
    assert titles == ["The Remains of the Day", "Wolf Hall"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`mkdocs serve` in a subprocess; counts the builds it logs."""

    def __init__(self, project: Path, *options: str) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--verbose",
             "-a", f"127.0.0.1:{self.port}", *options],
            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    @property
    def builds(self) -> int:
        return sum("Building documentation..." in line for line in self.lines)

    @property
    def rebuilt(self) -> int:
        """Rebuilds finished: MkDocs says "Reloading browsers" after each. ("Documentation
        built in N seconds" is no count: MkDocs drops a repeat of one that took as long.)"""
        return sum("Reloading browsers" in line for line in self.lines)

    def get(self, path: str) -> BeautifulSoup | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as r:
                return BeautifulSoup(r.read().decode("utf-8"), "html.parser")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.25)
        raise AssertionError(f"timed out waiting for {what}:\n" + "\n".join(self.lines[-20:]))

    def stop(self) -> int:
        self.process.terminate()
        return self.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = copy_example(tmp_path)
    srv = Server(project)
    try:
        yield srv, project / "docs"
    finally:
        if srv.process.poll() is None:
            srv.stop()


def label(soup: BeautifulSoup | None, selector: str) -> str | None:
    found = soup.select_one(selector) if soup else None
    return str(found.get("aria-label") if found else None)


def card_titles(soup: BeautifulSoup | None) -> list[str]:
    return [a.get_text() for a in soup.select(".bookreviews-card-title")] if soup else []


def test_serve_rebuilds_once_per_edit(server: tuple[Server, Path]) -> None:
    srv, docs = server
    srv.wait_for("the first build", lambda: srv.get("genres/") is not None)
    assert srv.builds == 1

    piranesi = docs / "reviews" / "piranesi.md"
    piranesi.write_text(piranesi.read_text("utf-8").replace("score: '4.5'", "score: 2.75"), "utf-8")
    srv.wait_for(
        "the new score",
        lambda: label(srv.get("reviews/piranesi/"), ".bookreviews-badge") == "Rated 2.75 out of 5",
    )
    reads = [
        line.split("bookreviews: ")[1] for line in srv.lines if "parsed the front matter" in line
    ]
    assert reads == [
        "parsed the front matter of 14 of 14 pages",
        "parsed the front matter of 1 of 14 pages",
    ]
    piranesi.write_text(
        piranesi.read_text("utf-8").replace(
            '["Fantasy", "Mystery"]', '["Fantasy", "Mystery", "Gothic"]'
        ),
        "utf-8",
    )
    srv.wait_for(
        "the new genre page", lambda: card_titles(srv.get("genres/gothic/")) == ["Piranesi"]
    )
    (docs / "reviews" / "new-book.md").write_text(
        "---\ntitle: A New Book\nauthor: Someone\nscore: 4\ngenre: [Gothic]\n---\n\nFresh.\n",
        "utf-8",
    )
    srv.wait_for(
        "the new review on its genre page",
        lambda: sorted(card_titles(srv.get("genres/gothic/"))) == ["A New Book", "Piranesi"],
    )
    (docs / "reviews" / "wolf-hall.md").unlink()
    srv.wait_for(
        "the deleted review to leave its genre page",
        lambda: card_titles(srv.get("genres/historical-fiction/")) == ["The Remains of the Day"],
    )
    time.sleep(3)  # a build loop would show up as more builds by now
    assert srv.builds == 5, "\n".join(srv.lines)
    assert srv.stop() in (0, -15)
    assert not [line for line in srv.lines if "Traceback" in line or "ERROR" in line]


def hostile_edits() -> list[tuple[str, bytes]]:
    """(name, the file's new bytes): each a header that once crashed, hung or fooled a build.

    Every one keeps a body with a marker word, so the test can tell its rebuild was served.
    """
    bomb = "\n".join(
        ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
        + [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    )
    good = "title: Piranesi\nauthor: Susanna Clarke\nscore: 4\n"
    headers = {
        "huge-integer": "title: Piranesi\nauthor: Susanna Clarke\nscore: " + "9" * 5000,
        "alias-bomb": f"{bomb}\n{good}genre: [*l8]",
        "alias-bomb-title": f"{bomb}\ntitle: *l8\nauthor: Susanna Clarke\nscore: 4",
        "genre-spellings": good + "genre: '" + ", ".join(["Sci-Fi", "sci fi"] * 30_000) + "'",
        "oversized": good + "notes: '" + "x" * (2 * 1024 * 1024) + "'",
        "nested": good + "genre: " + "[" * 5000 + "]" * 5000,
        "duplicate-keys": good + "title: Piranesi Again",
        "emoji-genre": good + "genre: ['Fantasy 🐉', '📚']",
    }
    edits = [
        (name, f"---\n{header}\n---\n\nMarker{name.replace('-', '')} text.\n".encode())
        for name, header in headers.items()
    ]
    edits.append(("unclosed", f"---\n{good}\nMarkerunclosed text.\n".encode()))
    cp1252 = f"---\r\n{good}genre: [Caf\xe9]\r\n---\r\n\r\nMarkercp1252 caf\xe9.\r\n"
    edits.append(("cp1252", cp1252.encode("cp1252")))
    return edits


def test_serve_survives_hostile_edits(server: tuple[Server, Path]) -> None:
    srv, docs = server
    srv.wait_for("the first build", lambda: srv.get("genres/") is not None)
    piranesi = docs / "reviews" / "piranesi.md"
    original = piranesi.read_text("utf-8")

    def shows(word: str) -> bool:
        page = srv.get("reviews/piranesi/")
        return page is not None and word in page.get_text()

    for name, content in hostile_edits():
        piranesi.write_bytes(content)
        marker = "Marker" + name.replace("-", "")
        srv.wait_for(f"the page after the {name} edit", functools.partial(shows, marker))
        assert srv.process.poll() is None, name

    piranesi.write_text(original, "utf-8")
    srv.wait_for(
        "the good edit",
        lambda: label(srv.get("reviews/piranesi/"), ".bookreviews-badge") == "Rated 4.5 out of 5",
    )
    # An edit that keeps the size and the time stamp (`cp -p`, `rsync -t`) still shows.
    stat = piranesi.stat()
    piranesi.write_text(original.replace("score: '4.5'", "score: '2.5'"), "utf-8")
    os.utime(piranesi, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert piranesi.stat().st_size == stat.st_size
    # MkDocs' watcher polls time stamps and sizes too: another edit sets off the rebuild.
    home = docs / "index.md"
    home.write_text(home.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    srv.wait_for(
        "the same-size edit",
        lambda: label(srv.get("reviews/piranesi/"), ".bookreviews-badge") == "Rated 2.5 out of 5",
    )
    assert srv.stop() in (0, -15)
    assert not [line for line in srv.lines if "Traceback" in line or "ERROR" in line]
