"""MkDocs glue: one build's state, made fresh in on_config, and the on_files work that fills it.

`Build.start` (on_config) makes a new `Build` for every build, so nothing one build found can
leak into the next: `mkdocs serve` re-runs every event from on_config on the same plugin. It
also makes the build's language active (`language.use`: the theme's, or the `language`
option, with the `strings` option's wording); the plugin sets English back when the build ends.
`Build.add_files` (on_files) reads every review's front matter into the library, warns about
bad fields, and adds the views' pages, the stylesheet and the shelf's script as virtual files
(files.py), then makes the renderer every page is rendered with and plans the feed; under
`--dirty` it also says which unchanged pages MkDocs must rebuild (dirty.py). What a build
hands from one page event to the next is read and written by pages.py.

`Session` is the little that outlives a build: how MkDocs was started, the front-matter cache
and each review's header targets, kept by the plugin across `mkdocs serve` rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import language, onward
from ..covers import CoverFinder
from ..dirty import make_older, pages_to_rebuild, remove_stale_pages
from ..front_matter import FrontMatter
from ..listings import PageListings
from ..model import FieldNames, Library, library_from_front_matter
from ..paths import PathError, folder_mismatch
from ..reach import ReachBuild, ReachOptions, start
from ..render import Links, Renderer, make_environment
from ..sources import FrontMatterCache, mend
from ..views import (
    Cards,
    Grouped,
    Kind,
    KindOptions,
    Site,
    View,
    ViewPage,
    index_src_uri,
    make_views,
)
from ..views.registry import KINDS
from .config import BookReviewsConfig, site_language
from .files import CSS_URI, add_assets, add_view_pages, site_outputs, views_by_default
from .navigation import arrange

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

# Named after the plugin as users enable it, so warnings read "bookreviews: reviews/x.md: ...".
log = get_plugin_logger("bookreviews")


@dataclass
class Session:
    """What outlives one build. MkDocs keeps one plugin instance across `mkdocs serve`
    rebuilds when it defines on_startup; only then is what one build parsed worth keeping."""

    serving: bool = False  # `mkdocs serve`
    dirty: bool = False  # `--dirty`: MkDocs skips pages whose output is newer than them
    cache: FrontMatterCache = field(default_factory=FrontMatterCache)
    # The pages each review's header links to, and what its onward section shows, for the
    # next `--dirty` rebuild.
    header_targets: dict[str, tuple[Any, ...]] = field(default_factory=dict)


class Build:
    """One build's state. `config` is the plugin's options, as on the plugin; MkDocs' own
    config is handed to each method that needs it."""

    def __init__(
        self,
        config: BookReviewsConfig,
        session: Session,
        *,
        search_titles: bool = False,
        written: frozenset[str] = frozenset(),
    ) -> None:
        self.config = config
        self.session = session
        # The options the user wrote (the others have their defaults): a kind's title left to
        # its default is written in the site's language.
        self.written = written
        self.library = Library()
        # Generated pages by src_uri, with the view that renders each.
        self.listings: dict[str, tuple[View, ViewPage]] = {}
        # Texts read in on_files with their parsed front matter, handed to MkDocs in
        # on_page_read_source so no page is read from disk, or has its YAML parsed, twice.
        self.sources: dict[str, tuple[str, dict[str, Any] | None]] = {}
        # Front matter taken off a page's text in on_page_read_source, for on_page_markdown.
        self.handed: dict[str, tuple[str, dict[str, Any]]] = {}
        # Review headers waiting for on_page_context, with the byline that stands in for them.
        self.headers: dict[str, tuple[str, str]] = {}
        # Each review's onward links (onward.py), planned once in on_files; the rendered
        # sections waiting for on_page_context, to go after the review (search never sees them).
        self.onward: dict[str, onward.Onward] = {}
        self.endings: dict[str, str] = {}
        # The title (HTML) of each page whose <h1> is the plugin's, for its table of contents.
        self.headings: dict[str, str] = {}
        # Page titles as text, for a search index whose theme escapes them itself (MkDocs'
        # own search): every other use of the title gets it HTML-escaped.
        self.search_titles: dict[str, str] | None = {} if search_titles else None
        self.compact = False  # reviews and views' pages (not overviews) are out of the nav
        self.env: jinja2.Environment | None = None
        self.renderer: Renderer | None = None
        self.site: Site | None = None
        self.reach: ReachBuild | None = None  # the feed, JSON-LD and preview tags, when on
        self.page_listings: PageListings | None = None  # markers in users' own pages
        self.outputs: set[str] = set()  # every file this build writes (abs_dest_path)
        self.view_folders: list[str] = []  # every view's folder, with pages or not

    @classmethod
    def start(
        cls,
        options: BookReviewsConfig,
        config: MkDocsConfig,
        session: Session,
        *,
        written: frozenset[str] = frozenset(),
    ) -> Build:
        """on_config: a fresh build; when the plugin is on, its language active, its templates
        loaded, the feed and head tags set up, and the stylesheet linked. `written`: the
        options the user wrote."""
        build = cls(options, session, search_titles=_search_escapes_titles(config), written=written)
        if options.enabled:
            build._configure(config)
        return build

    def _configure(self, config: MkDocsConfig) -> None:
        chosen, note = site_language(self.config, config.theme)
        language.use(chosen)
        if note is not None:
            log.info(note)
        self.env = make_environment(self.config.templates_dir, chosen)
        try:
            self.reach, warnings = start(
                ReachOptions.of(self.config),
                site_url=config.site_url,
                site_name=config.site_name,
                site_description=config.site_description,
                site_author=config.site_author,
            )
        except ValueError as error:
            raise PluginError(f"bookreviews: {error}") from error
        for warning in warnings:
            log.warning(warning)
        if self.config.css and CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """on_files: the library, the views' pages and the plugin's assets, the renderer; the
        feed planned; under `--dirty`, the unchanged pages that must be rebuilt."""
        if not self.config.enabled or self.env is None:
            return
        fields = FieldNames.of(dict(self.config.fields))
        self.library = self._read_library(files, fields)
        kinds, grouped, views = self._views(files, config, fields)
        # A view may have no page this build (the reading page once no book is being read):
        # under --dirty its folder is still cleared of the page it had.
        self.view_folders = [view.folder for view in views]
        wanted = [(view, page) for view in views for page in view.pages()]
        compact = self.compact = self._compact_nav(config, listing_pages=len(wanted))
        if compact:
            self._reviews_out_of_nav(files)
        shelf = any(kind.name == "shelf" for kind, _ in kinds)
        add_assets(files, config, css=self.config.css, shelf=shelf)
        urls, self.listings, warnings = add_view_pages(wanted, files, config, compact=compact)
        for warning in warnings:
            log.warning(warning)
        links = self._make_renderer(self.env, kinds, views, grouped, urls, files)
        if self.config.onward:
            self.onward = onward.plan(grouped, self.config.onward_covers)
        if self.reach is not None:
            self._plan_reach(self.reach, files, config, links)
        if self.session.dirty:
            self._rebuild_under_dirty(files, links)

    def _read_library(self, files: Files, fields: FieldNames) -> Library:
        """Every review in scope, its problems logged as warnings."""
        published = {uri: f for uri, f in files.src_uris.items() if not f.inclusion.is_excluded()}
        reviews_dir = self.config.reviews_dir
        if (mistake := folder_mismatch("reviews_dir", reviews_dir, published)) is not None:
            raise PluginError(f"bookreviews: {mistake}")
        front_matter = self._front_matter(files)
        images = {
            uri: f.abs_src_path for uri, f in published.items() if not f.is_documentation_page()
        }
        library = library_from_front_matter(
            front_matter,
            fields=fields,
            scale=self.config.scale,
            known_files=published,
            review_field=self.config.review_field,
            covers=CoverFinder(self.config.covers, images),
            scope=self.config.reviews_dir,
        )
        for problem in library.problems:
            log.warning(problem.message)
        return library

    def _views(
        self, files: Files, config: MkDocsConfig, fields: FieldNames
    ) -> tuple[list[tuple[Kind, KindOptions]], Grouped, list[View]]:
        """The kinds that are on with their options (in the registry's order), the library
        grouped once for them all, and their views."""
        on, notes = views_by_default(self.config, files, config)
        for note in notes:
            log.info(note)
        chosen = {**self.config, **on}
        for kind in KINDS:  # a title left to its default is in the site's language
            if f"{kind.name}_title" not in self.written:
                chosen[f"{kind.name}_title"] = language.gettext(kind.title)
        texts = {uri: self.sources[uri][0] for uri in self.library.reviews if uri in self.sources}
        grouped = Grouped(self.library.reviews.values(), texts)
        kinds = [
            (kind, kind.options_of(chosen, fields))
            for kind in KINDS
            if chosen[kind.name]
            # A kind left to its default that needs what the library lacks stays off.
            and (self.config[kind.name] is not None or kind.needs is None or kind.needs(grouped))
        ]
        return kinds, grouped, make_views(grouped, kinds)

    def _reviews_out_of_nav(self, files: Files) -> None:
        for src_uri in self.library.reviews:
            file = files.get_file_from_path(src_uri)
            if file is not None and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV

    def _make_renderer(
        self,
        env: jinja2.Environment,
        kinds: list[tuple[Kind, KindOptions]],
        views: list[View],
        grouped: Grouped,
        urls: dict[str, str],
        files: Files,
    ) -> Links:
        """The renderer, the site the views render into and the listings in users' pages;
        returns the links a review's header may have."""
        file_urls = {uri: file.url for uri, file in files.src_uris.items()}
        # Headers link to the pages of genres, authors, years (and of any kind with `header`).
        links = Links(file_urls, **{view.kind: view.links(urls) for view in views})
        header_links = [(kind.name, kind.header) for kind, _ in kinds if kind.header]
        self.renderer = Renderer(
            env, scale=self.config.scale, links=links, header_links=header_links
        )
        self.site = Site(
            self.renderer,
            Cards(self.renderer, file_urls),
            urls,
            file_urls,
            frozenset(kind.name for kind, _ in kinds),
        )
        self.page_listings = PageListings(grouped, self.site)
        return links

    def _plan_reach(
        self, reach: ReachBuild, files: Files, config: MkDocsConfig, links: Links
    ) -> None:
        # A feed gives way to a file of the user's at its path; where anything else of the
        # site is written (a page, a generated file, a folder of them), it is an error.
        written, own = site_outputs(files, config.docs_dir)
        try:
            reach_warnings = reach.plan(
                self.library.reviews,
                file_urls=links.files,
                user_files=own,
                written=written,
            )
        except PathError as error:
            raise PluginError(f"bookreviews: {error}") from error
        for warning in reach_warnings:
            log.warning(warning)

    def arrange_nav(self, nav: Navigation) -> None:
        """on_nav, for an automatic nav: the views' overviews side by side (navigation.py)."""
        overviews = [
            (src_uri, page.title)
            for src_uri, (view, page) in self.listings.items()
            if src_uri == index_src_uri(view.folder)
        ]
        arrange(nav, overviews, list(self.listings))

    def feeds(self) -> list[tuple[str, bytes]]:
        """Each feed file to write (its path in site_dir, its bytes), if any."""
        return self.reach.feeds() if self.reach is not None else []

    def remove_gone_pages(self, site_dir: str) -> None:
        """Under `--dirty`: remove the generated pages this build no longer has."""
        folders = [*self.view_folders, *(view.folder for view, _ in self.listings.values())]
        for gone in remove_stale_pages(Path(site_dir), set(folders), self.outputs):
            log.debug(f"removed {gone}: its generated page is gone")

    def _rebuild_under_dirty(self, files: Files, links: Links) -> None:
        """Under `--dirty`, make MkDocs rebuild the pages whose file did not change but whose
        output would (see `dirty.pages_to_rebuild`)."""
        texts = (
            (file.src_uri, self.sources.get(file.src_uri, ("", None))[0] or _quiet_read(file))
            for file in files.documentation_pages()
            if file.generated_by is None and file.abs_src_path is not None
        )
        feed = self.reach.feed_uris if self.reach is not None and self.reach.writes_feed else []
        ends = {uri: onward.signature(planned, links) for uri, planned in self.onward.items()}
        stale, self.session.header_targets = pages_to_rebuild(
            texts, self.library.reviews, links, self.session.header_targets, feed, ends
        )
        for src_uri in stale:
            found = files.get_file_from_path(src_uri)
            if found is not None and found.abs_src_path is not None:
                make_older(found.abs_dest_path)

    def _compact_nav(self, config: MkDocsConfig, *, listing_pages: int) -> bool:
        """Whether reviews and views' pages stay out of the automatic nav (see the `nav` option).

        `nav: auto` counts every page the plugin would put in the nav (reviews and every view's
        pages): MkDocs' cost grows with the square of that number, whatever the pages are.
        """
        if config.nav is not None or not listing_pages:
            return False  # an explicit nav decides for itself; without overviews, keep them
        if self.config.nav == "auto":
            pages = len(self.library.reviews) + listing_pages
            compact = pages > self.config.nav_limit
            if compact:
                log.info(
                    f"{len(self.library.reviews)} reviews and {listing_pages} generated pages: the "
                    "navigation lists the overviews, not each page "
                    f"(nav_limit: {self.config.nav_limit})"
                )
            return compact
        return self.config.nav == "compact"

    def _front_matter(self, files: Files) -> list[tuple[str, FrontMatter]]:
        """The parsed front matter of every Markdown page in scope; under `mkdocs serve`, each
        version of a page's text is parsed once (see `FrontMatterCache`)."""
        folder = self.config.reviews_dir.strip("/")
        prefix = folder + "/" if folder else ""
        cache = self.session.cache
        parses_before = cache.parses
        pages = []
        for file in files.documentation_pages():
            if not file.src_uri.startswith(prefix) or file.generated_by is not None:
                continue
            text = _read(file)
            if text is None:
                continue
            parsed = cache.parse(file.src_uri, text, keep=self.session.serving)
            self.sources[file.src_uri] = (text, parsed.meta)
            pages.append((file.src_uri, parsed))
        log.debug(
            f"parsed the front matter of {cache.parses - parses_before} of {len(pages)} pages"
        )
        return pages


def _read(file: File) -> str | None:
    """A page's text as MkDocs reads it; mended, with a warning, when it is not UTF-8 (which
    would stop MkDocs' own read); None, with a warning, when it cannot be read at all."""
    try:
        return file.content_string
    except ValueError as error:
        log.warning(
            f"{file.src_uri}: is not UTF-8 text ({error}); it is shown with the bad bytes "
            "replaced: save it as UTF-8"
        )
        return mend(file.content_bytes)
    except OSError as error:
        log.warning(f"{file.src_uri}: cannot be read ({error})")
        return None


def _quiet_read(file: File) -> str:
    """A page's text, "" when it cannot be read (MkDocs' own read says why)."""
    try:
        return file.content_string
    except (ValueError, OSError):
        return ""


def _search_escapes_titles(config: MkDocsConfig) -> bool:
    """Whether the site's search is MkDocs' own, whose themes (`mkdocs`, `readthedocs`) escape
    a result's title when they show it: its index wants the title as text. Material's search
    shows titles as HTML, so it keeps the escaped title every other place gets."""
    from mkdocs.contrib.search import SearchPlugin

    return any(type(plugin) is SearchPlugin for plugin in config.plugins.values())
