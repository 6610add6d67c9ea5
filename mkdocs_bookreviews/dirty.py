"""`mkdocs build --dirty` and `mkdocs serve --dirty`: keeping what a dirty build skips true.

A dirty build rebuilds a page only when its output is older than its source, and never cleans
site_dir. Generated pages are always rebuilt (their content is in memory), but these would go
stale: a user's page with a listing marker (its source did not change, what it lists did); a
review whose header links to pages that appeared or moved (another review changed); the
feed's text of reviews not rebuilt; and a generated page whose subject is gone (an author no
review names any more), which would stay in site_dir listing what it listed.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterable
from pathlib import Path

from .genres import genre_key
from .model import Review
from .names import person_key
from .render import Links


def make_older(output: str) -> None:
    """Make a page's output older than any source, so a dirty build rebuilds the page; it
    stays in place (and served) until then. Nothing in docs_dir is touched."""
    with contextlib.suppress(FileNotFoundError):  # not built yet: it will be
        os.utime(output, (0, 0))


def remove_stale_pages(
    site_dir: Path, folders: Iterable[str], outputs: Collection[str]
) -> list[Path]:
    """Remove the generated pages under the views' `folders` of site_dir that this build did
    not write (`outputs`: every file's absolute output path), and the folders left empty;
    return what was removed. HTML that another plugin wrote there (a redirect page) stays."""
    wanted = {os.path.normpath(path) for path in outputs}
    removed: list[Path] = []
    for folder in folders:
        top = site_dir / folder
        if not top.is_dir():
            continue
        for page in sorted(top.rglob("*.html")):
            if os.path.normpath(page) not in wanted and _is_ours(page):
                page.unlink()
                removed.append(page)
        for path in sorted(top.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def _is_ours(page: Path) -> bool:
    """Whether an HTML file is a page the plugin generated (its body has our classes)."""
    try:
        return 'class="bookreviews-' in page.read_text("utf-8", errors="replace")
    except OSError:
        return False


def header_targets(review: Review, links: Links) -> tuple[str | None, ...]:
    """The pages a review's header links to (its genres', authors' and years'), None where
    it names one without a page: when these change, the header must be built again."""
    return (
        *(links.genres.get(genre_key(name)) for name in review.genres),
        *(links.authors.get(person_key(name)) for name in review.authors),
        *(links.years.get(str(read.year)) for read in review.reads),
    )
