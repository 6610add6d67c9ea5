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
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from .listings import has_marker
from .model import Review
from .render import Links
from .views.registry import KINDS


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
    """The pages a review's header links to (of every kind with `keys`: its genres', authors'
    and years'), None where it names one without a page: when these change, the header must
    be built again."""
    return tuple(
        links.of(kind.name).get(key) for kind in KINDS if kind.keys for key in kind.keys(review)
    )


Targets = dict[str, tuple[Any, ...]]


def pages_to_rebuild(
    texts: Iterable[tuple[str, str]],
    reviews: Mapping[str, Review],
    links: Links,
    previous: Mapping[str, tuple[Any, ...]],
    feed: Iterable[str],
    onward: Mapping[str, Any] | None = None,
) -> tuple[set[str], Targets]:
    """The pages (by src_uri) a dirty build must rebuild though their file did not change, and
    every review's header targets, to hand back as `previous` next time (under `mkdocs serve`;
    a single `mkdocs build --dirty` has none). Those pages are: users' pages whose text
    (`texts`: src_uri, text) has a listing marker, as what they list may have changed; reviews
    whose header links moved since `previous` (an author's page appears with their second
    book when `authors_min_reviews` is 2), or whose onward section (`onward`: each review's
    `onward.signature`) shows other books, or the same books changed, or links elsewhere;
    and the reviews in the `feed`, which takes their text from their rendering."""
    stale = {src_uri for src_uri, text in texts if text and has_marker(text)}
    ends = onward or {}
    targets = {
        src_uri: (*header_targets(review, links), ends.get(src_uri))
        for src_uri, review in reviews.items()
    }
    stale.update(src_uri for src_uri, was in previous.items() if targets.get(src_uri) != was)
    stale.update(feed)
    return stale, targets
