"""The MkDocs plugin: wires MkDocs' events to the review model, renderer and listing pages.

on_config   resets per-build state, loads templates, links the stylesheet;
on_files    reads every review's front matter into the library, warns about bad fields, and
            adds the stylesheet and genre pages as virtual files (nothing lands in docs_dir);
on_page_markdown  puts the header above each review and escapes what themes print raw;
on_page_content   gives the review's blockquotes the quote class.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import BookReviewsConfig
from .genres import Genre, group_by_genre
from .model import FieldNames, FrontMatter, Library, library_from_front_matter, split_front_matter
from .pages import ListingPages, genre_src_uri, overview_src_uri
from .render import (
    Links,
    Renderer,
    escape_theme_meta,
    has_own_heading,
    make_environment,
    mark_quotes,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

# Named after the plugin as users enable it, so warnings read "bookreviews: reviews/x.md: ...".
log = get_plugin_logger("bookreviews")

CSS_URI = "assets/bookreviews/bookreviews.css"
PACKAGE_CSS = Path(__file__).parent / "assets" / "bookreviews.css"


class BookReviewsPlugin(BasePlugin[BookReviewsConfig]):
    """Turns Markdown pages with a score in their front matter into book reviews."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.library = Library()
        self.generated: set[str] = set()
        self.unreadable: set[str] = set()
        # Kept across `mkdocs serve` rebuilds: src_uri -> ((mtime_ns, size), front matter).
        self._cache: dict[str, tuple[tuple[int, int], FrontMatter]] = {}
        self.reads = 0
        self.renderer: Renderer | None = None
        self.env: jinja2.Environment | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds.
        pass

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.library = Library()
        self.generated = set()
        self.unreadable = set()
        self.renderer = None
        if not self.config.enabled:
            return config
        if self.config.scale < 1:
            raise PluginError(f"bookreviews: scale must be 1 or more, not {self.config.scale}")
        genres_dir = posixpath.normpath(self.config.genres_dir.strip("/"))
        if genres_dir in (".", "") or genres_dir.startswith(".."):
            raise PluginError(
                f"bookreviews: genres_dir {self.config.genres_dir!r} must be a folder inside "
                "the site, like 'genres'"
            )
        self.config.genres_dir = genres_dir
        self.env = make_environment(self.config.templates_dir)
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
        fields = FieldNames(**dict(self.config.fields))
        self.library = library_from_front_matter(
            self._front_matter(files),
            fields=fields,
            scale=self.config.scale,
            known_files=files.src_uris,
        )
        for problem in self.library.problems:
            log.warning(problem.message)

        if self.config.css and files.get_file_from_path(CSS_URI) is None:
            files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_CSS)))
        genres = group_by_genre(self.library.reviews.values()) if self.config.genres else []
        planned = self._plan_listing_pages(genres, files, config)

        links = Links(
            files={uri: file.url for uri, file in files.src_uris.items()},
            genres={
                genre.slug: (
                    genre.name,
                    planned[genre_src_uri(self.config.genres_dir, genre.slug)].url,
                )
                for genre in genres
            },
        )
        self.renderer = Renderer(self.env, scale=self.config.scale, links=links)
        self._fill_listing_pages(genres, planned, links, fields)
        return files

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # MkDocs stops the whole build on a page that is not UTF-8; show it, mended, instead.
        if page.file.src_uri in self.unreadable:
            return page.file.content_bytes.decode("utf-8", errors="replace")
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src_uri = page.file.src_uri
        if src_uri in self.generated and "title" in page.meta:
            page.meta["title"] = escape(str(page.meta["title"]))
            return markdown
        review = self.library.reviews.get(src_uri)
        if review is None or self.renderer is None:
            return markdown
        fields = self.config.fields
        escape_theme_meta(page.meta, review, (fields.title, fields.author))
        header = self._render(
            self.renderer.header, review, page.url, heading=not has_own_heading(markdown)
        )
        return f"{header}\n\n{markdown}"

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.config.quotes and page.file.src_uri in self.library.reviews:
            return mark_quotes(html)
        return html

    def _front_matter(self, files: Files) -> list[tuple[str, FrontMatter]]:
        """The parsed front matter of every Markdown page in scope.

        Parsed once per file version: under `mkdocs serve` this instance outlives rebuilds, so
        a rebuild re-reads only the files whose modification time or size changed.
        """
        folder = self.config.reviews_dir.strip("/")
        prefix = folder + "/" if folder else ""
        pages = []
        self.reads = 0
        for file in files.documentation_pages():
            if not file.src_uri.startswith(prefix) or file.generated_by is not None:
                continue
            stamp = _stamp(file.abs_src_path)
            cached = self._cache.get(file.src_uri)
            if stamp is not None and cached is not None and cached[0] == stamp:
                pages.append((file.src_uri, cached[1]))
                continue
            try:
                text = file.content_string
            except ValueError as error:
                log.warning(
                    f"{file.src_uri}: is not UTF-8 text ({error}); it is shown with the bad bytes "
                    "replaced: save it as UTF-8"
                )
                self.unreadable.add(file.src_uri)
                text = file.content_bytes.decode("utf-8", errors="replace")
            except OSError as error:
                log.warning(f"{file.src_uri}: cannot be read ({error})")
                continue
            self.reads += 1
            parsed = split_front_matter(text)
            if stamp is not None and file.src_uri not in self.unreadable:
                self._cache[file.src_uri] = (stamp, parsed)
            pages.append((file.src_uri, parsed))
        log.debug(f"read the front matter of {self.reads} of {len(pages)} pages")
        return pages

    def _plan_listing_pages(
        self, genres: list[Genre], files: Files, config: MkDocsConfig
    ) -> dict[str, File]:
        """Add a virtual file for the overview and each genre; a user's own page there wins."""
        if not self.config.genres:
            return {}
        taken = {file.url: file for file in files.documentation_pages()}
        planned: dict[str, File] = {}
        wanted = [(overview_src_uri(self.config.genres_dir), self.config.genres_title)]
        wanted += [(genre_src_uri(self.config.genres_dir, g.slug), g.name) for g in genres]
        for src_uri, name in wanted:
            file = File.generated(config, src_uri, content="")
            mine = files.get_file_from_path(src_uri) or taken.get(file.url)
            if mine is not None:
                log.warning(
                    f"{mine.src_uri}: your page is where the generated page for '{name}' would be "
                    "(it is kept and the generated one is left out); rename it or set genres_dir"
                )
                planned[src_uri] = mine
                continue
            files.append(file)
            planned[src_uri] = file
            self.generated.add(src_uri)
        return planned

    def _fill_listing_pages(
        self, genres: list[Genre], planned: dict[str, File], links: Links, fields: Any
    ) -> None:
        if self.renderer is None or not planned:
            return
        listing = ListingPages(self.renderer, links.files)
        overview_uri = overview_src_uri(self.config.genres_dir)
        overview_url = planned[overview_uri].url
        for genre in genres:
            src_uri = genre_src_uri(self.config.genres_dir, genre.slug)
            if src_uri in self.generated:
                file = planned[src_uri]
                file.content_string = self._render(
                    listing.genre_page, genre, file.url, overview_url
                )
        if overview_uri in self.generated:
            planned[overview_uri].content_string = self._render(
                listing.overview_page,
                genres,
                overview_url,
                {slug: url for slug, (_, url) in links.genres.items()},
                title=self.config.genres_title,
                genre_field=fields.genre,
            )

    @staticmethod
    def _render(render: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a render call; a broken (user) template is a configuration error."""
        try:
            return render(*args, **kwargs)
        except jinja2.TemplateError as error:
            where = getattr(error, "filename", None) or getattr(error, "name", None) or ""
            raise PluginError(f"bookreviews: template {where} failed: {error}") from error


def _stamp(path: str | None) -> tuple[int, int] | None:
    """What tells one version of a file from the next: its modification time and size."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)
