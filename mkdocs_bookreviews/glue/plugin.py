"""The MkDocs plugin: wires MkDocs' events to the glue modules beside it, and nothing more.

load_config       validates the options (config.settle: unknown keys and values MkDocs' types
                  let through are configuration errors, for the build and `bookreviews check`);
on_startup        notes `mkdocs serve` and `--dirty` in the plugin's `Session` (build.py), kept
                  across serve's rebuilds with the front-matter cache;
on_config         makes a fresh `Build` (build.py): templates loaded, the feed and head tags
                  set up (reach/), the stylesheet linked;
on_serve          watches `templates_dir`;
on_files          Build.add_files: reads every review's front matter into the library, warns
                  about bad fields, adds the stylesheet, every enabled view's pages (views/)
                  and the shelf's script as virtual files (files.py; nothing is written into
                  docs_dir); under --dirty, has MkDocs rebuild unchanged pages whose output
                  would change (dirty.py);
on_nav            Build.arrange_nav: the views' overviews side by side, in order (navigation.py);
on_page_read_source  pages.read_source: each review's text as already read, without the front
                  matter it has already parsed;
on_page_markdown  (first) pages.give_meta: that parsed front matter as the page's meta; then
                  pages.escape_meta: the front matter that themes print raw, escaped;
on_page_content   pages.render_content: each view renders its pages' bodies (after Markdown,
                  which never has to parse our HTML), listing markers in users' pages are
                  expanded (listings.py), each review's quotes are styled and a one-line byline
                  put above it;
on_env            under --dirty, notes every file this build writes;
on_page_context   pages.title_for_search (before search plugins index the page): the title as
                  text for MkDocs' own search; pages.after_search (after): the escaped title
                  back for the theme, and the full header in the byline's place;
on_post_page      adds the feed links, and on reviews JSON-LD and link-preview tags, to <head>
                  (reach/);
on_post_build     writes the feed; under --dirty, removes generated pages that are gone
                  (Build.remove_gone_pages, dirty.py); English is the active language again
                  (on_build_error too): the next build, or anything else in the process, starts
                  from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import write_file

from .. import language
from .build import Build, Session
from .config import BookReviewsConfig, settle
from .pages import (
    after_search,
    escape_meta,
    give_meta,
    read_source,
    render_content,
    title_for_search,
)

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


class BookReviewsPlugin(BasePlugin[BookReviewsConfig]):
    """Turns Markdown pages with a score in their front matter into book reviews."""

    supports_multiple_instances = False
    build: Build  # this build's state, made fresh in on_config

    def __init__(self) -> None:
        self.session = Session()  # kept across `mkdocs serve` rebuilds
        self.written: frozenset[str] = frozenset()  # the options mkdocs.yml gives

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[Any]]:
        # The one validation of the options (config.settle), for the build and the command:
        # MkDocs reports each error it returns and stops before any event runs.
        errors, warnings = super().load_config(options, config_file_path)
        self.written = frozenset(key for key in options if isinstance(key, str))
        return settle(self.config, errors, warnings)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds; only
        # then is what one build parsed worth keeping for the next.
        self.session.serving = command == "serve"
        self.session.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.build = Build.start(self.config, config, self.session, written=self.written)
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.build.add_files(files, config)
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if config.nav is None:  # an explicit nav is the user's own
            self.build.arrange_nav(nav)
        return nav

    # MkDocs warns when a second plugin reads pages itself; that plugin's text then wins (it runs
    # after this one) and give_meta leaves its page alone.
    @event_priority(100)
    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return read_source(self.build, page)

    @event_priority(100)  # first, so that every other plugin sees the page's meta
    def _give_meta(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        give_meta(self.build, page, markdown)
        return None

    def _escape_meta(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        escape_meta(self.build, page)
        return None

    on_page_markdown = CombinedEvent(_give_meta, _escape_meta)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        return render_content(self.build, html, page)

    @event_priority(50)  # before search plugins (priority 0) index the page
    def _title_for_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        title_for_search(self.build, page)
        return None

    @event_priority(-100)
    def _after_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        after_search(self.build, page)
        return None

    on_page_context = CombinedEvent(_title_for_search, _after_search)

    # After Material's social plugin (50): the og: and twitter: tags it wrote are not repeated.
    @event_priority(-50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        reach = self.build.reach
        return reach.head(page.file.src_uri, output) if reach is not None else output

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if self.session.dirty:
            self.build.outputs = {file.abs_dest_path for file in files}
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            for path, content in self.build.feeds():
                write_file(content, str(Path(config.site_dir) / path))
            if self.session.dirty and self.config.enabled:
                self.build.remove_gone_pages(config.site_dir)
        finally:
            language.reset()

    def on_build_error(self, *, error: Exception) -> None:
        language.reset()
