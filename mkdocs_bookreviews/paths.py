"""One rule for every path the plugin or its command is given, and for every file it writes.

`reviews_dir`, each view's `<kind>_dir`, `feed_path`, `feed_rss_path` and the command's
`--into` all go through `inside_root`: a path stays inside its root (no `..`), has no control
or invisible characters and no part that starts or ends with a space, and harmless spellings
(`./reviews`, `reviews/`, `/reviews`) are tidied to one. `output_clashes` then checks the
options against each other (no output of the plugin equal to or inside another, no feed where
MkDocs writes a page or a file of its own), and `file_clash` checks a feed against the files
of one build (a page's output, or a folder of them, is never overwritten). `folder_mismatch`
finds a `reviews_dir` that is spelt like a folder of docs_dir but is not it (`Reviews` for
`reviews`). Every mistake is a sentence that names the option and the fix; nothing here imports
MkDocs, so the build and `bookreviews check` say the same words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable, Mapping
from typing import Any

from .views.registry import KIND_NAMES

# What MkDocs (and its search plugins) write into every site besides the pages.
MKDOCS_OUTPUTS = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
FEED_OPTIONS = ("feed_path", "feed_rss_path")


class PathError(ValueError):
    """A path option that cannot be used: the message names it and says how to fix it."""


def inside_root(
    option: str,
    value: str,
    *,
    example: str,
    root: str = "docs_dir",
    empty_ok: bool = False,
    anchored: bool = True,
) -> str:
    """`value` tidied to a `/`-separated path inside `root` ("" for the root itself, when
    `empty_ok`). A leading or trailing `/`, `./` and doubled slashes are dropped. PathError for
    a path that leaves the root (`..`), or has a control or invisible character, a backslash,
    a part with a space at its start or end, or a hidden part (MkDocs publishes none).

    `anchored=False` is for a folder typed on the command line (`--into`), which may be
    absolute or relative to the current folder: only its parts' names are checked."""
    said = f"{option} {value!r}"
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise PathError(
                f"{said} has an invisible or control character (U+{ord(char):04X}): "
                "write the path without it"
            )
    if "\\" in value:
        raise PathError(f"{said} has a backslash: write folders with '/', like {example!r}")
    parts = [part for part in value.split("/") if part not in ("", ".")]
    for part in parts:
        if part != part.strip():
            fixed = "/".join(p.strip() for p in parts) or example
            raise PathError(
                f"{said} has a space at the start or end of {part!r}: did you mean {fixed!r}?"
            )
    if not anchored:
        return value
    if ".." in parts:
        raise PathError(
            f"{said} climbs out of {root} ('..'): write a path inside it, like {example!r}"
        )
    for part in parts:
        if part.startswith("."):
            raise PathError(
                f"{said}: MkDocs does not publish {part!r}, whose name starts with a dot: "
                f"rename it, or write a path like {example!r}"
            )
    path = "/".join(parts)
    if not path and not empty_ok:
        raise PathError(f"{said} must be a path inside {root}, like {example!r}")
    return path


def _within(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or inside it."""
    return path == folder or path.startswith(folder + "/")


def output_clashes(options: Any) -> list[tuple[str, str]]:
    """Check and tidy (in `options`, the plugin's config) `reviews_dir`, the views' folders
    and the feeds' paths with `inside_root`, then against each other: each view that may be
    on has a folder of its own (in one folder, or one inside another, a genre named "authors"
    would land on the authors overview); reviews are not in a view's folder; a feed is not
    where a page or MkDocs' own files are written, nor in, or in the way of, a view's folder.
    Returns each mistake as (option, what is wrong and how to fix it)."""
    errors: list[tuple[str, str]] = []

    def tidy(option: str, example: str, *, empty_ok: bool = False) -> None:
        try:
            options[option] = inside_root(
                option,
                options[option],
                example=example,
                root="docs_dir" if option == "reviews_dir" else "the site",
                empty_ok=empty_ok,
            )
        except PathError as error:
            errors.append((option, str(error)))

    tidy("reviews_dir", "reviews", empty_ok=True)
    for kind in KIND_NAMES:
        tidy(f"{kind}_dir", kind)
    for option in FEED_OPTIONS:
        if options[option] is not None:
            tidy(option, "feed.xml" if option == "feed_path" else "rss.xml")
    if errors:
        return errors
    folders = view_folders(options)
    for kind, folder in folders.items():
        for other, other_folder in folders.items():
            if kind != other and _within(folder, other_folder):
                why = f"{folder!r} is inside {other}_dir {other_folder!r}"
                return [(f"{kind}_dir", f"{why}: give each kind of page a folder of its own")]
    for kind, folder in folders.items():
        # A folder where MkDocs writes a file (sitemap.xml, 404.html) or a page (x.html).
        file = next((f for f in MKDOCS_OUTPUTS if _within(folder, f)), None)
        if file is not None or folder.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
            what = f"MkDocs writes {file!r}" if file is not None else "MkDocs writes pages"
            return [
                (
                    f"{kind}_dir",
                    f"{kind}_dir {folder!r} is a name {what} under: the {kind} pages need a "
                    f"folder; use a name like {kind!r}",
                )
            ]
    reviews = options["reviews_dir"]
    if (clash := in_a_view(f"reviews_dir {reviews!r}", reviews, folders)) is not None:
        return [("reviews_dir", clash)]
    feeds: dict[str, str] = {
        option: options[option] for option in FEED_OPTIONS if options[option] is not None
    }
    if len(set(feeds.values())) < len(feeds):
        return [
            (
                "feed_rss_path",
                f"feed_rss_path {feeds['feed_rss_path']!r} is feed_path too: the RSS feed "
                "would overwrite the Atom feed; give it a name of its own, like 'rss.xml'",
            )
        ]
    for option, path in feeds.items():
        if (reserved := _reserved(path)) is not None:
            return [(option, f"{option} {path!r} {reserved}; use a name like 'feed.xml'")]
        for kind, folder in folders.items():
            if _within(path, folder) or _within(folder, path):
                return [
                    (
                        option,
                        f"{option} {path!r} and {kind}_dir {folder!r} are in one place: the "
                        f"feed would take the place of the {kind} pages or go among them; "
                        "give each its own path",
                    )
                ]
    return []


def view_folders(options: Mapping[str, Any]) -> dict[str, str]:
    """The folder of each view that may be on, by kind (from the plugin's tidied options)."""
    return {kind: options[f"{kind}_dir"] for kind in KIND_NAMES if options[kind] is not False}


def in_a_view(said: str, path: str, folders: Mapping[str, str]) -> str | None:
    """Why reviews cannot be written to `path` (a folder of docs_dir, "" for all of it):
    it is a view's folder or inside one, where a review would land on generated pages."""
    for kind, folder in folders.items():
        if path and _within(path, folder):
            return (
                f"{said} is inside {kind}_dir {folder!r}, where the {kind} pages are "
                "generated: give reviews a folder of their own"
            )
    return None


def _reserved(path: str) -> str | None:
    """Why a feed cannot be at `path` whatever the site holds, or None."""
    if path in MKDOCS_OUTPUTS or any(_within(path, f) for f in MKDOCS_OUTPUTS):
        return "is where MkDocs writes a file of its own"
    if any(_within(f, path) for f in MKDOCS_OUTPUTS):
        return "is a folder MkDocs writes its own files in"
    if path.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
        return "is where MkDocs writes a page (every page is an .html file)"
    return None


def file_clash(
    option: str, path: str, written: Iterable[str], *, user_files: Container[str] = ()
) -> str | None:
    """Why a file the plugin writes at `path` would clash with the site's other outputs
    (`written`: every dest path of the build), or None. A user's own file at exactly `path` is
    no clash here: it is kept and the feed left out (see `ReachBuild.plan`)."""
    for dest in written:
        if dest == path and dest not in user_files:
            return (
                f"{option} {path!r} is where the site's page or file {dest!r} is written: "
                "the feed would overwrite it; set another path, like 'feed.xml'"
            )
        if dest.startswith(path + "/"):
            return (
                f"{option} {path!r} is a folder of the site ({dest!r} is written in it): "
                "set a file path of its own, like 'feed.xml'"
            )
        if path.startswith(dest + "/"):
            return (
                f"{option} {path!r} would go inside {dest!r}, which is a file of the site: "
                "set a path of its own, like 'feed.xml'"
            )
    return None


def folder_mismatch(option: str, folder: str, files: Iterable[str]) -> str | None:
    """When no file is below `folder` but one is below a folder spelt like it (in another
    case, or with spaces or hyphens for underscores), the mistake and its fix; else None."""
    if not folder:
        return None
    wanted = _loose(folder)
    depth = folder.count("/") + 1
    seen: dict[str, None] = {}
    for uri in files:
        if uri.startswith(folder + "/"):
            return None
        parts = uri.split("/")
        if len(parts) > depth:
            candidate = "/".join(parts[:depth])
            if _loose(candidate) == wanted:
                seen[candidate] = None
    if not seen:
        return None
    return (
        f"{option} {folder!r}: docs_dir has no folder {folder!r}; did you mean "
        f"{next(iter(seen))!r}?"
    )


def _loose(path: str) -> str:
    return path.casefold().replace("-", "_").replace(" ", "_")


def duplicate_field_paths(fields: Mapping[str, str | list[str]]) -> list[str]:
    """Each key (or dotted path) that two fields read: one key cannot hold a title and an
    author. A field that lists a path twice is no clash."""
    owners: dict[str, list[str]] = {}
    for name, paths in fields.items():
        for path in [paths] if isinstance(paths, str) else paths:
            owners.setdefault(path.strip(), [])
            if name not in owners[path.strip()]:
                owners[path.strip()].append(name)
    return [
        f"{' and '.join(names)} both read {path!r}: one key holds one field; give each "
        "field its own key (a list of paths may not share one either)"
        for path, names in owners.items()
        if len(names) > 1
    ]


def whole_number(option: str, value: object, low: int, high: int | None) -> str | None:
    """Why `value` is not a whole number from `low` to `high` (no bound when None), or None."""
    bound = f"from {low:,} to {high:,}" if high is not None else f"of {low:,} or more"
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number {bound}, not {value!r}"
    if value < low or (high is not None and value > high):
        if abs(value) >= 10**4000:  # str() of a longer one is refused by Python itself
            shown = "a number of over 4,000 digits"
        else:
            digits = len(str(abs(value)))
            shown = f"{value}" if digits <= 12 else f"a number of {digits:,} digits"
        return f"must be a whole number {bound}, not {shown}"
    return None


__all__ = [
    "FEED_OPTIONS",
    "MKDOCS_OUTPUTS",
    "PathError",
    "duplicate_field_paths",
    "file_clash",
    "folder_mismatch",
    "in_a_view",
    "inside_root",
    "output_clashes",
    "view_folders",
    "whole_number",
]
