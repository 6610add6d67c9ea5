"""MkDocs glue: the plugin's virtual files, and the options that place them.

Which views are on (a view left to its default steps aside for a user's page at its URL), and
one virtual page per page a view wants (a user's own page at that path or URL wins, with a
warning); the stylesheet and the shelf's script, served from the package (a user's file at
their path wins). That each view has a folder of its own inside the site is checked with every
other path option, in paths.py. Nothing is written into docs_dir.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files, InclusionLevel

from ..views import View, ViewPage, index_src_uri
from ..views.registry import KIND_NAMES
from ..views.shelf import SCRIPT_URI as SHELF_SCRIPT_URI

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CSS_URI = "assets/bookreviews/bookreviews.css"
PACKAGE_CSS = Path(__file__).parent.parent / "assets" / "bookreviews.css"
PACKAGE_SHELF_SCRIPT = Path(__file__).parent.parent / "assets" / "shelf.js"


def views_by_default(
    options: Mapping[str, Any], files: Files, config: MkDocsConfig
) -> tuple[dict[str, bool], list[str]]:
    """Whether each view left to its default (None) is on, and a note for each that is not:
    it is on unless a page of the user's own has its overview's URL (a site's own `stats.md`
    stays, quietly)."""
    taken = {file.url for file in files.documentation_pages()}
    chosen: dict[str, bool] = {}
    notes = []
    for kind in KIND_NAMES:
        if options[kind] is None:
            src_uri = index_src_uri(options[f"{kind}_dir"])
            url = File.generated(config, src_uri, content="").url
            chosen[kind] = url not in taken
            if not chosen[kind]:
                notes.append(f"the {kind} view is off: your page has its URL ({url})")
    return chosen, notes


def add_view_pages(
    wanted: Sequence[tuple[View, ViewPage]],
    files: Files,
    config: MkDocsConfig,
    *,
    compact: bool,
) -> tuple[dict[str, str], dict[str, tuple[View, ViewPage]], list[str]]:
    """Add a virtual page for each page a view wants; a user's own page there wins.

    Returns the URL of each generated page (or of the user's page in its place) by src_uri,
    the pages added with the view that renders each, and a warning for each page not added.
    """
    # Looked up once: Files rebuilds its src_uri index after every append.
    existing = dict(files.src_uris)
    taken = {file.url: file for file in files.documentation_pages()}
    urls: dict[str, str] = {}
    added: dict[str, tuple[View, ViewPage]] = {}
    warnings = []
    for view, page in wanted:
        file = File.generated(
            config,
            page.src_uri,
            content=page.stub(),
            inclusion=InclusionLevel.NOT_IN_NAV
            if compact and not page.in_nav
            else InclusionLevel.UNDEFINED,
        )
        mine = existing.get(page.src_uri) or taken.get(file.url)
        if mine is not None:
            warnings.append(
                f"{mine.src_uri}: your page is where the generated page for "
                f"'{page.title}' would be (it is kept and the generated one is left out); "
                f"rename it or set {view.kind}_dir"
            )
            urls[page.src_uri] = mine.url
            continue
        files.append(file)
        urls[page.src_uri] = file.url
        added[page.src_uri] = (view, page)
    return urls, added, warnings


def add_assets(files: Files, config: MkDocsConfig, *, css: bool, shelf: bool) -> None:
    """The stylesheet (`css`) and the shelf's script (`shelf`) as files of the site, served
    from the package; a file of the user's at their path wins."""
    if css and files.get_file_from_path(CSS_URI) is None:
        files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_CSS)))
    if shelf and files.get_file_from_path(SHELF_SCRIPT_URI) is None:
        script = str(PACKAGE_SHELF_SCRIPT)
        files.append(File.generated(config, SHELF_SCRIPT_URI, abs_src_path=script))


def site_outputs(files: Iterable[File], docs_dir: str) -> tuple[set[str], set[str]]:
    """Where the build writes each of its files (dest paths, the theme's and generated ones
    too), and the src_uris of the user's own files in docs_dir that are not pages (a feed
    gives way to one of those at its path)."""
    published = [file for file in files if not file.inclusion.is_excluded()]
    written = {file.dest_uri for file in published}
    inside = str(Path(docs_dir)) + os.sep  # MkDocs joins each abs_src_path to docs_dir
    own = {
        file.src_uri
        for file in published
        if file.generated_by is None
        and file.abs_src_path is not None
        and not file.is_documentation_page()
        and file.abs_src_path.startswith(inside)
    }
    return written, own
