"""MkDocs glue: the views' pages as virtual files, and the options that place them.

Which views are on (a view left to its default steps aside for a user's page at its URL),
that each has a folder of its own inside the site, and one virtual page per page a view wants
(a user's own page at that path or URL wins, with a warning).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files, InclusionLevel

from .pages import page_stub
from .views import View, ViewPage, index_src_uri

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The kinds of generated page (views/), each with its `<kind>`, `<kind>_dir`, `<kind>_title`.
VIEW_KINDS = ("shelf", "genres", "authors", "years", "stats")


def check_view_folders(options: Any) -> list[tuple[str, str]]:
    """Tidy each `<kind>_dir` in `options` (the plugin's config) to a folder inside the site,
    and make sure each view that may be on has one of its own: in one folder, or one inside
    another, their pages would land on each other (a genre named "authors" on the authors
    overview). Returns each mistake as (option, what is wrong and how to fix it)."""
    errors = []
    for kind in VIEW_KINDS:
        written = options[f"{kind}_dir"]
        folder = posixpath.normpath(written.strip("/"))
        if folder in (".", "") or folder.startswith(".."):
            errors.append(
                (f"{kind}_dir", f"{written!r} must be a folder inside the site, like '{kind}'")
            )
        else:
            options[f"{kind}_dir"] = folder
    if errors:
        return errors
    folders = {kind: options[f"{kind}_dir"] for kind in VIEW_KINDS if options[kind] is not False}
    for kind, folder in folders.items():
        for other, other_folder in folders.items():
            if kind != other and (folder + "/").startswith(other_folder + "/"):
                why = f"{folder!r} is inside {other}_dir {other_folder!r}"
                return [(f"{kind}_dir", f"{why}: give each kind of page a folder of its own")]
    return []


def views_by_default(
    options: Mapping[str, Any], files: Files, config: MkDocsConfig
) -> tuple[dict[str, bool], list[str]]:
    """Whether each view left to its default (None) is on, and a note for each that is not:
    it is on unless a page of the user's own has its overview's URL (a site's own `stats.md`
    stays, quietly)."""
    taken = {file.url for file in files.documentation_pages()}
    chosen: dict[str, bool] = {}
    notes = []
    for kind in VIEW_KINDS:
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
            content=page_stub(page.title, searchable=page.searchable),
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
