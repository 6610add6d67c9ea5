"""The command line's view of a site: mkdocs.yml read exactly as `mkdocs build` reads it.

The command's part of the glue (glue/, the only modules that import MkDocs); `use_host` is the one
place that decides whose: MkDocs itself, or ProperDocs standing in for it. The command line loads
the configuration with MkDocs' own `load_config` (not a YAML read of the plugin entry) so that
what `bookreviews check` validates and `bookreviews import` writes is what the plugin will see:
the same defaults and validation of every option, `!ENV` tags, `INHERIT:` files, `exclude_docs`
and the same set of files in docs_dir. Everything it returns is plain data.
"""

from __future__ import annotations

import importlib
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..covers import CoverFinder
from ..language import Language
from ..model import FieldNames
from ..paths import FEED_OPTIONS, file_clash, folder_mismatch, view_folders


class SettingsError(Exception):
    """mkdocs.yml cannot be read, or has no `bookreviews` plugin: a message for the user."""


def use_host() -> str:
    """Make `mkdocs.*` importable and say whose it is: "mkdocs" or "properdocs".

    MkDocs itself when it is installed. Otherwise ProperDocs, the maintained fork of MkDocs 1.x,
    serving every `mkdocs.*` import exactly as it does inside its own process (importing
    `properdocs.replacement` installs that alias). Neither is a SettingsError. Called before the
    command imports MkDocs, never at import time, so `bookreviews --help` loads neither.
    """
    try:
        importlib.import_module("mkdocs")
    except ModuleNotFoundError as error:
        if error.name != "mkdocs":
            raise
        try:
            importlib.import_module("properdocs.replacement")
        except ModuleNotFoundError as missing:
            if missing.name not in ("properdocs", "properdocs.replacement"):
                raise
            raise SettingsError(
                f"neither MkDocs nor ProperDocs is installed for {sys.executable}: the command "
                "reads the site's config with one of them; install mkdocs or properdocs"
            ) from None
    # Once ProperDocs' alias is in, `mkdocs` is the `properdocs` package under a second name.
    return str(sys.modules["mkdocs"].__name__)


# The names each host looks for with no -f, in its order (MkDocs: mkdocs.yml, mkdocs.yaml).
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


def default_config_file(folder: Path | None = None) -> tuple[Path, str | None]:
    """The config a command reads when not given -f, and a note for the user when it chose.

    mkdocs.yml or properdocs.yml, whichever is in the folder (the current one by default). When
    both are, the one the host's own `build` reads with no -f, so that what is checked is what is
    built: properdocs.yml under ProperDocs (it reads that first and mkdocs.yml only as a legacy
    fallback), mkdocs.yml under MkDocs (which knows no other name).
    """
    here = Path.cwd() if folder is None else folder
    found = [name for name in CONFIG_NAMES if (here / name).is_file()]
    if not found:
        raise SettingsError(
            f"neither mkdocs.yml nor properdocs.yml is in {here} (give the site's config with -f)"
        )
    hosts = {name.split(".")[0] for name in found}
    if len(hosts) == 1:
        chosen, note = found[0], None
    else:
        host = use_host()
        chosen = next(name for name in found if name.startswith(f"{host}."))
        theirs = f"both {found[0]} and {found[1]}" if len(found) == 2 else ", ".join(found)
        note = f"{theirs} are here; reading {chosen}, as `{host} build` does (give -f to choose)"
    return (Path(chosen) if folder is None else here / chosen), note


class _Collect(logging.Handler):
    """Keeps the text of each record it is handed (those MkDocs logs at ERROR)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@dataclass(frozen=True)
class SiteSettings:
    """What the command line needs from mkdocs.yml and the plugin's options."""

    config_file: Path
    docs_dir: Path
    reviews_dir: str  # relative to docs_dir, "" for all of it, with "/" separators
    scale: int
    fields: FieldNames  # as the model takes them
    field_paths: dict[str, str | tuple[str, ...]]  # every field -> its key(s) or dotted path(s)
    review_field: str  # the option of that name
    covers: tuple[str, ...] = ()  # the `covers` option's patterns
    # The src_uri of every file MkDocs would publish from docs_dir, and which are Markdown.
    known_files: frozenset[str] = frozenset()
    markdown_pages: tuple[str, ...] = ()
    # The folder of each view that may be on (`shelf`, `genres`...), which no review goes in.
    view_folders: dict[str, str] = field(default_factory=dict)
    # The site's language, as the build chooses it (month names are read in it).
    language: Language | None = None

    def cover_finder(self) -> CoverFinder:
        """Covers by convention, as the plugin finds them (and their sizes read from disk)."""
        images = {
            uri: str(self.docs_dir / uri) for uri in self.known_files if not uri.endswith(".md")
        }
        return CoverFinder(self.covers, images)

    @property
    def reviews_path(self) -> Path:
        """The folder reviews are written into by default."""
        return self.docs_dir / self.reviews_dir if self.reviews_dir else self.docs_dir


def load_settings(config_file: str | Path, *, list_files: bool = True) -> SiteSettings:
    """Load the config with MkDocs or ProperDocs; return the `bookreviews` plugin's settings."""
    host = use_host()
    # Imported here so that `bookreviews --help` does not pay for loading MkDocs.
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from .config import site_language
    from .plugin import BookReviewsPlugin

    path = Path(config_file)
    if not path.is_file():
        raise SettingsError(f"{path}: no such file (give the site's config with -f)")
    host_log = logging.getLogger(host)  # ProperDocs logs as "properdocs", even when aliased
    level = host_log.level
    host_log.setLevel(logging.ERROR)  # MkDocs' INFO lines and config warnings are not ours
    errors = _Collect()  # the configuration errors MkDocs logs before it aborts
    host_log.addHandler(errors)
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise SettingsError(f"{path}: {error}") from error
    except Abort as error:
        # The plugin's options are validated in this load (config.settle), so these are the
        # very lines `mkdocs build` logs for them; anything else is the theme or a plugin.
        said = "\n".join(errors.lines)
        raise SettingsError(
            f"{path}: {said}"
            if said
            else f"{path}: {'ProperDocs' if host == 'properdocs' else 'MkDocs'} cannot load it; "
            f"the command reads it as `{host} build` does, so the theme and plugins it names "
            "must be installed"
        ) from error
    finally:
        host_log.removeHandler(errors)
        host_log.setLevel(level)
    plugin = next(
        (p for p in config.plugins.values() if isinstance(p, BookReviewsPlugin)),
        None,
    )
    if plugin is None:
        raise SettingsError(f"{path}: has no `bookreviews` entry under `plugins:`")
    options: Any = plugin.config  # validated as the build validates it (config.settle)
    fields = FieldNames.of(dict(options.fields))
    field_paths = {name: getattr(fields, name) for name in FieldNames.names()}
    known: frozenset[str] = frozenset()
    pages: tuple[str, ...] = ()
    reviews_dir = str(options.reviews_dir)
    if list_files:
        from mkdocs.structure.files import get_files

        files = get_files(config)
        known = frozenset(
            uri for uri, file in files.src_uris.items() if not file.inclusion.is_excluded()
        )
        pages = tuple(file.src_uri for file in files.documentation_pages())
        mistake = folder_mismatch("reviews_dir", reviews_dir, known)
        if mistake is None and options.feed is not False and config.site_url:
            mistake = _feed_clash(config, options, files)
    else:
        mistake = folder_mismatch(
            "reviews_dir", reviews_dir, _spelt_alike(Path(config.docs_dir), reviews_dir)
        )
    if mistake is not None:
        # The words the build stops with (Build.add_files, in build.py).
        raise SettingsError(f"{path}: {mistake}")
    return SiteSettings(
        config_file=path,
        docs_dir=Path(config.docs_dir),
        reviews_dir=reviews_dir,
        scale=int(options.scale),
        fields=fields,
        field_paths=field_paths,
        review_field=str(options.review_field),
        covers=tuple(options.covers),
        known_files=known,
        markdown_pages=pages,
        view_folders=view_folders(options),
        language=site_language(options, config.theme)[0],
    )


def _spelt_alike(docs_dir: Path, folder: str) -> list[str]:
    """For `folder_mismatch` without listing every file: a path below each folder of docs_dir
    spelt like `folder` (in any case), level by level; [] when `folder` itself is there."""
    if not folder or (docs_dir / folder).is_dir():
        return []
    found = [""]
    for part in folder.split("/"):
        wanted = part.casefold().replace("-", "_").replace(" ", "_")
        found = [
            f"{above}{entry.name}/"
            for above in found
            for entry in _folders(docs_dir / above)
            if entry.name.casefold().replace("-", "_").replace(" ", "_") == wanted
        ]
    return [f"{candidate}x" for candidate in found]


def _folders(folder: Path) -> list[Path]:
    try:
        return [entry for entry in folder.iterdir() if entry.is_dir()]
    except OSError:
        return []


def _feed_clash(config: Any, options: Any, files: Any) -> str | None:
    """What the build says (Build.add_files, `ReachBuild.plan`) of a feed where the site
    writes a file of its own, judged from docs_dir, the theme and the plugin's own files."""
    from ..views.shelf import SCRIPT_URI
    from .files import CSS_URI, site_outputs

    files.add_files_from_theme(config.theme.get_env(), config)
    written, own = site_outputs(files, config.docs_dir)
    if options.css:
        written.add(CSS_URI)
    if options.shelf is not False:  # the shelf's script, unless a page of yours turns it off
        written.add(SCRIPT_URI)
    for option in FEED_OPTIONS:
        feed_path = options[option]
        if feed_path is None or feed_path in own:
            continue
        if (why := file_clash(option, feed_path, written, user_files=own)) is not None:
            return why
    return None
