"""The MkDocs plugin: wires MkDocs' events to the review model, renderer and generated pages.

load_config       validates the options (config.settle: unknown keys and values MkDocs' types
                  let through are configuration errors, for the build and `bookreviews check`);
on_config         resets per-build state, loads templates, links the stylesheet;
on_files          reads every review's front matter into the library, warns about bad fields,
                  and adds the stylesheet, every enabled view's pages (views/: shelf,
                  genres, authors, years, stats) and the shelf's script as virtual files
                  (view_files.py; nothing is written into docs_dir);
on_nav            puts the views' overviews side by side, in order (navigation.py);
on_page_read_source  hands MkDocs each review's text as already read, without the front matter
                  it has already parsed;
on_page_markdown  (first) gives the page that parsed front matter as its meta, then escapes
                  the front matter that themes print raw;
on_page_content   styles each review's quotes and puts a one-line byline above it, has
                  each view render its pages' bodies (after Markdown, which never has to
                  parse our HTML), and expands listing markers in users' pages (listings.py);
on_page_context   (after search plugins have indexed the page) puts the full header in the
                  byline's place;
on_post_page      adds the feed links, and on reviews JSON-LD and link-preview tags, to <head>;
on_post_build     writes the feed (see reach/); under --dirty, removes generated pages
                  that are gone (dirty.py, which also says what on_files has rebuilt).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..covers import CoverFinder
from ..dirty import make_older, pages_to_rebuild, remove_stale_pages
from ..front_matter import FrontMatter, markdown_after_front_matter
from ..listings import PageListings
from ..model import FieldNames, Library, library_from_front_matter
from ..paths import PathError, folder_mismatch
from ..reach import ReachBuild, ReachOptions, start
from ..render import (
    Links,
    Renderer,
    escape_theme_meta,
    has_own_heading,
    make_environment,
    mark_quotes,
    search_line,
)
from ..sources import FrontMatterCache, mend
from ..views import (
    Cards,
    Grouped,
    Site,
    View,
    ViewOptions,
    ViewPage,
    index_src_uri,
    make_views,
)
from ..views.shelf import SCRIPT_URI as SHELF_SCRIPT_URI
from .config import BookReviewsConfig, settle
from .files import add_view_pages, site_outputs, views_by_default
from .navigation import arrange

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext

# Named after the plugin as users enable it, so warnings read "bookreviews: reviews/x.md: ...".
log = get_plugin_logger("bookreviews")

CSS_URI = "assets/bookreviews/bookreviews.css"
PACKAGE_CSS = Path(__file__).parent.parent / "assets" / "bookreviews.css"
PACKAGE_SHELF_SCRIPT = Path(__file__).parent.parent / "assets" / "shelf.js"


class BookReviewsPlugin(BasePlugin[BookReviewsConfig]):
    """Turns Markdown pages with a score in their front matter into book reviews."""

    supports_multiple_instances = False

    def __init__(self) -> None:
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
        # Page titles as text, for a search index whose theme escapes them itself (MkDocs'
        # own search): every other use of the title gets it HTML-escaped.
        self.search_titles: dict[str, str] | None = None
        self.cache = FrontMatterCache()  # kept across `mkdocs serve` rebuilds
        self.serving = False
        self.compact = False  # reviews and views' pages (not overviews) are out of the nav
        self.renderer: Renderer | None = None
        self.site: Site | None = None
        self.env: jinja2.Environment | None = None
        self.reach: ReachBuild | None = None  # the feed, JSON-LD and preview tags, when on
        self.page_listings: PageListings | None = None  # markers in users' own pages
        self.dirty = False  # `--dirty`: MkDocs skips pages whose output is newer than them
        self.outputs: set[str] = set()  # every file this build writes (abs_dest_path)
        # The pages each review's header links to, kept across `mkdocs serve` rebuilds.
        self.header_targets: dict[str, tuple[str | None, ...]] = {}

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[Any]]:
        # The one validation of the options (config.settle), for the build and the command:
        # MkDocs reports each error it returns and stops before any event runs.
        errors, warnings = super().load_config(options, config_file_path)
        return settle(self.config, errors, warnings)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds; only
        # then is what one build parsed worth keeping for the next.
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.library = Library()
        self.listings = {}
        self.sources = {}
        self.handed = {}
        self.headers = {}
        self.search_titles = {} if _search_escapes_titles(config) else None
        self.compact = False
        self.reach = None
        self.renderer = None
        self.site = None
        self.page_listings = None
        self.outputs = set()
        if not self.config.enabled:
            return config
        self.env = make_environment(self.config.templates_dir)
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
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.env is None:
            return files
        fields = FieldNames.of(dict(self.config.fields))
        published = {uri: f for uri, f in files.src_uris.items() if not f.inclusion.is_excluded()}
        reviews_dir = self.config.reviews_dir
        if (mistake := folder_mismatch("reviews_dir", reviews_dir, published)) is not None:
            raise PluginError(f"bookreviews: {mistake}")
        front_matter = self._front_matter(files)
        images = {
            uri: f.abs_src_path for uri, f in published.items() if not f.is_documentation_page()
        }
        self.library = library_from_front_matter(
            front_matter,
            fields=fields,
            scale=self.config.scale,
            known_files=published,
            review_field=self.config.review_field,
            covers=CoverFinder(self.config.covers, images),
            scope=self.config.reviews_dir,
        )
        for problem in self.library.problems:
            log.warning(problem.message)
        on, notes = views_by_default(self.config, files, config)
        for note in notes:
            log.info(note)
        options = ViewOptions.of({**self.config, **on}, genre_field=fields.first("genre"))
        grouped = Grouped(self.library.reviews.values())
        views = make_views(grouped, options)
        wanted = [(view, page) for view in views for page in view.pages()]
        compact = self.compact = self._compact_nav(config, listing_pages=len(wanted))
        if compact:
            for src_uri in self.library.reviews:
                file = files.get_file_from_path(src_uri)
                if file is not None and file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.config.css and files.get_file_from_path(CSS_URI) is None:
            files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_CSS)))
        if options.shelf and files.get_file_from_path(SHELF_SCRIPT_URI) is None:
            script = str(PACKAGE_SHELF_SCRIPT)
            files.append(File.generated(config, SHELF_SCRIPT_URI, abs_src_path=script))

        urls, self.listings, warnings = add_view_pages(wanted, files, config, compact=compact)
        for warning in warnings:
            log.warning(warning)
        file_urls = {uri: file.url for uri, file in files.src_uris.items()}
        # Headers link to genre, author and year pages (one-page views have no members).
        members = {view.kind: view.links(urls) for view in views}
        links = Links(files=file_urls, **{k: v for k, v in members.items() if v})
        self.renderer = Renderer(self.env, scale=self.config.scale, links=links)
        self.site = Site(self.renderer, Cards(self.renderer, file_urls), urls, file_urls)
        self.page_listings = PageListings(grouped, self.site)
        if self.reach is not None:
            # A feed gives way to a file of the user's at its path; where anything else of the
            # site is written (a page, a generated file, a folder of them), it is an error.
            written, own = site_outputs(files, config.docs_dir)
            try:
                reach_warnings = self.reach.plan(
                    self.library.reviews,
                    file_urls=links.files,
                    user_files=own,
                    written=written,
                )
            except PathError as error:
                raise PluginError(f"bookreviews: {error}") from error
            for warning in reach_warnings:
                log.warning(warning)
        if self.dirty:
            self._rebuild_under_dirty(files, links)
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if config.nav is None:  # an explicit nav is the user's own
            overviews = [
                (src_uri, page.title)
                for src_uri, (view, page) in self.listings.items()
                if src_uri == index_src_uri(view.folder)
            ]
            arrange(nav, overviews, list(self.listings))
        return nav

    # MkDocs warns when a second plugin reads pages itself; that plugin's text then wins (it runs
    # after this one) and _give_meta leaves its page alone.
    @event_priority(100)
    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # Also where a page that is not UTF-8, which stops MkDocs' own read, arrives mended.
        src_uri = page.file.src_uri
        text, meta = self.sources.pop(src_uri, ("", None))
        if not text:
            return None
        # A review's header may close at the very end of the file, which MkDocs' pattern does
        # not accept: for reviews only, MkDocs gets the empty body (other pages stay its own).
        review = src_uri in self.library.reviews
        markdown = markdown_after_front_matter(text, closed_at_end=review) if meta else None
        if meta is None or markdown is None or "\r" in markdown:
            return text  # MkDocs parses the front matter itself
        # MkDocs would parse this YAML a second time. It gets the Markdown without it, behind a
        # blank line so that it does not look for MultiMarkdown meta, and the meta comes back
        # in _give_meta.
        self.handed[src_uri] = (markdown, meta)
        return "\n" + markdown

    @event_priority(100)  # first, so that every other plugin sees the page's meta
    def _give_meta(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        handed = self.handed.pop(page.file.src_uri, None)
        if handed is not None and not page.meta and markdown == handed[0]:
            # Under serve the parsed copy stays in the cache for the next build.
            page.meta = copy.deepcopy(handed[1]) if self.serving else handed[1]
        return None

    def _escape_meta(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src_uri = page.file.src_uri
        if (listing := self.listings.get(src_uri)) is not None and "title" in page.meta:
            title = listing[1].title
            page.meta["title"] = escape(title)
        elif (review := self.library.reviews.get(src_uri)) is not None:
            fields = FieldNames.of(dict(self.config.fields))
            escape_theme_meta(
                page.meta,
                review,
                title_keys=fields.paths("title"),
                author_keys=fields.paths("author"),
            )
            title = review.title
        else:
            return None
        if self.search_titles is not None:
            self.search_titles[src_uri] = title
        return None

    on_page_markdown = CombinedEvent(_give_meta, _escape_meta)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src_uri = page.file.src_uri
        if (listing := self.listings.get(src_uri)) is not None and self.site is not None:
            view, wanted = listing
            return _checked(view.render, wanted, page.url, self.site)
        if self.page_listings is not None and "<!--" in html:
            try:
                html, warnings = self.page_listings.expand(html, page.url, src_uri)
            except jinja2.TemplateError as error:
                raise PluginError(
                    f"bookreviews: template listing.html.j2 failed: {error}"
                ) from error
            for warning in warnings:
                log.warning(warning)
        review = self.library.reviews.get(src_uri)
        if review is None or self.renderer is None:
            return html
        header = _checked(self.renderer.header, review, page.url, heading=not has_own_heading(html))
        byline = search_line(review)
        self.headers[src_uri] = (byline, header)
        if self.reach is not None:
            self.reach.keep(review, html)
        return byline + (mark_quotes(html) if self.config.quotes else html)

    @event_priority(50)  # before search plugins (priority 0) index the page
    def _title_for_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.search_titles is not None and page.file.src_uri in self.search_titles:
            page.meta["title"] = self.search_titles[page.file.src_uri]
        return None

    @event_priority(-100)
    def _after_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        src_uri = page.file.src_uri
        if self.search_titles is not None and src_uri in self.search_titles:
            page.meta["title"] = escape(self.search_titles.pop(src_uri))  # for the theme
        # Search plugins index page.content (at priority 0), parsing every tag: they get the
        # one-line byline, and only then does the full header take its place.
        byline, header = self.headers.pop(src_uri, ("", ""))
        if header and page.content is not None:
            content = page.content
            if content.startswith(byline):
                content = content[len(byline) :]
            page.content = header + content
        return None

    on_page_context = CombinedEvent(_title_for_search, _after_search)

    # After Material's social plugin (50): the og: and twitter: tags it wrote are not repeated.
    @event_priority(-50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.reach.head(page.file.src_uri, output) if self.reach is not None else output

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if self.dirty:
            self.outputs = {file.abs_dest_path for file in files}
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for path, content in self.reach.feeds() if self.reach is not None else []:
            write_file(content, str(Path(config.site_dir) / path))
        if self.dirty and self.config.enabled:
            folders = [view.folder for view, _ in self.listings.values()]
            for gone in remove_stale_pages(Path(config.site_dir), set(folders), self.outputs):
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
        stale, self.header_targets = pages_to_rebuild(
            texts, self.library.reviews, links, self.header_targets, feed
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
        parses_before = self.cache.parses
        pages = []
        for file in files.documentation_pages():
            if not file.src_uri.startswith(prefix) or file.generated_by is not None:
                continue
            text = _read(file)
            if text is None:
                continue
            parsed = self.cache.parse(file.src_uri, text, keep=self.serving)
            self.sources[file.src_uri] = (text, parsed.meta)
            pages.append((file.src_uri, parsed))
        log.debug(
            f"parsed the front matter of {self.cache.parses - parses_before} of {len(pages)} pages"
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


def _checked(render: Any, *args: Any, **kwargs: Any) -> str:
    """Run a render call; a broken (user) template is a configuration error, not a crash."""
    try:
        return str(render(*args, **kwargs))
    except jinja2.TemplateError as error:
        where = getattr(error, "filename", None) or getattr(error, "name", None) or ""
        raise PluginError(f"bookreviews: template {where} failed: {error}") from error
